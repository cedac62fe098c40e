// Reading the four files from bytes or URLs (no Node APIs: this is the browser's path), and
// turning raw file contents into verified, decompressed IDX bytes (shared with the Node path).
import { DataError } from "@tsgrad/data";
import { pageUrl } from "./args.js";
import { fetchBounded } from "./fetch-bounded.js";
import { FASHION_MNIST_SHA256, FILE_NAMES, FILE_SIZES, type FileKey } from "./files.js";
import { isGzip, maxCompressedSize, maybeGunzip } from "./gunzip.js";
import { sha256Hex } from "./sha256.js";

/** File contents (gzipped or not). */
export type Bytes = Uint8Array | ArrayBuffer;
/**
 * A `URL` object, described by what the loader reads of it, so that the declarations need no
 * DOM or Node types (a project with `lib: ["ES2022"]` alone has no `URL`).
 */
export interface UrlLike {
  readonly href: string;
}
/** One file: its contents, or a URL (string or URL object) to fetch it from. */
export type FileSource = Bytes | UrlLike | string;
/**
 * Where the files come from without searching the file system: a base URL under which the
 * files are served as `<name>.gz` (e.g. `train-images-idx3-ubyte.gz`), or one source per file.
 */
export type FashionMnistSource = string | UrlLike | Partial<Record<FileKey, FileSource>>;

/**
 * Expected SHA-256 of each file's decompressed content. Defaults to Fashion-MNIST's
 * (`FASHION_MNIST_SHA256`); `false` skips verification (for data you made yourself).
 */
export type Sha256Table = Partial<Record<FileKey, string>> | false;

export function expectedSha(table: Sha256Table | undefined, key: FileKey): string | undefined {
  if (table === false) return undefined;
  return (table ?? FASHION_MNIST_SHA256)[key];
}

/**
 * Decompresses (when gzipped) and verifies one file's contents. `name` is the path or URL
 * named in errors; `sha256` the expected digest of the decompressed bytes, if any; `maxBytes`
 * the size of the largest valid file, which the content may not pass (decompression stops there).
 */
export async function decodeFile(
  raw: Uint8Array,
  name: string,
  sha256: string | undefined,
  maxBytes: number,
): Promise<Uint8Array> {
  if (!isGzip(raw) && raw.length > maxBytes) {
    throw new DataError(
      `FashionMNIST: ${name} is ${raw.length} bytes, more than the ${maxBytes} a valid file can have`,
      { file: name },
    );
  }
  const data = await maybeGunzip(raw, name, maxBytes);
  if (sha256 !== undefined) {
    const got = await sha256Hex(data);
    if (got !== sha256.toLowerCase()) {
      throw new DataError(
        `FashionMNIST: ${name} failed verification: the SHA-256 of its decompressed content is ${got}, expected ${sha256} (the file is corrupted, truncated or not Fashion-MNIST's)`,
        { file: name },
      );
    }
  }
  return data;
}

function toBytes(b: Bytes): Uint8Array {
  return b instanceof Uint8Array ? b : new Uint8Array(b);
}

async function fetchBytes(url: string, maxBytes: number): Promise<Uint8Array> {
  try {
    return await fetchBounded(url, maxBytes);
  } catch (e) {
    throw new DataError(`FashionMNIST: could not fetch ${url}: ${(e as Error).message}`, {
      file: url,
      cause: e,
    });
  }
}

/** Fetches or takes the bytes of `key` from `source`, then decompresses and verifies them. */
export async function readFromSource(
  source: FashionMnistSource,
  key: FileKey,
  sha256: Sha256Table | undefined,
): Promise<{ name: string; data: Uint8Array }> {
  let item: FileSource | undefined;
  if (typeof source === "string" || source instanceof URL) {
    const base = String(source);
    // A relative base ("/data/fashion-mnist/") is the page's, as fetch would read it.
    const folder = new URL(base.endsWith("/") ? base : `${base}/`, pageUrl());
    item = new URL(`${FILE_NAMES[key]}.gz`, folder).href;
  } else {
    // Not a URL object: the per-file record that the options' check accepted.
    item = (source as Partial<Record<FileKey, FileSource>>)[key];
  }
  if (item === undefined) {
    throw new DataError(
      `FashionMNIST: source has no ${key} (${FILE_NAMES[key]}); give bytes or a URL for it`,
    );
  }
  const isUrl = typeof item === "string" || item instanceof URL;
  const name = isUrl ? String(item) : `${key} bytes`;
  const size = FILE_SIZES[key];
  const raw = isUrl ? await fetchBytes(String(item), maxCompressedSize(size)) : toBytes(item as Bytes);
  return { name, data: await decodeFile(raw, name, expectedSha(sha256, key), size) };
}
