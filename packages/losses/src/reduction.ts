// The `reduction` option every loss takes, as in PyTorch: 'none' keeps one loss per element,
// 'mean' averages them, 'sum' adds them up.
import {
  argError,
  checkOptions,
  checkTensor,
  DTypeError,
  fmtShape,
  isFloating,
  ShapeError,
  Tensor,
  ValueError,
} from "@tsgrad/tensor";

/**
 * How a loss reduces its elementwise values, PyTorch's `reduction`: 'none' keeps one loss per
 * element, 'mean' averages them, 'sum' adds them up.
 */
export type Reduction = "none" | "mean" | "sum";

const REDUCTIONS: readonly string[] = ["none", "mean", "sum"];

/** Options shared by every loss. */
export interface ReductionOptions {
  /** 'none' (one loss per element), 'mean' (PyTorch's default) or 'sum'. */
  reduction?: Reduction;
}

/** The reduction, checked: anything but 'none', 'mean' or 'sum' is a ValueError naming the op. */
export function checkReduction(op: string, reduction: unknown, fallback: Reduction = "mean"): Reduction {
  if (reduction === undefined) return fallback;
  if (typeof reduction !== "string" || !REDUCTIONS.includes(reduction)) {
    throw new ValueError(
      `${op}: ${JSON.stringify(reduction)} is not a valid value for reduction; expected 'none', 'mean' or 'sum'`,
    );
  }
  return reduction as Reduction;
}

/**
 * An options object with only `known` keys (unknown ones are errors with "did you mean", never
 * ignored); a tensor is named as one, not as an object of unknown options.
 */
export function checkLossOptions(op: string, options: unknown, known: readonly string[]): void {
  if (options instanceof Tensor) throw argError(op, "options", "an object of options", options);
  checkOptions(op, "options", options, known);
}

/**
 * A loss function's arguments from plain JavaScript: tensors `input` and `target` and options
 * with `known` keys. Returns the checked reduction.
 */
export function checkLossArgs(
  op: string,
  input: unknown,
  target: unknown,
  options: unknown,
  known: readonly string[],
): Reduction {
  checkTensor(op, "input", input);
  checkTensor(op, "target", target);
  checkLossOptions(op, options, known);
  return checkReduction(op, (options as ReductionOptions | undefined)?.reduction);
}

/** An optional tensor option such as a class weight: undefined or null is none. */
export function optionalTensor(op: string, arg: string, v: unknown): Tensor | null {
  if (v === undefined || v === null) return null;
  checkTensor(op, arg, v);
  return v;
}

/** Applies a (checked) reduction to elementwise losses. */
export function reduce(loss: Tensor, reduction: Reduction): Tensor {
  if (reduction === "none") return loss;
  return reduction === "sum" ? loss.sum() : loss.mean();
}

/** Floating-point input and target of the same shape, as PyTorch's elementwise losses expect. */
export function checkPair(op: string, input: Tensor, target: Tensor): void {
  if (!isFloating(input.dtype)) {
    throw new DTypeError(
      `${op}: expected a floating-point input, got ${input.dtype} ${fmtShape(input.shape)}`,
    );
  }
  if (!isFloating(target.dtype)) {
    throw new DTypeError(
      `${op}: expected a floating-point target, got ${target.dtype} ${fmtShape(target.shape)} ` +
        "(class indices belong to crossEntropy or nllLoss; convert with .float() otherwise)",
    );
  }
  if (!sameShape(input.shape, target.shape)) {
    throw new ShapeError(
      `${op}: target with shape ${fmtShape(target.shape)} doesn't match input with shape ` +
        `${fmtShape(input.shape)}; reshape one of them (broadcasting them would silently give a ` +
        "loss over every pair)",
    );
  }
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
