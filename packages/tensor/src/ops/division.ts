// Rounded division and remainders, as PyTorch's: div with roundingMode "trunc" or "floor"
// (floorDivide), remainder (Python's %, the sign of the divisor) and fmod (C's, the sign of
// the dividend). Unlike true division, integer operands give integer results, and an integer
// division by zero throws (PyTorch's "ZeroDivisionError"); floats give ±inf or NaN.
import { checkChoice, checkTensorLike } from "../args.js";
import { zerosLike } from "../create.js";
import { dispatch } from "../dispatch.js";
import { type DType, isFloating } from "../dtype.js";
import { DTypeError, ValueError } from "../errors.js";
import type { BinaryFn } from "../kernels/codegen.js";
import { installMethods } from "../methods.js";
import { defineOp, type GradRule, type NoAttrs, type OpDef } from "../op.js";
import { checkOptions } from "../options.js";
import { broadcastShapes, sameShape } from "../shape.js";
import type { Tensor, TensorLike } from "../tensor.js";
import { registerBinaryJs } from "./elementwise-kernels.js";
import { asTensor, resultType } from "./promote.js";

/** div's options, as torch.div's keyword. */
export interface DivOptions {
  /** "trunc" rounds the quotient toward zero, "floor" down; null or absent: true division. */
  roundingMode?: "trunc" | "floor" | null;
}

declare module "../op.js" {
  interface OpAttrs {
    divTrunc: NoAttrs;
    divFloor: NoAttrs;
    remainder: NoAttrs;
    fmod: NoAttrs;
  }
}

declare module "../tensor.js" {
  interface Tensor {
    /** The quotient rounded down (`div(other, { roundingMode: "floor" })`, Python's //). */
    floorDivide(other: TensorLike): Tensor;
    /** Python's `%`: x − floor(x / other) · other, with the sign of `other` (torch.remainder). */
    remainder(other: TensorLike): Tensor;
    /** C's fmod: x − trunc(x / other) · other, with the sign of x (torch.fmod). */
    fmod(other: TensorLike): Tensor;
  }
}

const NO_ATTRS: NoAttrs = Object.freeze({});

// Integer results stay integers (unlike true division's float).
const common = (inputs: readonly Tensor[]): DType => resultType(inputs[0]!, inputs[1]!);

/** PyTorch defines the gradient of a rounded quotient as zero (it is a step function). */
const zeroGrad: GradRule<NoAttrs> = () => (g) => [zerosLike(g), zerosLike(g)];

/** x − q(x, y) · y: d/dx = 1, d/dy = −q(x, y), with q the rounded quotient. */
function remainderGrad(roundingMode: "trunc" | "floor"): GradRule<NoAttrs> {
  return (c) => {
    const [a, b] = c.save(c.inputs[0]!, c.inputs[1]!);
    return (g) => [g, c.needs[1] ? g.mul(a.div(b, { roundingMode })).neg() : null];
  };
}

const divTruncOp = defineOp({ name: "divTrunc", inputs: ["self", "other"], dtype: common, grad: zeroGrad });
const divFloorOp = defineOp({ name: "divFloor", inputs: ["self", "other"], dtype: common, grad: zeroGrad });
const remainderOp = defineOp({
  name: "remainder",
  inputs: ["self", "other"],
  dtype: common,
  grad: remainderGrad("floor"),
});
const fmodOp = defineOp({
  name: "fmod",
  inputs: ["self", "other"],
  dtype: common,
  grad: remainderGrad("trunc"),
});

// Exact for int32 operands: their quotient's distance to an integer is far above double rounding.
registerBinaryJs("divTrunc", (x, y) => Math.trunc(x / y), false);
// PyTorch's div_floor_floating: from fmod, so that x − q·y stays consistent with remainder
// where x / y rounds to an integer; a zero quotient takes the sign of x / y; y = 0 gives x / y.
const divFloorFn: BinaryFn = (x, y) => {
  if (y === 0) return x / y;
  const mod = x % y;
  let div = (x - mod) / y;
  if (mod !== 0 && y < 0 !== mod < 0) div -= 1;
  if (div === 0) return 0 * (x / y);
  let q = Math.floor(div);
  if (div - q > 0.5) q += 1;
  return q;
};
registerBinaryJs("divFloor", divFloorFn, false);
registerBinaryJs(
  "remainder",
  (x, y) => {
    const mod = x % y;
    return mod !== 0 && y < 0 !== mod < 0 ? mod + y : mod;
  },
  false,
);
registerBinaryJs("fmod", (x, y) => x % y, false);

/** Promotes and broadcasts the operands as the arithmetic ops do, refusing what PyTorch refuses. */
function rounded(def: OpDef<NoAttrs>, op: string, a: Tensor, other: TensorLike): Tensor {
  checkTensorLike(op, "other", other);
  const dtype = resultType(a, other);
  if (dtype === "bool") {
    throw new DTypeError(
      `${op}: not implemented for bool tensors (as in PyTorch); convert with .int() first`,
    );
  }
  const b = asTensor(other, dtype);
  if (!sameShape(a.shape, b.shape)) broadcastShapes(op, a.shape, b.shape);
  if (!isFloating(dtype) && b.eq(0).any().item() !== 0) {
    throw new ValueError(`${op}: ZeroDivisionError: integer division by zero`);
  }
  return dispatch(def, [a, b], NO_ATTRS);
}

/** `a / other` rounded as `roundingMode` says (div's options), or null for true division. */
export function divRounded(a: Tensor, other: TensorLike, options: DivOptions | undefined): Tensor | null {
  checkOptions("div", "options", options, ["roundingMode"]);
  const mode = options?.roundingMode;
  if (mode === undefined || mode === null) return null;
  checkChoice("div", "roundingMode", mode, ["trunc", "floor"]);
  return rounded(mode === "trunc" ? divTruncOp : divFloorOp, "div", a, other);
}

installMethods({
  floorDivide(other) {
    return rounded(divFloorOp, "floorDivide", this, other);
  },
  remainder(other) {
    return rounded(remainderOp, "remainder", this, other);
  },
  fmod(other) {
    return rounded(fmodOp, "fmod", this, other);
  },
});
