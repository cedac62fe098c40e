// The three regression losses of the figures, each evaluated elementwise over a grid of
// predictions ŷ for one target y, with its derivative dl/dŷ taken by autograd: as d2l does
// for any function it plots, `yHat.requires_grad_()`, `l.backward(torch.ones_like(l))`,
// `yHat.grad`. The derivatives are never written out by hand here; the tests compare them
// with the closed forms.
import "@tsgrad/autograd"; // installs the backward engine
import { huberLoss, l1Loss, squaredLoss } from "@tsgrad/losses";
import { fullLike, linspace, onesLike, type Tensor, tensor } from "@tsgrad/tensor";

export type LossName = "squared" | "l1" | "huber";

export const LOSS_NAMES: readonly LossName[] = ["squared", "l1", "huber"];

/** One loss over the grid: its values and its derivative with respect to ŷ, by autograd. */
export interface LossCurve {
  name: LossName;
  /** The legend's label, with the formula. */
  label: string;
  loss: number[];
  grad: number[];
}

/** A 1-D tensor's values as plain numbers. */
export function values(t: Tensor): number[] {
  return Array.from(t.toTypedArray(), Number);
}

/** `n` evenly spaced predictions from `lo` to `hi`, both included (torch.linspace, in float64). */
export function grid(lo: number, hi: number, n: number): number[] {
  return values(linspace(lo, hi, n, { dtype: "float64" }));
}

/** The legend's labels: each loss with the formula it computes. */
export function lossLabel(name: LossName, delta: number): string {
  switch (name) {
    case "squared":
      return "squared ½(ŷ − y)²";
    case "l1":
      return "L1 |ŷ − y|";
    case "huber":
      return `Huber, δ = ${delta}`;
  }
}

/**
 * The library's own losses with reduction 'none', one loss per prediction. squaredLoss is d2l's
 * ½(ŷ − y)² (and reduces nothing by default); l1Loss and huberLoss are PyTorch's, whose
 * default 'mean' would fold the curve into one number.
 */
function elementwise(name: LossName, yHat: Tensor, y: Tensor, delta: number): Tensor {
  switch (name) {
    case "squared":
      return squaredLoss(yHat, y, { reduction: "none" });
    case "l1":
      return l1Loss(yHat, y, { reduction: "none" });
    case "huber":
      return huberLoss(yHat, y, { reduction: "none", delta });
  }
}

/**
 * Each loss at the predictions `xs` for target `y`, in float64 (so the curves carry no float32
 * rounding), with dl/dŷ from backward(): a fresh leaf per loss, so no gradient accumulates
 * from one loss into the next.
 */
export function lossCurves(xs: readonly number[], y: number, delta: number): LossCurve[] {
  return LOSS_NAMES.map((name) => {
    const yHat = tensor([...xs], { dtype: "float64", requiresGrad: true });
    const target = fullLike(yHat, y);
    const l = elementwise(name, yHat, target, delta);
    // A vector has no scalar gradient: backward takes dl/dl = 1 per element, as PyTorch does
    // with `l.backward(gradient=torch.ones_like(l))`; each ŷ_i touches only l_i, so ŷ.grad is
    // the derivative of the curve at every point.
    l.backward(onesLike(l));
    const grad = yHat.grad;
    if (grad === null) throw new Error(`${name}: backward left no gradient on ŷ`);
    return {
      name,
      label: lossLabel(name, delta),
      loss: values(l.detach()),
      grad: values(grad),
    };
  });
}
