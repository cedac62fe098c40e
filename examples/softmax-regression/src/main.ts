#!/usr/bin/env node
// CLI: `pnpm softmax [options]` — the README's main job.
import { parseArgs } from "node:util";
import { setBackend } from "@tsgrad/tensor";
import { loadData, runVariant, type Variant } from "./run.js";

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

// `pnpm <script> -- --flag` passes the "--" through: drop it.
const argv = process.argv.slice(2);
const { values } = parseArgs({
  args: argv[0] === "--" ? argv.slice(1) : argv,
  options: {
    variant: { type: "string", default: "both" },
    epochs: { type: "string", default: "10" },
    lr: { type: "string", default: "0.1" },
    "batch-size": { type: "string", default: "256" },
    seed: { type: "string", default: "0" },
    out: { type: "string", default: "runs/softmax-regression" },
    resume: { type: "boolean", default: false },
    "data-dir": { type: "string" },
    backend: { type: "string" },
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

function num(name: string, v: string, integer: boolean): number {
  const n = Number(v);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < 0) {
    console.error(
      `softmax: --${name} must be a ${integer ? "non-negative integer" : "non-negative number"}, got ${v}`,
    );
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  if (values.help) {
    console.log(HELP);
    return;
  }
  const variants: Variant[] =
    values.variant === "both"
      ? ["scratch", "concise"]
      : values.variant === "scratch" || values.variant === "concise"
        ? [values.variant]
        : [];
  if (variants.length === 0) {
    console.error(`softmax: --variant must be scratch, concise or both, got ${values.variant}`);
    process.exit(2);
  }
  if (values.backend !== undefined) setBackend(values.backend as "js" | "wasm");
  const epochs = num("epochs", values.epochs, true);
  const batchSize = num("batch-size", values["batch-size"], true);
  const seed = num("seed", values.seed, true);
  const lr = num("lr", values.lr, false);
  const print = (line: string) => console.log(line);
  const data = await loadData(batchSize, seed, values["data-dir"]);
  for (const variant of variants) {
    if (!values.json) print(`\n== ${variant} ==`);
    await runVariant(
      {
        variant,
        epochs,
        lr,
        batchSize,
        seed,
        out: `${values.out}/${variant}`,
        json: values.json,
        print,
        predictN: 6,
        resume: values.resume,
        dataDir: values["data-dir"],
      },
      data,
    );
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  process.exit(1);
});
