/**
 * argmax over `rows` contiguous float32 rows of `c` values on the wasm backend (asm/argmax.ts):
 * the rows are copied into wasm memory and the int32 indices out. The same index as the
 * JavaScript lane loop of ops/reduce.ts: the first maximum, or the first NaN.
 */
import { wasmKernels } from "../backend.js";
import { align4, heapTarget, reserve, WASM_MIN_ELEMENTS } from "./wasm-heap.js";

/** out[oo + r] = argmax of row r of x[xo ...]; false (nothing written) without the wasm kernels. */
export function argmaxRowsWasm(
  x: Float32Array,
  xo: number,
  rows: number,
  c: number,
  out: Int32Array,
  oo: number,
): boolean {
  const n = rows * c;
  if (n < WASM_MIN_ELEMENTS || c === 0) return false;
  const kernels = wasmKernels();
  if (kernels === null) return false;
  const t = heapTarget(kernels);
  const xAt = t.start;
  const oAt = xAt + align4(n);
  if (!reserve(t, oAt + rows)) return false;
  t.f32.set(x.subarray(xo, xo + n), xAt);
  kernels.argmaxRows(xAt * 4, rows, c, oAt * 4);
  out.set(new Int32Array(t.f32.buffer, oAt * 4, rows), oo);
  return true;
}
