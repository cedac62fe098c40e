// Computes the curves, prints a table of them (or one JSON summary) and writes the run's files:
// loss.svg, derivative.svg, normal.svg, report.html and summary.json.
import { join } from "node:path";
import { toJson } from "@tsgrad/example-kit";
import { saveFile } from "@tsgrad/plot";
import { derivativeChart, lossChart, normalChart } from "./charts.js";
import type { Options } from "./cli.js";
import { grid, type LossCurve, type LossName, lossCurves } from "./curves.js";
import { normalCurves } from "./gaussian.js";
import { fmt, reportHtml } from "./report.js";

export type Print = (line: string) => void;

/** Rows of the printed table: this many predictions across the range. */
export const TABLE_ROWS = 9;

export const FILE_NAMES = [
  "loss.svg",
  "derivative.svg",
  "normal.svg",
  "report.html",
  "summary.json",
] as const;
type FileName = (typeof FILE_NAMES)[number];

export interface Summary {
  event: "summary";
  example: "loss-functions";
  options: Omit<Options, "out" | "json">;
  dtype: "float64";
  /** Each loss and its autograd derivative at TABLE_ROWS predictions across the range. */
  table: ({ yHat: number } & Record<LossName, { loss: number; grad: number }>)[];
  /** Each normal density's highest value on the grid: 1/√(2πσ²), at x = μ. */
  normal: { mu: number; sigma: number; peak: number }[];
  files: string[];
}

const byName = <T>(curves: readonly LossCurve[], f: (c: LossCurve) => T) =>
  Object.fromEntries(curves.map((c) => [c.name, f(c)])) as Record<LossName, T>;

export async function run(o: Options, print: Print): Promise<Summary> {
  const [lo, hi] = o.range;
  const xs = grid(lo, hi, o.points);
  const curves = lossCurves(xs, o.target, o.delta);
  const tableXs = grid(lo, hi, TABLE_ROWS);
  const tableCurves = lossCurves(tableXs, o.target, o.delta);
  const normal = normalCurves();

  const charts = {
    loss: lossChart(xs, curves, o.target),
    derivative: derivativeChart(xs, curves, o.target),
    normal: normalChart(normal.x, normal.curves),
  };
  const files = FILE_NAMES.map((f) => join(o.out, f));
  const summary: Summary = {
    event: "summary",
    example: "loss-functions",
    options: { target: o.target, delta: o.delta, range: o.range, points: o.points },
    dtype: "float64",
    table: tableXs.map((yHat, i) => ({
      yHat,
      ...byName(tableCurves, (c) => ({ loss: c.loss[i]!, grad: c.grad[i]! })),
    })),
    normal: normal.curves.map((c) => ({ mu: c.mu, sigma: c.sigma, peak: Math.max(...c.pdf) })),
    files,
  };
  const report = reportHtml({
    facts: {
      "target y": o.target,
      "predictions ŷ": `${o.points} from ${lo} to ${hi}`,
      "Huber δ": o.delta,
      dtype: "float64",
      derivatives: "autograd: l.backward(onesLike(l)), then ŷ.grad",
    },
    charts,
    table: { xs: tableXs, curves: tableCurves },
    delta: o.delta,
  });
  // The file keeps every plotted point too.
  const points = {
    yHat: xs,
    losses: byName(curves, (c) => ({ loss: c.loss, grad: c.grad })),
    normal: { x: normal.x, pdf: Object.fromEntries(normal.curves.map((c) => [c.label, c.pdf])) },
  };
  const contents: Record<FileName, string> = {
    "loss.svg": charts.loss,
    "derivative.svg": charts.derivative,
    "normal.svg": charts.normal,
    "report.html": report,
    "summary.json": `${toJson({ ...summary, points }, 2)}\n`,
  };
  for (const name of FILE_NAMES) await saveFile(join(o.out, name), contents[name]);

  if (o.json) print(toJson(summary));
  else printText(o, tableXs, tableCurves, summary, print);
  return summary;
}

const SHORT: Record<LossName, string> = { squared: "squared", l1: "L1", huber: "Huber" };

function printText(o: Options, xs: number[], curves: LossCurve[], s: Summary, print: Print): void {
  print(
    `Loss functions (d2l 3.1.3) at target y = ${o.target}, predictions ŷ from ${o.range[0]} to ${o.range[1]} ` +
      `(${o.points} points, float64), Huber δ = ${o.delta}.`,
  );
  print("dl/dŷ by autograd: backward() of the elementwise losses with a ones gradient, then ŷ.grad.\n");
  const cell = (v: string) => v.padStart(10);
  print(["ŷ", ...curves.flatMap((c) => [SHORT[c.name], "dl/dŷ"])].map(cell).join(""));
  for (const [i, x] of xs.entries()) {
    print([x, ...curves.flatMap((c) => [c.loss[i]!, c.grad[i]!])].map((v) => cell(fmt(v))).join(""));
  }
  print("\nThe squared loss's derivative is the error ŷ − y: far-off predictions pull hardest.");
  print("L1's is the error's sign (PyTorch's subgradient 0 at ŷ = y): the same pull for any error.");
  print(`Huber's is the error clamped to [−δ, δ]: squared within δ = ${o.delta} of y, L1 (times δ) beyond.`);
  const peaks = s.normal.map((n) => `mean ${n.mu}, std ${n.sigma}: ${n.peak.toFixed(4)}`).join("; ");
  print(`\nNormal densities (d2l's figure), highest at x = μ, 1/√(2πσ²): ${peaks}.`);
  print(`\nwrote ${s.files.join(", ")}`);
}
