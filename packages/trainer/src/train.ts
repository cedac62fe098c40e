// d2l's train_ch3: epochs of trainEpoch plus test accuracy, with a history, callbacks, the
// Animator, a divergence check (NaN, or a loss grown far above its start; in trainEpoch),
// checkpoints and resuming, and optional end checks.
import { evaluateAccuracy } from "@tsgrad/metrics";
import {
  argError,
  checkInt,
  checkOptions,
  defaultGenerator,
  type Generator,
  ValueError,
} from "@tsgrad/tensor";
import { Animator, type ReportExtras } from "./animator.js";
import {
  checkBatches,
  checkDivergenceOptions,
  checkGenerators,
  checkLoss,
  checkNet,
  checkOptionalBoolean,
  checkOptionalFunction,
  checkOptionalLr,
  checkOptionalString,
  checkPath,
  checkReportExtras,
  checkUpdater,
  isStatefulOptimizer,
} from "./args.js";
import {
  type CheckpointInfo,
  hasState,
  loadCheckpoint,
  type StatefulOptimizer,
  saveCheckpoint,
} from "./checkpoint.js";
import { DivergenceCheck, type DivergenceOptions } from "./divergence.js";
import { TrainingCheckError } from "./errors.js";
import { type BatchInfo, runEpoch } from "./train-epoch.js";
import { type Batches, isOptimizer, type LossLike, type Net, type Updater } from "./types.js";

/** One epoch's numbers, as `train` logs them and returns them in `history`. */
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

/** Options of `train`. */
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
  /** Called after every epoch with its record (after the log line and the chart). */
  onEpoch?: (record: EpochRecord) => void;
  /** Called after every batch (progress, custom logging). */
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
  /**
   * When the run has diverged, which throws a `TrainingDivergedError` (see `DivergenceCheck`):
   * a NaN or infinite batch loss, or a loss grown above 10 times its value at the start (the
   * mean over the first 32 examples). `factor` and `examples` change the rule; `false` turns
   * the growth rule off (a NaN or infinite loss always stops the run).
   */
  divergence?: DivergenceOptions | false;
  /**
   * The learning rate of a hand-written updater, named in a `TrainingDivergedError` (a built-in
   * optimizer's is read from its first parameter group).
   */
  lr?: number;
}

/** What `train` returns: the per-epoch history and the files it wrote. */
export interface TrainResult {
  history: EpochRecord[];
  /** The last epoch's record (undefined when no epoch ran). */
  final: EpochRecord | undefined;
  chart?: string;
  report?: string;
}

const fmt = (v: number, digits: number) => (Number.isNaN(v) ? "-" : v.toFixed(digits));

/** An EpochRecord's numbers besides `epoch` (NaN where there is no value). */
const RECORD_NUMBERS = ["trainLoss", "trainAcc", "testAcc", "seconds", "examplesPerSecond"] as const;

/** One epoch's log line: `epoch 3/10, train loss 0.5123, train acc 0.834, ...`. */
export function epochLine(record: EpochRecord, numEpochs: number): string {
  const fn = "epochLine";
  if (typeof record !== "object" || record === null) {
    throw argError(fn, "record", `an EpochRecord ({ epoch, ${RECORD_NUMBERS.join(", ")} })`, record);
  }
  checkInt(fn, "record.epoch", record.epoch, 0);
  for (const k of RECORD_NUMBERS) {
    if (typeof record[k] !== "number") throw argError(fn, `record.${k}`, "a number", record[k]);
  }
  checkInt(fn, "numEpochs", numEpochs, 0);
  const r = record;
  const parts = [`epoch ${r.epoch}/${numEpochs}`, `train loss ${fmt(r.trainLoss, 4)}`];
  if (!Number.isNaN(r.trainAcc)) parts.push(`train acc ${fmt(r.trainAcc, 3)}`);
  if (!Number.isNaN(r.testAcc)) parts.push(`test acc ${fmt(r.testAcc, 3)}`);
  parts.push(
    `${r.seconds.toFixed(2)} s`,
    `${Math.round(r.examplesPerSecond).toLocaleString("en-US")} examples/s`,
  );
  return parts.join(", ");
}

/**
 * d2l's `train_ch3`: `numEpochs` epochs of `trainEpoch` on `trainIter`, each followed by the
 * test accuracy on `testIter` (null for none), with a log line, the Animator's live chart, and
 * at the end chart.svg and report.html in `options.outDir`. `updater` is an optimizer or a
 * function `(batchSize) => void` (the scratch `sgd`). Checkpoints and resuming with
 * `options.checkpoint`; a diverging loss throws a `TrainingDivergedError`.
 *
 * @example
 * ```ts
 * const { final } = await train(net, trainIter, testIter, new CrossEntropyLoss({ reduction: "none" }), 10,
 *   new SGD(net.parameters(), { lr: 0.1 }));
 * ```
 */
export async function train(
  net: Net,
  trainIter: Batches,
  testIter: Batches | null,
  loss: LossLike,
  numEpochs: number,
  updater: Updater,
  options: TrainOptions = {},
): Promise<TrainResult> {
  // Checked before any await, so a wrong argument rejects at once, before any epoch runs.
  const fn = "train";
  checkNet(fn, net);
  checkBatches(fn, "trainIter", trainIter);
  checkBatches(fn, "testIter", testIter, true);
  checkLoss(fn, loss);
  checkInt(fn, "numEpochs", numEpochs, 0);
  checkUpdater(fn, updater);
  checkTrainOptions(fn, options, testIter);
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
  // An animator given with a shorter legend draws the curves it names (add refuses extra values).
  const curves = (r: EpochRecord) =>
    (withAcc ? [r.trainLoss, r.trainAcc, r.testAcc] : [r.trainLoss]).slice(0, animator?.legend.length);
  const history: EpochRecord[] = [];
  const ckptDir = options.checkpoint?.dir ?? options.outDir;
  const generators = options.checkpoint?.generators ?? [defaultGenerator];
  const optimizer =
    isOptimizer(updater) && isStatefulOptimizer(updater) ? (updater as unknown as StatefulOptimizer) : null;
  let first = 1;
  if (options.checkpoint !== undefined) {
    if (ckptDir === undefined) throw new ValueError("train: checkpoint needs checkpoint.dir or outDir");
    if (!hasState(net))
      throw argError(
        fn,
        "net",
        "a model with stateDict() and loadStateDict() (an nn Module) for checkpoints",
        net,
      );
    if (options.checkpoint.resume) {
      const info: CheckpointInfo<EpochRecord> | null = await loadCheckpoint(
        ckptDir,
        net,
        optimizer,
        generators,
      );
      if (info !== null) {
        history.push(...info.history.map(reviveRecord));
        first = info.epoch + 1;
        for (const r of history) animator?.add(r.epoch, curves(r), epochLine(r, numEpochs));
      }
    }
  }
  await animator?.ready();
  const numBatches = (trainIter as { length?: unknown }).length;
  // One check for the whole run: the loss is compared with its value at the start of the run
  // (of this call, when it resumes from a checkpoint).
  const divergence = new DivergenceCheck(
    options.divergence === false ? { factor: Number.POSITIVE_INFINITY } : options.divergence,
  );
  for (let epoch = first; epoch <= numEpochs; epoch++) {
    animator?.startEpoch(epoch, Number.isSafeInteger(numBatches) ? (numBatches as number) : undefined);
    let stats: ReturnType<typeof runEpoch>;
    let testAcc: number;
    try {
      stats = runEpoch(fn, net, trainIter, loss, updater, {
        epoch,
        accuracy: withAcc,
        divergence,
        lr: options.lr,
        onBatch: (info) => {
          animator?.batch(info.batch, info.examplesSoFar / Math.max(info.secondsSoFar, 1e-9), info.loss);
          options.onBatch?.(info);
        },
      });
      testAcc = withAcc && testIter !== null ? evaluateAccuracy(net, testIter) : Number.NaN;
    } catch (e) {
      // A diverged run (or any error) leaves the terminal as it found it: no half-drawn bar.
      animator?.stop();
      throw e;
    }
    const record: EpochRecord = {
      epoch,
      trainLoss: stats.loss,
      trainAcc: stats.acc,
      testAcc,
      seconds: stats.seconds,
      examplesPerSecond: stats.examples / Math.max(stats.seconds, 1e-9),
    };
    history.push(record);
    animator?.add(epoch, curves(record), epochLine(record, numEpochs));
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

const OPTIONS = [
  "outDir",
  "animator",
  "quiet",
  "accuracy",
  "title",
  "onEpoch",
  "onBatch",
  "checkpoint",
  "expect",
  "report",
  "divergence",
  "lr",
];

function checkTrainOptions(fn: string, options: TrainOptions, testIter: Batches | null): void {
  checkOptions(fn, "options", options, OPTIONS);
  const o = options;
  if (o.outDir !== undefined) checkPath(fn, "outDir", o.outDir);
  if (o.animator !== undefined && o.animator !== false && !(o.animator instanceof Animator)) {
    throw argError(fn, "animator", "an Animator or false", o.animator);
  }
  checkOptionalBoolean(fn, "quiet", o.quiet);
  checkOptionalBoolean(fn, "accuracy", o.accuracy);
  checkOptionalString(fn, "title", o.title);
  checkOptionalFunction(fn, "onEpoch", o.onEpoch);
  checkOptionalFunction(fn, "onBatch", o.onBatch);
  checkOptions(fn, "checkpoint", o.checkpoint, ["dir", "resume", "generators"]);
  if (o.checkpoint !== undefined) {
    if (o.checkpoint.dir !== undefined) checkPath(fn, "checkpoint.dir", o.checkpoint.dir);
    checkOptionalBoolean(fn, "checkpoint.resume", o.checkpoint.resume);
    if (o.checkpoint.generators !== undefined)
      checkGenerators(fn, "checkpoint.generators", o.checkpoint.generators);
  }
  checkOptions(fn, "expect", o.expect, ["maxTrainLoss", "minTrainAcc", "minTestAcc"]);
  if (o.expect !== undefined) {
    const { maxTrainLoss, minTrainAcc, minTestAcc } = o.expect;
    if (maxTrainLoss !== undefined && (typeof maxTrainLoss !== "number" || Number.isNaN(maxTrainLoss))) {
      throw argError(fn, "expect.maxTrainLoss", "a number", maxTrainLoss);
    }
    for (const [k, v] of [
      ["minTrainAcc", minTrainAcc],
      ["minTestAcc", minTestAcc],
    ] as const) {
      if (v === undefined) continue;
      if (typeof v !== "number" || !(v >= 0 && v <= 1))
        throw argError(fn, `expect.${k}`, "a number from 0 to 1", v);
      // Without accuracies (or a test set) the check could only fail, after the whole run.
      if (o.accuracy === false) throw argError(fn, `expect.${k}`, "absent with accuracy: false", v);
    }
    if (minTestAcc !== undefined && testIter === null) {
      throw argError(fn, "expect.minTestAcc", "absent without a testIter", minTestAcc);
    }
  }
  checkReportExtras(fn, "report", o.report);
  if (o.divergence !== false) checkDivergenceOptions(fn, "divergence.", o.divergence);
  checkOptionalLr(fn, "lr", o.lr);
}

/** A record read back from a checkpoint, whose JSON wrote its NaNs (no test set...) as null. */
function reviveRecord(r: EpochRecord): EpochRecord {
  const out = { ...r };
  for (const k of RECORD_NUMBERS) if (out[k] === null) out[k] = Number.NaN;
  return out;
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
