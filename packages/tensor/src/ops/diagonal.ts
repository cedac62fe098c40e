// diagonal: a view of one diagonal of two dims (torch.diagonal: those dims dropped, the
// diagonal appended last). diag: a 1-D tensor as the diagonal of a new square matrix, or a
// copy of a matrix's diagonal (torch.diag). `offset`/`diagonal` > 0 is above the main one.
import { checkInt } from "../args.js";
import { zeros } from "../create.js";
import { dispatch } from "../dispatch.js";
import { fmtShape, ShapeError, ValueError } from "../errors.js";
import { registerKernel } from "../kernel-registry.js";
import { installMethods } from "../methods.js";
import { defineOp } from "../op.js";
import { normalizeDim } from "../shape.js";
import { empty, restride } from "../storage.js";
import type { Tensor } from "../tensor.js";

/**
 * diagonal's attributes: the offset from the main diagonal and the two dims it spans.
 *
 * @inline
 */
interface DiagonalAttrs {
  readonly offset: number;
  readonly dim1: number;
  readonly dim2: number;
}

declare module "../op.js" {
  interface OpAttrs {
    diagonal: DiagonalAttrs;
    diagEmbed: { readonly diagonal: number };
  }
}

declare module "../tensor.js" {
  interface Tensor {
    /**
     * A view of the `offset`-th diagonal of dims `dim1` and `dim2` (default the first two):
     * those dims are removed and the diagonal becomes the last dim (torch.diagonal).
     */
    diagonal(offset?: number, dim1?: number, dim2?: number): Tensor;
    /** A 1-D tensor as the `diagonal`-th diagonal of a square matrix, or a 2-D one's diagonal (a copy). */
    diag(diagonal?: number): Tensor;
  }
}

const diagonalOp = defineOp({
  name: "diagonal",
  inputs: ["self"],
  dtype: (inputs) => inputs[0]!.dtype,
  grad: (c) => {
    const { shape, dtype } = c.inputs[0]!;
    const { offset, dim1, dim2 } = c.attrs;
    // The gradient written into the same diagonal of zeros.
    return (g) => {
      const z = zeros(shape, { dtype });
      diagonal(z, offset, dim1, dim2).copy_(g);
      return [z];
    };
  },
});

/** A 1-D tensor placed on a diagonal of a new square matrix (torch.diag of a vector). */
const diagEmbedOp = defineOp({
  name: "diagEmbed",
  inputs: ["self"],
  dtype: (inputs) => inputs[0]!.dtype,
  grad: (c) => {
    const k = c.attrs.diagonal;
    return (g) => [g.diagonal(k)];
  },
});

/** Elements a typed array can hold (2³¹ − 1 in V8). */
const MAX_NUMEL = 2 ** 31 - 1;

/** Length of the `offset`-th diagonal of an [n1, n2] matrix (0 when it misses the matrix). */
function diagonalLength(n1: number, n2: number, offset: number): number {
  return Math.max(offset >= 0 ? Math.min(n1, n2 - offset) : Math.min(n1 + offset, n2), 0);
}

registerKernel("diagonal", {
  backend: "js",
  name: "js-diagonal",
  accepts: () => true,
  run(c) {
    const x = c.inputs[0]!;
    const { offset, dim1, dim2 } = c.attrs;
    const keep = x.shape.flatMap((_, d) => (d === dim1 || d === dim2 ? [] : [d]));
    const n = diagonalLength(x.shape[dim1]!, x.shape[dim2]!, offset);
    const s1 = x.strides[dim1]!;
    const s2 = x.strides[dim2]!;
    const start = n === 0 ? 0 : offset >= 0 ? offset * s2 : -offset * s1;
    return restride(
      x,
      [...keep.map((d) => x.shape[d]!), n],
      [...keep.map((d) => x.strides[d]!), s1 + s2],
      x.offset + start,
    );
  },
});

registerKernel("diagEmbed", {
  backend: "js",
  name: "js-diagEmbed",
  accepts: () => true,
  run(c) {
    const v = c.inputs[0]!;
    const k = c.attrs.diagonal;
    const n = v.shape[0]!;
    const size = n + Math.abs(k);
    const out = empty(v.dtype, [size, size]);
    const src = v.storage;
    const dst = out.storage;
    const first = k >= 0 ? k : -k * size;
    for (let i = 0; i < n; i++) dst[first + i * (size + 1)] = src[v.offset + i * v.strides[0]!]!;
    return out;
  },
});

export function diagonal(x: Tensor, offset: number, dim1: number, dim2: number): Tensor {
  checkInt("diagonal", "offset", offset);
  if (x.ndim < 2) {
    throw new ShapeError(
      `diagonal: expects a tensor of at least 2 dimensions, got shape ${fmtShape(x.shape)}`,
    );
  }
  const d1 = normalizeDim("diagonal", dim1, x.ndim);
  const d2 = normalizeDim("diagonal", dim2, x.ndim);
  if (d1 === d2) throw new ValueError(`diagonal: diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  return dispatch(diagonalOp, [x], { offset, dim1: d1, dim2: d2 });
}

export function diag(x: Tensor, k: number): Tensor {
  checkInt("diag", "diagonal", k);
  if (x.ndim === 1) {
    const size = x.shape[0]! + Math.abs(k);
    if (size * size > MAX_NUMEL) {
      throw new ValueError(`diag: a [${size}, ${size}] matrix is too large to allocate (diagonal ${k})`);
    }
    return dispatch(diagEmbedOp, [x], { diagonal: k });
  }
  if (x.ndim === 2) return diagonal(x, k, 0, 1).clone();
  throw new ShapeError(`diag: supports 1-D or 2-D tensors, got shape ${fmtShape(x.shape)}`);
}

installMethods({
  diagonal(offset = 0, dim1 = 0, dim2 = 1) {
    return diagonal(this, offset, dim1, dim2);
  },
  diag(k = 0) {
    return diag(this, k);
  },
});
