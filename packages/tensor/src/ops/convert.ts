// Conversions and copies: to (and float, double, int, bool), clone, contiguous.
import { dispatch } from "../dispatch.js";
import { type DType, requireDType } from "../dtype.js";
import { registerKernel } from "../kernel-registry.js";
import { installMethods } from "../methods.js";
import { defineOp, type NoAttrs } from "../op.js";
import { isContiguous } from "../shape.js";
import { fromStorage } from "../storage.js";
import type { Tensor } from "../tensor.js";
import { contiguousData } from "../values.js";
import { NONE } from "./arithmetic.js";

declare module "../op.js" {
  interface OpAttrs {
    to: { readonly dtype: DType };
    clone: NoAttrs;
    contiguous: NoAttrs;
  }
}

declare module "../tensor.js" {
  interface Tensor {
    /**
     * This tensor converted to `dtype` (`torch.Tensor.to(dtype)`): the tensor itself when it has
     * that dtype already, else a copy (floats to integers truncate toward zero). Differentiable
     * between float dtypes. Throws a `DTypeError` for an unknown dtype.
     */
    to(dtype: DType): Tensor;
    /** `to("float32")`, as `torch.Tensor.float`. */
    float(): Tensor;
    /** `to("float64")`, as `torch.Tensor.double`. */
    double(): Tensor;
    /** `to("int32")`, as `torch.Tensor.int` (PyTorch's int is int32 too). */
    int(): Tensor;
    /** `to("bool")`, as `torch.Tensor.bool`: nonzero (and NaN) is true. */
    bool(): Tensor;
    /** A contiguous copy with its own storage, recorded by autograd (`torch.Tensor.clone`). */
    clone(): Tensor;
    /** This tensor when already contiguous, else a contiguous copy. */
    contiguous(): Tensor;
  }
}

const toOp = defineOp({
  name: "to",
  inputs: ["self"],
  dtype: (_inputs, a) => a.dtype,
  grad: (c) => {
    const dtype = c.inputs[0]!.dtype;
    return (g) => [g.to(dtype)];
  },
});
const cloneOp = defineOp({
  name: "clone",
  inputs: ["self"],
  dtype: (inputs) => inputs[0]!.dtype,
  grad: () => (g) => [g],
});
const contiguousOp = defineOp({
  name: "contiguous",
  inputs: ["self"],
  dtype: (inputs) => inputs[0]!.dtype,
  grad: () => (g) => [g],
});

registerKernel("to", {
  backend: "js",
  name: "js-to",
  accepts: () => true,
  run(c) {
    const t = c.inputs[0]!;
    return fromStorage(contiguousData(t, c.attrs.dtype), c.attrs.dtype, t.shape);
  },
});

/** A contiguous copy of the input (clone and contiguous). */
function copyKernel(name: string) {
  return {
    backend: "js" as const,
    name,
    accepts: () => true,
    run(c: { readonly inputs: readonly Tensor[] }): Tensor {
      const t = c.inputs[0]!;
      return fromStorage(contiguousData(t), t.dtype, t.shape);
    },
  };
}
registerKernel("clone", copyKernel("js-clone"));
registerKernel("contiguous", copyKernel("js-contiguous"));

export function to(t: Tensor, dtype: DType): Tensor {
  if (dtype === t.dtype) return t;
  return dispatch(toOp, [t], { dtype: requireDType("to", dtype) });
}

export function clone(t: Tensor): Tensor {
  return dispatch(cloneOp, [t], NONE);
}

export function contiguous(t: Tensor): Tensor {
  if (isContiguous(t.shape, t.strides)) return t;
  return dispatch(contiguousOp, [t], NONE);
}

installMethods({
  to(dtype) {
    return to(this, dtype);
  },
  float() {
    return to(this, "float32");
  },
  double() {
    return to(this, "float64");
  },
  int() {
    return to(this, "int32");
  },
  bool() {
    return to(this, "bool");
  },
  clone() {
    return clone(this);
  },
  contiguous() {
    return contiguous(this);
  },
});
