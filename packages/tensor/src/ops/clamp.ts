// clamp and clamp_: values limited to [min, max], gradient passed where the input was inside.
import { dispatch } from "../dispatch.js";
import { floatResult } from "../dtype.js";
import { fmtValue, ValueError } from "../errors.js";
import { installMethods } from "../methods.js";
import { defineOp, inplaceOf } from "../op.js";
import { Tensor, type TensorLike } from "../tensor.js";
import { registerUnaryJs } from "./elementwise-kernels.js";
import { where } from "./where.js";

/**
 * clamp's attributes with number bounds (null: no bound on that side).
 *
 * @inline
 */
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
    /**
     * Clamps into [min, max]; either bound may be omitted (null or undefined). Tensor bounds
     * broadcast, and receive gradients where they bind, as in PyTorch.
     */
    clamp(min?: TensorLike | null, max?: TensorLike | null): Tensor;
    /** `clamp` in place (`torch.Tensor.clamp_`); returns this tensor. */
    clamp_(min?: TensorLike | null, max?: TensorLike | null): this;
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

function attrs<B extends TensorLike>(
  name: string,
  min: B | null | undefined,
  max: B | null | undefined,
): { min: B | null; max: B | null } {
  if ((min ?? null) === null && (max ?? null) === null)
    throw new ValueError(`${name}: at least one of 'min' or 'max' must not be None`);
  for (const [arg, v] of [
    ["min", min],
    ["max", max],
  ] as const) {
    if (v != null && typeof v !== "number" && !(v instanceof Tensor)) {
      throw new ValueError(`${name}: ${arg} must be a number or a tensor, got ${fmtValue(v)}`);
    }
  }
  return { min: min ?? null, max: max ?? null };
}

/**
 * clamp with a tensor bound: min(max(x, lo), hi) as two selections, so that each bound gets
 * the gradient where it binds and x where it is inside (bounds included), as PyTorch's
 * clamp(Tensor, Tensor); a NaN bound gives NaN, as there.
 */
function clampTensors(x: Tensor, min: TensorLike | null, max: TensorLike | null): Tensor {
  const binds = (hit: Tensor, bound: TensorLike): Tensor =>
    bound instanceof Tensor ? hit.add(bound.ne(bound)) : hit;
  const low = min === null ? x : where(binds(x.lt(min), min), min, x);
  return max === null ? low : where(binds(low.gt(max), max), max, low);
}

function isTensorCall(min: TensorLike | null | undefined, max: TensorLike | null | undefined): boolean {
  return min instanceof Tensor || max instanceof Tensor;
}

installMethods({
  clamp(min, max) {
    if (isTensorCall(min, max)) {
      attrs("clamp", min, max);
      return clampTensors(this, min ?? null, max ?? null);
    }
    return dispatch(clampOp, [this], attrs("clamp", min as number | null, max as number | null));
  },
  clamp_(min, max) {
    if (isTensorCall(min, max)) {
      attrs("clamp_", min, max);
      return this.copy_(clampTensors(this, min ?? null, max ?? null));
    }
    dispatch(clampInplace, [this], attrs("clamp_", min as number | null, max as number | null));
    return this;
  },
});
