// gzip decompression: Node's zlib where it exists (native, about twice as fast), fflate
// everywhere else (browsers). Both are bounded: the output may not exceed what deflate can
// produce from the input (1032:1), so a forged size field cannot make us allocate gigabytes.
import { DataError } from "@tsgrad/data";
import { checkString } from "@tsgrad/tensor";
import { gunzipSync } from "fflate";
import { checkBytes } from "./args.js";

/** True when `bytes` start with the gzip magic 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  checkBytes("isGzip", "bytes", bytes);
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Deflate's best ratio is 1032:1; anything larger than this is not a real gzip stream. */
export function maxGunzipSize(compressedLength: number): number {
  return 1032 * compressedLength + 1024;
}

let crcTable: Int32Array | null = null;

function crc32(data: Uint8Array): number {
  if (crcTable === null) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  const t = crcTable;
  let c = -1;
  for (let i = 0; i < data.length; i++) c = t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/**
 * Gunzips with fflate (no Node APIs: the browser path). Checks the size field against the
 * input length before allocating, and the CRC-32 and size of the result (fflate does not).
 */
export function gunzipPortable(bytes: Uint8Array, name: string): Uint8Array {
  checkBytes("gunzipPortable", "bytes", bytes);
  checkString("gunzipPortable", "name", name);
  const fail = (what: string, cause?: unknown) =>
    new DataError(`gunzip: ${name} ${what}`, { file: name, cause });
  if (bytes.length < 18) throw fail(`is truncated: ${bytes.length} bytes is too short for a gzip stream`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = view.getUint32(bytes.length - 4, true);
  const crc = view.getUint32(bytes.length - 8, true);
  if (size > maxGunzipSize(bytes.length)) {
    throw fail(
      `is corrupted: its trailer claims ${size} decompressed bytes, more than ${bytes.length} compressed bytes can hold`,
    );
  }
  let out: Uint8Array;
  try {
    out = gunzipSync(bytes, { out: new Uint8Array(size) });
  } catch (e) {
    throw fail(`is not a valid gzip stream: ${(e as Error).message}`, e);
  }
  if (out.length !== size || crc32(out) !== crc) {
    throw fail("is corrupted: the decompressed data does not match the gzip trailer (CRC-32 or size)");
  }
  return out;
}

type Zlib = typeof import("node:zlib");
let zlib: Promise<Zlib | null> | null = null;

function nodeZlib(): Promise<Zlib | null> {
  if (zlib === null) {
    const isNode = typeof process !== "undefined" && typeof process.versions?.node === "string";
    zlib = isNode ? import("node:zlib").catch(() => null) : Promise.resolve(null);
  }
  return zlib;
}

/** Gunzips `bytes` (named `name` in errors) with Node's zlib, or fflate outside Node. */
export async function gunzip(bytes: Uint8Array, name: string): Promise<Uint8Array> {
  checkBytes("gunzip", "bytes", bytes);
  checkString("gunzip", "name", name);
  const z = await nodeZlib();
  if (z === null) return gunzipPortable(bytes, name);
  const maxOutputLength = Math.min(maxGunzipSize(bytes.length), 2 ** 31 - 1);
  return new Promise((resolve, reject) => {
    z.gunzip(bytes, { maxOutputLength }, (err, out) => {
      if (err === null) resolve(new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
      else
        reject(
          new DataError(`gunzip: ${name} is not a valid gzip stream: ${err.message}`, {
            file: name,
            cause: err,
          }),
        );
    });
  });
}

/** The bytes themselves, or their decompression when they start with the gzip magic. */
export async function maybeGunzip(bytes: Uint8Array, name: string): Promise<Uint8Array> {
  return isGzip(bytes) ? gunzip(bytes, name) : bytes;
}
