// Downloading one file from the mirrors into a folder (Node only): at most the largest valid
// gzip size of that file, verified, then written atomically (temporary file, fsync, rename), so
// a failed or killed download never leaves a file that looks like the data.
import { nodeBuiltin, writeFileAtomic } from "@tsgrad/tensor";
import { fetchBounded, HttpStatusError } from "../fetch-bounded.js";
import { FASHION_MNIST_MIRRORS, FILE_NAMES, FILE_SIZES, type FileKey } from "../files.js";
import { maxCompressedSize } from "../gunzip.js";
import type { LocateOptions } from "../options.js";
import { stderrIsTTY } from "../runtime.js";
import { decodeFile, expectedSha } from "../source.js";

/** The name in this package's file errors (`readRegularFile`'s and `writeFileAtomic`'s caller). */
export const CALLER = "FashionMNIST";

type Fs = typeof import("node:fs/promises");
type Path = typeof import("node:path");
type Process = typeof import("node:process");

/** An error's message, with its cause's code or message (fetch hides the reason there). */
export function message(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  const cause = err.cause?.code ?? err.cause?.message;
  return cause === undefined ? err.message : `${err.message} (${cause})`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Progress {
  update(received: number, total: number): void;
  stop(): void;
}

/** A progress bar on stderr, started at the first update (when the total is known). */
async function progressBar(label: string): Promise<Progress> {
  const { SingleBar, Presets } = (await import("cli-progress")).default;
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} bytes | {eta}s`,
      stream: nodeBuiltin<Process>("node:process", CALLER).stderr,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update: (received, total) => {
      if (!started) bar.start(total > 0 ? total : received, 0);
      started = true;
      if (total <= 0) bar.setTotal(received);
      bar.update(received);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

/** A downloaded, verified file: where it was saved, and its decompressed bytes. */
export interface Downloaded {
  path: string;
  data: Uint8Array;
}

/** Downloads `<name>.gz` into `dir` from the mirrors, with retries; `problems` collects failures. */
export async function download(
  key: FileKey,
  dir: string,
  options: LocateOptions,
  problems: string[],
): Promise<Downloaded> {
  const { join } = nodeBuiltin<Path>("node:path", CALLER);
  const fname = `${FILE_NAMES[key]}.gz`;
  const target = join(dir, fname);
  const maxBytes = maxCompressedSize(FILE_SIZES[key]);
  const retries = Math.max(1, options.retries ?? 3);
  const delay = options.retryDelayMs ?? 500;
  const showBar = options.progress ?? stderrIsTTY();
  try {
    await nodeBuiltin<Fs>("node:fs/promises", CALLER).mkdir(dir, { recursive: true });
  } catch (e) {
    problems.push(`could not create ${dir}: ${message(e)}`);
    throw new Error("no folder to download into");
  }
  for (const mirror of options.mirrors ?? FASHION_MNIST_MIRRORS) {
    const url = new URL(fname, mirror.endsWith("/") ? mirror : `${mirror}/`).href;
    for (let attempt = 1; attempt <= retries; attempt++) {
      let data: Uint8Array;
      let raw: Uint8Array;
      const bar = showBar ? await progressBar(fname) : null;
      try {
        const signal = AbortSignal.timeout(options.timeoutMs ?? 300_000);
        raw = await fetchBounded(url, maxBytes, { signal, onProgress: (n, total) => bar?.update(n, total) });
        data = await decodeFile(raw, url, expectedSha(options.sha256, key), FILE_SIZES[key]);
      } catch (e) {
        problems.push(`download ${url} (attempt ${attempt} of ${retries}): ${message(e)}`);
        // A missing file stays missing: go to the next mirror.
        if (e instanceof HttpStatusError && e.status >= 400 && e.status < 500) break;
        if (attempt < retries) await sleep(delay * 2 ** (attempt - 1));
        continue;
      } finally {
        bar?.stop();
      }
      try {
        await writeFileAtomic(target, raw, CALLER);
      } catch (e) {
        // Another mirror would not help: the folder is the problem.
        problems.push(`could not save ${url} as ${target}: ${message(e)}`);
        throw new Error("no folder to download into");
      }
      return { path: target, data };
    }
  }
  throw new Error("every mirror failed");
}
