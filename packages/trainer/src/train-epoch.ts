// One epoch of training, d2l's train_epoch_ch3: both kinds of updater, returning the train
// loss and train accuracy per example.
import { accuracy } from "@tsgrad/metrics";
import { argError, checkOptions, fmtValue, Tensor, ValueError } from "@tsgrad/tensor";
import {
  checkBatch,
  checkBatches,
  checkLoss,
  checkNet,
  checkOptionalBoolean,
  checkOptionalFunction,
  checkOptionalInt,
  checkOptionalLr,
  checkUpdater,
} from "./args.js";
import { DivergenceCheck } from "./divergence.js";
import { TrainingDivergedError } from "./errors.js";
import {
  applyLoss,
  type Batches,
  isOptimizer,
  type LossLike,
  learningRateOf,
  type Net,
  type Updater,
} from "./types.js";

/** What `trainEpoch` returns: the epoch's mean loss, accuracy and counts. */
export interface EpochStats {
  /** Mean loss per example. */
  loss: number;
  /** Fraction of examples classified correctly (NaN when `accuracy: false`). */
  acc: number;
  examples: number;
  batches: number;
  seconds: number;
}

/** What `onBatch` callbacks receive after each batch. */
export interface BatchInfo {
  epoch: number;
  batch: number;
  batchSize: number;
  /** Mean loss of this batch. */
  loss: number;
  examplesSoFar: number;
  secondsSoFar: number;
}

/** Options of `trainEpoch`. */
export interface TrainEpochOptions {
  /** 1-based epoch number, for messages and callbacks. */
  epoch?: number;
  /** Count correct predictions (classification); off for regression. Default true. */
  accuracy?: boolean;
  /** Called after every batch. */
  onBatch?: (info: BatchInfo) => void;
  /**
   * When the run has diverged (see `DivergenceCheck`): pass the run's check to every epoch, so
   * that the loss is compared with the first epoch's (`train` does); default a new one for this
   * epoch alone; `false` turns the growth rule off (a NaN or infinite loss always stops).
   */
  divergence?: DivergenceCheck | false;
  /**
   * The learning rate of a hand-written updater, named in a `TrainingDivergedError` (a built-in
   * optimizer's is read from its first parameter group).
   */
  lr?: number;
}

/** Sum of the loss over the batch, whatever the loss's reduction was. */
function batchLossSum(l: Tensor, batchSize: number): number {
  // A scalar came from reduction 'mean' (or 'sum'); d2l's losses are per example ('none').
  return l.numel() === 1 ? l.item() * batchSize : l.sum().item();
}

const OPTIONS = ["epoch", "accuracy", "onBatch", "divergence", "lr"];

/**
 * d2l's `train_epoch_ch3`: one pass over `trainIter`, each batch forward, loss, backward and an
 * update by `updater` (an optimizer, or `(batchSize) => void` for the scratch `sgd`), with the
 * net in training mode. Returns the mean loss per example and the training accuracy.
 */
export function trainEpoch(
  net: Net,
  trainIter: Batches,
  loss: LossLike,
  updater: Updater,
  options: TrainEpochOptions = {},
): EpochStats {
  const fn = "trainEpoch";
  checkNet(fn, net);
  checkBatches(fn, "trainIter", trainIter);
  checkLoss(fn, loss);
  checkUpdater(fn, updater);
  checkOptions(fn, "options", options, OPTIONS);
  checkOptionalInt(fn, "epoch", options.epoch, 1);
  checkOptionalBoolean(fn, "accuracy", options.accuracy);
  checkOptionalFunction(fn, "onBatch", options.onBatch);
  const divergence = options.divergence;
  if (divergence !== undefined && divergence !== false && !(divergence instanceof DivergenceCheck)) {
    throw argError(fn, "divergence", "a DivergenceCheck or false", divergence);
  }
  checkOptionalLr(fn, "lr", options.lr);
  return runEpoch(fn, net, trainIter, loss, updater, {
    epoch: options.epoch ?? 1,
    accuracy: options.accuracy ?? true,
    onBatch: options.onBatch,
    divergence:
      divergence === false
        ? new DivergenceCheck({ factor: Number.POSITIVE_INFINITY })
        : (divergence ?? new DivergenceCheck()),
    lr: options.lr,
  });
}

/** What `runEpoch` needs, resolved and checked by its caller. */
export interface EpochSettings {
  epoch: number;
  accuracy: boolean;
  onBatch: ((info: BatchInfo) => void) | undefined;
  divergence: DivergenceCheck;
  lr: number | undefined;
}

/**
 * The epoch itself, for `trainEpoch` and `train` once they have checked their arguments (`fn`
 * names the one called, in messages).
 */
export function runEpoch(
  fn: string,
  net: Net,
  trainIter: Batches,
  loss: LossLike,
  updater: Updater,
  { epoch, accuracy: withAcc, onBatch, divergence: check, lr }: EpochSettings,
): EpochStats {
  net.train?.(true);
  const start = performance.now();
  let lossSum = 0;
  let correct = 0;
  let examples = 0;
  let batches = 0;
  for (const item of trainIter) {
    checkBatch(fn, "trainIter", item, batches + 1);
    const [X, y] = item;
    const n = X.shape[0] ?? 1;
    const yHat = net.forward(X);
    if (!(yHat instanceof Tensor)) {
      throw new ValueError(`${fn}: net.forward must return a tensor, got ${fmtValue(yHat)}`);
    }
    const l = applyLoss(fn, loss, yHat, y);
    if (isOptimizer(updater)) {
      updater.zeroGrad();
      (l.numel() === 1 ? l : l.mean()).backward();
      updater.step();
    } else {
      (l.numel() === 1 ? l.mul(n) : l.sum()).backward();
      updater(n);
    }
    const sum = batchLossSum(l.detach(), n);
    batches++;
    const diverged = check.update(sum / n, n);
    if (diverged !== null) {
      const growth =
        diverged.reason === "grew" ? { start: diverged.start!, factor: diverged.factor } : undefined;
      throw new TrainingDivergedError(epoch, batches, diverged.loss, learningRateOf(updater) ?? lr, growth);
    }
    lossSum += sum;
    if (withAcc) correct += accuracy(yHat.detach(), y);
    examples += n;
    onBatch?.({
      epoch,
      batch: batches,
      batchSize: n,
      loss: sum / n,
      examplesSoFar: examples,
      secondsSoFar: (performance.now() - start) / 1000,
    });
  }
  // An empty loader has no mean loss (d2l's Accumulator would divide by zero): named, not NaN.
  if (batches === 0) throw new ValueError(`${fn}: trainIter yielded no batch at epoch ${epoch}`);
  return {
    loss: lossSum / examples,
    acc: withAcc ? correct / examples : Number.NaN,
    examples,
    batches,
    seconds: (performance.now() - start) / 1000,
  };
}
