// Fused, numerically stable softmax and log-softmax along one dim.
import { dispatch } from "../dispatch.js";
import { floatResult, type TypedArray } from "../dtype.js";
import { softmaxRows } from "../kernels/softmax-rows.js";
import { forEachLane } from "../lanes.js";
import { normalizeDim } from "../shape.js";
import { empty } from "../storage.js";
import type { Tensor } from "../tensor.js";

type FloatArray = Float32Array | Float64Array;

/** Smallest normal float32: softmax flushes smaller probabilities to 0 (subnormals are slow). */
const FLT_MIN = 1.1754943508222875e-38;

export function softmax(x: Tensor, dim: number, log: boolean): Tensor {
  const op = log ? "logSoftmax" : "softmax";
  const d = x.ndim === 0 ? 0 : normalizeDim(op, dim, x.ndim);
  const dtype = floatResult(x.dtype);
  return dispatch(op, [x], { dim: d }, () => {
    const out = empty(dtype, x.shape);
    if (x.numel() === 0) return out;
    const shape = x.ndim === 0 ? [1] : x.shape;
    const inStrides = x.ndim === 0 ? [1] : x.strides;
    const outStrides = x.ndim === 0 ? [1] : out.strides;
    const n = shape[d]!;
    const si = inStrides[d]!;
    const so = outStrides[d]!;
    const a = x.storage;
    const o = out.storage;
    const flush = dtype === "float32" && !log ? FLT_MIN : 0;
    if (d === shape.length - 1 && x.isContiguous()) {
      // Rows of a contiguous last dim (the [batch, classes] case): no per-lane callback.
      const rows = x.numel() / n;
      if (log) for (let r = 0; r < rows; r++) logSoftmaxRow(a, x.offset + r * n, o, r * n, n);
      else softmaxRows(a as FloatArray, x.offset, rows, n, o as FloatArray, 0);
      return out;
    }
    forEachLane(shape, d, [inStrides, outStrides], [x.offset, 0], (offs) => {
      const ai = offs[0]!;
      const oi = offs[1]!;
      let m = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < n; j++) {
        const v = a[ai + j * si]!;
        if (v > m || Number.isNaN(v)) m = v;
      }
      // A lane of all -inf (or with +inf) shifts by 0 so that the result is NaN like PyTorch's.
      if (m === Number.NEGATIVE_INFINITY) m = 0;
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const e = Math.exp(a[ai + j * si]! - m);
        if (!log) o[oi + j * so] = e;
        sum += e;
      }
      if (log) {
        const lse = m + Math.log(sum);
        for (let j = 0; j < n; j++) o[oi + j * so] = a[ai + j * si]! - lse;
      } else {
        const inv = 1 / sum;
        for (let j = 0; j < n; j++) {
          const p = o[oi + j * so]! * inv;
          o[oi + j * so] = p < flush ? 0 : p;
        }
      }
    });
    return out;
  });
}

/** One contiguous row of log-softmax: x − (max + log Σ e^(x − max)). */
function logSoftmaxRow(a: TypedArray, ai: number, o: TypedArray, oi: number, n: number): void {
  let m = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < n; j++) {
    const v = a[ai + j]!;
    if (v > m || Number.isNaN(v)) m = v;
  }
  if (m === Number.NEGATIVE_INFINITY) m = 0;
  let sum = 0;
  for (let j = 0; j < n; j++) sum += Math.exp(a[ai + j]! - m);
  const lse = m + Math.log(sum);
  for (let j = 0; j < n; j++) o[oi + j] = a[ai + j]! - lse;
}
