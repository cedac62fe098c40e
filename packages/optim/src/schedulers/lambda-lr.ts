import { argError, fmtValue, ValueError } from "@tsgrad/tensor";
import { LRScheduler, type SchedulableOptimizer, schedulerOptions } from "./lr-scheduler.js";

/** A multiplicative factor of the initial learning rate, from the epoch index. */
export type LrLambda = (epoch: number) => number;

/** Options of {@link LambdaLR}, `torch.optim.lr_scheduler.LambdaLR`'s arguments. */
export interface LambdaLROptions {
  /** One function for every group, or one per group. */
  lrLambda: LrLambda | readonly LrLambda[];
  /** The index of the last epoch, to resume a schedule (default -1: a fresh start). */
  lastEpoch?: number;
}

/**
 * Sets each group's learning rate to its initial one times `lrLambda(epoch)` (torch's LambdaLR).
 * The functions are not part of the state dict: pass the same ones when resuming.
 */
export class LambdaLR extends LRScheduler {
  readonly lrLambdas: readonly LrLambda[];

  constructor(optimizer: SchedulableOptimizer, options: LambdaLROptions) {
    const o = schedulerOptions<LambdaLROptions>("LambdaLR", optimizer, options, ["lrLambda", "lastEpoch"]);
    const n = optimizer.paramGroups.length;
    const { lrLambda } = o;
    if (typeof lrLambda !== "function") {
      if (!Array.isArray(lrLambda) || !lrLambda.every((f) => typeof f === "function")) {
        throw argError("LambdaLR", "lrLambda", "a function or an array of functions", lrLambda);
      }
      if (lrLambda.length !== n)
        throw new ValueError(`LambdaLR: Expected ${n} lrLambdas, but got ${lrLambda.length}`);
    }
    super("LambdaLR", optimizer, o.lastEpoch ?? -1);
    this.lrLambdas =
      typeof lrLambda === "function" ? Array.from({ length: n }, () => lrLambda) : [...lrLambda];
    this.initialStep();
  }

  protected getLr(): number[] {
    return this.baseLrs.map((base, i) => {
      const factor: unknown = this.lrLambdas[i]!(this.lastEpoch);
      // Checked once per step and group: a NaN or a string would make every later step NaN.
      if (typeof factor !== "number" || !Number.isFinite(factor)) {
        throw new ValueError(
          `LambdaLR: lrLambda returned ${fmtValue(factor)} for epoch ${this.lastEpoch}; expected a finite number`,
        );
      }
      return base * factor;
    });
  }
}
