// Broadcasting binary arithmetic: add, sub, mul, div, pow, maximum, minimum, their in-place
// forms and gradients. Each op is one entry of BINARY below.
import { checkTensorLike } from "../args.js";
import { dispatch } from "../dispatch.js";
import { type DType, floatResult, isFloating } from "../dtype.js";
import { DTypeError, fmtShape, ShapeError, ValueError } from "../errors.js";
import type { BinaryFn } from "../kernels/codegen.js";
import { installMethods } from "../methods.js";
import { defineOp, type GradRule, inplaceOf, type NoAttrs, type OpDef } from "../op.js";
import { broadcastShapes, sameShape } from "../shape.js";
import { Tensor, type TensorLike } from "../tensor.js";
import { type DivOptions, divRounded } from "./division.js";
import { registerBinaryInplaceJs, registerBinaryJs } from "./elementwise-kernels.js";
import { asTensor, category, resultType } from "./promote.js";
import { where } from "./where.js";

declare module "../op.js" {
  interface OpAttrs {
    add: NoAttrs;
    sub: NoAttrs;
    mul: NoAttrs;
    div: NoAttrs;
    pow: NoAttrs;
    maximum: NoAttrs;
    minimum: NoAttrs;
    add_: NoAttrs;
    sub_: NoAttrs;
    mul_: NoAttrs;
    div_: NoAttrs;
  }
}

declare module "../tensor.js" {
  interface Tensor {
    /**
     * self + other, elementwise with broadcasting and PyTorch's type promotion (`torch.add`);
     * `other` may be a number. Shapes that do not broadcast are a `ShapeError`.
     *
     * @example
     * ```ts
     * const a = tensor([[1, 2], [3, 4]]);
     * a.add(1); // tensor([[2, 3], [4, 5]])
     * a.add(tensor([10, 20])); // broadcast: tensor([[11, 22], [13, 24]])
     * ```
     */
    add(other: TensorLike): Tensor;
    /**
     * self − other, elementwise with broadcasting and type promotion (`torch.sub`); two bool
     * tensors are a `DTypeError`, as in PyTorch.
     */
    sub(other: TensorLike): Tensor;
    /** self · other, elementwise with broadcasting and type promotion (`torch.mul`). */
    mul(other: TensorLike): Tensor;
    /**
     * True division: integer operands give a float result, as in PyTorch. With `roundingMode`
     * "trunc" or "floor" the quotient is rounded and integers stay integers (ops/division.ts).
     */
    div(other: TensorLike, options?: DivOptions): Tensor;
    /**
     * self raised to `exponent` (a number or a tensor, broadcast), elementwise (`torch.pow`);
     * integers to negative integer powers are a `ValueError`, as in PyTorch.
     */
    pow(exponent: TensorLike): Tensor;
    /**
     * The elementwise maximum with `other`, broadcasting; NaN propagates (`torch.maximum`). Ties
     * split the gradient in half.
     */
    maximum(other: TensorLike): Tensor;
    /**
     * The elementwise minimum with `other`, broadcasting; NaN propagates (`torch.minimum`). Ties
     * split the gradient in half.
     */
    minimum(other: TensorLike): Tensor;
    /** x², elementwise (`torch.square`). */
    square(): Tensor;
    /**
     * `self += other` in place (`torch.Tensor.add_`); returns this tensor. The broadcast shape must
     * be this tensor's shape and the result must fit its dtype (a `ShapeError` or `DTypeError`
     * otherwise).
     */
    add_(other: TensorLike): this;
    /**
     * `self -= other` in place (`torch.Tensor.sub_`); returns this tensor. The broadcast shape must
     * be this tensor's shape and the result must fit its dtype (a `ShapeError` or `DTypeError`
     * otherwise).
     */
    sub_(other: TensorLike): this;
    /**
     * `self *= other` in place (`torch.Tensor.mul_`); returns this tensor. The broadcast shape must
     * be this tensor's shape and the result must fit its dtype (a `ShapeError` or `DTypeError`
     * otherwise).
     */
    mul_(other: TensorLike): this;
    /**
     * `self /= other` in place (`torch.Tensor.div_`); returns this tensor. An integer tensor cannot
     * hold the float quotient (a `DTypeError`). The broadcast shape must be this tensor's shape and
     * the result must fit its dtype (a `ShapeError` or `DTypeError` otherwise).
     */
    div_(other: TensorLike): this;
  }
}

export const NONE: NoAttrs = Object.freeze({});

/** The gradient of max/min-like selections: ties split the gradient in half, like PyTorch. */
function selectGrad(g: Tensor, mine: Tensor, other: Tensor, win: "gt" | "lt"): Tensor {
  const winning = mine[win](other);
  const tie = mine.eq(other);
  return where(winning, g, where(tie, g.mul(0.5), 0));
}

/** The common dtype of the operands, as a binary op's inputs carry it after promotion. */
const common = (inputs: readonly Tensor[]): DType => resultType(inputs[0]!, inputs[1]!);

const mulGrad: GradRule<NoAttrs> = (c) => {
  const [a, b] = c.save(c.inputs[0]!, c.inputs[1]!);
  return (g) => [c.needs[0] ? g.mul(b) : null, c.needs[1] ? g.mul(a) : null];
};

const divGrad: GradRule<NoAttrs> = (c) => {
  const [a, b] = c.save(c.inputs[0]!, c.inputs[1]!);
  return (g) => {
    const ga = g.div(b);
    return [c.needs[0] ? ga : null, c.needs[1] ? ga.mul(a).div(b).neg() : null];
  };
};

const add = defineOp({
  name: "add",
  inputs: ["self", "other"],
  dtype: common,
  grad: () => (g) => [g, g],
});
const sub = defineOp({
  name: "sub",
  inputs: ["self", "other"],
  dtype: common,
  grad: () => (g) => [g, g.neg()],
});
const mul = defineOp({ name: "mul", inputs: ["self", "other"], dtype: common, grad: mulGrad });
const div = defineOp({
  name: "div",
  inputs: ["self", "other"],
  dtype: (inputs) => floatResult(common(inputs)),
  grad: divGrad,
});
const pow = defineOp({
  name: "pow",
  inputs: ["self", "exponent"],
  dtype: common,
  grad: (c) => {
    const [x, y, out] = c.save(c.inputs[0]!, c.inputs[1]!, c.output);
    return (g) => [
      // d/dx x^y = y x^(y-1); where y == 0 the gradient is 0 even at x == 0.
      c.needs[0] ? where(y.eq(0), 0, g.mul(y).mul(x.pow(y.sub(1)))) : null,
      // d/dy x^y = x^y ln x; PyTorch defines it as 0 where x == 0 and y >= 0.
      c.needs[1] ? where(x.eq(0).mul(y.ge(0)).bool(), 0, g.mul(out).mul(x.log())) : null,
    ];
  },
});
const maximum = defineOp({
  name: "maximum",
  inputs: ["self", "other"],
  dtype: common,
  grad: (c) => {
    const [a, b] = c.save(c.inputs[0]!, c.inputs[1]!);
    return (g) => [
      c.needs[0] ? selectGrad(g, a, b, "gt") : null,
      c.needs[1] ? selectGrad(g, b, a, "gt") : null,
    ];
  },
});
const minimum = defineOp({
  name: "minimum",
  inputs: ["self", "other"],
  dtype: common,
  grad: (c) => {
    const [a, b] = c.save(c.inputs[0]!, c.inputs[1]!);
    return (g) => [
      c.needs[0] ? selectGrad(g, a, b, "lt") : null,
      c.needs[1] ? selectGrad(g, b, a, "lt") : null,
    ];
  },
});

/** The element function of each binary op (typed; see kernels/codegen.ts). */
const addFn: BinaryFn = (x, y) => x + y;
const subFn: BinaryFn = (x, y) => x - y;
const mulFn: BinaryFn = (x, y) => x * y;
const divFn: BinaryFn = (x, y) => x / y;
registerBinaryJs("add", addFn, false);
registerBinaryJs("sub", subFn, false);
registerBinaryJs("mul", mulFn, false);
registerBinaryJs("div", divFn, false);
// C's pow, as PyTorch: 1 to any power is 1, and so is -1 to ±infinity (JS's ** gives NaN).
registerBinaryJs(
  "pow",
  (x, y) =>
    x === 1 || (x === -1 && (y === Number.POSITIVE_INFINITY || y === Number.NEGATIVE_INFINITY)) ? 1 : x ** y,
  false,
);
// NaN-propagating, like torch.maximum / torch.minimum; x !== x is the NaN test that V8 compiles
// to one comparison inside the generated loop.
// biome-ignore lint/suspicious/noSelfCompare: see above
registerBinaryJs("maximum", (x, y) => (x > y || x !== x ? x : y), false);
// biome-ignore lint/suspicious/noSelfCompare: see above
registerBinaryJs("minimum", (x, y) => (x < y || x !== x ? x : y), false);

const add_ = inplaceOf(add, "add_");
const sub_ = inplaceOf(sub, "sub_");
const mul_ = inplaceOf(mul, "mul_");
const div_ = inplaceOf(div, "div_");
registerBinaryInplaceJs("add_", addFn);
registerBinaryInplaceJs("sub_", subFn);
registerBinaryInplaceJs("mul_", mulFn);
registerBinaryInplaceJs("div_", divFn);

function checkPow(exponent: TensorLike, dtype: DType): void {
  if (isFloating(dtype)) return;
  const negative = exponent instanceof Tensor ? exponent.lt(0).any().item() !== 0 : exponent < 0;
  if (negative) throw new ValueError("pow: integers to negative integer powers are not allowed");
}

function boolSubError(name: string): DTypeError {
  return new DTypeError(
    `${name}: Subtraction, the \`-\` operator, with two bool tensors is not supported; use logical ops or convert with .int() first`,
  );
}

/** Promotes the operands, checks that they broadcast, and dispatches `def`. */
export function binary(def: OpDef<NoAttrs>, a: Tensor, other: TensorLike): Tensor {
  checkTensorLike(def.name, def.inputs[1]!, other);
  const dtype = resultType(a, other);
  if (def === pow) checkPow(other, dtype);
  const b = asTensor(other, dtype);
  if (!sameShape(a.shape, b.shape)) broadcastShapes(def.name, a.shape, b.shape);
  if (dtype === "bool" && def === sub) throw boolSubError("sub");
  return dispatch(def, [a, b], NONE);
}

/**
 * `self op= other`: the broadcast shape must be self's shape, and the result must fit self's
 * dtype. Shared by the in-place arithmetic and copy_.
 */
export function checkInplace(
  name: string,
  self: Tensor,
  b: Tensor,
  resultDtype: DType | null,
  subtracts = false,
): void {
  if (resultDtype !== null && category(resultDtype) > category(self.dtype)) {
    throw new DTypeError(
      `${name}: result type ${resultDtype} can't be cast to the desired output type ${self.dtype}`,
    );
  }
  if (subtracts && self.dtype === "bool") throw boolSubError(name);
  // Like PyTorch, refuse to write where several elements share one memory location.
  if (self.numel() > 1 && self.shape.some((n, i) => n > 1 && self.strides[i] === 0)) {
    throw new ValueError(
      `${name}: unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation. The tensor has shape ${fmtShape(self.shape)} and strides ${fmtShape(self.strides)}.`,
    );
  }
  const shape = broadcastShapes(name, self.shape, b.shape);
  if (!sameShape(shape, self.shape)) {
    throw new ShapeError(
      `${name}: output with shape ${fmtShape(self.shape)} doesn't match the broadcast shape ${fmtShape(shape)}`,
    );
  }
}

function binaryInplace(def: OpDef<NoAttrs>, self: Tensor, other: TensorLike): void {
  checkTensorLike(def.name, def.inputs[1]!, other);
  const common = resultType(self, other);
  const b = asTensor(other, self.dtype);
  checkInplace(def.name, self, b, def === div_ ? floatResult(common) : common, def === sub_);
  dispatch(def, [self, b], NONE);
}

installMethods({
  add(other) {
    return binary(add, this, other);
  },
  sub(other) {
    return binary(sub, this, other);
  },
  mul(other) {
    return binary(mul, this, other);
  },
  div(other, options) {
    return divRounded(this, other, options) ?? binary(div, this, other);
  },
  pow(exponent) {
    return binary(pow, this, exponent);
  },
  maximum(other) {
    return binary(maximum, this, other);
  },
  minimum(other) {
    return binary(minimum, this, other);
  },
  square() {
    return binary(mul, this, this);
  },
  add_(other) {
    binaryInplace(add_, this, other);
    return this;
  },
  sub_(other) {
    binaryInplace(sub_, this, other);
    return this;
  },
  mul_(other) {
    binaryInplace(mul_, this, other);
    return this;
  },
  div_(other) {
    binaryInplace(div_, this, other);
    return this;
  },
});
