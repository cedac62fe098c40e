// Finding, downloading and caching the four files in Node (imported dynamically, so browser
// bundles never load node:fs). Order: the `root` option, FASHION_MNIST_DIR, the cache folder,
// Debian's folder, then a download from the mirrors into `root` or the cache.
import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { DataError } from "@tsgrad/data";
import { FASHION_MNIST_MIRRORS, FILE_NAMES, type FileKey, SYSTEM_DIR } from "../files.js";
import type { LocateOptions } from "../options.js";
import { decodeFile, expectedSha } from "../source.js";

/** A located, decompressed and verified file. */
export interface LocatedFile {
  /** Where it was read from (a path), or written to after a download. */
  path: string;
  /** "root", "FASHION_MNIST_DIR", "cache", "system" or "download". */
  origin: string;
  /** The decompressed IDX bytes. */
  data: Uint8Array;
}

/** The biggest download accepted (train-images is 26 MB gzipped). */
const MAX_DOWNLOAD_BYTES = 256 * 1024 * 1024;

/** `$XDG_CACHE_HOME/tsgrad/fashion-mnist`, or `~/.cache/tsgrad/fashion-mnist`. */
export function cacheDirectory(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), ".cache");
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
  const env = options.env ?? process.env;
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

function message(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  const cause = err.cause?.code ?? err.cause?.message;
  return cause === undefined ? err.message : `${err.message} (${cause})`;
}

class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Streams `url` into `tmp`, with a progress bar when asked; returns the bytes. */
async function fetchToFile(
  url: string,
  tmp: string,
  label: string,
  options: LocateOptions,
): Promise<Uint8Array> {
  const res = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 300_000) });
  if (!res.ok || res.body === null) throw new HttpStatusError(res.status);
  const total = Number(res.headers.get("content-length") ?? 0);
  if (total > MAX_DOWNLOAD_BYTES)
    throw new Error(`the server announces ${total} bytes, more than any of the files`);
  const showBar = options.progress ?? process.stderr.isTTY === true;
  const bar = showBar ? await progressBar(label, total) : null;
  const chunks: Uint8Array[] = [];
  let received = 0;
  const file = await open(tmp, "w");
  try {
    for await (const chunk of res.body) {
      received += chunk.length;
      if (received > MAX_DOWNLOAD_BYTES)
        throw new Error(`more than ${MAX_DOWNLOAD_BYTES} bytes: not a Fashion-MNIST file`);
      chunks.push(chunk);
      await file.write(chunk);
      bar?.update(received);
    }
  } finally {
    await file.close();
    bar?.stop();
  }
  const out = new Uint8Array(received);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

async function progressBar(label: string, total: number): Promise<{ update(n: number): void; stop(): void }> {
  const { SingleBar, Presets } = (await import("cli-progress")).default;
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} bytes | {eta}s`,
      stream: process.stderr,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  bar.start(total > 0 ? total : 1, 0);
  return {
    update: (n) => {
      if (total <= 0) bar.setTotal(n);
      bar.update(n);
    },
    stop: () => bar.stop(),
  };
}

/** Downloads `<name>.gz` into `dir` from the mirrors: temp file, verify, rename. */
async function download(
  key: FileKey,
  dir: string,
  options: LocateOptions,
  problems: string[],
): Promise<LocatedFile> {
  const fname = `${FILE_NAMES[key]}.gz`;
  const target = join(dir, fname);
  const retries = Math.max(1, options.retries ?? 3);
  const delay = options.retryDelayMs ?? 500;
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    problems.push(`could not create ${dir}: ${message(e)}`);
    throw new Error("no folder to download into");
  }
  for (const mirror of options.mirrors ?? FASHION_MNIST_MIRRORS) {
    const url = new URL(fname, mirror.endsWith("/") ? mirror : `${mirror}/`).href;
    for (let attempt = 1; attempt <= retries; attempt++) {
      const tmp = join(dir, `.${fname}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
      try {
        const raw = await fetchToFile(url, tmp, fname, options);
        const data = await decodeFile(raw, url, expectedSha(options.sha256, key));
        await rename(tmp, target);
        return { path: target, origin: "download", data };
      } catch (e) {
        await rm(tmp, { force: true });
        problems.push(`download ${url} (attempt ${attempt} of ${retries}): ${message(e)}`);
        // A missing file stays missing: go to the next mirror.
        if (e instanceof HttpStatusError && e.status >= 400 && e.status < 500) break;
        if (attempt < retries) await sleep(delay * 2 ** (attempt - 1));
      }
    }
  }
  throw new Error("every mirror failed");
}

/** Finds (or downloads) one file and returns its verified, decompressed bytes. */
export async function locateFile(key: FileKey, options: LocateOptions = {}): Promise<LocatedFile> {
  const warn = options.warn ?? ((m: string) => console.warn(m));
  const name = FILE_NAMES[key];
  const sha = expectedSha(options.sha256, key);
  const problems: string[] = [];
  const all = places(options);
  for (const place of all) {
    if (place.dir === undefined) {
      problems.push(`${place.label}: not set`);
      continue;
    }
    let found = false;
    for (const fname of [name, `${name}.gz`]) {
      const path = join(place.dir, fname);
      let raw: Uint8Array;
      try {
        raw = await readFile(path);
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code !== "ENOENT" && code !== "ENOTDIR") problems.push(`${path}: ${message(e)}`);
        continue;
      }
      found = true;
      try {
        return { path, origin: place.origin, data: await decodeFile(raw, path, sha) };
      } catch (e) {
        if (!(e instanceof DataError)) throw e;
        problems.push(`${path}: ${e.message}`);
        if (place.owned) {
          warn(`${e.message}; removing it from the cache and fetching it again`);
          await rm(path, { force: true });
        } else {
          warn(`${e.message}; trying the next location`);
        }
      }
    }
    if (!found) problems.push(`${place.label} (${place.dir}): no ${name} or ${name}.gz`);
  }
  if (options.download ?? true) {
    const dir = options.root ?? all.find((p) => p.owned)!.dir!;
    try {
      return await download(key, dir, options, problems);
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
