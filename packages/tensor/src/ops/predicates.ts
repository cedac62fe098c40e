// isnan, isinf, isfinite: bool results, no gradient (torch.isnan...). Integer and bool tensors
// are never NaN or infinite; the same element test answers for them.

import type { UnaryFn } from "../kernels/codegen.js";
import { installMethods } from "../methods.js";
import { defineOp, type NoAttrs, type OpDef, type OpName } from "../op.js";
import { registerUnaryJs } from "./elementwise-kernels.js";
import { unary } from "./unary.js";

declare module "../op.js" {
  interface OpAttrs {
    isnan: NoAttrs;
    isinf: NoAttrs;
    isfinite: NoAttrs;
  }
}

declare module "../tensor.js" {
  interface Tensor {
    /** True where the element is NaN (bool result). */
    isnan(): Tensor;
    /** True where the element is +∞ or -∞ (bool result). */
    isinf(): Tensor;
    /** True where the element is neither NaN nor infinite (bool result). */
    isfinite(): Tensor;
  }
}

/** A bool-valued unary op: the kernel stores fn's truth as 0/1 into a bool result. */
function predicate<N extends OpName & ("isnan" | "isinf" | "isfinite")>(
  name: N,
  fn: UnaryFn,
): OpDef<NoAttrs> {
  registerUnaryJs(name, fn, () => [0, 0]);
  return defineOp({ name, inputs: ["self"], dtype: () => "bool", grad: null });
}

const isnan = predicate("isnan", (x) => (Number.isNaN(x) ? 1 : 0));
const isinf = predicate("isinf", (x) => (Math.abs(x) === Number.POSITIVE_INFINITY ? 1 : 0));
const isfinite = predicate("isfinite", (x) => (Number.isFinite(x) ? 1 : 0));

installMethods({
  isnan() {
    return unary(isnan, this);
  },
  isinf() {
    return unary(isinf, this);
  },
  isfinite() {
    return unary(isfinite, this);
  },
});
