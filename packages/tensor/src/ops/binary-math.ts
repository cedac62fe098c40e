// Two-operand math with PyTorch's semantics: atan2, copysign, logaddexp (broadcasting ops
// whose integer operands compute in float32), and lerp (a composition: PyTorch's two-sided
// formula, exact at both ends).
import { checkFinite, checkTensor, checkTensorLike } from "../args.js";
import { zerosLike } from "../create.js";
import { floatResult, isFloating } from "../dtype.js";
import { DTypeError } from "../errors.js";
import { installMethods } from "../methods.js";
import { defineOp, type NoAttrs } from "../op.js";
import { Tensor, type TensorLike } from "../tensor.js";
import { binary } from "./arithmetic.js";
import { registerBinaryJs } from "./elementwise-kernels.js";
import { resultType } from "./promote.js";
import { where } from "./where.js";

declare module "../op.js" {
  interface OpAttrs {
    atan2: NoAttrs;
    copysign: NoAttrs;
    logaddexp: NoAttrs;
  }
}

declare module "../tensor.js" {
  interface Tensor {
    /** The angle of (other, this) in radians, in [−π, π] (torch.atan2: this is y, other is x). */
    atan2(other: TensorLike): Tensor;
    /** |this| with the sign of `other` (−0 counts as negative), as torch.copysign. */
    copysign(other: TensorLike): Tensor;
    /** log(eˣ + eʸ) without overflow (floating-point operands, as PyTorch's). */
    logaddexp(other: TensorLike): Tensor;
    /** this + weight · (end − this), computed from the nearer end (torch.lerp). */
    lerp(end: Tensor, weight: TensorLike): Tensor;
  }
}

const floatCommon = (inputs: readonly Tensor[]): Tensor["dtype"] =>
  floatResult(resultType(inputs[0]!, inputs[1]!));

const atan2Op = defineOp({
  name: "atan2",
  inputs: ["self", "other"],
  dtype: floatCommon,
  grad: (c) => {
    const [y, x] = c.save(c.inputs[0]!, c.inputs[1]!);
    // ∂/∂y atan2(y, x) = x / (x² + y²), ∂/∂x = −y / (x² + y²).
    return (g) => {
      const r2 = x.square().add(y.square());
      return [c.needs[0] ? g.mul(x).div(r2) : null, c.needs[1] ? g.mul(y).neg().div(r2) : null];
    };
  },
});
const copysignOp = defineOp({
  name: "copysign",
  inputs: ["self", "other"],
  dtype: floatCommon,
  grad: (c) => {
    const [a, out] = c.save(c.inputs[0]!, c.output);
    // PyTorch's: g · out / a (±1), 0 where a = 0; the sign source gets none.
    return (g) => [
      c.needs[0] ? where(a.eq(0), 0, g.mul(out.div(a))) : null,
      c.needs[1] ? zerosLike(g) : null,
    ];
  },
});
const logaddexpOp = defineOp({
  name: "logaddexp",
  inputs: ["self", "other"],
  dtype: floatCommon,
  grad: (c) => {
    const [a, b] = c.save(c.inputs[0]!, c.inputs[1]!);
    // ∂/∂a = eᵃ / (eᵃ + eᵇ) = σ(a − b).
    return (g) => [
      c.needs[0] ? g.mul(a.sub(b).sigmoid()) : null,
      c.needs[1] ? g.mul(b.sub(a).sigmoid()) : null,
    ];
  },
});

registerBinaryJs("atan2", (y, x) => Math.atan2(y, x), false);
// The sign of y, −0 included (1 / −0 is −∞).
registerBinaryJs("copysign", (x, y) => (y < 0 || (y === 0 && 1 / y < 0) ? -Math.abs(x) : Math.abs(x)), false);
// max + log1p(e^−|x−y|); equal infinities are returned as they are (∞ − ∞ would be NaN).
registerBinaryJs(
  "logaddexp",
  (x, y) =>
    x === y && (x === Infinity || x === -Infinity)
      ? x
      : Math.max(x, y) + Math.log1p(Math.exp(-Math.abs(x - y))),
  false,
);

export function lerp(start: Tensor, end: Tensor, weight: TensorLike): Tensor {
  checkTensor("lerp", "end", end);
  checkTensorLike("lerp", "weight", weight);
  for (const [name, t] of [
    ["end", end],
    ["weight", weight],
  ] as const) {
    if (t instanceof Tensor && t.dtype !== start.dtype) {
      throw new DTypeError(`lerp: expected dtype ${start.dtype} for ${name}, but got dtype ${t.dtype}`);
    }
  }
  if (!isFloating(start.dtype)) {
    throw new DTypeError(
      `lerp: expected floating-point tensors, got ${start.dtype} (PyTorch has no lerp for it)`,
    );
  }
  const diff = end.sub(start);
  // PyTorch's formula: from `start` where |weight| < 0.5, else from `end`, so both ends are exact.
  if (typeof weight === "number") {
    // An infinite weight gives ∞ · 0 = NaN wherever start equals end: refused as a slip.
    checkFinite("lerp", "weight", weight);
    return Math.abs(weight) < 0.5 ? start.add(diff.mul(weight)) : end.sub(diff.mul(1 - weight));
  }
  if (!(weight instanceof Tensor))
    throw new DTypeError("lerp: weight must be a number or a tensor, got a boolean");
  return where(weight.abs().lt(0.5), start.add(diff.mul(weight)), end.sub(diff.mul(weight.neg().add(1))));
}

installMethods({
  atan2(other) {
    return binary(atan2Op, this, other);
  },
  copysign(other) {
    return binary(copysignOp, this, other);
  },
  logaddexp(other) {
    checkTensorLike("logaddexp", "other", other);
    if (!isFloating(resultType(this, other))) {
      throw new DTypeError(
        `logaddexp: expected floating-point operands, got ${this.dtype} and ${other instanceof Tensor ? other.dtype : "an integer"} (PyTorch has no logaddexp for them)`,
      );
    }
    return binary(logaddexpOp, this, other);
  },
  lerp(end, weight) {
    return lerp(this, end, weight);
  },
});
