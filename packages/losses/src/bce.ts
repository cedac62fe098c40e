// Binary cross-entropy: on probabilities (torch.nn.functional.binary_cross_entropy) and on
// logits (binary_cross_entropy_with_logits). The elementwise part of each is an
// AutogradFunction with PyTorch's backward formula, which stays finite where autograd through
// the clamped logs (or through softplus's kinks) would give NaN or a wrong subgradient; the
// class weight and the reduction are tensor ops.
import { AutogradFunction, type FunctionArg, type FunctionCtx } from "@tsgrad/autograd";
import { broadcastShapes, fmtShape, ShapeError, type Tensor, ValueError } from "@tsgrad/tensor";
import {
  checkLossArgs,
  checkPair,
  optionalTensor,
  type ReductionOptions,
  reduce,
  sameShape,
} from "./reduction.js";

/** PyTorch clamps BCE's logs at −100 so that probabilities of exactly 0 or 1 give finite losses. */
const LOG_MIN = -100;
/** PyTorch's lower bound on x·(1 − x) in BCE's gradient: 1e-12 rounded to float32, as it has. */
const GRAD_EPS = Math.fround(1e-12);

/** −(t·max(log x, −100) + (1 − t)·max(log(1 − x), −100)), elementwise, same shapes. */
class BinaryCrossEntropy extends AutogradFunction {
  static override forward(ctx: FunctionCtx, ...args: FunctionArg[]): Tensor {
    const x = args[0] as Tensor;
    const t = args[1] as Tensor;
    const logX = x.log().clamp(LOG_MIN);
    const log1mX = x.neg().add(1).log().clamp(LOG_MIN);
    ctx.saveForBackward(x, t);
    ctx.data.logX = logX;
    ctx.data.log1mX = log1mX;
    return t.mul(logX).add(t.neg().add(1).mul(log1mX)).neg();
  }

  static override backward(ctx: FunctionCtx, grad: Tensor): (Tensor | null)[] {
    const [x, t] = ctx.savedTensors as [Tensor, Tensor];
    // d/dx: (x − t) / max(x(1 − x), 1e-12), as PyTorch's binary_cross_entropy_backward.
    const gx = ctx.needsInputGrad[0] ? grad.mul(x.sub(t)).div(x.mul(x.neg().add(1)).clamp(GRAD_EPS)) : null;
    // d/dt of the (clamped) forward: max(log(1 − x), −100) − max(log x, −100).
    const gt = ctx.needsInputGrad[1]
      ? grad.mul((ctx.data.log1mX as Tensor).sub(ctx.data.logX as Tensor))
      : null;
    return [gx, gt];
  }
}

/** log(1 + e^(−x)) computed stably: max(−x, 0) + log1p(e^(−|x|)). */
function softplusNeg(x: Tensor): Tensor {
  return x.neg().relu().add(x.abs().neg().exp().log1p());
}

/**
 * (1 − t)·x + (1 + (posWeight − 1)·t)·log(1 + e^(−x)), elementwise: PyTorch's stable form of
 * −(posWeight·t·log σ(x) + (1 − t)·log(1 − σ(x))). posWeight may be null (all ones).
 */
class BinaryCrossEntropyWithLogits extends AutogradFunction {
  static override forward(ctx: FunctionCtx, ...args: FunctionArg[]): Tensor {
    const x = args[0] as Tensor;
    const t = args[1] as Tensor;
    const pw = (args[2] ?? null) as Tensor | null;
    const sp = softplusNeg(x);
    ctx.saveForBackward(...(pw === null ? [x, t] : [x, t, pw]));
    ctx.data.sp = sp;
    const linear = t.neg().add(1).mul(x);
    return linear.add(pw === null ? sp : pw.sub(1).mul(t).add(1).mul(sp));
  }

  static override backward(ctx: FunctionCtx, grad: Tensor): (Tensor | null)[] {
    const [x, t, pw] = ctx.savedTensors as [Tensor, Tensor, Tensor | undefined];
    const sp = ctx.data.sp as Tensor;
    // d/dx = (1 − t) − (1 + (pw − 1)·t)·σ(−x); with pw = 1 this is σ(x) − t.
    let gx: Tensor | null = null;
    if (ctx.needsInputGrad[0]) {
      gx =
        pw === undefined
          ? grad.mul(x.sigmoid().sub(t))
          : grad.mul(t.neg().add(1).sub(pw.sub(1).mul(t).add(1).mul(x.neg().sigmoid())));
    }
    // d/dt = −x + (pw − 1)·softplus(−x);  d/dpw = t·softplus(−x).
    let gt: Tensor | null = null;
    if (ctx.needsInputGrad[1]) gt = grad.mul(pw === undefined ? x.neg() : pw.sub(1).mul(sp).sub(x));
    const gpw = pw !== undefined && ctx.needsInputGrad[2] ? grad.mul(t).mul(sp) : null;
    return [gx, gt, gpw];
  }
}

/** A weight must broadcast to the input's shape without growing it. */
function checkBroadcastTo(op: string, arg: string, w: Tensor, input: Tensor): void {
  let ok = true;
  try {
    ok = sameShape(broadcastShapes(op, w.shape, input.shape), input.shape);
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new ShapeError(
      `${op}: ${arg} with shape ${fmtShape(w.shape)} doesn't broadcast to the input's shape ${fmtShape(input.shape)}`,
    );
  }
}

/** Options of {@link bceLoss} and {@link BCELoss}. */
export interface BCELossOptions extends ReductionOptions {
  /** A manual rescaling weight, broadcast to the input's shape. */
  weight?: Tensor | null;
}

/**
 * Binary cross-entropy on probabilities, torch.nn.functional.binary_cross_entropy:
 * −w·(t·log x + (1 − t)·log(1 − x)), each log clamped at −100 as in PyTorch, so
 * probabilities of exactly 0 or 1 give finite losses and gradients. `input` must lie in [0, 1]
 * (a ValueError otherwise); prefer `bceWithLogitsLoss` on raw scores, which is stabler.
 */
export function bceLoss(input: Tensor, target: Tensor, options: BCELossOptions = {}): Tensor {
  const op = "bceLoss";
  const reduction = checkLossArgs(op, input, target, options, ["reduction", "weight"]);
  const weight = optionalTensor(op, "weight", options.weight);
  checkPair(op, input, target);
  const values = input.toTypedArray();
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= 0 && v <= 1)) {
      throw new ValueError(`${op}: all elements of input should be between 0 and 1, got ${v}`);
    }
  }
  let loss = BinaryCrossEntropy.apply(input, target);
  if (weight !== null) {
    checkBroadcastTo(op, "weight", weight, input);
    loss = loss.mul(weight);
  }
  return reduce(loss, reduction);
}

/** Options of {@link bceWithLogitsLoss} and {@link BCEWithLogitsLoss}. */
export interface BCEWithLogitsLossOptions extends BCELossOptions {
  /** A weight of the positive examples, broadcast along the last (class) dim; > 1 raises recall. */
  posWeight?: Tensor | null;
}

/**
 * Binary cross-entropy on logits, torch.nn.functional.binary_cross_entropy_with_logits:
 * −w·(posWeight·t·log σ(x) + (1 − t)·log(1 − σ(x))), computed in the stable form
 * (1 − t)·x + (1 + (posWeight − 1)·t)·log(1 + e^(−x)): logits of ±1000 give finite losses and
 * gradients.
 */
export function bceWithLogitsLoss(
  input: Tensor,
  target: Tensor,
  options: BCEWithLogitsLossOptions = {},
): Tensor {
  const op = "bceWithLogitsLoss";
  const reduction = checkLossArgs(op, input, target, options, ["reduction", "weight", "posWeight"]);
  const weight = optionalTensor(op, "weight", options.weight);
  const posWeight = optionalTensor(op, "posWeight", options.posWeight);
  checkPair(op, input, target);
  if (posWeight !== null) checkBroadcastTo(op, "posWeight", posWeight, input);
  let loss = BinaryCrossEntropyWithLogits.apply(input, target, posWeight);
  if (weight !== null) {
    checkBroadcastTo(op, "weight", weight, input);
    loss = loss.mul(weight);
  }
  return reduce(loss, reduction);
}
