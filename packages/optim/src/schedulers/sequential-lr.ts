import { argError, checkInt, ValueError } from "@tsgrad/tensor";
import { isRecord } from "../optimizer.js";
import {
  checkIntegers,
  LRScheduler,
  type LRSchedulerStateDict,
  type SchedulableOptimizer,
  type Scheduler,
  schedulerOptions,
} from "./lr-scheduler.js";

/** SequentialLR's state dict: its epoch and last rates, and each wrapped scheduler's state dict. */
export interface SequentialLRStateDict {
  lastEpoch: number;
  lastLr: number[];
  schedulers: LRSchedulerStateDict[];
}

/** Options of {@link SequentialLR}, `torch.optim.lr_scheduler.SequentialLR`'s arguments. */
export interface SequentialLROptions {
  /** The schedulers, in order; all of them on `optimizer`. */
  schedulers: readonly LRScheduler[];
  /** Epochs at which the next scheduler takes over (one fewer than schedulers). */
  milestones: readonly number[];
  /** The index of the last epoch, to resume a schedule (default -1: a fresh start). */
  lastEpoch?: number;
}

/**
 * Runs schedulers one after the other, switching at the milestones (torch's SequentialLR), e.g.
 * a linear warm-up then cosine annealing:
 *
 *     new SequentialLR(opt, { schedulers: [warmup, cosine], milestones: [5] })
 *
 * At a milestone the next scheduler restarts from epoch 0 (its closed form).
 */
export class SequentialLR implements Scheduler<SequentialLRStateDict> {
  readonly optimizer: SchedulableOptimizer;
  readonly schedulers: readonly LRScheduler[];
  readonly milestones: readonly number[];
  lastEpoch: number;
  private lastLr: number[];

  constructor(optimizer: SchedulableOptimizer, options: SequentialLROptions) {
    const name = "SequentialLR";
    const o = schedulerOptions<SequentialLROptions>(name, optimizer, options, [
      "schedulers",
      "milestones",
      "lastEpoch",
    ]);
    const { schedulers, milestones, lastEpoch = -1 } = o;
    if (!Array.isArray(schedulers) || !schedulers.every((s) => s instanceof LRScheduler)) {
      throw argError(name, "schedulers", "an array of schedulers (StepLR, LinearLR...)", schedulers);
    }
    checkIntegers(name, "milestones", milestones);
    checkInt(name, "lastEpoch", lastEpoch, -1);
    if (schedulers.length === 0) throw new ValueError("SequentialLR: expects at least one scheduler");
    schedulers.forEach((s, i) => {
      if (s.optimizer !== optimizer) {
        throw new ValueError(
          `SequentialLR: Sequential Schedulers expects all schedulers to belong to the same optimizer, but got schedulers at index ${i} to be different than the optimizer passed in.`,
        );
      }
    });
    if (milestones.length !== schedulers.length - 1) {
      throw new ValueError(
        `SequentialLR: Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers ${schedulers.length} and the number of milestones to be equal to ${milestones.length}`,
      );
    }
    this.optimizer = optimizer;
    this.schedulers = schedulers;
    this.milestones = [...milestones];
    this.lastEpoch = lastEpoch + 1;
    // Reset the learning rates and undo the first step the schedulers took when constructed.
    for (const group of optimizer.paramGroups) group.lr = group.initialLr ?? group.lr;
    for (const s of schedulers) s.lastEpoch -= 1;
    schedulers[0]!.initialStep();
    this.lastLr = schedulers[0]!.getLastLr();
  }

  /** Advances one epoch: the scheduler whose turn it is steps (restarting from epoch 0 at its milestone). */
  step(): void {
    this.lastEpoch += 1;
    const idx = bisectRight(this.milestones, this.lastEpoch);
    const scheduler = this.schedulers[idx]!;
    if (idx > 0 && this.milestones[idx - 1] === this.lastEpoch) scheduler.step(0);
    else scheduler.step();
    this.lastLr = scheduler.getLastLr();
  }

  /** The learning rates the last step set, one per parameter group. */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** Its own counters plus each wrapped scheduler's state dict. */
  stateDict(): SequentialLRStateDict {
    return {
      lastEpoch: this.lastEpoch,
      lastLr: [...this.lastLr],
      schedulers: this.schedulers.map((s) => s.stateDict()),
    };
  }

  /**
   * Restores what `stateDict()` returned, the wrapped schedulers' states included. Throws a
   * `ValueError` for a malformed dict or one with another number of schedulers.
   */
  loadStateDict(stateDict: SequentialLRStateDict): void {
    const op = "SequentialLR.loadStateDict";
    if (!isRecord(stateDict) || !Array.isArray(stateDict.schedulers)) {
      throw argError(
        op,
        "stateDict",
        "a SequentialLR state dict ({ lastEpoch, lastLr, schedulers })",
        stateDict,
      );
    }
    checkInt(op, "stateDict.lastEpoch", stateDict.lastEpoch, -1);
    if (
      !Array.isArray(stateDict.lastLr) ||
      !stateDict.lastLr.every((x) => typeof x === "number" && Number.isFinite(x))
    ) {
      throw argError(op, "stateDict.lastLr", "an array of finite numbers", stateDict.lastLr);
    }
    const inner = stateDict.schedulers;
    if (inner.length !== this.schedulers.length) {
      throw new ValueError(
        `SequentialLR.loadStateDict: the state dict has ${inner.length} schedulers, this SequentialLR has ${this.schedulers.length}`,
      );
    }
    this.lastEpoch = stateDict.lastEpoch;
    this.lastLr = [...stateDict.lastLr];
    this.schedulers.forEach((s, i) => {
      s.loadStateDict(inner[i]!);
    });
  }
}

/** Python's bisect.bisect_right: the number of elements <= x in a sorted array. */
function bisectRight(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < sorted[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
