// gzip decompression: Node's zlib where it exists (native, about twice as fast), fflate
// everywhere else (browsers). Both stop at a limit on the output (`maxBytes`: the file's known
// size when the loaders call them), so a gzip bomb fails within a few MB of it rather than
// expanding in full.
import { DataError } from "@tsgrad/data";
import { argError, checkOptions, checkString } from "@tsgrad/tensor";
import { checkBytes } from "./args.js";
import { type GunzipFailure, inflateBounded, tooLarge } from "./gunzip-portable.js";
import { optionalBuiltin } from "./runtime.js";

/** Options of `gunzip` and `gunzipPortable`. */
export interface GunzipOptions {
  /**
   * The most bytes the output may have; more is a `DataError`, raised as soon as the output
   * passes it. Default: deflate's maximum ratio (1032 × the input + 1 KiB), at most 2 GiB - 1.
   */
  maxBytes?: number;
}

/** The largest `maxBytes` (Node's zlib and a Uint8Array are safe up to here everywhere). */
const MAX_OUTPUT = 2 ** 31 - 1;

/** True when `bytes` start with the gzip magic 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  checkBytes("isGzip", "bytes", bytes);
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Deflate's best ratio is 1032:1; anything larger than this is not a real gzip stream. */
export function maxGunzipSize(compressedLength: number): number {
  return 1032 * compressedLength + 1024;
}

/**
 * The largest gzip file of `size` bytes of content we accept. Incompressible data costs deflate
 * 5 bytes per 65535-byte stored block (under 0.01%); 1/1024 of slack covers any encoder, and
 * 64 KiB the header's optional fields (name, comment, extra field) and the trailer.
 */
export function maxCompressedSize(size: number): number {
  return size + Math.ceil(size / 1024) + 64 * 1024;
}

/** The output limit of one call: `options.maxBytes`, checked, or the ratio bound. */
function outputLimit(fn: string, bytes: Uint8Array, options: GunzipOptions | undefined): number {
  checkOptions(fn, "options", options, ["maxBytes"]);
  const max = options?.maxBytes;
  if (max === undefined) return Math.min(maxGunzipSize(bytes.length), MAX_OUTPUT);
  if (!Number.isSafeInteger(max) || max < 0 || max > MAX_OUTPUT) {
    throw argError(fn, "options.maxBytes", `an integer in [0, ${MAX_OUTPUT}]`, max);
  }
  return max;
}

const failFor =
  (name: string): GunzipFailure =>
  (what, cause) =>
    new DataError(`gunzip: ${name} ${what}`, { file: name, cause });

/** Checks what can be checked before decompressing: the length and the trailer's size field. */
function checkFrame(bytes: Uint8Array, fail: GunzipFailure): void {
  if (bytes.length < 18) throw fail(`is truncated: ${bytes.length} bytes is too short for a gzip stream`);
  const size = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(
    bytes.length - 4,
    true,
  );
  if (size > maxGunzipSize(bytes.length)) {
    throw fail(
      `is corrupted: its trailer claims ${size} decompressed bytes, more than ${bytes.length} compressed bytes can hold`,
    );
  }
}

/**
 * Gunzips with fflate (no Node APIs: the browser path), at most `maxBytes` of output, checking
 * each member's CRC-32 and size (fflate does not).
 */
export function gunzipPortable(bytes: Uint8Array, name: string, options?: GunzipOptions): Uint8Array {
  checkBytes("gunzipPortable", "bytes", bytes);
  checkString("gunzipPortable", "name", name);
  const limit = outputLimit("gunzipPortable", bytes, options);
  const fail = failFor(name);
  checkFrame(bytes, fail);
  return inflateBounded(bytes, limit, fail);
}

type Zlib = typeof import("node:zlib");
const ZLIB_CHUNK = 256 * 1024;

/**
 * Gunzips `bytes` (named `name` in errors) to at most `maxBytes` with Node's zlib, or fflate
 * outside Node. zlib checks the CRC-32 and size of every member itself.
 */
export async function gunzip(bytes: Uint8Array, name: string, options?: GunzipOptions): Promise<Uint8Array> {
  checkBytes("gunzip", "bytes", bytes);
  checkString("gunzip", "name", name);
  const limit = outputLimit("gunzip", bytes, options);
  const fail = failFor(name);
  checkFrame(bytes, fail);
  const zlib = optionalBuiltin<Zlib>("node:zlib", "gunzip");
  if (zlib === null) return inflateBounded(bytes, limit, fail);
  // zlib stops as soon as its output passes maxOutputLength (which must be at least 1), at most
  // one chunk late. 256 KiB chunks: with zlib's 16 KiB default, thousands of thread-pool round
  // trips make the training images two to three times slower, and a bomb ten times.
  const settings = { maxOutputLength: Math.max(1, limit), chunkSize: ZLIB_CHUNK };
  const out = await new Promise<Uint8Array>((resolve, reject) => {
    zlib.gunzip(bytes, settings, (err, buf) => {
      if (err === null) resolve(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
      else if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") reject(fail(tooLarge(limit), err));
      else reject(fail(`is not a valid gzip stream: ${err.message}`, err));
    });
  });
  if (out.length > limit) throw fail(tooLarge(limit)); // only when maxBytes is 0
  return out;
}

/** The bytes themselves, or their decompression (at most `maxBytes`) when they start with the gzip magic. */
export async function maybeGunzip(bytes: Uint8Array, name: string, maxBytes?: number): Promise<Uint8Array> {
  return isGzip(bytes) ? gunzip(bytes, name, maxBytes === undefined ? undefined : { maxBytes }) : bytes;
}
