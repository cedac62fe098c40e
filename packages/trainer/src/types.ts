import { checkTensor, fmtValue, Tensor, ValueError } from "@tsgrad/tensor";
import { checkLoss } from "./args.js";

/** A model: anything with forward (an nn Module, or a plain object for scratch code). */
export interface Net {
  /** The model's output (scores, logits or predictions) for a batch of features. */
  forward(x: Tensor): Tensor;
  /** Modules have train()/eval(); scratch nets may not. */
  train?(mode?: boolean): unknown;
  /** Whether the model is in training mode, as `Module.training`. */
  training?: boolean;
}

/** A loss: a function (yHat, y) → Tensor, or a loss module with forward. */
export type LossLike =
  | ((yHat: Tensor, y: Tensor) => Tensor)
  | {
      /** The loss of predictions `yHat` against targets `y`, as a loss module's `forward`. */
      forward(yHat: Tensor, y: Tensor): Tensor;
    };

/** A built-in optimizer (SGD, Adam...), as far as the loop needs one. */
export interface OptimizerLike {
  /** Updates the parameters from their gradients (`optimizer.step()`). */
  step(): void;
  /** Resets the gradients before the next backward pass (`optimizer.zero_grad()`). */
  zeroGrad(options?: { setToNone?: boolean }): void;
  /** The parameter groups, read for the learning rate shown in messages. */
  readonly paramGroups?: readonly { readonly lr: number }[];
}

/**
 * d2l's two kinds of updater: a built-in optimizer (`loss.mean().backward(); step()`), or a
 * hand-written function of the batch size (`loss.sum().backward(); updater(batchSize)`).
 */
export type Updater = OptimizerLike | ((batchSize: number) => void);

/** Batches of [X, y]: a DataLoader, an array, a generator... */
export type Batches = Iterable<readonly [Tensor, Tensor]>;

/** `loss(yHat, y)` for a function, `loss.forward(yHat, y)` for a loss module. */
export function callLoss(loss: LossLike, yHat: Tensor, y: Tensor): Tensor {
  const fn = "callLoss";
  checkLoss(fn, loss);
  checkTensor(fn, "yHat", yHat);
  checkTensor(fn, "y", y);
  return applyLoss(fn, loss, yHat, y);
}

/** `callLoss` without the argument checks (the training loop checks once per call). */
export function applyLoss(fn: string, loss: LossLike, yHat: Tensor, y: Tensor): Tensor {
  const l = typeof loss === "function" ? loss(yHat, y) : loss.forward(yHat, y);
  if (!(l instanceof Tensor)) throw new ValueError(`${fn}: loss must return a tensor, got ${fmtValue(l)}`);
  return l;
}

export function isOptimizer(u: Updater): u is OptimizerLike {
  return typeof u !== "function";
}

/** The learning rate to report in messages, when the updater has one. */
export function learningRateOf(u: Updater): number | undefined {
  return isOptimizer(u) ? u.paramGroups?.[0]?.lr : undefined;
}
