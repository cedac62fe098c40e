import ndarray from "ndarray";
import type { DType, TypedArray } from "./dtype.js";
import { allocateStorage } from "./scope.js";
import { contiguousStrides, numelOf } from "./shape.js";
import { Tensor } from "./tensor.js";

/** A tensor over existing storage (no copy). */
export function fromStorage(
  data: TypedArray,
  dtype: DType,
  shape: readonly number[],
  strides: readonly number[] = contiguousStrides(shape),
  offset = 0,
): Tensor {
  return new Tensor(ndarray(data, shape.slice(), strides.slice(), offset), dtype);
}

/**
 * A new contiguous tensor: zeros, or with `zeroed` false whatever its storage held (only for a
 * caller that writes every element). Inside `tidy()` the storage is lent by the pool.
 */
export function empty(dtype: DType, shape: readonly number[], zeroed = true): Tensor {
  const n = numelOf(shape);
  return fromStorage(allocateStorage(dtype, n, zeroed), dtype, shape);
}

/** A view of `t`'s storage with other shape/strides/offset (same dtype). */
export function restride(
  t: Tensor,
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
): Tensor {
  return fromStorage(t.storage, t.dtype, shape, strides, offset);
}
