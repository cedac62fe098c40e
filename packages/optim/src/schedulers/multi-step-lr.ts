import { checkFinite } from "@tsgrad/tensor";
import {
  checkIntegers,
  currentLrs,
  LRScheduler,
  type SchedulableOptimizer,
  schedulerOptions,
} from "./lr-scheduler.js";

/** Options of {@link MultiStepLR}, `torch.optim.lr_scheduler.MultiStepLR`'s arguments. */
export interface MultiStepLROptions {
  /** Epochs at which the learning rate decays; a milestone listed twice decays twice. */
  milestones: readonly number[];
  /** Multiplicative factor of the decay (default 0.1). */
  gamma?: number;
  /** The index of the last epoch, to resume a schedule (default -1: a fresh start). */
  lastEpoch?: number;
}

/** Multiplies each group's learning rate by `gamma` at each milestone (torch's MultiStepLR). */
export class MultiStepLR extends LRScheduler {
  /** How many times each milestone was listed (PyTorch's Counter). */
  readonly milestones: ReadonlyMap<number, number>;
  readonly gamma: number;

  constructor(optimizer: SchedulableOptimizer, options: MultiStepLROptions) {
    const name = "MultiStepLR";
    const o = schedulerOptions<MultiStepLROptions>(name, optimizer, options, [
      "milestones",
      "gamma",
      "lastEpoch",
    ]);
    const { milestones, gamma = 0.1 } = o;
    checkIntegers(name, "milestones", milestones);
    checkFinite(name, "gamma", gamma, 0);
    super(name, optimizer, o.lastEpoch ?? -1);
    const counts = new Map<number, number>();
    for (const m of milestones) counts.set(m, (counts.get(m) ?? 0) + 1);
    this.milestones = counts;
    this.gamma = gamma;
    this.initialStep();
  }

  protected getLr(): number[] {
    const count = this.milestones.get(this.lastEpoch);
    if (count === undefined) return currentLrs(this.optimizer);
    return currentLrs(this.optimizer).map((lr) => lr * this.gamma ** count);
  }

  protected override closedFormLr(): number[] {
    let passed = 0;
    for (const [m, count] of this.milestones) if (m <= this.lastEpoch) passed += count;
    return this.baseLrs.map((lr) => lr * this.gamma ** passed);
  }
}
