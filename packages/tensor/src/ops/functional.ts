// Function forms of the arithmetic, the comparisons, max/min, matmul/mm, linear and oneHot
// (`add(a, b)`, `eq(a, b)`, `matmul(a, b, { out })`...); the other ops' are in functions.ts.

import { checkTensor, checkTensorLike } from "../args.js";
import { promoteWithScalar } from "../dtype.js";
import { checkOptions } from "../options.js";
import { Tensor, type TensorLike } from "../tensor.js";
import type { DivOptions } from "./division.js";
import { oneHot as oneHotOp } from "./indexing.js";
import { linear as linearOp } from "./linear.js";
import { matmul as matmulOp, mm as mmOp, type OutOptions } from "./matmul.js";
import { scalarTensor } from "./promote.js";

/**
 * `torch.matmul(a, b)`; with `{ out }` the product is written into `out` (same shape and
 * dtype as the result, never resized) and `out` is returned: a loop of same-shaped products
 * then allocates nothing. Like PyTorch, out= does not record gradients (an operand that
 * requires grad is an error outside noGrad).
 */
export function matmul(a: Tensor, b: Tensor, options?: OutOptions): Tensor {
  checkTensor("matmul", "input", a);
  checkOptions("matmul", "options", options, ["out"]);
  return matmulOp(a, b, "matmul", options?.out);
}

/** `torch.mm(a, b)`: the product of two matrices, with `{ out }` as for matmul. */
export function mm(a: Tensor, b: Tensor, options?: OutOptions): Tensor {
  checkTensor("mm", "input", a);
  checkOptions("mm", "options", options, ["out"]);
  return mmOp(a, b, options?.out);
}

/** int32 class indices → int32 one-hot rows [..., numClasses]; -1 infers max + 1. */
export function oneHot(t: Tensor, numClasses = -1): Tensor {
  checkTensor("oneHot", "tensor", t);
  return oneHotOp(t, numClasses);
}

/** `x @ weight.T + bias` with weight [out, in] (torch.nn.functional.linear), fused. */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  checkTensor("linear", "input", x);
  return linearOp(x, weight, bias);
}

/** `torch.add(a, b)`: the function form of `a.add(b)`. */
export function add(a: Tensor, b: TensorLike): Tensor {
  checkTensor("add", "input", a);
  return a.add(b);
}

/** `torch.sub(a, b)`: the function form of `a.sub(b)`. */
export function sub(a: Tensor, b: TensorLike): Tensor {
  checkTensor("sub", "input", a);
  return a.sub(b);
}

/** `torch.mul(a, b)`: the function form of `a.mul(b)`. */
export function mul(a: Tensor, b: TensorLike): Tensor {
  checkTensor("mul", "input", a);
  return a.mul(b);
}

/** `torch.div(a, b, rounding_mode=None)`: the function form of `a.div(b, options)`. */
export function div(a: Tensor, b: TensorLike, options?: DivOptions): Tensor {
  checkTensor("div", "input", a);
  return a.div(b, options);
}

/** `torch.pow(input, exponent)`: input ** exponent, broadcast; `input` may be a number, as in `torch.pow(2, x)`. */
export function pow(input: Tensor, exponent: TensorLike): Tensor;
export function pow(input: number, exponent: Tensor): Tensor;
export function pow(input: TensorLike, exponent: TensorLike): Tensor {
  checkTensorLike("pow", "input", input);
  if (input instanceof Tensor) return input.pow(exponent);
  checkTensor("pow", "exponent", exponent);
  // The number as a 0-dim tensor of the dtype it promotes to with `exponent` (PyTorch's wrapped
  // scalar): 2 ** int32 stays int32, 0.5 ** int32 is float32.
  return scalarTensor(input, promoteWithScalar(exponent.dtype, input)).pow(exponent);
}

/** `torch.floor_divide(a, b)`: the quotient rounded down (integers stay integers). */
export function floorDivide(a: Tensor, b: TensorLike): Tensor {
  checkTensor("floorDivide", "input", a);
  return a.floorDivide(b);
}

/** `torch.remainder(a, b)`: Python's `%`, with the sign of `b`. */
export function remainder(a: Tensor, b: TensorLike): Tensor {
  checkTensor("remainder", "input", a);
  return a.remainder(b);
}

/** `torch.fmod(a, b)`: C's fmod, with the sign of `a`. */
export function fmod(a: Tensor, b: TensorLike): Tensor {
  checkTensor("fmod", "input", a);
  return a.fmod(b);
}

/** `torch.maximum(a, b)`: the larger of each pair, NaN propagated (broadcast). */
export function maximum(a: Tensor, b: TensorLike): Tensor {
  checkTensor("maximum", "input", a);
  return a.maximum(b);
}

/** `torch.minimum(a, b)`: the smaller of each pair, NaN propagated (broadcast). */
export function minimum(a: Tensor, b: TensorLike): Tensor {
  checkTensor("minimum", "input", a);
  return a.minimum(b);
}

/** `torch.max`: the largest value; along a dim, `{ values, indices }`; with a tensor, maximum. */
export function max(input: Tensor): Tensor;
export function max(input: Tensor, dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
export function max(input: Tensor, other: Tensor): Tensor;
export function max(
  input: Tensor,
  dimOrOther?: number | Tensor,
  keepdim?: boolean,
): Tensor | { values: Tensor; indices: Tensor } {
  checkTensor("max", "input", input);
  if (dimOrOther === undefined) return input.max();
  return dimOrOther instanceof Tensor ? input.max(dimOrOther) : input.max(dimOrOther, keepdim);
}

/** `torch.min`: the smallest value; along a dim, `{ values, indices }`; with a tensor, minimum. */
export function min(input: Tensor): Tensor;
export function min(input: Tensor, dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
export function min(input: Tensor, other: Tensor): Tensor;
export function min(
  input: Tensor,
  dimOrOther?: number | Tensor,
  keepdim?: boolean,
): Tensor | { values: Tensor; indices: Tensor } {
  checkTensor("min", "input", input);
  if (dimOrOther === undefined) return input.min();
  return dimOrOther instanceof Tensor ? input.min(dimOrOther) : input.min(dimOrOther, keepdim);
}

// The comparisons, as torch.eq(input, other)...: bool tensors, broadcast.

/** `torch.eq(input, other)`: a bool tensor, true where input == other. */
export function eq(input: Tensor, other: TensorLike): Tensor {
  checkTensor("eq", "input", input);
  return input.eq(other);
}

/** `torch.ne(input, other)`: a bool tensor, true where input != other (and where either is NaN). */
export function ne(input: Tensor, other: TensorLike): Tensor {
  checkTensor("ne", "input", input);
  return input.ne(other);
}

/** `torch.lt(input, other)`: a bool tensor, true where input < other. */
export function lt(input: Tensor, other: TensorLike): Tensor {
  checkTensor("lt", "input", input);
  return input.lt(other);
}

/** `torch.le(input, other)`: a bool tensor, true where input <= other. */
export function le(input: Tensor, other: TensorLike): Tensor {
  checkTensor("le", "input", input);
  return input.le(other);
}

/** `torch.gt(input, other)`: a bool tensor, true where input > other. */
export function gt(input: Tensor, other: TensorLike): Tensor {
  checkTensor("gt", "input", input);
  return input.gt(other);
}

/** `torch.ge(input, other)`: a bool tensor, true where input >= other. */
export function ge(input: Tensor, other: TensorLike): Tensor {
  checkTensor("ge", "input", input);
  return input.ge(other);
}
