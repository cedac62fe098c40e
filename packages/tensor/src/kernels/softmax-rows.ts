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
 * every later op), and, when `shift` is given, shift[2r] = the row's max m and shift[2r + 1] =
 * log Σ e^(x − m), in float64. They stay apart because m + log Σ absorbs log Σ once |m| is
 * above ~1e16: a log-probability is (x − m) − log Σ, as PyTorch computes it. A row with NaN
 * gives NaN; a row of all -inf gives NaN, as in PyTorch.
 */
export function softmaxRows(
  x: FloatArray,
  xo: number,
  rows: number,
  c: number,
  probs: FloatArray,
  po: number,
  shift: Float64Array | null = null,
): void {
  const flush = probs instanceof Float32Array ? FLT_MIN : 0;
  for (let r = 0; r < rows; r++)
    softmaxLane(x, xo + r * c, 1, c, probs, po + r * c, 1, false, flush, shift, 2 * r);
}

/**
 * One lane of `n` values at x[xi + j·xs] into out[oi + j·os], in float64 with Math.exp: the
 * softmax (values below `flush` set to 0), or with `log` the log-softmax (x − m) − log Σ e^(x − m).
 * Writes the lane's max and log Σ at shift[at], shift[at + 1] when `shift` is given. A lane
 * with NaN gives NaN; a lane of all -inf shifts by 0, so that it gives NaN like PyTorch's.
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
  shift: Float64Array | null = null,
  at = 0,
): void {
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
  const logSum = Math.log(sum);
  if (shift !== null) {
    shift[at] = m;
    shift[at + 1] = logSum;
  }
  if (log) {
    for (let j = 0; j < n; j++) out[oi + j * os] = x[xi + j * xs]! - m - logSum;
  } else {
    const inv = 1 / sum;
    for (let j = 0; j < n; j++) {
      const p = out[oi + j * os]! * inv;
      out[oi + j * os] = p < flush ? 0 : p;
    }
  }
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
  shift: Float64Array | null,
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
  if (shift !== null) {
    for (let r = 0; r < rows; r++) {
      shift[2 * r] = f32[sAt + 2 * r]!;
      shift[2 * r + 1] = Math.log(f32[sAt + 2 * r + 1]!);
    }
  }
  return true;
}
