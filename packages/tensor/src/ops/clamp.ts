// clamp and clamp_: values limited to [min, max], gradient passed where the input was inside.
import { dispatch } from "../dispatch.js";
import { floatResult } from "../dtype.js";
import { ValueError } from "../errors.js";
import { installMethods } from "../methods.js";
import { defineOp, inplaceOf } from "../op.js";
import { registerUnaryJs } from "./elementwise-kernels.js";
import { where } from "./where.js";

interface ClampAttrs {
  readonly min: number | null;
  readonly max: number | null;
}

declare module "../op.js" {
  interface OpAttrs {
    clamp: ClampAttrs;
    clamp_: ClampAttrs;
  }
}

declare module "../tensor.js" {
  interface Tensor {
    /** Clamps into [min, max]; either bound may be omitted (null or undefined). */
    clamp(min?: number | null, max?: number | null): Tensor;
    clamp_(min?: number | null, max?: number | null): this;
  }
}

const bounds = (a: ClampAttrs): readonly [number, number] => [
  a.min ?? Number.NEGATIVE_INFINITY,
  a.max ?? Number.POSITIVE_INFINITY,
];
// min before max: with min > max everything becomes max, as in PyTorch; NaN passes through.
const clampFn = (x: number, p: number, q: number): number => Math.min(Math.max(x, p), q);

const clampOp = defineOp({
  name: "clamp",
  inputs: ["self"],
  // A fractional bound makes an integer tensor float, as in PyTorch.
  dtype: (inputs, a) =>
    [a.min, a.max].some((v) => v !== null && !Number.isInteger(v))
      ? floatResult(inputs[0]!.dtype)
      : inputs[0]!.dtype,
  grad: (c) => {
    const [x] = c.save(c.inputs[0]!);
    const { min, max } = c.attrs;
    return (g) => {
      // The gradient passes where the input was inside [min, max] (bounds included).
      let inside = x.eq(x);
      if (min !== null) inside = inside.mul(x.ge(min)).bool();
      if (max !== null) inside = inside.mul(x.le(max)).bool();
      return [where(inside, g, 0)];
    };
  },
});
const clampInplace = inplaceOf(clampOp, "clamp_");
registerUnaryJs("clamp", clampFn, bounds);
registerUnaryJs("clamp_", clampFn, bounds);

function attrs(name: string, min: number | null | undefined, max: number | null | undefined): ClampAttrs {
  if ((min ?? null) === null && (max ?? null) === null)
    throw new ValueError(`${name}: at least one of 'min' or 'max' must not be None`);
  return { min: min ?? null, max: max ?? null };
}

installMethods({
  clamp(min, max) {
    return dispatch(clampOp, [this], attrs("clamp", min, max));
  },
  clamp_(min, max) {
    dispatch(clampInplace, [this], attrs("clamp_", min, max));
    return this;
  },
});
