// The three figures as SVG line charts: the losses, their derivatives by autograd, and d2l's
// normal densities. Each series is named by its legend label, which the SVG keeps as the
// path's data-name.
import { lineChartSvg, type Series } from "@tsgrad/plot";
import type { LossCurve } from "./curves.js";
import type { NormalCurve } from "./gaussian.js";

const points = (xs: readonly number[], ys: readonly number[]): [number, number][] =>
  xs.map((x, i) => [x, ys[i]!]);

/** The losses against the prediction ŷ, for target y. */
export function lossChart(xs: readonly number[], curves: readonly LossCurve[], y: number): string {
  const series: Series[] = curves.map((c) => ({ name: c.label, data: points(xs, c.loss) }));
  return lineChartSvg(series, {
    title: `loss functions, target y = ${y}`,
    xlabel: "prediction ŷ",
    ylabel: "loss",
    legend: "upper center",
  });
}

/**
 * dl/dŷ from backward(). The squared loss's derivative grows with the error (ŷ − y), so an
 * outlier pulls hard; L1's is ±1 whatever the error; Huber's is the squared one's up to δ,
 * then L1's scaled by δ.
 */
export function derivativeChart(xs: readonly number[], curves: readonly LossCurve[], y: number): string {
  const series: Series[] = curves.map((c) => ({ name: c.label, data: points(xs, c.grad) }));
  return lineChartSvg(series, {
    title: `derivatives dl/dŷ by autograd, target y = ${y}`,
    xlabel: "prediction ŷ",
    ylabel: "dl/dŷ",
    legend: "upper left",
  });
}

/** d2l 3.1.3's figure: xlabel 'x', ylabel 'p(x)', legend "mean μ, std σ". */
export function normalChart(xs: readonly number[], curves: readonly NormalCurve[]): string {
  const series: Series[] = curves.map((c) => ({ name: c.label, data: points(xs, c.pdf) }));
  return lineChartSvg(series, { title: "normal distributions", xlabel: "x", ylabel: "p(x)" });
}
