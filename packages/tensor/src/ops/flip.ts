// flip: the elements in reverse order along the given dims (torch.flip). A copy, as PyTorch's:
// the kernel reads the input through negated strides and writes a contiguous result.
import { dispatch } from "../dispatch.js";
import { ValueError } from "../errors.js";
import { registerKernel } from "../kernel-registry.js";
import { copyValues } from "../kernels/elementwise-js.js";
import { installMethods } from "../methods.js";
import { defineOp } from "../op.js";
import { normalizeDim } from "../shape.js";
import { empty, restride } from "../storage.js";
import type { Tensor } from "../tensor.js";
import { shapeArgs } from "./views.js";

declare module "../op.js" {
  interface OpAttrs {
    flip: { readonly dims: readonly number[] };
  }
}

declare module "../tensor.js" {
  interface Tensor {
    /** A copy with the elements reversed along each of `dims` (torch.flip). */
    flip(...dims: number[]): Tensor;
    /** `flip` with the dims as one array: `x.flip([0, 1])`. */
    flip(dims: readonly number[]): Tensor;
  }
}

const flipOp = defineOp({
  name: "flip",
  inputs: ["self"],
  dtype: (inputs) => inputs[0]!.dtype,
  grad: (c) => {
    const dims = c.attrs.dims;
    return (g) => [flip(g, dims)];
  },
});

registerKernel("flip", {
  backend: "js",
  name: "js-flip",
  accepts: () => true,
  run(c) {
    const x = c.inputs[0]!;
    const strides = x.strides.slice();
    let offset = x.offset;
    for (const d of c.attrs.dims) {
      // Start at the last element along d and step backwards (an empty dim reads nothing).
      offset += Math.max(x.shape[d]! - 1, 0) * strides[d]!;
      strides[d] = -strides[d]!;
    }
    const out = empty(x.dtype, x.shape, false);
    copyValues(out, restride(x, x.shape, strides, offset));
    return out;
  },
});

export function flip(x: Tensor, dims: readonly number[]): Tensor {
  const norm = dims.map((d) => normalizeDim("flip", d, x.ndim));
  const repeated = norm.find((d, i) => norm.indexOf(d) !== i);
  if (repeated !== undefined)
    throw new ValueError(`flip: dim ${repeated} appears multiple times in the list of dims`);
  // A 0-dim tensor has no dim to reverse: its copy.
  return dispatch(flipOp, [x], { dims: x.ndim === 0 ? [] : norm });
}

installMethods({
  flip(...dims: (number | readonly number[])[]) {
    return flip(this, shapeArgs("flip", dims));
  },
});
