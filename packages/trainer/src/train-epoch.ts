// One epoch of training, d2l's train_epoch_ch3: both kinds of updater, returning the train
// loss and train accuracy per example.
import { accuracy } from "@tsgrad/metrics";
import type { Tensor } from "@tsgrad/tensor";
import { TrainingDivergedError } from "./errors.js";
import {
  type Batches,
  callLoss,
  isOptimizer,
  type LossLike,
  learningRateOf,
  type Net,
  type Updater,
} from "./types.js";

export interface EpochStats {
  /** Mean loss per example. */
  loss: number;
  /** Fraction of examples classified correctly (NaN when `accuracy: false`). */
  acc: number;
  examples: number;
  batches: number;
  seconds: number;
}

export interface BatchInfo {
  epoch: number;
  batch: number;
  batchSize: number;
  /** Mean loss of this batch. */
  loss: number;
  examplesSoFar: number;
  secondsSoFar: number;
}

export interface TrainEpochOptions {
  /** 1-based epoch number, for messages and callbacks. */
  epoch?: number;
  /** Count correct predictions (classification); off for regression. Default true. */
  accuracy?: boolean;
  onBatch?: (info: BatchInfo) => void;
}

/** Sum of the loss over the batch, whatever the loss's reduction was. */
function batchLossSum(l: Tensor, batchSize: number): number {
  // A scalar came from reduction 'mean' (or 'sum'); d2l's losses are per example ('none').
  return l.numel() === 1 ? l.item() * batchSize : l.sum().item();
}

export function trainEpoch(
  net: Net,
  trainIter: Batches,
  loss: LossLike,
  updater: Updater,
  options: TrainEpochOptions = {},
): EpochStats {
  const epoch = options.epoch ?? 1;
  const withAcc = options.accuracy ?? true;
  net.train?.(true);
  const start = performance.now();
  let lossSum = 0;
  let correct = 0;
  let examples = 0;
  let batches = 0;
  for (const [X, y] of trainIter) {
    const n = X.shape[0] ?? 1;
    const yHat = net.forward(X);
    const l = callLoss(loss, yHat, y);
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
    if (!Number.isFinite(sum))
      throw new TrainingDivergedError(epoch, batches, sum / n, learningRateOf(updater));
    lossSum += sum;
    if (withAcc) correct += accuracy(yHat.detach(), y);
    examples += n;
    options.onBatch?.({
      epoch,
      batch: batches,
      batchSize: n,
      loss: sum / n,
      examplesSoFar: examples,
      secondsSoFar: (performance.now() - start) / 1000,
    });
  }
  return {
    loss: lossSum / examples,
    acc: withAcc ? correct / examples : Number.NaN,
    examples,
    batches,
    seconds: (performance.now() - start) / 1000,
  };
}
