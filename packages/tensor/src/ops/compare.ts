// Elementwise comparisons: bool results, no gradient.
import { dispatch } from "../dispatch.js";
import type { BinaryFn } from "../kernels/codegen.js";
import { installMethods } from "../methods.js";
import { defineOp, type NoAttrs, type OpDef, type OpName } from "../op.js";
import { broadcastShapes, sameShape } from "../shape.js";
import type { Tensor, TensorLike } from "../tensor.js";
import { NONE } from "./arithmetic.js";
import { registerBinaryJs } from "./elementwise-kernels.js";
import { asTensor, resultType } from "./promote.js";

declare module "../op.js" {
  interface OpAttrs {
    eq: NoAttrs;
    ne: NoAttrs;
    lt: NoAttrs;
    le: NoAttrs;
    gt: NoAttrs;
    ge: NoAttrs;
  }
}

declare module "../tensor.js" {
  interface Tensor {
    /** Elementwise `self == other` as a bool tensor, broadcasting (`torch.eq`); NaN equals nothing. */
    eq(other: TensorLike): Tensor;
    /** Elementwise `self != other` as a bool tensor, broadcasting (`torch.ne`); true where either is NaN. */
    ne(other: TensorLike): Tensor;
    /** Elementwise `self < other` as a bool tensor, broadcasting (`torch.lt`). */
    lt(other: TensorLike): Tensor;
    /** Elementwise `self <= other` as a bool tensor, broadcasting (`torch.le`). */
    le(other: TensorLike): Tensor;
    /** Elementwise `self > other` as a bool tensor, broadcasting (`torch.gt`). */
    gt(other: TensorLike): Tensor;
    /** Elementwise `self >= other` as a bool tensor, broadcasting (`torch.ge`). */
    ge(other: TensorLike): Tensor;
  }
}

function comparison<N extends OpName & ("eq" | "ne" | "lt" | "le" | "gt" | "ge")>(
  name: N,
  fn: BinaryFn,
): OpDef<NoAttrs> {
  registerBinaryJs(name, fn, true);
  return defineOp({ name, inputs: ["self", "other"], dtype: () => "bool", grad: null });
}

const eq = comparison("eq", (x, y) => x === y);
const ne = comparison("ne", (x, y) => x !== y);
const lt = comparison("lt", (x, y) => x < y);
const le = comparison("le", (x, y) => x <= y);
const gt = comparison("gt", (x, y) => x > y);
const ge = comparison("ge", (x, y) => x >= y);

/** Compares in the operands' common dtype. */
function compare(def: OpDef<NoAttrs>, a: Tensor, other: TensorLike): Tensor {
  const b = asTensor(other, resultType(a, other));
  if (!sameShape(a.shape, b.shape)) broadcastShapes(def.name, a.shape, b.shape);
  return dispatch(def, [a, b], NONE);
}

installMethods({
  eq(other) {
    return compare(eq, this, other);
  },
  ne(other) {
    return compare(ne, this, other);
  },
  lt(other) {
    return compare(lt, this, other);
  },
  le(other) {
    return compare(le, this, other);
  },
  gt(other) {
    return compare(gt, this, other);
  },
  ge(other) {
    return compare(ge, this, other);
  },
});
