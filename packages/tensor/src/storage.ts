import ndarray from "ndarray";
import type { DType, TypedArray } from "./dtype.js";
import { allocateStorage } from "./scope.js";
import { contiguousStrides, numelOf } from "./shape.js";
import { Tensor } from "./tensor.js";

type Nd = ndarray.NdArray<TypedArray>;
type NdMaker = (data: TypedArray, shape: readonly number[], strides: readonly number[], offset: number) => Nd;

/**
 * ndarray(data, shape, strides, offset) picks its View class for (the typed array's type, ndim)
 * with Object.prototype.toString on every call: ~100 of the ~120 ns it takes, a large part of a
 * small op's bookkeeping. The class depends on nothing else, so it is found once per typed-array
 * class and ndim, then constructed directly; ndarray's View constructors take the data, each
 * extent, each stride and the offset (a 0-d View: the data and the offset).
 */
const makers = new Map<unknown, NdMaker[]>();

function ndMaker(data: TypedArray, ndim: number): NdMaker {
  let byDim = makers.get(data.constructor);
  if (byDim === undefined) {
    byDim = [];
    makers.set(data.constructor, byDim);
  }
  let make = byDim[ndim];
  if (make === undefined) {
    const zeros = new Array<number>(ndim).fill(0);
    const View = (ndarray(data, zeros, zeros, 0) as { constructor: unknown }).constructor;
    const dims = Array.from({ length: ndim }, (_, i) => i);
    const args = ["a", ...dims.map((i) => `s[${i}]`), ...dims.map((i) => `t[${i}]`), "o"].join(", ");
    make = new Function("View", `"use strict"; return (a, s, t, o) => new View(${args});`)(View) as NdMaker;
    byDim[ndim] = make;
  }
  return make;
}

/** A tensor over existing storage (no copy). */
export function fromStorage(
  data: TypedArray,
  dtype: DType,
  shape: readonly number[],
  strides: readonly number[] = contiguousStrides(shape),
  offset = 0,
): Tensor {
  return new Tensor(ndMaker(data, shape.length)(data, shape, strides, offset), dtype);
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
