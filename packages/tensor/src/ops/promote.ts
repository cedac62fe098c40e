// PyTorch's type promotion for ops that mix tensors and plain numbers.
import { type DType, isFloating, promoteTypes, promoteWithScalar } from "../dtype.js";
import { empty } from "../storage.js";
import { Tensor, type TensorLike } from "../tensor.js";

/** A JS number as a 0-dim tensor of the dtype it computes in. */
export function scalarTensor(v: number | boolean, dtype: DType): Tensor {
  const t = empty(dtype, []);
  t.storage[0] = typeof v === "boolean" ? (v ? 1 : 0) : v;
  return t;
}

/** `x` itself, or the number `x` as a 0-dim tensor of `dtype`. */
export function asTensor(x: TensorLike, dtype: DType): Tensor {
  return x instanceof Tensor ? x : scalarTensor(x, dtype);
}

/** PyTorch's dtype categories: bool < integer (uint8, int32) < floating point. */
export function category(d: DType): number {
  return isFloating(d) ? 2 : d === "bool" ? 0 : 1;
}

function liftCategory(dim: DType, zeroDim: DType): DType {
  return category(zeroDim) > category(dim) ? zeroDim : dim;
}

/** Result dtype of a binary op, PyTorch's rules: 0-dim tensors and numbers only lift the category. */
export function resultType(a: Tensor, b: TensorLike): DType {
  if (!(b instanceof Tensor)) return promoteWithScalar(a.dtype, b);
  if (a.ndim === 0 && b.ndim > 0) return liftCategory(b.dtype, a.dtype);
  if (b.ndim === 0 && a.ndim > 0) return liftCategory(a.dtype, b.dtype);
  return promoteTypes(a.dtype, b.dtype);
}
