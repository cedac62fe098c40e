// Trains one variant on Fashion-MNIST with the trainer (live view or log lines, chart and
// report), then shows predictions on the first test images.
import { loadDataFashionMnist } from "@tsgrad/data-fashion-mnist";
import type { Divergence as KitDivergence } from "@tsgrad/example-kit";
import { Generator, getBackend, type Tensor } from "@tsgrad/tensor";
import { type EpochRecord, predict, TrainingDivergedError, train } from "@tsgrad/trainer";
import { conciseModel } from "./concise.js";
import { type DataSource, locateData } from "./data.js";
import { crossEntropy, scratchModel } from "./scratch.js";

export type Variant = "scratch" | "concise";

/** d2l's learning rate for softmax regression. */
export const DEFAULT_LR = 0.1;

export interface RunOptions {
  variant: Variant;
  epochs: number;
  lr: number;
  batchSize: number;
  seed: number;
  /** Output folder of this variant (chart.svg, report.html, predictions.png, summary.json). */
  out: string | undefined;
  /** One JSON object per epoch and a summary on `print`, instead of the human view. */
  json: boolean;
  print: (line: string) => void;
  /** Number of test images to show with their predictions. */
  predictN: number;
  /** Continue from the checkpoint in `out` (written after every epoch). */
  resume: boolean;
  /** Where the Fashion-MNIST files are (default: the usual search, see data-fashion-mnist). */
  dataDir: string | undefined;
  quiet?: boolean;
}

/** Where a run stopped because it diverged, with the trainer's message. */
export interface Divergence extends KitDivergence {
  message: string;
}

export interface Summary {
  variant: Variant;
  epochs: number;
  lr: number;
  batchSize: number;
  seed: number;
  backend: string;
  trainLoss: number;
  trainAcc: number;
  testAcc: number;
  /** Test accuracy after each epoch. */
  testAccHistory: number[];
  secondsPerEpoch: number;
  predictions: { true: string; pred: string }[];
  files: Record<string, string>;
  /** Where the Fashion-MNIST files came from. */
  data: DataSource;
  /** Why training stopped early, or null (the metrics are then the last finished epoch's). */
  diverged: Divergence | null;
}

/** JSON has no NaN or Infinity; write them as strings rather than losing them to null. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v));
}

type Batch = readonly [Tensor, Tensor];

/**
 * Finds the files (only in `dataDir` when given: a usage error if they are not there) and makes
 * the loaders; `source` says where the files came from.
 */
export async function loadData(batchSize: number, seed: number, dataDir: string | undefined) {
  const { bytes, source } = await locateData(dataDir);
  // The shuffling generator is separate from the initialization's, so both are reproducible.
  const generator = new Generator(seed + 1);
  // The training loop consumes each batch before asking for the next one, so the loaders may
  // write every batch into the same buffers: no 800 KB allocation (and its garbage) per batch.
  // The bytes were verified when they were located: no second SHA-256.
  const { trainIter, testIter } = await loadDataFashionMnist(batchSize, {
    generator,
    reuseBuffers: true,
    source: bytes,
    sha256: false,
  });
  return {
    trainIter: trainIter as Iterable<Batch>,
    testIter: testIter as Iterable<Batch>,
    generator,
    source,
  };
}

export async function runVariant(
  o: RunOptions,
  data: Awaited<ReturnType<typeof loadData>>,
): Promise<Summary> {
  // Each variant shuffles the same way, whichever ran before it.
  data.generator.manualSeed(o.seed + 1);
  const title = `softmax regression (${o.variant}), lr ${o.lr}, batch ${o.batchSize}`;
  const history: EpochRecord[] = [];
  const common = {
    outDir: o.out,
    title,
    quiet: o.json || o.quiet,
    // Named in the message if the run diverges (the scratch updater is a plain function).
    lr: o.lr,
    onEpoch: (r: EpochRecord) => {
      history.push(r);
      if (o.json) o.print(JSON.stringify({ variant: o.variant, ...r }));
    },
    ...(o.out !== undefined
      ? { checkpoint: { dir: o.out, resume: o.resume, generators: [data.generator] } }
      : {}),
    report: {
      facts: {
        variant: o.variant,
        epochs: o.epochs,
        lr: o.lr,
        batchSize: o.batchSize,
        seed: o.seed,
        backend: getBackend(),
      },
    },
  };
  let result: Awaited<ReturnType<typeof train>> | null = null;
  let diverged: Divergence | null = null;
  let net: { forward(x: Tensor): Tensor };
  try {
    if (o.variant === "scratch") {
      const m = scratchModel(o.lr, o.seed);
      net = m;
      // The scratch model is not a Module: checkpoints need one, so the scratch run has none.
      const { checkpoint: _unused, ...rest } = common as typeof common & { checkpoint?: unknown };
      result = await train(m, data.trainIter, data.testIter, crossEntropy, o.epochs, m.updater, rest);
    } else {
      const m = conciseModel(o.lr, o.seed);
      net = m.net;
      result = await train(m.net, data.trainIter, data.testIter, m.loss, o.epochs, m.trainer, common);
    }
  } catch (e) {
    // The trainer's rule: a NaN or infinite batch loss, or a loss above 10 times its start.
    if (!(e instanceof TrainingDivergedError)) throw e;
    const reason = e.start === undefined ? "not finite" : "grew";
    diverged = {
      epoch: e.epoch,
      batch: e.batch,
      reason,
      loss: e.loss,
      start: e.start ?? null,
      message: e.message,
    };
  }
  const files: Record<string, string> = {};
  if (result?.chart) files.chart = result.chart;
  if (result?.report) files.report = result.report;
  const png = o.out === undefined || result === null ? undefined : `${o.out}/predictions.png`;
  // A diverged model's predictions mean nothing: none are shown.
  const shown =
    result === null
      ? { trueLabels: [], predLabels: [] }
      : await predict(net!, data.testIter, { n: o.predictN, ...(png ? { png } : {}) });
  if (png) files.predictions = png;
  const nan = { trainLoss: Number.NaN, trainAcc: Number.NaN, testAcc: Number.NaN };
  // After a resume, train's history also holds the epochs before it; onEpoch saw only the new ones.
  const done = result?.history ?? history;
  const final = done.at(-1) ?? nan;
  const summary: Summary = {
    variant: o.variant,
    epochs: o.epochs,
    lr: o.lr,
    batchSize: o.batchSize,
    seed: o.seed,
    backend: getBackend(),
    trainLoss: final.trainLoss,
    trainAcc: final.trainAcc,
    testAcc: final.testAcc,
    testAccHistory: done.map((r) => r.testAcc),
    secondsPerEpoch: done.reduce((s, r) => s + r.seconds, 0) / done.length,
    predictions: shown.trueLabels.map((t, i) => ({ true: t, pred: shown.predLabels[i]! })),
    files,
    data: data.source,
    diverged,
  };
  if (o.json) o.print(toJson({ summary }));
  else if (o.quiet) return summary;
  else if (diverged !== null) {
    o.print(`${o.variant}: ${diverged.message.replace(/^train: /, "")}.`);
    o.print(
      `The learning rate ${o.lr} is too large: each step overshoots the minimum, so the loss grows ` +
        `instead of falling (the default --lr is ${DEFAULT_LR}).`,
    );
  } else {
    o.print(
      `${o.variant}: train loss ${final.trainLoss.toFixed(3)}, train acc ${final.trainAcc.toFixed(3)}, test acc ${final.testAcc.toFixed(3)}, ${summary.secondsPerEpoch.toFixed(2)} s/epoch (${summary.backend} backend)`,
    );
    o.print(
      `predictions (true → predicted): ${summary.predictions.map((p) => `${p.true} → ${p.pred}`).join(", ")}`,
    );
    for (const [k, v] of Object.entries(files)) o.print(`  ${k}: ${v}`);
  }
  return summary;
}
