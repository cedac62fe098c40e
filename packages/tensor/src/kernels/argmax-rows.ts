/**
 * argmax over `rows` contiguous float32 rows of `c` values on the wasm backend (asm/argmax.ts):
 * the rows are copied into wasm memory and the int32 indices out. The same index as the
 * JavaScript lane loop of ops/reduce.ts: the first maximum, or the first NaN.
 */
import { wasmKernels } from "../backends/backend.js";
import { heapTarget } from "./wasm-heap.js";
import { staging } from "./wasm-stage.js";

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
  if (c === 0) return false;
  const kernels = wasmKernels();
  if (kernels === null) return false;
  const s = staging(heapTarget(kernels));
  const xAt = s.input(x, xo, n);
  const oAt = s.outputInt32(out, oo, rows);
  if (!s.stage()) return false;
  kernels.argmaxRows(xAt * 4, rows, c, oAt * 4);
  s.finish();
  return true;
}
