// Writing into a tensor: fill_, zero_ and copy_. Their old values are overwritten, so no
// gradient flows to them.

import { argError, checkTensorLike } from "../args.js";
import { zerosLike } from "../create.js";
import { dispatch } from "../dispatch.js";
import { registerKernel } from "../kernel-registry.js";
import { copyValues, mapInto } from "../kernels/elementwise-js.js";
import { installMethods } from "../methods.js";
import { defineOp, inplaceOf, type NoAttrs } from "../op.js";
import { empty, fromStorage } from "../storage.js";
import type { Tensor, TensorLike } from "../tensor.js";
import { contiguousData } from "../values.js";
import { checkInplace, NONE } from "./arithmetic.js";
import { asTensor } from "./promote.js";

/**
 * fill's, fill_'s and zero_'s attribute: the value written.
 *
 * @inline
 */
interface FillAttrs {
  readonly value: number | boolean;
}

declare module "../op.js" {
  interface OpAttrs {
    fill: FillAttrs;
    fill_: FillAttrs;
    zero_: FillAttrs;
    copy: NoAttrs;
    copy_: NoAttrs;
  }
}

declare module "../tensor.js" {
  interface Tensor {
    /** Fills this tensor with zeros in place (`torch.Tensor.zero_`); returns it. */
    zero_(): this;
    /**
     * Fills this tensor with `value` in place, converted to its dtype (`torch.Tensor.fill_`);
     * returns it. Throws a `ValueError` for a value that is not a number or boolean.
     */
    fill_(value: number | boolean): this;
    /** Copies `src` (broadcast to this shape, converted to this dtype) into this tensor. */
    copy_(src: TensorLike): this;
  }
}

/** A tensor like `self` full of `value` (the out-of-place op fill_ and zero_ derive from). */
const fill = defineOp({
  name: "fill",
  inputs: ["self"],
  dtype: (inputs) => inputs[0]!.dtype,
  grad: () => (g) => [zerosLike(g)],
});
const fill_ = inplaceOf(fill, "fill_");
const zero_ = inplaceOf(fill, "zero_");
/** `src` broadcast to `self`'s shape and dtype (the out-of-place op copy_ derives from). */
const copy = defineOp({
  name: "copy",
  inputs: ["self", "src"],
  dtype: (inputs) => inputs[0]!.dtype,
  grad: () => (g) => [zerosLike(g), g],
});
const copy_ = inplaceOf(copy, "copy_");

const valueFn = (_x: number, p: number, _q: number): number => p;

function fillKernel(target: (self: Tensor) => Tensor) {
  return {
    backend: "js" as const,
    name: "js-fill",
    accepts: () => true,
    run(c: { inputs: readonly Tensor[]; attrs: FillAttrs }) {
      const self = c.inputs[0]!;
      const out = target(self);
      const v = self.dtype === "bool" ? (c.attrs.value ? 1 : 0) : Number(c.attrs.value);
      if (out.isContiguous()) out.storage.fill(v, out.offset, out.offset + out.numel());
      else mapInto(valueFn, "value", out, out, v, 0);
      return out;
    },
  };
}
registerKernel(
  "fill",
  fillKernel((self) => empty(self.dtype, self.shape, false)),
);
registerKernel(
  "fill_",
  fillKernel((self) => self),
);
registerKernel(
  "zero_",
  fillKernel((self) => self),
);

function copyKernel(target: (self: Tensor) => Tensor) {
  return {
    backend: "js" as const,
    name: "js-copy",
    accepts: () => true,
    run(c: { inputs: readonly Tensor[] }) {
      const [self, src] = c.inputs as [Tensor, Tensor];
      const out = target(self);
      // A source that shares the destination's storage with another layout is copied first.
      const from = src.storage === out.storage ? fromStorage(contiguousData(src), src.dtype, src.shape) : src;
      copyValues(out, from);
      return out;
    },
  };
}
registerKernel(
  "copy",
  copyKernel((self) => empty(self.dtype, self.shape, false)),
);
registerKernel(
  "copy_",
  copyKernel((self) => self),
);

installMethods({
  zero_() {
    dispatch(zero_, [this], { value: 0 });
    return this;
  },
  fill_(value) {
    if (typeof value !== "number" && typeof value !== "boolean") {
      throw argError("fill_", "value", "a number or a boolean", value);
    }
    dispatch(fill_, [this], { value });
    return this;
  },
  copy_(src) {
    checkTensorLike("copy_", "src", src);
    const b = asTensor(src, this.dtype);
    checkInplace("copy_", this, b, null);
    dispatch(copy_, [this, b], NONE);
    return this;
  },
});
