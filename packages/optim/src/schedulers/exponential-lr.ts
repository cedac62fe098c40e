import { checkFinite } from "@tsgrad/tensor";
import { currentLrs, LRScheduler, type SchedulableOptimizer, schedulerOptions } from "./lr-scheduler.js";

/** Options of {@link ExponentialLR}, `torch.optim.lr_scheduler.ExponentialLR`'s arguments. */
export interface ExponentialLROptions {
  /** Multiplicative factor applied every epoch. */
  gamma: number;
  /** The index of the last epoch, to resume a schedule (default -1: a fresh start). */
  lastEpoch?: number;
}

/** Multiplies each group's learning rate by `gamma` every epoch (torch's ExponentialLR). */
export class ExponentialLR extends LRScheduler {
  readonly gamma: number;

  constructor(optimizer: SchedulableOptimizer, options: ExponentialLROptions) {
    const o = schedulerOptions<ExponentialLROptions>("ExponentialLR", optimizer, options, [
      "gamma",
      "lastEpoch",
    ]);
    checkFinite("ExponentialLR", "gamma", o.gamma, 0);
    super("ExponentialLR", optimizer, o.lastEpoch ?? -1);
    this.gamma = o.gamma;
    this.initialStep();
  }

  protected getLr(): number[] {
    if (this.lastEpoch === 0) return currentLrs(this.optimizer);
    return currentLrs(this.optimizer).map((lr) => lr * this.gamma);
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((lr) => lr * this.gamma ** this.lastEpoch);
  }
}
