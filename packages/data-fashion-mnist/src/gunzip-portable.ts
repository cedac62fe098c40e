// Bounded gunzip with fflate's streaming Gunzip (no Node APIs: the browser path). The input goes
// in pieces and the output is counted as it comes, so a gzip bomb stops about 1 MiB past the
// limit (16 MiB at most) instead of expanding in full. Each member's CRC-32 and size are
// checked (fflate checks neither).
import { DataError } from "@tsgrad/data";
import { Gunzip } from "fflate";
import { crc32 } from "./crc32.js";

/** Deflate's best ratio: one input byte decompresses to at most this many bytes. */
const MAX_RATIO = 1032;
// A piece of input decompresses in one go, to at most MAX_RATIO times its size. Each piece is
// the smaller of: what may still come out, plus 16 KiB (so the output passes the limit by at
// most 16 KiB × 1032, 16 MiB, even for a stream that turns into a bomb half-way), and about
// 1 MiB of output at the ratio seen so far (at first the worst ratio: a bomb is caught after
// its first KiB, about 1 MiB past the limit). Larger pieces are faster: fflate copies its
// 32 KiB window on every push; the real files (ratio 1.8) go in pieces of 16 to 256 KiB.
const MIN_PIECE = 1024;
const SLACK_PIECE = 16 * 1024;
const MAX_PIECE = 256 * 1024;
const TARGET_OUT = 1024 * 1024;
/** The largest buffer allocated on the trailer's word alone (Fashion-MNIST's largest file fits). */
const FIRST_GUESS = 64 * 1024 * 1024;

function pieceSize(limit: number, produced: number, consumed: number): number {
  const ratio = consumed === 0 ? MAX_RATIO : Math.max(1, produced / consumed);
  const piece = Math.min(
    Math.ceil((limit - produced) / MAX_RATIO) + SLACK_PIECE,
    Math.floor(TARGET_OUT / ratio),
  );
  return Math.min(MAX_PIECE, Math.max(MIN_PIECE, piece));
}

/** Makes the error for `what` went wrong with the file (the message names it). */
export type GunzipFailure = (what: string, cause?: unknown) => DataError;

/** What is wrong with a stream whose output passes `limit`. */
export const tooLarge = (limit: number): string =>
  `decompresses to more than ${limit} bytes, the most allowed (maxBytes)`;

/** A buffer of at least `need` bytes (at most `limit`) holding the first `length` of `out`. */
function grow(out: Uint8Array, length: number, need: number, limit: number): Uint8Array {
  const bigger = new Uint8Array(Math.min(limit, Math.max(need, 2 * out.length, 64 * 1024)));
  bigger.set(out.subarray(0, length));
  return bigger;
}

/**
 * Decompresses the gzip stream `bytes` (one member or several, at least 18 bytes) to at most
 * `limit` bytes; `fail` makes the errors, which name the file.
 */
export function inflateBounded(bytes: Uint8Array, limit: number, fail: GunzipFailure): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The last member's size field is the whole output when there is one member, as usual; a
  // forged one costs at most FIRST_GUESS before the output shows what it really is.
  const claimed = view.getUint32(bytes.length - 4, true);
  let out: Uint8Array = new Uint8Array(Math.min(limit, claimed, FIRST_GUESS));
  let length = 0;
  let memberStart = 0;
  // `end` is where the member's 8-byte trailer ends in the input: CRC-32, then size mod 2^32.
  // Checked once the member is whole, so a bomb costs no checksum work.
  const checkMember = (end: number) => {
    const size = (length - memberStart) >>> 0;
    const crc = crc32(out.subarray(memberStart, length));
    if (end < 8 || view.getUint32(end - 8, true) !== crc || view.getUint32(end - 4, true) !== size) {
      throw fail("is corrupted: the decompressed data does not match the gzip trailer (CRC-32 or size)");
    }
    memberStart = length;
  };
  const inflater = new Gunzip((chunk) => {
    const need = length + chunk.length;
    if (need > limit) throw fail(tooLarge(limit));
    if (need > out.length) out = grow(out, length, need, limit);
    out.set(chunk, length);
    length = need;
  });
  inflater.onmember = checkMember;
  try {
    for (let at = 0; at < bytes.length; ) {
      const end = Math.min(bytes.length, at + pieceSize(limit, length, at));
      inflater.push(bytes.subarray(at, end), end === bytes.length);
      at = end;
    }
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw fail(`is not a valid gzip stream: ${(e as Error).message}`, e);
  }
  checkMember(bytes.length);
  return length === out.length ? out : out.slice(0, length);
}
