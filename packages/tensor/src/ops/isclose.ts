// isclose and allclose: |a − b| ≤ atol + rtol · |b| elementwise (torch.isclose), with
// PyTorch's special cases: equal values (infinities included) are close, NaN is close to NaN
// only with equalNan, and an infinite difference is never close. Not differentiable.
import { checkBoolean, checkFinite, checkTensor } from "../args.js";
import { DTypeError } from "../errors.js";
import { installMethods } from "../methods.js";
import { checkOptions } from "../options.js";
import type { Tensor } from "../tensor.js";

/** The tolerances of isclose and allclose, as PyTorch's keywords. */
export interface IsCloseOptions {
  /** Relative tolerance (default 1e-5). */
  rtol?: number;
  /** Absolute tolerance (default 1e-8). */
  atol?: number;
  /** Whether NaN is close to NaN (default false). */
  equalNan?: boolean;
}

declare module "../tensor.js" {
  interface Tensor {
    /** A bool tensor: |this − other| ≤ atol + rtol · |other| elementwise (torch.isclose). */
    isclose(other: Tensor, options?: IsCloseOptions): Tensor;
    /** Whether every element is close (torch.allclose). */
    allclose(other: Tensor, options?: IsCloseOptions): boolean;
  }
}

const OPTIONS = ["rtol", "atol", "equalNan"];

export function isclose(a: Tensor, b: Tensor, options: IsCloseOptions = {}, op = "isclose"): Tensor {
  checkTensor(op, "other", b);
  checkOptions(op, "options", options, OPTIONS);
  const { rtol = 1e-5, atol = 1e-8, equalNan = false } = options;
  checkFinite(op, "rtol", rtol, 0);
  checkFinite(op, "atol", atol, 0);
  checkBoolean(op, "equalNan", equalNan);
  if (a.dtype !== b.dtype) {
    throw new DTypeError(
      `${op}: expected self and other to have the same dtype, but got ${a.dtype} and ${b.dtype}`,
    );
  }
  // On bool tensors add is logical or, mul logical and.
  let close = a.eq(b);
  // Bools differ by 0 or 1, never within a tolerance below 1: equality decides (as in PyTorch).
  if (a.dtype === "bool") return close;
  if (equalNan) close = close.add(a.isnan().mul(b.isnan()));
  const diff = a.sub(b).abs();
  const within = diff.isfinite().mul(diff.le(b.abs().mul(rtol).add(atol)));
  return close.add(within);
}

installMethods({
  isclose(other, options) {
    return isclose(this, other, options);
  },
  allclose(other, options) {
    return isclose(this, other, options, "allclose").all().item() !== 0;
  },
});
