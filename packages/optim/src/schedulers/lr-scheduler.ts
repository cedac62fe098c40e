import { ValueError } from "@tsgrad/tensor";

/** What a scheduler needs of an optimizer: its groups' learning rates (any `Optimizer` has them). */
export interface SchedulableOptimizer {
  paramGroups: { lr: number; initialLr?: number }[];
}

/** A scheduler's state dict: counters and learning rates, plain JSON. */
export interface LRSchedulerStateDict {
  lastEpoch: number;
  stepCount: number;
  baseLrs: number[];
  lastLr: number[];
}

/** What every scheduler offers (SequentialLR included). */
export interface Scheduler<D = LRSchedulerStateDict> {
  readonly optimizer: SchedulableOptimizer;
  step(): void;
  getLastLr(): number[];
  stateDict(): D;
  loadStateDict(stateDict: D): void;
}

/**
 * Base class of the learning-rate schedulers (torch.optim.lr_scheduler's `_LRScheduler`): call
 * `scheduler.step()` once per epoch (or per iteration), after `optimizer.step()`.
 *
 * With `lastEpoch = -1` (a fresh start) each group's `initialLr` is set to its `lr` when not set
 * yet, and `baseLrs` are the `initialLr`s; construction performs the first step (epoch 0).
 * When resuming (`lastEpoch >= 0`) the groups must already have `initialLr`.
 *
 * A subclass computes the next learning rates in `getLr()` (PyTorch's chainable form, from the
 * groups' current `lr`), may give a closed form in `closedFormLr()`, and must call
 * `this.initialStep()` at the end of its constructor (after its own fields are set).
 */
export abstract class LRScheduler implements Scheduler {
  readonly optimizer: SchedulableOptimizer;
  /** The learning rates at epoch 0, one per group. */
  baseLrs: number[];
  /** The index of the last epoch (-1 before the first step). */
  lastEpoch: number;
  /** How many times `step()` ran (construction counts as one). */
  protected stepCount = 0;
  protected lastLr: number[] = [];

  protected constructor(name: string, optimizer: SchedulableOptimizer, lastEpoch: number) {
    if (!Number.isInteger(lastEpoch) || lastEpoch < -1) {
      throw new ValueError(`${name}: lastEpoch must be an integer >= -1, got ${lastEpoch}`);
    }
    this.optimizer = optimizer;
    if (lastEpoch === -1) {
      for (const group of optimizer.paramGroups) group.initialLr ??= group.lr;
    } else {
      optimizer.paramGroups.forEach((group, i) => {
        if (group.initialLr === undefined) {
          throw new ValueError(
            `${name}: param 'initialLr' is not specified in paramGroups[${i}] when resuming an optimizer`,
          );
        }
      });
    }
    this.baseLrs = optimizer.paramGroups.map((g) => g.initialLr!);
    this.lastEpoch = lastEpoch;
  }

  /** The next learning rates, one per group, from the groups' current ones (chainable form). */
  protected abstract getLr(): number[];

  /** The learning rates at `lastEpoch` from `baseLrs` alone; used by `step(epoch)`. */
  protected closedFormLr(): number[] | undefined {
    return undefined;
  }

  /** @internal Resets the step counter and performs the first step (PyTorch's `_initial_step`). */
  initialStep(): void {
    this.stepCount = 0;
    this.step();
  }

  /**
   * Advances one epoch and writes the new learning rates into the optimizer's groups. With an
   * explicit `epoch` (deprecated in PyTorch; SequentialLR uses `step(0)`) the epoch is set and the
   * closed form is used where the scheduler has one.
   */
  step(epoch?: number): void {
    this.stepCount += 1;
    let values: number[];
    if (epoch === undefined) {
      this.lastEpoch += 1;
      values = this.getLr();
    } else {
      this.lastEpoch = epoch;
      values = this.closedFormLr() ?? this.getLr();
    }
    this.optimizer.paramGroups.forEach((group, i) => {
      group.lr = values[i]!;
    });
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** The learning rates the last `step()` set, one per group. */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** The counters and learning rates (hyper-parameters come from the constructor). */
  stateDict(): LRSchedulerStateDict {
    return {
      lastEpoch: this.lastEpoch,
      stepCount: this.stepCount,
      baseLrs: [...this.baseLrs],
      lastLr: [...this.lastLr],
    };
  }

  /** Restores what `stateDict()` returned (restore the optimizer's state dict too). */
  loadStateDict(stateDict: LRSchedulerStateDict): void {
    this.lastEpoch = stateDict.lastEpoch;
    this.stepCount = stateDict.stepCount;
    this.baseLrs = [...stateDict.baseLrs];
    this.lastLr = [...stateDict.lastLr];
  }
}

/** The groups' current learning rates. */
export function currentLrs(optimizer: SchedulableOptimizer): number[] {
  return optimizer.paramGroups.map((g) => g.lr);
}
