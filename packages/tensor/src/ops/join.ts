// Joining tensors: cat along an existing dim, stack along a new one.
import { checkTensors } from "../args.js";
import { dispatch } from "../dispatch.js";
import { type DType, promoteTypes } from "../dtype.js";
import { fmtShape, ShapeError, ValueError } from "../errors.js";
import { registerKernel } from "../kernel-registry.js";
import { copyValues } from "../kernels/elementwise-js.js";
import { defineOp } from "../op.js";
import { normalizeDim } from "../shape.js";
import { empty, fromStorage } from "../storage.js";
import type { Tensor } from "../tensor.js";

declare module "../op.js" {
  interface OpAttrs {
    cat: { readonly dim: number };
  }
}

const catOp = defineOp({
  name: "cat",
  inputs: ["tensors..."],
  dtype: (inputs) => {
    let dtype: DType = inputs[0]!.dtype;
    for (const t of inputs) dtype = promoteTypes(dtype, t.dtype);
    return dtype;
  },
  grad: (c) => {
    const dim = c.attrs.dim;
    const sizes = c.inputs.map((t) => t.shape[dim]!);
    return (g) => {
      let at = 0;
      return sizes.map((n, i) => {
        const part = c.needs[i] ? g.narrow(dim, at, n) : null;
        at += n;
        return part;
      });
    };
  },
});

registerKernel("cat", {
  backend: "js",
  name: "js-cat",
  accepts: () => true,
  run(c) {
    const tensors = c.inputs;
    const d = c.attrs.dim;
    const dtype = c.def.dtype(tensors, c.attrs);
    let total = 0;
    for (const t of tensors) total += t.shape[d]!;
    const out = empty(
      dtype,
      tensors[0]!.shape.map((s, k) => (k === d ? total : s)),
    );
    let at = 0;
    for (const t of tensors) {
      // Copy t into the slice of out that it occupies (a strided view of out's storage).
      const view = fromStorage(out.storage, dtype, t.shape, out.strides, at * out.strides[d]!);
      copyValues(view, t);
      at += t.shape[d]!;
    }
    return out;
  },
});

/**
 * Concatenates tensors along an existing dim (default 0), as `torch.cat`: every other dim must
 * match (a `ShapeError` otherwise); dtypes are promoted to a common one. Differentiable.
 *
 * @example
 * ```ts
 * const x = randn(2, 3);
 * cat([x, x, x]).shape; // [6, 3]
 * cat([x, x, x], 1).shape; // [2, 9]
 * ```
 */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  checkTensors("cat", "tensors", tensors);
  if (tensors.length === 0) throw new ValueError("cat: expected a non-empty list of tensors");
  const first = tensors[0]!;
  if (first.ndim === 0)
    throw new ShapeError("cat: zero-dimensional tensor (at position 0) cannot be concatenated");
  const d = normalizeDim("cat", dim, first.ndim);
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
  });
  return dispatch(catOp, tensors, { dim: d });
}

/**
 * Joins tensors of one shape along a new dim inserted at `dim` (default 0), as `torch.stack`:
 * `stack([a, b])` of two [3] tensors is [2, 3]. Different shapes are a `ShapeError`.
 */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  checkTensors("stack", "tensors", tensors);
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
