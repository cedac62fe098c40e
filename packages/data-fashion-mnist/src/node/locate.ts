// Finding, downloading and caching the four files in Node (imported dynamically, and reaching
// Node's modules through tensor's nodeBuiltin, so browser bundles never meet node:fs). Order:
// the `root` option, FASHION_MNIST_DIR, the cache folder, Debian's folder, then a download from
// the mirrors into `root` or the cache. Files are read with readRegularFile: a FIFO, a device or
// anything larger than the largest valid file is refused before it is read.
import { DataError } from "@tsgrad/data";
import { nodeBuiltin, readRegularFile, removeStaleTemporaries } from "@tsgrad/tensor";
import { FILE_KEYS, FILE_NAMES, FILE_SIZES, type FileKey, SYSTEM_DIR } from "../files.js";
import { maxCompressedSize } from "../gunzip.js";
import type { LocateOptions } from "../options.js";
import { processEnv } from "../runtime.js";
import { decodeFile, expectedSha } from "../source.js";
import { CALLER, download, message } from "./download.js";

type Fs = typeof import("node:fs/promises");
type Os = typeof import("node:os");
type Path = typeof import("node:path");

/** A located, decompressed and verified file. */
export interface LocatedFile {
  /** Where it was read from (a path), or written to after a download. */
  path: string;
  /** "root", "FASHION_MNIST_DIR", "cache", "system" or "download". */
  origin: string;
  /** The decompressed IDX bytes. */
  data: Uint8Array;
}

/** `$XDG_CACHE_HOME/tsgrad/fashion-mnist`, or `~/.cache/tsgrad/fashion-mnist`. */
export function cacheDirectory(env: Readonly<Record<string, string | undefined>> = processEnv()): string {
  const { join } = nodeBuiltin<Path>("node:path", "fashionMnistCacheDir");
  const home = () => nodeBuiltin<Os>("node:os", "fashionMnistCacheDir").homedir();
  const base = env.XDG_CACHE_HOME || join(env.HOME || home(), ".cache");
  return join(base, "tsgrad", "fashion-mnist");
}

interface Place {
  origin: string;
  label: string;
  dir: string | undefined;
  /** Our own cache: a file that fails verification there is deleted and fetched again. */
  owned: boolean;
}

function places(options: LocateOptions): Place[] {
  const env = options.env ?? processEnv();
  return [
    { origin: "root", label: "the root option", dir: options.root, owned: false },
    {
      origin: "FASHION_MNIST_DIR",
      label: "FASHION_MNIST_DIR",
      dir: env.FASHION_MNIST_DIR || undefined,
      owned: false,
    },
    { origin: "cache", label: "the cache", dir: cacheDirectory(env), owned: true },
    {
      origin: "system",
      label: "Debian's dataset-fashion-mnist",
      dir: options.systemDir ?? SYSTEM_DIR,
      owned: false,
    },
  ];
}

/** The names a download writes temporaries for: every file, gzipped or not. */
const ALL_NAMES = FILE_KEYS.flatMap((k) => [FILE_NAMES[k], `${FILE_NAMES[k]}.gz`]);

/** Removes what downloads killed mid-write left in `dir` (best effort: a failure is reported). */
async function removeLeftovers(dir: string, warn: (m: string) => void): Promise<void> {
  try {
    await removeStaleTemporaries(dir, ALL_NAMES, CALLER);
  } catch (e) {
    warn(`${CALLER}: could not remove the temporary files of killed downloads in ${dir}: ${message(e)}`);
  }
}

/** True for a read error that means "no such file here" (then the search goes on quietly). */
function isMissing(e: unknown): boolean {
  const code = (e as { cause?: { code?: unknown } }).cause?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}

/**
 * Reads `path` (at most the largest valid gzip of the file: a file named without .gz may still
 * be gzipped), then decompresses and verifies it. Null when there is no such file.
 */
async function readCandidate(
  path: string,
  key: FileKey,
  sha: string | undefined,
): Promise<Uint8Array | null> {
  const size = FILE_SIZES[key];
  let raw: Uint8Array;
  try {
    raw = await readRegularFile(
      path,
      maxCompressedSize(size),
      CALLER,
      (m, cause) => new DataError(m, { file: path, cause }),
    );
  } catch (e) {
    if (isMissing(e)) return null;
    throw e;
  }
  return decodeFile(raw, path, sha, size);
}

/** Finds (or downloads) one file and returns its verified, decompressed bytes. */
export async function locateFile(key: FileKey, options: LocateOptions = {}): Promise<LocatedFile> {
  const warn = options.warn ?? ((m: string) => console.warn(m));
  const name = FILE_NAMES[key];
  const sha = expectedSha(options.sha256, key);
  const problems: string[] = [];
  const all = places(options);
  const cache = all.find((p) => p.owned)!.dir!;
  const downloadDir = options.root ?? cache;
  // Where downloads go now, and where they went without `root`.
  for (const dir of new Set([downloadDir, cache])) await removeLeftovers(dir, warn);
  for (const place of all) {
    if (place.dir === undefined) {
      problems.push(`${place.label}: not set`);
      continue;
    }
    let found = false;
    for (const fname of [name, `${name}.gz`]) {
      const path = nodeBuiltin<Path>("node:path", CALLER).join(place.dir, fname);
      try {
        const data = await readCandidate(path, key, sha);
        if (data === null) continue;
        return { path, origin: place.origin, data };
      } catch (e) {
        if (!(e instanceof DataError)) throw e;
        found = true;
        problems.push(`${path}: ${e.message}`);
        if (place.owned) {
          warn(`${e.message}; removing it from the cache and fetching it again`);
          // A folder in its place is not removed (rm without recursive): the download then says so.
          await nodeBuiltin<Fs>("node:fs/promises", CALLER)
            .rm(path, { force: true })
            .catch(() => undefined);
        } else {
          warn(`${e.message}; trying the next location`);
        }
      }
    }
    if (!found) problems.push(`${place.label} (${place.dir}): no ${name} or ${name}.gz`);
  }
  if (options.download ?? true) {
    try {
      const got = await download(key, downloadDir, options, problems);
      return { ...got, origin: "download" };
    } catch {
      // The problems are listed below.
    }
  } else {
    problems.push("download: disabled (download: false)");
  }
  throw new DataError(
    [
      `FashionMNIST: could not find ${name} (gzipped or not) or download it. Looked in:`,
      ...problems.map((p) => `  - ${p}`),
      "To fix: install Debian's package (`apt-get install dataset-fashion-mnist`), or put the four files in a folder and set FASHION_MNIST_DIR to it (or pass { root }).",
    ].join("\n"),
    { file: name },
  );
}
