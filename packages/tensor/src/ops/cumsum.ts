// cumsum: running sums along one dim (torch.cumsum). Like PyTorch's CPU kernel, the running
// sum is kept in float64 and each partial sum rounded to the output dtype; integer and bool
// inputs sum to int32 (tsgrad's PyTorch int64), as `sum` does.
import { dispatch } from "../dispatch.js";
import { type DType, isFloating, requireDType } from "../dtype.js";
import { registerKernel } from "../kernel-registry.js";
import { forEachLane } from "../lanes.js";
import { installMethods } from "../methods.js";
import { defineOp } from "../op.js";
import { checkOptions } from "../options.js";
import { normalizeDim } from "../shape.js";
import { empty } from "../storage.js";
import type { Tensor } from "../tensor.js";

/** cumsum's options, as torch.cumsum's keyword. */
export interface CumsumOptions {
  /** The result's dtype; the input is summed as if converted to it first. */
  dtype?: DType;
}

/**
 * cumsum's attributes: the dim and the result's dtype.
 *
 * @inline
 */
interface CumsumAttrs {
  readonly dim: number;
  readonly dtype: DType;
}

declare module "../op.js" {
  interface OpAttrs {
    cumsum: CumsumAttrs;
  }
}

declare module "../tensor.js" {
  interface Tensor {
    /** Running sums along `dim`: out[i] = x[0] + ... + x[i] (torch.cumsum). */
    cumsum(dim: number, options?: CumsumOptions): Tensor;
  }
}

const cumsumOp = defineOp({
  name: "cumsum",
  inputs: ["self"],
  dtype: (_inputs, attrs) => attrs.dtype,
  grad: (c) => {
    const { dim } = c.attrs;
    const dtype = c.inputs[0]!.dtype;
    // Each input element reaches every later output: the reversed running sum of the gradient.
    return (g) => {
      const gx = g.flip(dim).cumsum(dim).flip(dim);
      return [gx.dtype === dtype ? gx : gx.to(dtype)];
    };
  },
});

registerKernel("cumsum", {
  backend: "js",
  name: "js-cumsum",
  accepts: () => true,
  run(c) {
    const x = c.inputs[0]!;
    const out = empty(c.attrs.dtype, x.shape, false);
    // A 0-dim tensor is one lane of one element.
    const shape = x.ndim === 0 ? [1] : x.shape;
    const dim = c.attrs.dim;
    const n = shape[dim]!;
    const xs = x.ndim === 0 ? 0 : x.strides[dim]!;
    const os = x.ndim === 0 ? 0 : out.strides[dim]!;
    const src = x.storage;
    const dst = out.storage;
    const toBool = c.attrs.dtype === "bool";
    const strides = x.ndim === 0 ? [[0], [0]] : [x.strides, out.strides];
    forEachLane(shape, dim, strides, [x.offset, 0], (o) => {
      let acc = 0;
      for (let j = 0; j < n; j++) {
        acc += src[o[0]! + j * xs]!;
        dst[o[1]! + j * os] = toBool ? (acc !== 0 ? 1 : 0) : acc;
      }
    });
    return out;
  },
});

export function cumsum(x: Tensor, dim: number, options: CumsumOptions = {}): Tensor {
  checkOptions("cumsum", "options", options, ["dtype"]);
  const d = normalizeDim("cumsum", dim, x.ndim);
  const dtype =
    options.dtype === undefined
      ? isFloating(x.dtype)
        ? x.dtype
        : "int32"
      : requireDType("cumsum", options.dtype);
  return dispatch(cumsumOp, [x], { dim: d, dtype });
}

installMethods({
  cumsum(dim, options) {
    return cumsum(this, dim, options);
  },
});
