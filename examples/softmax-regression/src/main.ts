#!/usr/bin/env node
// CLI: `pnpm softmax [options]` — the README's main job.
import { parseArgv, runMain, trainingOptions } from "@tsgrad/example-kit";
import {
  DATA_HELP,
  DATA_OPTIONS_HELP,
  dataOptions,
  FASHION_MNIST_OPTIONS,
  runVariants,
  startRun,
} from "@tsgrad/example-kit/fashion-mnist";
import { DEFAULT_LR, runVariant } from "./run.js";

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
${DATA_OPTIONS_HELP}
  --json            one JSON object per epoch and a summary per variant, nothing else
  -h, --help        this help

Exit status: 0, 1 when a variant diverged (or another error), 2 for a bad option.

${DATA_HELP}`;

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
    ...FASHION_MNIST_OPTIONS,
    resume: { type: "boolean" },
  } as const);
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  // Every option is checked before any work: the values here, the folders in startRun.
  const o = {
    ...trainingOptions(values, { ...DEFAULTS, variants: [...DEFAULTS.variants] }),
    ...dataOptions(values),
  };
  const print = (line: string) => console.log(line);
  const data = await startRun(o, print);
  return runVariants(o, print, (options) => runVariant({ ...options, resume: values.resume ?? false }, data));
});
