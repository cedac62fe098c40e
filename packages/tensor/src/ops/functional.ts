// Function forms of ops that take several tensors (`matmul(a, b)`, `linear(x, w, b)`...).

import { checkTensor } from "../args.js";
import { checkOptions } from "../options.js";
import type { Tensor, TensorLike } from "../tensor.js";
import { oneHot as oneHotOp } from "./indexing.js";
import { linear as linearOp } from "./linear.js";
import { matmul as matmulOp, mm as mmOp, type OutOptions } from "./matmul.js";

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

/** `torch.div(a, b)`: the function form of `a.div(b)` (true division). */
export function div(a: Tensor, b: TensorLike): Tensor {
  checkTensor("div", "input", a);
  return a.div(b);
}
