import type { Tensor } from "@tsgrad/tensor";

/** A model: anything with forward (an nn Module, or a plain object for scratch code). */
export interface Net {
  forward(x: Tensor): Tensor;
  /** Modules have train()/eval(); scratch nets may not. */
  train?(mode?: boolean): unknown;
  training?: boolean;
}

/** A loss: a function (yHat, y) → Tensor, or a loss module with forward. */
export type LossLike = ((yHat: Tensor, y: Tensor) => Tensor) | { forward(yHat: Tensor, y: Tensor): Tensor };

/** A built-in optimizer (SGD, Adam...), as far as the loop needs one. */
export interface OptimizerLike {
  step(): void;
  zeroGrad(options?: { setToNone?: boolean }): void;
  readonly paramGroups?: readonly { readonly lr: number }[];
}

/**
 * d2l's two kinds of updater: a built-in optimizer (`loss.mean().backward(); step()`), or a
 * hand-written function of the batch size (`loss.sum().backward(); updater(batchSize)`).
 */
export type Updater = OptimizerLike | ((batchSize: number) => void);

/** Batches of [X, y]: a DataLoader, an array, a generator... (async ones too, in `train`). */
export type Batches = Iterable<readonly [Tensor, Tensor]>;

export function callLoss(loss: LossLike, yHat: Tensor, y: Tensor): Tensor {
  return typeof loss === "function" ? loss(yHat, y) : loss.forward(yHat, y);
}

export function isOptimizer(u: Updater): u is OptimizerLike {
  return typeof u !== "function";
}

/** The learning rate to report in messages, when the updater has one. */
export function learningRateOf(u: Updater): number | undefined {
  return isOptimizer(u) ? u.paramGroups?.[0]?.lr : undefined;
}
