// Fused, numerically stable softmax and log-softmax along one dim.
import { dispatch } from "../dispatch.js";
import { floatResult } from "../dtype.js";
import { registerKernel } from "../kernel-registry.js";
import { FLT_MIN, softmaxLane, softmaxRows, softmaxRowsWasm } from "../kernels/softmax-rows.js";
import { forEachLane } from "../lanes.js";
import { installMethods } from "../methods.js";
import { defineOp, type OpDef } from "../op.js";
import { normalizeDim } from "../shape.js";
import { empty } from "../storage.js";
import type { Tensor } from "../tensor.js";

/**
 * softmax's and logSoftmax's attribute: the dim they normalize along.
 *
 * @inline
 */
interface SoftmaxAttrs {
  readonly dim: number;
}

declare module "../op.js" {
  interface OpAttrs {
    softmax: SoftmaxAttrs;
    logSoftmax: SoftmaxAttrs;
  }
}

declare module "../tensor.js" {
  interface Tensor {
    /** Numerically stable softmax along `dim` (max subtracted first). */
    softmax(dim: number): Tensor;
    /** log(softmax(x)) along `dim`, computed stably in one pass (`torch.log_softmax`). */
    logSoftmax(dim: number): Tensor;
  }
}

const softmaxOp = defineOp({
  name: "softmax",
  inputs: ["self"],
  dtype: (inputs) => floatResult(inputs[0]!.dtype),
  grad: (c) => {
    const [out] = c.save(c.output);
    const { dim } = c.attrs;
    return (g) => [out.mul(g.sub(g.mul(out).sum(dim, true)))];
  },
});
const logSoftmaxOp = defineOp({
  name: "logSoftmax",
  inputs: ["self"],
  dtype: (inputs) => floatResult(inputs[0]!.dtype),
  grad: (c) => {
    const [out] = c.save(c.output);
    const { dim } = c.attrs;
    return (g) => [g.sub(out.exp().mul(g.sum(dim, true)))];
  },
});

type FloatArray = Float32Array | Float64Array;

function register(name: "softmax" | "logSoftmax"): void {
  const log = name === "logSoftmax";
  registerKernel(name, {
    backend: "js",
    name: `js-${name}`,
    accepts: () => true,
    run(c) {
      const x = c.inputs[0]!;
      const d = c.attrs.dim;
      const dtype = c.def.dtype(c.inputs, c.attrs);
      const out = empty(dtype, x.shape, false);
      if (x.numel() === 0) return out;
      const shape = x.ndim === 0 ? [1] : x.shape;
      const inStrides = x.ndim === 0 ? [1] : x.strides;
      const outStrides = x.ndim === 0 ? [1] : out.strides;
      const n = shape[d]!;
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
      const si = inStrides[d]!;
      const so = outStrides[d]!;
      forEachLane(shape, d, [inStrides, outStrides], [x.offset, 0], (offs) => {
        softmaxLane(a, offs[0]!, si, n, o, offs[1]!, so, log, flush);
      });
      return out;
    },
  });
}
register("softmax");
register("logSoftmax");

// Float32 rows of a contiguous last dim on the wasm kernel (within a few ulps of the lanes).
registerKernel("softmax", {
  backend: "wasm",
  name: "wasm-softmax-rows",
  accepts: (c) => {
    const x = c.inputs[0]!;
    return x.dtype === "float32" && x.ndim > 0 && c.attrs.dim === x.ndim - 1 && x.isContiguous();
  },
  run(c) {
    const x = c.inputs[0]!;
    const out = empty("float32", x.shape, false);
    const n = x.shape[c.attrs.dim]!;
    const rows = n === 0 ? 0 : x.numel() / n;
    const ok = softmaxRowsWasm(
      x.storage as Float32Array,
      x.offset,
      rows,
      n,
      out.storage as Float32Array,
      0,
      null,
    );
    return ok ? out : null;
  },
});

function softmax(def: OpDef<SoftmaxAttrs>, x: Tensor, dim: number): Tensor {
  const d = x.ndim === 0 ? 0 : normalizeDim(def.name, dim, x.ndim);
  return dispatch(def, [x], { dim: d });
}

installMethods({
  softmax(dim) {
    return softmax(softmaxOp, this, dim);
  },
  logSoftmax(dim) {
    return softmax(logSoftmaxOp, this, dim);
  },
});
