// What the mains of the Fashion-MNIST examples share around their variants: the --data-dir and
// --backend options, the checks and the data before any training, and the exit status.
import { setBackend } from "@tsgrad/tensor";
import { type Backend, backendOption, TRAINING_OPTIONS, type TrainingOptions } from "../cli.js";
import { checkOutputDir } from "../output.js";
import { checkDataDir, describeSource, type FashionMnistData, loadFashionMnist } from "./data.js";
import type { VariantOptions } from "./variant.js";

/** The common options of a training example, --data-dir and --backend: parseArgs' declaration. */
export const FASHION_MNIST_OPTIONS = {
  ...TRAINING_OPTIONS,
  "data-dir": { type: "string" },
  backend: { type: "string" },
} as const;

/** The help's lines for --data-dir and --backend, in the options' columns of the examples' help. */
export const DATA_OPTIONS_HELP = `  --data-dir DIR    the folder that holds the four Fashion-MNIST files, and no other (default:
                    FASHION_MNIST_DIR, the cache, /usr/share/datasets/fashion-mnist, then a
                    download); the output says where the data came from
  --backend B       kernels: wasm or js (default: wasm where WebAssembly SIMD exists)`;

/** The help's last paragraph: where the data comes from. */
export const DATA_HELP = `Data: on Debian/Ubuntu, apt-get install dataset-fashion-mnist; elsewhere the files are
downloaded into ~/.cache/tsgrad/fashion-mnist on first use.`;

export interface DataOptions {
  /** The folder that holds the four files, and no other; undefined: the loader's usual search. */
  dataDir: string | undefined;
  /** Undefined: the default kernels (wasm where WebAssembly SIMD exists). */
  backend: Backend | undefined;
}

/** --data-dir and --backend from parsed values; the folder itself is checked by `startRun`. */
export function dataOptions(values: { "data-dir"?: string; backend?: string }): DataOptions {
  return {
    dataDir: values["data-dir"],
    backend: values.backend === undefined ? undefined : backendOption(values.backend),
  };
}

export interface StartOptions extends DataOptions {
  out: string;
  batchSize: number;
  seed: number;
  json: boolean;
}

/**
 * Before any training: checks the output folder, then --data-dir (a run that cannot write its
 * results, or would read the wrong data, wastes its minutes), chooses the kernels, finds and
 * loads the data, and says where it came from: the first line of the text (with --json, each
 * summary's `data` says it).
 */
export async function startRun(o: StartOptions, print: (line: string) => void): Promise<FashionMnistData> {
  checkOutputDir(o.out);
  if (o.dataDir !== undefined) checkDataDir(o.dataDir);
  if (o.backend !== undefined) setBackend(o.backend);
  const data = await loadFashionMnist(o.batchSize, o.seed, o.dataDir);
  if (!o.json) print(describeSource(data.source));
  return data;
}

/**
 * Runs the variants one after the other, each with its options (its own folder under --out, six
 * predictions shown) and a "== variant ==" line before it in the text, and returns the exit
 * status: 1 when one diverged (it has been explained; the status tells scripts it did not
 * converge), else 0.
 */
export async function runVariants(
  o: TrainingOptions,
  print: (line: string) => void,
  run: (options: VariantOptions) => Promise<{ diverged: unknown }>,
): Promise<number> {
  let diverged = false;
  for (const variant of o.variants) {
    if (!o.json) print(`\n== ${variant} ==`);
    const { epochs, lr, batchSize, seed, json } = o;
    const out = `${o.out}/${variant}`;
    const summary = await run({ variant, epochs, lr, batchSize, seed, out, json, print, predictN: 6 });
    diverged ||= summary.diverged !== null;
  }
  return diverged ? 1 : 0;
}
