// Regression losses: d2l's squared loss, and PyTorch's mse_loss, l1_loss, huber_loss and
// smooth_l1_loss. All are composed of tensor ops, so their gradients come from autograd.
import {
  argError,
  checkTensor,
  DTypeError,
  fmtShape,
  isFloating,
  ShapeError,
  type Tensor,
  ValueError,
  where,
} from "@tsgrad/tensor";
import {
  checkLossArgs,
  checkLossOptions,
  checkPair,
  checkReduction,
  type ReductionOptions,
  reduce,
} from "./reduction.js";

/**
 * d2l's `squared_loss`: ½(ŷ − y)², with `y` reshaped to `yHat`'s shape first (so a label
 * vector [n] meets predictions [n, 1] elementwise). Unlike the PyTorch losses its reduction
 * defaults to 'none', as in d2l, where the training loop calls `.sum()` itself.
 */
export function squaredLoss(yHat: Tensor, y: Tensor, options: ReductionOptions = {}): Tensor {
  const op = "squaredLoss";
  checkTensor(op, "yHat", yHat);
  checkTensor(op, "y", y);
  checkLossOptions(op, options, ["reduction"]);
  const reduction = checkReduction(op, options.reduction, "none");
  if (!isFloating(yHat.dtype)) {
    throw new DTypeError(`${op}: expected a floating-point input, got ${yHat.dtype} ${fmtShape(yHat.shape)}`);
  }
  if (!isFloating(y.dtype)) {
    throw new DTypeError(`${op}: expected a floating-point target, got ${y.dtype} ${fmtShape(y.shape)}`);
  }
  if (y.numel() !== yHat.numel()) {
    throw new ShapeError(
      `${op}: target with shape ${fmtShape(y.shape)} (${y.numel()} elements) cannot be reshaped to ` +
        `the input's shape ${fmtShape(yHat.shape)} (${yHat.numel()} elements)`,
    );
  }
  const d = yHat.sub(y.reshape(yHat.shape));
  return reduce(d.mul(d).div(2), reduction);
}

/** Mean squared error (ŷ − y)², torch.nn.functional.mse_loss. */
export function mseLoss(input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor {
  const reduction = checkLossArgs("mseLoss", input, target, options, ["reduction"]);
  checkPair("mseLoss", input, target);
  const d = input.sub(target);
  return reduce(d.mul(d), reduction);
}

/** Mean absolute error |ŷ − y|, torch.nn.functional.l1_loss. */
export function l1Loss(input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor {
  const reduction = checkLossArgs("l1Loss", input, target, options, ["reduction"]);
  checkPair("l1Loss", input, target);
  return reduce(input.sub(target).abs(), reduction);
}

/**
 * A threshold of huberLoss or smoothL1Loss: a finite number above (or, `zeroOk`, at least) 0.
 * Infinity is refused: its linear branch is NaN in the backward pass.
 */
function threshold(op: string, name: string, v: unknown, zeroOk: boolean): number {
  if (typeof v !== "number") throw argError(op, name, "a number", v);
  if (!(zeroOk ? v >= 0 : v > 0)) {
    throw new ValueError(`${op}: ${name} must be ${zeroOk ? "non-negative" : "positive"}, got ${v}`);
  }
  if (!Number.isFinite(v)) throw new ValueError(`${op}: ${name} must be finite, got ${v}`);
  return v;
}

/** huberLoss's delta (default 1), checked. */
export function huberDelta(op: string, delta: unknown): number {
  return threshold(op, "delta", delta ?? 1, false);
}

/** smoothL1Loss's beta (default 1), checked. */
export function smoothL1Beta(op: string, beta: unknown): number {
  return threshold(op, "beta", beta ?? 1, true);
}

/** Options of {@link huberLoss} and {@link HuberLoss}. */
export interface HuberLossOptions extends ReductionOptions {
  /** Where the loss turns from quadratic to linear; > 0, default 1. */
  delta?: number;
}

/**
 * Huber loss, torch.nn.functional.huber_loss: ½d² where |d| < delta, else
 * delta·(|d| − ½delta), with d = ŷ − y.
 */
export function huberLoss(input: Tensor, target: Tensor, options: HuberLossOptions = {}): Tensor {
  const op = "huberLoss";
  const reduction = checkLossArgs(op, input, target, options, ["reduction", "delta"]);
  const delta = huberDelta(op, options.delta);
  checkPair(op, input, target);
  const d = input.sub(target);
  const a = d.abs();
  const loss = where(a.lt(delta), d.mul(d).mul(0.5), a.sub(0.5 * delta).mul(delta));
  return reduce(loss, reduction);
}

/** Options of {@link smoothL1Loss} and {@link SmoothL1Loss}. */
export interface SmoothL1LossOptions extends ReductionOptions {
  /** Where the loss turns from quadratic to linear; ≥ 0 (0 is the L1 loss), default 1. */
  beta?: number;
}

/**
 * Smooth L1 loss, torch.nn.functional.smooth_l1_loss: ½d²/beta where |d| < beta, else
 * |d| − ½beta. It is the Huber loss divided by beta (beta = delta); beta = 0 is l1Loss.
 */
export function smoothL1Loss(input: Tensor, target: Tensor, options: SmoothL1LossOptions = {}): Tensor {
  const op = "smoothL1Loss";
  const reduction = checkLossArgs(op, input, target, options, ["reduction", "beta"]);
  const beta = smoothL1Beta(op, options.beta);
  checkPair(op, input, target);
  const d = input.sub(target);
  const a = d.abs();
  // beta = 0 is |d|, with PyTorch's subgradient −1 at d = 0 (its backward tests d <= −beta first).
  if (beta === 0) return reduce(where(d.le(0), d.neg(), d), reduction);
  const loss = where(a.lt(beta), d.mul(d).mul(0.5 / beta), a.sub(0.5 * beta));
  return reduce(loss, reduction);
}
