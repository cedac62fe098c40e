import { argError, fmtValue, ValueError } from "@tsgrad/tensor";
import { currentLrs, LRScheduler, type SchedulableOptimizer, schedulerOptions } from "./lr-scheduler.js";

/** Options of {@link LinearLR}, `torch.optim.lr_scheduler.LinearLR`'s arguments. */
export interface LinearLROptions {
  /** Factor of the initial learning rate at epoch 0, in (0, 1] (default 1/3). */
  startFactor?: number;
  /** Factor reached after `totalIters` epochs, in [0, 1] (default 1). */
  endFactor?: number;
  /** Epochs over which the factor changes linearly (default 5). */
  totalIters?: number;
  /** The index of the last epoch, to resume a schedule (default -1: a fresh start). */
  lastEpoch?: number;
}

/**
 * Changes each group's learning rate linearly from `startFactor` to `endFactor` times its initial
 * value over `totalIters` epochs, then keeps it (torch's LinearLR). With the defaults this is a
 * linear warm-up: `new LinearLR(opt, { startFactor: 0.1, totalIters: 5 })`.
 */
export class LinearLR extends LRScheduler {
  readonly startFactor: number;
  readonly endFactor: number;
  readonly totalIters: number;

  constructor(optimizer: SchedulableOptimizer, options: LinearLROptions = {}) {
    const name = "LinearLR";
    const o = schedulerOptions<LinearLROptions>(name, optimizer, options, [
      "startFactor",
      "endFactor",
      "totalIters",
      "lastEpoch",
    ]);
    const { startFactor = 1 / 3, endFactor = 1, totalIters = 5 } = o;
    // Kinds first: a string such as "0.5" would pass the range tests by coercion.
    if (typeof startFactor !== "number") throw argError(name, "startFactor", "a number", startFactor);
    if (typeof endFactor !== "number") throw argError(name, "endFactor", "a number", endFactor);
    if (!(startFactor > 0 && startFactor <= 1)) {
      throw new ValueError(
        "LinearLR: Starting multiplicative factor expected to be greater than 0 and less or equal to 1.",
      );
    }
    if (!(endFactor >= 0 && endFactor <= 1)) {
      throw new ValueError("LinearLR: Ending multiplicative factor expected to be between 0 and 1.");
    }
    if (!Number.isInteger(totalIters) || totalIters < 1) {
      throw new ValueError(`LinearLR: totalIters must be a positive integer, got ${fmtValue(totalIters)}`);
    }
    super(name, optimizer, o.lastEpoch ?? -1);
    this.startFactor = startFactor;
    this.endFactor = endFactor;
    this.totalIters = totalIters;
    this.initialStep();
  }

  protected getLr(): number[] {
    const lrs = currentLrs(this.optimizer);
    if (this.lastEpoch === 0) return lrs.map((lr) => lr * this.startFactor);
    if (this.lastEpoch > this.totalIters) return lrs;
    const delta = this.endFactor - this.startFactor;
    const factor = 1 + delta / (this.totalIters * this.startFactor + (this.lastEpoch - 1) * delta);
    return lrs.map((lr) => lr * factor);
  }

  protected override closedFormLr(): number[] {
    const progress = Math.min(this.totalIters, this.lastEpoch) / this.totalIters;
    return this.baseLrs.map(
      (base) => base * (this.startFactor + (this.endFactor - this.startFactor) * progress),
    );
  }
}
