// stdMean and varMean: torch.std_mean / torch.var_mean, the two statistics over the same dims
// in one call, built on var and mean (their gradients are theirs).
import { installMethods } from "../methods.js";
import { checkOptions } from "../options.js";
import type { Tensor } from "../tensor.js";
import { variance } from "./reduce.js";
import "./unary.js";

/** stdMean's and varMean's options, as torch.std_mean's keyword arguments. */
export interface VarMeanOptions {
  /** Keep the reduced dims with size 1 (default false). */
  keepdim?: boolean;
  /** Subtracted from the count in the divisor: 1 (Bessel's correction, the default) or 0. */
  correction?: number;
}

declare module "../tensor.js" {
  interface Tensor {
    /**
     * The standard deviation and the mean over `dim` (all dims by default) as
     * `{ std, mean }`, as `torch.std_mean` (PyTorch's tuple); floating-point inputs only.
     */
    stdMean(dim?: number | readonly number[] | null, options?: VarMeanOptions): { std: Tensor; mean: Tensor };
    /**
     * The variance and the mean over `dim` (all dims by default) as `{ var, mean }`, as
     * `torch.var_mean` (PyTorch's tuple); floating-point inputs only.
     */
    varMean(dim?: number | readonly number[] | null, options?: VarMeanOptions): { var: Tensor; mean: Tensor };
  }
}

function both(
  op: string,
  x: Tensor,
  dim: number | readonly number[] | null | undefined,
  options: VarMeanOptions | undefined,
): { v: Tensor; mean: Tensor } {
  checkOptions(op, "options", options, ["keepdim", "correction"]);
  const keepdim = options?.keepdim ?? false;
  const v = variance(x, dim, keepdim, options?.correction ?? 1, op);
  return { v, mean: x.mean(dim, keepdim) };
}

export function stdMean(
  x: Tensor,
  dim?: number | readonly number[] | null,
  options?: VarMeanOptions,
): { std: Tensor; mean: Tensor } {
  const { v, mean } = both("stdMean", x, dim, options);
  return { std: v.sqrt(), mean };
}

export function varMean(
  x: Tensor,
  dim?: number | readonly number[] | null,
  options?: VarMeanOptions,
): { var: Tensor; mean: Tensor } {
  const { v, mean } = both("varMean", x, dim, options);
  return { var: v, mean };
}

installMethods({
  stdMean(dim, options) {
    return stdMean(this, dim, options);
  },
  varMean(dim, options) {
    return varMean(this, dim, options);
  },
});
