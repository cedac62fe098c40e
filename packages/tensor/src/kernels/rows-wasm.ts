/**
 * rowsAsFloat on the wasm backend (asm/rows.ts): uint8 rows picked by index → float32 / 255,
 * 16 bytes a step, run by the instance of the workspace that holds the source (a data loader's
 * images), so the pixels are read in place. The indices are staged into that workspace's
 * scratch area; a result that lives in the same workspace (a reused batch) is written in place,
 * any other is converted there chunk by chunk and copied out.
 */
import { registerKernel } from "../kernel-registry.js";
import { empty } from "../storage.js";
import type { Tensor } from "../tensor.js";
import { align4, workspaceTarget } from "./wasm-heap.js";

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

/** out[k, :] = source[indices[k], :] / 255; false if the workspace's scratch area is too small. */
function rowsWasm(out: Tensor, source: Tensor, indices: Tensor): boolean {
  const t = workspaceTarget(source.storage)!;
  const row = rowOf(source);
  const b = indices.numel();
  const o = out.storage as Float32Array;
  const inPlace = o.buffer === t.f32.buffer;
  const src = source.storage.byteOffset + source.offset;
  const idxAt = t.start;
  // Rows per chunk: their indices and, when staged, their float32 values fit the scratch area.
  const chunk = Math.floor((t.end - idxAt - 8) / (inPlace ? 1 : row + 1));
  if (chunk < 1) return false;
  const ix = indices.storage as Int32Array;
  const is = indices.strides[0] ?? 1;
  const i32 = new Int32Array(t.f32.buffer);
  for (let k0 = 0; k0 < b; k0 += chunk) {
    const count = Math.min(chunk, b - k0);
    for (let k = 0; k < count; k++) i32[idxAt + k] = ix[indices.offset + (k0 + k) * is]!;
    const oo = out.offset + k0 * row;
    const dstAt = inPlace ? o.byteOffset / 4 + oo : align4(idxAt + count);
    t.kernels.rowsU8ToF32(src, idxAt * 4, count, row, dstAt * 4, M, K);
    if (!inPlace) o.set(t.f32.subarray(dstAt, dstAt + count * row), oo);
  }
  return true;
}

registerKernel("rowsAsFloat", {
  backend: "wasm",
  name: "wasm-rows-as-float",
  accepts: (c) => accepts(c.inputs[0]!, c.attrs.divisor),
  run(c) {
    const [source, indices] = c.inputs as [Tensor, Tensor];
    const out = empty("float32", [indices.numel(), ...source.shape.slice(1)], false);
    return rowsWasm(out, source, indices) ? out : null;
  },
});
registerKernel("rowsAsFloat.out", {
  backend: "wasm",
  name: "wasm-rows-as-float",
  accepts: (c) => accepts(c.inputs[1]!, c.attrs.divisor),
  run(c) {
    const [out, source, indices] = c.inputs as [Tensor, Tensor, Tensor];
    return rowsWasm(out, source, indices) ? out : null;
  },
});
