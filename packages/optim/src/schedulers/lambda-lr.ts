import { ValueError } from "@tsgrad/tensor";
import { LRScheduler, type SchedulableOptimizer } from "./lr-scheduler.js";

/** A multiplicative factor of the initial learning rate, from the epoch index. */
export type LrLambda = (epoch: number) => number;

export interface LambdaLROptions {
  /** One function for every group, or one per group. */
  lrLambda: LrLambda | readonly LrLambda[];
  lastEpoch?: number;
}

/**
 * Sets each group's learning rate to its initial one times `lrLambda(epoch)` (torch's LambdaLR).
 * The functions are not part of the state dict: pass the same ones when resuming.
 */
export class LambdaLR extends LRScheduler {
  readonly lrLambdas: readonly LrLambda[];

  constructor(optimizer: SchedulableOptimizer, options: LambdaLROptions) {
    const n = optimizer.paramGroups.length;
    const { lrLambda } = options;
    if (typeof lrLambda !== "function" && lrLambda.length !== n) {
      throw new ValueError(`LambdaLR: Expected ${n} lrLambdas, but got ${lrLambda.length}`);
    }
    super("LambdaLR", optimizer, options.lastEpoch ?? -1);
    this.lrLambdas =
      typeof lrLambda === "function" ? Array.from({ length: n }, () => lrLambda) : [...lrLambda];
    this.initialStep();
  }

  protected getLr(): number[] {
    return this.baseLrs.map((base, i) => base * this.lrLambdas[i]!(this.lastEpoch));
  }
}
