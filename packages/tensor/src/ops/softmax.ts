// Fused, numerically stable softmax and log-softmax along one dim.
import { dispatch } from "../dispatch.js";
import { floatResult } from "../dtype.js";
import { FLT_MIN, softmaxLane, softmaxRows } from "../kernels/softmax-rows.js";
import { forEachLane } from "../lanes.js";
import { normalizeDim } from "../shape.js";
import { empty } from "../storage.js";
import type { Tensor } from "../tensor.js";

type FloatArray = Float32Array | Float64Array;

export function softmax(x: Tensor, dim: number, log: boolean): Tensor {
  const op = log ? "logSoftmax" : "softmax";
  const d = x.ndim === 0 ? 0 : normalizeDim(op, dim, x.ndim);
  const dtype = floatResult(x.dtype);
  return dispatch(op, [x], { dim: d }, () => {
    const out = empty(dtype, x.shape, false);
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
      if (!log) softmaxRows(a as FloatArray, x.offset, rows, n, o as FloatArray, 0);
      else for (let r = 0; r < rows; r++) softmaxLane(a, x.offset + r * n, 1, n, o, r * n, 1, true, 0);
      return out;
    }
    forEachLane(shape, d, [inStrides, outStrides], [x.offset, 0], (offs) => {
      softmaxLane(a, offs[0]!, si, n, o, offs[1]!, so, log, flush);
    });
    return out;
  });
}
