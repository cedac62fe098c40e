// nonzero: the int32 indices of the nonzero elements, one row per element in row-major order
// (torch.nonzero). The result's shape depends on the values, and it has no gradient.
import { dispatch } from "../dispatch.js";
import { registerKernel } from "../kernel-registry.js";
import { installMethods } from "../methods.js";
import { defineOp, type NoAttrs } from "../op.js";
import { empty } from "../storage.js";
import type { Tensor } from "../tensor.js";
import { contiguousData } from "../values.js";

declare module "../op.js" {
  interface OpAttrs {
    nonzero: NoAttrs;
  }
}

declare module "../tensor.js" {
  interface Tensor {
    /**
     * The indices of the nonzero (true, NaN included) elements as an int32 tensor of shape
     * [n, ndim], one row per element in row-major order, as `torch.nonzero`. Not differentiable.
     */
    nonzero(): Tensor;
  }
}

const nonzeroOp = defineOp({ name: "nonzero", inputs: ["self"], dtype: () => "int32", grad: null });

registerKernel("nonzero", {
  backend: "js",
  name: "js-nonzero",
  accepts: () => true,
  run(c) {
    const x = c.inputs[0]!;
    const data = contiguousData(x);
    const nd = x.ndim;
    let n = 0;
    for (let i = 0; i < data.length; i++) if (data[i] !== 0) n++;
    const out = empty("int32", [n, nd], false);
    const dst = out.storage;
    let row = 0;
    for (let i = 0; i < data.length; i++) {
      if (data[i] === 0) continue;
      let rest = i;
      for (let d = nd - 1; d >= 0; d--) {
        const size = x.shape[d]!;
        dst[row * nd + d] = rest % size;
        rest = (rest - (rest % size)) / size;
      }
      row++;
    }
    return out;
  },
});

export function nonzero(x: Tensor): Tensor {
  return dispatch(nonzeroOp, [x], {});
}

installMethods({
  nonzero() {
    return nonzero(this);
  },
});
