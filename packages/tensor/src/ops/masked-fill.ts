// maskedFill: `value` where a bool mask is true, the input elsewhere (torch.masked_fill). The
// mask broadcasts with the input; the value is a number or a 0-dim tensor, which gets the
// gradient of the positions it filled.
import { argError, checkTensor } from "../args.js";
import { dispatch } from "../dispatch.js";
import { type DType, isFloating } from "../dtype.js";
import { DTypeError, fmtShape, ShapeError, ValueError } from "../errors.js";
import { registerKernel } from "../kernel-registry.js";
import { whereInto } from "../kernels/elementwise-js.js";
import { installMethods } from "../methods.js";
import { defineOp, type NoAttrs } from "../op.js";
import { broadcastShapes } from "../shape.js";
import { empty } from "../storage.js";
import { Tensor } from "../tensor.js";
import { NONE } from "./arithmetic.js";
import { scalarTensor } from "./promote.js";
import { where } from "./where.js";

declare module "../op.js" {
  interface OpAttrs {
    maskedFill: NoAttrs;
  }
}

declare module "../tensor.js" {
  interface Tensor {
    /**
     * A copy with `value` where `mask` (bool, broadcast with this tensor) is true
     * (torch.masked_fill); `value` is a number or a 0-dim tensor, cast to this dtype.
     */
    maskedFill(mask: Tensor, value: number | boolean | Tensor): Tensor;
  }
}

const maskedFillOp = defineOp({
  name: "maskedFill",
  inputs: ["self", "mask", "value"],
  dtype: (inputs) => inputs[0]!.dtype,
  grad: (c) => {
    const [mask] = c.save(c.inputs[1]!);
    return (g) => [c.needs[0] ? where(mask, 0, g) : null, null, c.needs[2] ? where(mask, g, 0).sum() : null];
  },
});

registerKernel("maskedFill", {
  backend: "js",
  name: "js-maskedFill",
  accepts: () => true,
  run(c) {
    const [self, mask, value] = c.inputs as [Tensor, Tensor, Tensor];
    const out = empty(self.dtype, broadcastShapes("maskedFill", self.shape, mask.shape), false);
    whereInto(out, mask, value, self);
    return out;
  },
});

const LIMITS: Partial<Record<DType, readonly [number, number]>> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  uint8: [0, 255],
};

/** A number as a 0-dim tensor of `dtype`, refusing what PyTorch cannot convert without overflow. */
function fillValue(value: number | boolean, dtype: DType): Tensor {
  if (typeof value === "boolean" || dtype === "bool" || isFloating(dtype)) {
    return scalarTensor(dtype === "bool" ? value !== 0 && value !== false : value, dtype);
  }
  const [lo, hi] = LIMITS[dtype]!;
  const v = Math.trunc(value);
  if (!(v >= lo && v <= hi)) {
    throw new ValueError(`maskedFill: value ${value} cannot be converted to ${dtype} without overflow`);
  }
  return scalarTensor(v, dtype);
}

/** `value` where `mask` is true, `input` elsewhere (torch.masked_fill). */
export function maskedFill(input: Tensor, mask: Tensor, value: number | boolean | Tensor): Tensor {
  checkTensor("maskedFill", "input", input);
  checkTensor("maskedFill", "mask", mask);
  if (mask.dtype !== "bool") {
    throw new DTypeError(`maskedFill: expected mask to be a bool tensor, got ${mask.dtype}`);
  }
  let v: Tensor;
  if (value instanceof Tensor) {
    if (value.ndim !== 0) {
      throw new ShapeError(
        `maskedFill: only a 0-dim value tensor is supported, got one of shape ${fmtShape(value.shape)}`,
      );
    }
    v = value.dtype === input.dtype ? value : value.to(input.dtype);
  } else if (typeof value === "number" || typeof value === "boolean") {
    v = fillValue(value, input.dtype);
  } else {
    throw argError("maskedFill", "value", "a number, a boolean or a 0-dim tensor", value);
  }
  broadcastShapes("maskedFill", input.shape, mask.shape);
  return dispatch(maskedFillOp, [input, mask, v], NONE);
}

installMethods({
  maskedFill(mask, value) {
    return maskedFill(this, mask, value);
  },
});
