// softmin: softmax of −x along one dim (torch.nn.functional.softmin), built on neg and the
// fused softmax, so its gradient is theirs.
import { floatResult, isFloating } from "../dtype.js";
import { installMethods } from "../methods.js";
import { normalizeDim } from "../shape.js";
import type { Tensor } from "../tensor.js";
import "./softmax.js";
import "./unary.js";
import "./convert.js";

declare module "../tensor.js" {
  interface Tensor {
    /**
     * e⁻ˣ / Σ e⁻ˣ along `dim`, the softmax of −x (torch.nn.functional.softmin): the smallest
     * value gets the largest weight. Integer and bool inputs compute in float32, as `softmax`.
     */
    softmin(dim: number): Tensor;
  }
}

export function softmin(x: Tensor, dim: number): Tensor {
  if (x.ndim > 0) normalizeDim("softmin", dim, x.ndim);
  else if (dim !== 0 && dim !== -1) normalizeDim("softmin", dim, 0);
  const xf = isFloating(x.dtype) ? x : x.to(floatResult(x.dtype));
  return xf.neg().softmax(dim);
}

installMethods({
  softmin(dim) {
    return softmin(this, dim);
  },
});
