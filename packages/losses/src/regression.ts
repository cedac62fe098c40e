// Regression losses: d2l's squared loss, and PyTorch's mse_loss, l1_loss, huber_loss and
// smooth_l1_loss. All are composed of tensor ops, so their gradients come from autograd.
import { DTypeError, fmtShape, isFloating, ShapeError, type Tensor, ValueError, where } from "@tsgrad/tensor";
import { checkPair, checkReduction, type ReductionOptions, reduce } from "./reduction.js";

/**
 * d2l's `squared_loss`: ½(ŷ − y)², with `y` reshaped to `yHat`'s shape first (so a label
 * vector [n] meets predictions [n, 1] elementwise). Unlike the PyTorch losses its reduction
 * defaults to 'none', as in d2l, where the training loop calls `.sum()` itself.
 */
export function squaredLoss(yHat: Tensor, y: Tensor, options: ReductionOptions = {}): Tensor {
  const op = "squaredLoss";
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
  const reduction = checkReduction("mseLoss", options.reduction);
  checkPair("mseLoss", input, target);
  const d = input.sub(target);
  return reduce(d.mul(d), reduction);
}

/** Mean absolute error |ŷ − y|, torch.nn.functional.l1_loss. */
export function l1Loss(input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor {
  const reduction = checkReduction("l1Loss", options.reduction);
  checkPair("l1Loss", input, target);
  return reduce(input.sub(target).abs(), reduction);
}

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
  const reduction = checkReduction(op, options.reduction);
  const delta = options.delta ?? 1;
  if (!(delta > 0)) throw new ValueError(`${op}: delta must be positive, got ${delta}`);
  checkPair(op, input, target);
  const d = input.sub(target);
  const a = d.abs();
  const loss = where(a.lt(delta), d.mul(d).mul(0.5), a.sub(0.5 * delta).mul(delta));
  return reduce(loss, reduction);
}

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
  const reduction = checkReduction(op, options.reduction);
  const beta = options.beta ?? 1;
  if (!(beta >= 0)) throw new ValueError(`${op}: beta must be non-negative, got ${beta}`);
  checkPair(op, input, target);
  const d = input.sub(target);
  const a = d.abs();
  // beta = 0 is |d|, with PyTorch's subgradient −1 at d = 0 (its backward tests d <= −beta first).
  if (beta === 0) return reduce(where(d.le(0), d.neg(), d), reduction);
  const loss = where(a.lt(beta), d.mul(d).mul(0.5 / beta), a.sub(0.5 * beta));
  return reduce(loss, reduction);
}
