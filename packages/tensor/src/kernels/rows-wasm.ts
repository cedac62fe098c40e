/**
 * rowsAsFloat on the wasm backend (asm/rows.ts): uint8 rows picked by index → float32 / 255,
 * 16 bytes a step, run by the instance of the workspace that holds the source (a data loader's
 * images), so the pixels are read in place. The indices are staged into that workspace's
 * scratch area; a result that lives in the same workspace (a reused batch) is written in place,
 * any other is converted there chunk by chunk and copied out. It follows its data: images in a
 * workspace convert here whichever backend is selected (exactly as the js kernel would), since
 * a workspace exists only where this module runs.
 */
import { registerKernel } from "../kernel-registry.js";
import { inTidy } from "../scope.js";
import { empty, fromStorage } from "../storage.js";
import type { Tensor } from "../tensor.js";
import { align4, type Target, workspaceTarget } from "./wasm-heap.js";

/**
 * x / 255 without a division: for every byte x, float32 `y + y·K` with y = x / 256 (exact) is
 * exactly float32 x / 255 (the tests check all 256 values). K = fround(1/255 − 1/256)·256,
 * since 1/255 = 1/256 + (1/255 − 1/256).
 */
const M = 1 / 256;
const K = Math.fround(1 / 255 - 1 / 256) * 256;

/** The row length of source [n, ...row]. */
function rowOf(source: Tensor): number {
  let row = 1;
  for (let i = 1; i < source.ndim; i++) row *= source.shape[i]!;
  return row;
}

function accepts(source: Tensor, divisor: number): boolean {
  return (
    source.dtype === "uint8" &&
    divisor === 255 &&
    rowOf(source) % 16 === 0 &&
    workspaceTarget(source.storage) !== null
  );
}

/** Rows per call: their indices and, unless written in place, their values fit the scratch area. */
function chunkOf(t: Target, row: number, inPlace: boolean): number {
  return Math.floor((t.end - t.start - 8) / (inPlace ? 1 : row + 1));
}

/**
 * Runs the kernel on rows k0 .. k0 + count of `indices`, writing at element `dstAt` of t's
 * memory (align4(t.start + count), past the staged indices, when dstAt is null).
 */
function convert(
  t: Target,
  source: Tensor,
  indices: Tensor,
  k0: number,
  count: number,
  dstAt: number | null,
): number {
  const row = rowOf(source);
  const idxAt = t.start;
  const i32 = new Int32Array(t.f32.buffer, idxAt * 4, count);
  const ix = indices.storage;
  const is = indices.strides[0] ?? 1;
  for (let k = 0; k < count; k++) i32[k] = ix[indices.offset + (k0 + k) * is]!;
  const at = dstAt ?? align4(idxAt + count);
  t.kernels.rowsU8ToF32(source.storage.byteOffset + source.offset, idxAt * 4, count, row, at * 4, M, K);
  return at;
}

/** out[k, :] = source[indices[k], :] / 255; false if the workspace's scratch area is too small. */
function rowsInto(out: Tensor, source: Tensor, indices: Tensor): boolean {
  const t = workspaceTarget(source.storage)!;
  const row = rowOf(source);
  const b = indices.shape[0]!;
  const o = out.storage as Float32Array;
  const inPlace = o.buffer === t.f32.buffer;
  const chunk = chunkOf(t, row, inPlace);
  if (chunk < 1) return false;
  for (let k0 = 0; k0 < b; k0 += chunk) {
    const count = Math.min(chunk, b - k0);
    const oo = out.offset + k0 * row;
    const at = convert(t, source, indices, k0, count, inPlace ? o.byteOffset / 4 + oo : null);
    if (!inPlace) o.set(t.f32.subarray(at, at + count * row), oo);
  }
  return true;
}

/**
 * A new result: outside tidy, when it fits the scratch area at once, its array is sliced out
 * of wasm memory (one copy, where a new array would first be zeroed: 60 µs a batch of 256).
 */
function rowsNew(source: Tensor, indices: Tensor): Tensor | null {
  const b = indices.shape[0]!;
  const shape = [b, ...source.shape.slice(1)];
  const t = workspaceTarget(source.storage)!;
  const row = rowOf(source);
  const n = b * row;
  if (!inTidy() && b <= chunkOf(t, row, false)) {
    const at = convert(t, source, indices, 0, b, null);
    return fromStorage(new Float32Array(t.f32.buffer.slice(at * 4, (at + n) * 4)), "float32", shape);
  }
  const out = empty("float32", shape, false);
  return rowsInto(out, source, indices) ? out : null;
}

registerKernel("rowsAsFloat", {
  backend: "wasm",
  followsData: true,
  name: "wasm-rows-as-float",
  accepts: (c) => accepts(c.inputs[0]!, c.attrs.divisor),
  run(c) {
    const [source, indices] = c.inputs as [Tensor, Tensor];
    return rowsNew(source, indices);
  },
});
registerKernel("rowsAsFloat.out", {
  backend: "wasm",
  followsData: true,
  name: "wasm-rows-as-float",
  accepts: (c) => accepts(c.inputs[1]!, c.attrs.divisor),
  run(c) {
    const [out, source, indices] = c.inputs as [Tensor, Tensor, Tensor];
    return rowsInto(out, source, indices) ? out : null;
  },
});
