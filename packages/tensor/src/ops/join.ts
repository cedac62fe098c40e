// Joining tensors: cat along an existing dim, stack along a new one.
import { dispatch } from "../dispatch.js";
import { type DType, promoteTypes } from "../dtype.js";
import { fmtShape, ShapeError, ValueError } from "../errors.js";
import { normalizeDim } from "../shape.js";
import { empty, fromStorage } from "../storage.js";
import type { Tensor } from "../tensor.js";
import { copyValues } from "./elementwise.js";

export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new ValueError("cat: expected a non-empty list of tensors");
  const first = tensors[0]!;
  if (first.ndim === 0)
    throw new ShapeError("cat: zero-dimensional tensor (at position 0) cannot be concatenated");
  const d = normalizeDim("cat", dim, first.ndim);
  let dtype: DType = first.dtype;
  let total = 0;
  tensors.forEach((t, i) => {
    if (t.ndim !== first.ndim) {
      throw new ShapeError(
        `cat: tensors must have same number of dimensions: got ${first.ndim} and ${t.ndim} (shapes ${fmtShape(first.shape)} and ${fmtShape(t.shape)} at position ${i})`,
      );
    }
    for (let k = 0; k < t.ndim; k++) {
      if (k !== d && t.shape[k] !== first.shape[k]) {
        throw new ShapeError(
          `cat: sizes of tensors must match except in dimension ${d}. Expected size ${first.shape[k]} but got size ${t.shape[k]} for tensor number ${i} in the list (shapes ${fmtShape(first.shape)} and ${fmtShape(t.shape)})`,
        );
      }
    }
    dtype = promoteTypes(dtype, t.dtype);
    total += t.shape[d]!;
  });
  const shape = first.shape.map((s, k) => (k === d ? total : s));
  return dispatch("cat", tensors, { dim: d }, () => {
    const out = empty(dtype, shape);
    let at = 0;
    for (const t of tensors) {
      // Copy t into the slice of out that it occupies (a strided view of out's storage).
      const view = fromStorage(out.storage, dtype, t.shape, out.strides, at * out.strides[d]!);
      copyValues(view, t);
      at += t.shape[d]!;
    }
    return out;
  });
}

export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new ValueError("stack: expected a non-empty list of tensors");
  const first = tensors[0]!;
  const d = normalizeDim("stack", dim, first.ndim + 1);
  tensors.forEach((t, i) => {
    if (t.shape.length !== first.shape.length || t.shape.some((s, k) => s !== first.shape[k])) {
      throw new ShapeError(
        `stack: expects each tensor to be equal size, but got ${fmtShape(first.shape)} at entry 0 and ${fmtShape(t.shape)} at entry ${i}`,
      );
    }
  });
  return cat(
    tensors.map((t) => t.unsqueeze(d)),
    d,
  );
}
