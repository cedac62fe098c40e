import ndarray from "ndarray";
import { allocate, type DType, type TypedArray } from "./dtype.js";
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

/** A new contiguous tensor of zeros. */
export function empty(dtype: DType, shape: readonly number[]): Tensor {
  return fromStorage(allocate(dtype, numelOf(shape)), dtype, shape);
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
