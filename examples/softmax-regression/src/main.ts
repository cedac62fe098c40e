#!/usr/bin/env node
// CLI: `pnpm softmax [options]` — the README's main job.
import {
  checkOutputDir,
  parseArgv,
  runMain,
  TRAINING_OPTIONS,
  trainingOptions,
  UsageError,
} from "@tsgrad/example-kit";
import { setBackend } from "@tsgrad/tensor";
import { checkDataDir, describeSource } from "./data.js";
import { DEFAULT_LR, loadData, runVariant } from "./run.js";

const HELP = `Usage: pnpm softmax [options]

Softmax regression on the real Fashion-MNIST (Dive into Deep Learning 3.6 and 3.7): a linear
layer 784 → 10 trained with softmax cross-entropy and minibatch SGD, written twice — from
scratch (hand-written softmax, cross-entropy and sgd on raw tensors) and concise (Sequential,
CrossEntropyLoss, SGD). Shows a live chart on a terminal, writes chart.svg, report.html and
predictions.png per variant, and prints the first test images' predictions.

A learning rate too large: the run stops when a batch loss is NaN or infinite, or when the
loss grows above 10 times its value at the start (the first batch's), says at which epoch,
batch and learning rate, and suggests a smaller one; the exit status is then 1. From about
--lr 1 both variants stop in the first epoch: from scratch the hand-written softmax
underflows and the loss becomes Infinity or NaN; the concise loss (the fused, stable
cross-entropy) stays finite but grows with the rate (63 at the third batch with --lr 5).

Options:
  --variant V       scratch, concise or both (default both)
  --epochs N        epochs (default 10)
  --lr X            learning rate, a positive number (default ${DEFAULT_LR})
  --batch-size N    batch size (default 256)
  --seed N          seed of initialization and shuffling, any integer (default 0)
  --out DIR         output folder (default runs/softmax-regression; a folder per variant)
  --resume          continue from the checkpoint in the output folder (concise)
  --data-dir DIR    the folder that holds the four Fashion-MNIST files, and no other (default:
                    FASHION_MNIST_DIR, the cache, /usr/share/datasets/fashion-mnist, then a
                    download); the output says where the data came from
  --backend B       kernels: wasm or js (default: wasm where WebAssembly SIMD exists)
  --json            one JSON object per epoch and a summary per variant, nothing else
  -h, --help        this help

Exit status: 0, 1 when a variant diverged (or another error), 2 for a bad option.

Data: on Debian/Ubuntu, apt-get install dataset-fashion-mnist; elsewhere the files are
downloaded into ~/.cache/tsgrad/fashion-mnist on first use.`;

const DEFAULTS = {
  variants: ["scratch", "concise"],
  epochs: 10,
  lr: DEFAULT_LR,
  batchSize: 256,
  seed: 0,
  out: "runs/softmax-regression",
  json: false,
} as const;

await runMain("softmax", async () => {
  const values = parseArgv(process.argv.slice(2), {
    ...TRAINING_OPTIONS,
    resume: { type: "boolean" },
    "data-dir": { type: "string" },
    backend: { type: "string" },
  } as const);
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  // Every option is checked before any work: the values, the output folder, the data folder.
  const o = trainingOptions(values, { ...DEFAULTS, variants: [...DEFAULTS.variants] });
  if (values.backend !== undefined && values.backend !== "js" && values.backend !== "wasm") {
    throw new UsageError(`--backend must be wasm or js, got '${values.backend}'`);
  }
  checkOutputDir(o.out);
  const dataDir = values["data-dir"];
  if (dataDir !== undefined) checkDataDir(dataDir);
  if (values.backend !== undefined) setBackend(values.backend);

  const print = (line: string) => console.log(line);
  const data = await loadData(o.batchSize, o.seed, dataDir);
  // Where the data came from: a line of the text, a field of each JSON summary.
  if (!o.json) print(describeSource(data.source));
  let diverged = false;
  for (const variant of o.variants) {
    if (!o.json) print(`\n== ${variant} ==`);
    const summary = await runVariant(
      {
        variant,
        epochs: o.epochs,
        lr: o.lr,
        batchSize: o.batchSize,
        seed: o.seed,
        out: `${o.out}/${variant}`,
        json: o.json,
        print,
        predictN: 6,
        resume: values.resume ?? false,
        dataDir,
      },
      data,
    );
    diverged ||= summary.diverged !== null;
  }
  // A diverged variant has been explained; the status tells scripts it did not converge.
  return diverged ? 1 : 0;
});
