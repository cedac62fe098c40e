// Trains one variant on Fashion-MNIST with the trainer (live view or log lines, chart and
// report), then shows predictions on the first test images.
import { loadDataFashionMnist } from "@tsgrad/data-fashion-mnist";
import { Generator, getBackend, type Tensor } from "@tsgrad/tensor";
import { type EpochRecord, predict, train } from "@tsgrad/trainer";
import { conciseModel } from "./concise.js";
import { crossEntropy, scratchModel } from "./scratch.js";

export type Variant = "scratch" | "concise";

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
}

type Batch = readonly [Tensor, Tensor];

export async function loadData(batchSize: number, seed: number, dataDir: string | undefined) {
  // The shuffling generator is separate from the initialization's, so both are reproducible.
  const generator = new Generator(seed + 1);
  // The training loop consumes each batch before asking for the next one, so the loaders may
  // write every batch into the same buffers: no 800 KB allocation (and its garbage) per batch.
  const { trainIter, testIter } = await loadDataFashionMnist(batchSize, {
    generator,
    reuseBuffers: true,
    ...(dataDir ? { root: dataDir } : {}),
  });
  return { trainIter: trainIter as Iterable<Batch>, testIter: testIter as Iterable<Batch>, generator };
}

export async function runVariant(
  o: RunOptions,
  data: Awaited<ReturnType<typeof loadData>>,
): Promise<Summary> {
  // Each variant shuffles the same way, whichever ran before it.
  data.generator.manualSeed(o.seed + 1);
  const title = `softmax regression (${o.variant}), lr ${o.lr}, batch ${o.batchSize}`;
  const common = {
    outDir: o.out,
    title,
    quiet: o.json || o.quiet,
    onEpoch: (r: EpochRecord) => {
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
  let result: Awaited<ReturnType<typeof train>>;
  let net: { forward(x: Tensor): Tensor };
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
  const files: Record<string, string> = {};
  if (result.chart) files.chart = result.chart;
  if (result.report) files.report = result.report;
  const png = o.out === undefined ? undefined : `${o.out}/predictions.png`;
  const shown = await predict(net, data.testIter, { n: o.predictN, ...(png ? { png } : {}) });
  if (png) files.predictions = png;
  const final = result.final!;
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
    testAccHistory: result.history.map((r) => r.testAcc),
    secondsPerEpoch: result.history.reduce((s, r) => s + r.seconds, 0) / result.history.length,
    predictions: shown.trueLabels.map((t, i) => ({ true: t, pred: shown.predLabels[i]! })),
    files,
  };
  if (o.json) o.print(JSON.stringify({ summary }));
  else if (!o.quiet) {
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
