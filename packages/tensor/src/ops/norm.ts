// norm: the vector p-norm over some dims (torch.norm), built on abs, pow, sum and amax/amin, so
// gradients come from their rules. The root of a zero sum is taken through a `where` on both
// sides, so the gradient at a zero vector is 0, as PyTorch's, not NaN.
import { argError, checkBoolean } from "../args.js";
import { isFloating } from "../dtype.js";
import { DTypeError } from "../errors.js";
import { installMethods } from "../methods.js";
import type { Tensor } from "../tensor.js";
import { reduceDims } from "./reduce.js";
import { where } from "./where.js";
import "./unary.js";
import "./compare.js";
import "./convert.js";

declare module "../tensor.js" {
  interface Tensor {
    /**
     * The vector p-norm over `dim` (every dim by default), as `torch.norm`: (Σ |x|ᵖ)^(1/p) for a
     * number `p` (default 2; `"fro"` is 2), max |x| for `Infinity`, min |x| for `-Infinity`, the
     * count of nonzero elements for 0. Floating-point inputs only; the gradient at a zero vector
     * is 0, as PyTorch's.
     */
    norm(p?: number | "fro", dim?: number | readonly number[] | null, keepdim?: boolean): Tensor;
  }
}

/** (s)^(1/p) with a zero gradient where s is 0 (the root's derivative is infinite there). */
function root(s: Tensor, p: number): Tensor {
  const zero = s.eq(0);
  const safe = where(zero, 1, s);
  return where(zero, 0, p === 2 ? safe.sqrt() : safe.pow(1 / p));
}

export function norm(
  x: Tensor,
  p: number | "fro" = 2,
  dim?: number | readonly number[] | null,
  keepdim = false,
): Tensor {
  if (!(p === "fro" || (typeof p === "number" && !Number.isNaN(p)))) {
    throw argError("norm", "p", 'a number (Infinity included) or "fro"', p);
  }
  const dims = reduceDims("norm", x, dim);
  checkBoolean("norm", "keepdim", keepdim);
  if (!isFloating(x.dtype)) throw new DTypeError(`norm: expected a floating point tensor, got ${x.dtype}`);
  const q = p === "fro" ? 2 : p;
  if (q === Number.POSITIVE_INFINITY) return x.abs().amax(dims, keepdim);
  if (q === Number.NEGATIVE_INFINITY) return x.abs().amin(dims, keepdim);
  if (q === 0) return x.ne(0).to(x.dtype).sum(dims, keepdim);
  if (q === 1) return x.abs().sum(dims, keepdim);
  if (q === 2) return root(x.square().sum(dims, keepdim), 2);
  return root(x.abs().pow(q).sum(dims, keepdim), q);
}

installMethods({
  norm(p = 2, dim, keepdim = false) {
    return norm(this, p, dim, keepdim);
  },
});
