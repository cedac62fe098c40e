import { argError, checkInt, fmtValue, ValueError } from "@tsgrad/tensor";
import { checkOptionObject, isRecord } from "../optimizer.js";

/** What a scheduler needs of an optimizer: its groups' learning rates (any `Optimizer` has them). */
export interface SchedulableOptimizer {
  paramGroups: { lr: number; initialLr?: number }[];
}

/**
 * `optimizer` has groups with finite learning rates; anything else would make the schedule NaN
 * or fail inside. Every scheduler checks it first, before reading its options.
 */
export function checkSchedulable(
  name: string,
  optimizer: unknown,
): asserts optimizer is SchedulableOptimizer {
  if (!isRecord(optimizer) || !Array.isArray(optimizer.paramGroups)) {
    throw argError(name, "optimizer", "an optimizer (an object with paramGroups)", optimizer);
  }
  optimizer.paramGroups.forEach((group: unknown, i) => {
    const lr = isRecord(group) ? group.lr : undefined;
    if (typeof lr !== "number" || !Number.isFinite(lr)) {
      throw argError(name, `optimizer.paramGroups[${i}].lr`, "a finite number", lr);
    }
  });
}

/**
 * A scheduler's constructor arguments: the optimizer, and options with only `known` keys
 * (undefined is no options). Returns the options, to read with their checks.
 */
export function schedulerOptions<O>(
  name: string,
  optimizer: unknown,
  options: unknown,
  known: readonly string[],
): Partial<O> {
  checkSchedulable(name, optimizer);
  checkOptionObject(name, "options", options, known);
  return (options ?? {}) as Partial<O>;
}

/** A list of integers such as milestones (epochs). */
export function checkIntegers(name: string, arg: string, v: unknown): asserts v is readonly number[] {
  if (!Array.isArray(v) || !v.every((x) => Number.isSafeInteger(x))) {
    throw argError(name, arg, "an array of integers", v);
  }
}

/** An array of finite numbers of length n (learning rates in a state dict). */
function checkRates(name: string, arg: string, v: unknown, n: number): asserts v is number[] {
  if (!Array.isArray(v) || v.length !== n || !v.every((x) => typeof x === "number" && Number.isFinite(x))) {
    throw argError(name, arg, `an array of ${n} finite numbers (one per group)`, v);
  }
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
  /**
   * Advances the schedule one epoch and writes the new learning rates into the optimizer's groups;
   * call it after `optimizer.step()`.
   */
  step(): void;
  /** The learning rates the last step set, one per parameter group (`get_last_lr`). */
  getLastLr(): number[];
  /** The scheduler's state as plain JSON, to checkpoint beside the optimizer's (`state_dict`). */
  stateDict(): D;
  /** Restores what `stateDict()` returned (`load_state_dict`); throws a `ValueError` for a malformed dict. */
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
    // Abstract, but plain JavaScript could construct one without getLr.
    if (new.target === LRScheduler) {
      throw new ValueError(
        "LRScheduler: the base class has no schedule; use StepLR, LambdaLR... or subclass it",
      );
    }
    checkSchedulable(name, optimizer);
    if (!Number.isInteger(lastEpoch) || lastEpoch < -1) {
      throw new ValueError(`${name}: lastEpoch must be an integer >= -1, got ${fmtValue(lastEpoch)}`);
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
        if (typeof group.initialLr !== "number" || !Number.isFinite(group.initialLr)) {
          throw argError(name, `optimizer.paramGroups[${i}].initialLr`, "a finite number", group.initialLr);
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
    if (epoch !== undefined) checkInt(`${this.constructor.name}.step`, "epoch", epoch, 0);
    const before = { lastEpoch: this.lastEpoch, stepCount: this.stepCount };
    this.stepCount += 1;
    this.lastEpoch = epoch ?? this.lastEpoch + 1;
    let values: number[];
    try {
      values = epoch === undefined ? this.getLr() : (this.closedFormLr() ?? this.getLr());
    } catch (e) {
      // A step that failed (a lambda's NaN) leaves the schedule where it was.
      ({ lastEpoch: this.lastEpoch, stepCount: this.stepCount } = before);
      throw e;
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
    const op = `${this.constructor.name}.loadStateDict`;
    if (!isRecord(stateDict)) throw argError(op, "stateDict", "a scheduler state dict", stateDict);
    const n = this.optimizer.paramGroups.length;
    checkInt(op, "stateDict.lastEpoch", stateDict.lastEpoch, -1);
    checkInt(op, "stateDict.stepCount", stateDict.stepCount, 0);
    checkRates(op, "stateDict.baseLrs", stateDict.baseLrs, n);
    checkRates(op, "stateDict.lastLr", stateDict.lastLr, n);
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
