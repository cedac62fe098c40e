// Where the Fashion-MNIST files come from, found (and verified) before any training and said in
// the output: --data-dir means that folder and no other; without it, the loader's usual search
// (FASHION_MNIST_DIR, the cache, Debian's folder, then a download).
import { statSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  FASHION_MNIST_FILE_KEYS,
  FASHION_MNIST_FILES,
  FASHION_MNIST_SYSTEM_DIR,
  type FashionMnistFileKey,
  loadDataFashionMnist,
  locateFashionMnistFile,
} from "@tsgrad/data-fashion-mnist";
import { Generator, type Tensor } from "@tsgrad/tensor";
import { UsageError } from "../usage-error.js";

/** Where the four files were found. */
export interface DataSource {
  /** The folder that held them (or each file's folder, when they came from several). */
  dirs: string[];
  /** How that folder was chosen: "--data-dir", "FASHION_MNIST_DIR", "cache", "system" or "download". */
  origins: string[];
  /** The four files' paths. */
  files: string[];
}

export interface LocatedData {
  /** The decompressed, verified bytes of each file. */
  bytes: Record<FashionMnistFileKey, Uint8Array>;
  source: DataSource;
}

const ORIGIN_NAMES: Record<string, string> = {
  "--data-dir": "--data-dir",
  FASHION_MNIST_DIR: "FASHION_MNIST_DIR",
  cache: "the cache",
  system: "Debian's dataset-fashion-mnist",
  download: "downloaded",
};

/** One line for the output: "data: Fashion-MNIST from DIR (how it was chosen)". */
export function describeSource(source: DataSource): string {
  const how = source.origins.map((o) => ORIGIN_NAMES[o] ?? o).join(", ");
  return `data: Fashion-MNIST from ${source.dirs.join(", ")} (${how})`;
}

/**
 * A --data-dir that cannot hold the data is a usage error, found before any work: it does not
 * exist, is not a folder, or lacks one of the four files (gzipped or not).
 */
export function checkDataDir(dir: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      `--data-dir '${dir}' ${code === "ENOENT" ? "does not exist" : `cannot be read (${code})`}`,
    );
  }
  if (!isDir) throw new UsageError(`--data-dir '${dir}' is not a folder`);
  const missing = FASHION_MNIST_FILE_KEYS.map((k) => FASHION_MNIST_FILES[k]).filter(
    (name) => !isFile(join(dir, name)) && !isFile(join(dir, `${name}.gz`)),
  );
  if (missing.length > 0) {
    throw new UsageError(
      `--data-dir '${dir}' does not hold Fashion-MNIST: no ${missing.join(", ")} (gzipped or not) there ` +
        `(without --data-dir the files are looked for in FASHION_MNIST_DIR, the cache and ${FASHION_MNIST_SYSTEM_DIR}, then downloaded)`,
    );
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Finds, reads and verifies the four files. With `dataDir`, only there: a file that fails
 * verification is an error, not a reason to take the data from elsewhere.
 */
export async function locateData(dataDir: string | undefined): Promise<LocatedData> {
  if (dataDir === undefined) {
    return located(await Promise.all(FASHION_MNIST_FILE_KEYS.map((key) => locateFashionMnistFile(key))));
  }
  checkDataDir(dataDir);
  const warnings: string[] = [];
  const options = { root: dataDir, download: false, warn: (m: string) => warnings.push(m) };
  // A file there that fails verification sends the search on: the file found elsewhere, or
  // none found, is the same usage error.
  const settled = await Promise.allSettled(
    FASHION_MNIST_FILE_KEYS.map((key) => locateFashionMnistFile(key, options)),
  );
  const files: LocatedFile[] = [];
  for (const [i, r] of settled.entries()) {
    if (r.status === "fulfilled" && r.value.origin === "root") {
      files.push(r.value);
      continue;
    }
    const name = FASHION_MNIST_FILES[FASHION_MNIST_FILE_KEYS[i]!];
    const why = warnings.find((w) => w.includes(name)) ?? `${name} could not be read`;
    throw new UsageError(`--data-dir '${dataDir}': ${why.replace(/; trying the next location$/, "")}`);
  }
  return located(files);
}

type LocatedFile = Awaited<ReturnType<typeof locateFashionMnistFile>>;

/** The four files' bytes, and where they came from ("root" is said "--data-dir"). */
function located(found: LocatedFile[]): LocatedData {
  const bytes = Object.fromEntries(FASHION_MNIST_FILE_KEYS.map((k, i) => [k, found[i]!.data])) as Record<
    FashionMnistFileKey,
    Uint8Array
  >;
  const unique = <T>(xs: T[]) => [...new Set(xs)];
  const origins = unique(found.map((f) => (f.origin === "root" ? "--data-dir" : f.origin)));
  return {
    bytes,
    source: { dirs: unique(found.map((f) => dirname(f.path))), origins, files: found.map((f) => f.path) },
  };
}

export type Batch = readonly [Tensor, Tensor];

/** The loaders, the generator that shuffles the training set, and where the files came from. */
export interface FashionMnistData {
  trainIter: Iterable<Batch>;
  testIter: Iterable<Batch>;
  /** Re-seeded before each variant, so that each shuffles the same way. */
  generator: Generator;
  source: DataSource;
}

/**
 * Finds the files (only in `dataDir` when given: a usage error if they are not there) and makes
 * the loaders.
 */
export async function loadFashionMnist(
  batchSize: number,
  seed: number,
  dataDir: string | undefined,
): Promise<FashionMnistData> {
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
