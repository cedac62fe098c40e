/**
 * Softmax of contiguous rows, the kernels of softmax (ops/softmax.ts) and of the fused
 * cross-entropy (ops/cross-entropy.ts): the JavaScript lanes below, in float64 with Math.exp,
 * and for float32 rows on the wasm backend the f32x4 kernel of asm/softmax.ts (rows staged into
 * wasm memory, results copied out). The kernel registry picks one; neither falls back to the other.
 */
import { wasmKernels } from "../backends/backend.js";
import type { TypedArray } from "../dtype.js";
import { heapTarget } from "./wasm-heap.js";
import { staging } from "./wasm-stage.js";

type FloatArray = Float32Array | Float64Array;

/** Float32's smallest normal number: float32 probabilities below it are flushed to 0. */
export const FLT_MIN = 1.1754943508222875e-38;

/**
 * For `rows` rows of `c` values at x[xo + r·c ...]: probs[po + r·c + j] = softmax of the row
 * (float32 probabilities below the smallest normal float32 flushed to 0, since subnormals slow
 * every later op), and, when `lse` is given, lse[r] = log Σ e^x, the row's log-sum-exp, in
 * float64. A row with NaN gives NaN; a row of all -inf gives NaN, as in PyTorch.
 */
export function softmaxRows(
  x: FloatArray,
  xo: number,
  rows: number,
  c: number,
  probs: FloatArray,
  po: number,
  lse: Float64Array | null = null,
): void {
  const flush = probs instanceof Float32Array ? FLT_MIN : 0;
  for (let r = 0; r < rows; r++) {
    const l = softmaxLane(x, xo + r * c, 1, c, probs, po + r * c, 1, false, flush);
    if (lse !== null) lse[r] = l;
  }
}

/**
 * One lane of `n` values at x[xi + j·xs] into out[oi + j·os], in float64 with Math.exp: the
 * softmax (values below `flush` set to 0), or with `log` the log-softmax x − lse. Returns the
 * lane's log-sum-exp. A lane with NaN gives NaN; a lane of all -inf shifts by 0, so that it
 * gives NaN like PyTorch's.
 */
export function softmaxLane(
  x: TypedArray,
  xi: number,
  xs: number,
  n: number,
  out: TypedArray,
  oi: number,
  os: number,
  log: boolean,
  flush: number,
): number {
  let m = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < n; j++) {
    const v = x[xi + j * xs]!;
    if (v > m || Number.isNaN(v)) m = v;
  }
  if (m === Number.NEGATIVE_INFINITY) m = 0;
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const e = Math.exp(x[xi + j * xs]! - m);
    if (!log) out[oi + j * os] = e;
    sum += e;
  }
  const lse = m + Math.log(sum);
  if (log) {
    for (let j = 0; j < n; j++) out[oi + j * os] = x[xi + j * xs]! - lse;
  } else {
    const inv = 1 / sum;
    for (let j = 0; j < n; j++) {
      const p = out[oi + j * os]! * inv;
      out[oi + j * os] = p < flush ? 0 : p;
    }
  }
  return lse;
}

/**
 * softmaxRows on the wasm kernel (float32, within a few ulps of the float64 lanes); false
 * (nothing written) without the wasm backend or the memory for the rows.
 */
export function softmaxRowsWasm(
  x: Float32Array,
  xo: number,
  rows: number,
  c: number,
  probs: Float32Array,
  po: number,
  lse: Float64Array | null,
): boolean {
  const kernels = wasmKernels();
  if (kernels === null) return false;
  if (rows === 0 || c === 0) return true;
  const t = heapTarget(kernels);
  const n = rows * c;
  const s = staging(t);
  const xAt = s.input(x, xo, n);
  const pAt = s.output(probs, po, n);
  // Each row's max and Σ e^(x − max), read here for its log-sum-exp.
  const sAt = s.scratch(2 * rows);
  if (!s.stage()) return false;
  kernels.softmaxRows(xAt * 4, rows, c, pAt * 4, sAt * 4, true);
  s.finish();
  const f32 = t.f32;
  if (lse !== null)
    for (let r = 0; r < rows; r++) lse[r] = f32[sAt + 2 * r]! + Math.log(f32[sAt + 2 * r + 1]!);
  return true;
}
