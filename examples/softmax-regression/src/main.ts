#!/usr/bin/env node
// CLI: `pnpm softmax [options]` — the README's main job.
import { parseArgv, runMain, TRAINING_OPTIONS, trainingOptions, UsageError } from "@tsgrad/example-kit";
import { setBackend } from "@tsgrad/tensor";
import { loadData, runVariant } from "./run.js";

const HELP = `Usage: pnpm softmax [options]

Softmax regression on the real Fashion-MNIST (Dive into Deep Learning 3.6 and 3.7): a linear
layer 784 → 10 trained with softmax cross-entropy and minibatch SGD, written twice — from
scratch (hand-written softmax, cross-entropy and sgd on raw tensors) and concise (Sequential,
CrossEntropyLoss, SGD). Shows a live chart on a terminal, writes chart.svg, report.html and
predictions.png per variant, and prints the first test images' predictions.

Options:
  --variant V       scratch, concise or both (default both)
  --epochs N        epochs (default 10)
  --lr X            learning rate (default 0.1)
  --batch-size N    batch size (default 256)
  --seed N          seed of initialization and shuffling (default 0)
  --out DIR         output folder (default runs/softmax-regression; a folder per variant)
  --resume          continue from the checkpoint in the output folder (concise)
  --data-dir DIR    where the Fashion-MNIST files are (default: FASHION_MNIST_DIR, the cache,
                    /usr/share/datasets/fashion-mnist, then a download)
  --backend B       kernels: wasm or js (default: wasm where WebAssembly SIMD exists)
  --json            one JSON object per epoch and a summary per variant, nothing else
  -h, --help        this help

Data: on Debian/Ubuntu, apt-get install dataset-fashion-mnist; elsewhere the files are
downloaded into ~/.cache/tsgrad/fashion-mnist on first use.`;

const DEFAULTS = {
  variants: ["scratch", "concise"],
  epochs: 10,
  lr: 0.1,
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
  const o = trainingOptions(values, { ...DEFAULTS, variants: [...DEFAULTS.variants] });
  if (values.backend !== undefined) {
    if (values.backend !== "js" && values.backend !== "wasm") {
      throw new UsageError(`--backend must be wasm or js, got '${values.backend}'`);
    }
    setBackend(values.backend);
  }
  const print = (line: string) => console.log(line);
  const data = await loadData(o.batchSize, o.seed, values["data-dir"]);
  for (const variant of o.variants) {
    if (!o.json) print(`\n== ${variant} ==`);
    await runVariant(
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
        dataDir: values["data-dir"],
      },
      data,
    );
  }
  return 0;
});
