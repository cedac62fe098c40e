import { checkFinite, fmtValue, ValueError } from "@tsgrad/tensor";
import { currentLrs, LRScheduler, type SchedulableOptimizer, schedulerOptions } from "./lr-scheduler.js";

/** Options of {@link StepLR}, `torch.optim.lr_scheduler.StepLR`'s arguments. */
export interface StepLROptions {
  /** Period of the decay, in epochs (a positive integer). */
  stepSize: number;
  /** Multiplicative factor of the decay (default 0.1). */
  gamma?: number;
  /** The index of the last epoch, to resume a schedule (default -1: a fresh start). */
  lastEpoch?: number;
}

/** Multiplies each group's learning rate by `gamma` every `stepSize` epochs (torch's StepLR). */
export class StepLR extends LRScheduler {
  readonly stepSize: number;
  readonly gamma: number;

  constructor(optimizer: SchedulableOptimizer, options: StepLROptions) {
    const o = schedulerOptions<StepLROptions>("StepLR", optimizer, options, [
      "stepSize",
      "gamma",
      "lastEpoch",
    ]);
    const { stepSize, gamma = 0.1 } = o;
    if (!Number.isInteger(stepSize) || (stepSize as number) < 1) {
      throw new ValueError(`StepLR: stepSize must be a positive integer, got ${fmtValue(stepSize)}`);
    }
    checkFinite("StepLR", "gamma", gamma, 0);
    super("StepLR", optimizer, o.lastEpoch ?? -1);
    this.stepSize = stepSize as number;
    this.gamma = gamma;
    this.initialStep();
  }

  protected getLr(): number[] {
    if (this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0) return currentLrs(this.optimizer);
    return currentLrs(this.optimizer).map((lr) => lr * this.gamma);
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((lr) => lr * this.gamma ** Math.floor(this.lastEpoch / this.stepSize));
  }
}
