import { currentLrs, LRScheduler, type SchedulableOptimizer } from "./lr-scheduler.js";

export interface ExponentialLROptions {
  /** Multiplicative factor applied every epoch. */
  gamma: number;
  lastEpoch?: number;
}

/** Multiplies each group's learning rate by `gamma` every epoch (torch's ExponentialLR). */
export class ExponentialLR extends LRScheduler {
  readonly gamma: number;

  constructor(optimizer: SchedulableOptimizer, options: ExponentialLROptions) {
    super("ExponentialLR", optimizer, options.lastEpoch ?? -1);
    this.gamma = options.gamma;
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
