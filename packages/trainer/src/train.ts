// d2l's train_ch3: epochs of trainEpoch plus test accuracy, with a history, callbacks, the
// Animator, a NaN guard (in trainEpoch), checkpoints and resuming, and optional end checks.
import { evaluateAccuracy } from "@tsgrad/metrics";
import { defaultGenerator, type Generator, ValueError } from "@tsgrad/tensor";
import { Animator, type ReportExtras } from "./animator.js";
import {
  type CheckpointInfo,
  hasState,
  loadCheckpoint,
  type StatefulOptimizer,
  saveCheckpoint,
} from "./checkpoint.js";
import { TrainingCheckError } from "./errors.js";
import { type BatchInfo, trainEpoch } from "./train-epoch.js";
import { type Batches, isOptimizer, type LossLike, type Net, type Updater } from "./types.js";

export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  /** NaN when accuracy is off (regression). */
  trainAcc: number;
  /** NaN without a test set or with accuracy off. */
  testAcc: number;
  seconds: number;
  examplesPerSecond: number;
}

export interface TrainOptions {
  /** Writes chart.svg and report.html here at the end (and checkpoints, with `checkpoint`). */
  outDir?: string;
  /** The Animator to drive; default a new one (live on a TTY); false for none. */
  animator?: Animator | false;
  /** Print nothing (the history is still returned). */
  quiet?: boolean;
  /** Classification accuracy (default true); false for regression. */
  accuracy?: boolean;
  title?: string;
  onEpoch?: (record: EpochRecord) => void;
  onBatch?: (info: BatchInfo) => void;
  /**
   * Save model, optimizer and generator states after every epoch into `checkpoint.dir`
   * (default outDir), and with `resume` continue from the last one there.
   */
  checkpoint?: { dir?: string; resume?: boolean; generators?: readonly Generator[] };
  /** d2l's closing assertions: `trainLoss < maxTrainLoss`, accuracies above the minimums. */
  expect?: { maxTrainLoss?: number; minTrainAcc?: number; minTestAcc?: number };
  /** Facts and sections for the HTML report. */
  report?: ReportExtras;
}

export interface TrainResult {
  history: EpochRecord[];
  /** The last epoch's record (undefined when no epoch ran). */
  final: EpochRecord | undefined;
  chart?: string;
  report?: string;
}

const fmt = (v: number, digits: number) => (Number.isNaN(v) ? "-" : v.toFixed(digits));

export function epochLine(r: EpochRecord, numEpochs: number): string {
  const parts = [`epoch ${r.epoch}/${numEpochs}`, `train loss ${fmt(r.trainLoss, 4)}`];
  if (!Number.isNaN(r.trainAcc)) parts.push(`train acc ${fmt(r.trainAcc, 3)}`);
  if (!Number.isNaN(r.testAcc)) parts.push(`test acc ${fmt(r.testAcc, 3)}`);
  parts.push(
    `${r.seconds.toFixed(2)} s`,
    `${Math.round(r.examplesPerSecond).toLocaleString("en-US")} examples/s`,
  );
  return parts.join(", ");
}

export async function train(
  net: Net,
  trainIter: Batches,
  testIter: Batches | null,
  loss: LossLike,
  numEpochs: number,
  updater: Updater,
  options: TrainOptions = {},
): Promise<TrainResult> {
  const withAcc = options.accuracy ?? true;
  const animator =
    options.animator === false
      ? null
      : (options.animator ??
        new Animator({
          legend: withAcc ? ["train loss", "train acc", "test acc"] : ["train loss"],
          numEpochs,
          outDir: options.outDir,
          title: options.title,
          quiet: options.quiet,
        }));
  const history: EpochRecord[] = [];
  const ckptDir = options.checkpoint?.dir ?? options.outDir;
  const generators = options.checkpoint?.generators ?? [defaultGenerator];
  const optimizer =
    isOptimizer(updater) && "stateDict" in updater ? (updater as unknown as StatefulOptimizer) : null;
  let first = 1;
  if (options.checkpoint !== undefined) {
    if (ckptDir === undefined) throw new ValueError("train: checkpoint needs checkpoint.dir or outDir");
    if (!hasState(net))
      throw new ValueError(
        "train: checkpoints need a model with stateDict() and loadStateDict() (an nn Module)",
      );
    if (options.checkpoint.resume) {
      const info: CheckpointInfo<EpochRecord> | null = await loadCheckpoint(
        ckptDir,
        net,
        optimizer,
        generators,
      );
      if (info !== null) {
        history.push(...info.history);
        first = info.epoch + 1;
        for (const r of info.history)
          animator?.add(r.epoch, [r.trainLoss, r.trainAcc, r.testAcc], epochLine(r, numEpochs));
      }
    }
  }
  await animator?.ready();
  const numBatches = (trainIter as { length?: unknown }).length;
  for (let epoch = first; epoch <= numEpochs; epoch++) {
    animator?.startEpoch(epoch, typeof numBatches === "number" ? numBatches : undefined);
    const stats = trainEpoch(net, trainIter, loss, updater, {
      epoch,
      accuracy: withAcc,
      onBatch: (info) => {
        animator?.batch(info.batch, info.examplesSoFar / Math.max(info.secondsSoFar, 1e-9), info.loss);
        options.onBatch?.(info);
      },
    });
    const testAcc = withAcc && testIter !== null ? evaluateAccuracy(net, testIter) : Number.NaN;
    const record: EpochRecord = {
      epoch,
      trainLoss: stats.loss,
      trainAcc: stats.acc,
      testAcc,
      seconds: stats.seconds,
      examplesPerSecond: stats.examples / Math.max(stats.seconds, 1e-9),
    };
    history.push(record);
    animator?.add(
      epoch,
      withAcc ? [record.trainLoss, record.trainAcc, record.testAcc] : [record.trainLoss],
      epochLine(record, numEpochs),
    );
    options.onEpoch?.(record);
    if (options.checkpoint !== undefined && ckptDir !== undefined && hasState(net)) {
      await saveCheckpoint(ckptDir, net, optimizer, { epoch, history }, generators);
    }
    // Let the event loop run between epochs: timers, output and finalizers get their turn.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  const files = animator === null ? {} : await animator.finish(options.report);
  const final = history[history.length - 1];
  checkExpectations(final, options.expect);
  return { history, final, ...files };
}

function checkExpectations(final: EpochRecord | undefined, expect: TrainOptions["expect"]): void {
  if (expect === undefined || final === undefined) return;
  const failures: string[] = [];
  if (expect.maxTrainLoss !== undefined && !(final.trainLoss < expect.maxTrainLoss)) {
    failures.push(`train loss ${final.trainLoss.toFixed(4)} is not below ${expect.maxTrainLoss}`);
  }
  if (expect.minTrainAcc !== undefined && !(final.trainAcc > expect.minTrainAcc)) {
    failures.push(`train accuracy ${final.trainAcc.toFixed(4)} is not above ${expect.minTrainAcc}`);
  }
  if (expect.minTestAcc !== undefined && !(final.testAcc > expect.minTestAcc)) {
    failures.push(`test accuracy ${final.testAcc.toFixed(4)} is not above ${expect.minTestAcc}`);
  }
  if (failures.length > 0)
    throw new TrainingCheckError(`train: after epoch ${final.epoch}, ${failures.join("; ")}`);
}
