// The fixed-rank products of PyTorch: dot (1-D · 1-D), outer (1-D ⊗ 1-D) and bmm (batches of
// matrices, no broadcasting). Each checks its stricter shapes, then runs matmul or a
// broadcast mul, whose gradient rules apply.
import { checkTensor } from "../args.js";
import { fmtShape, ShapeError } from "../errors.js";
import { installMethods } from "../methods.js";
import type { Tensor } from "../tensor.js";
import { matmul } from "./matmul.js";

declare module "../tensor.js" {
  interface Tensor {
    /** The inner product of two 1-D tensors of the same size and dtype, as a 0-dim tensor. */
    dot(other: Tensor): Tensor;
    /** The outer product of two 1-D tensors: out[i][j] = this[i] · other[j] (dtypes promote). */
    outer(other: Tensor): Tensor;
    /** Batched matrix product `[b, n, k] @ [b, k, m]`, same batch size and dtype (torch.bmm). */
    bmm(other: Tensor): Tensor;
  }
}

function requireRank(op: string, arg: string, t: Tensor, ndim: number): void {
  if (t.ndim !== ndim) {
    throw new ShapeError(`${op}: ${arg} must be a ${ndim}-D tensor, got shape ${fmtShape(t.shape)}`);
  }
}

export function dot(a: Tensor, b: Tensor): Tensor {
  checkTensor("dot", "other", b);
  requireRank("dot", "self", a, 1);
  requireRank("dot", "other", b, 1);
  if (a.shape[0] !== b.shape[0]) {
    throw new ShapeError(
      `dot: inconsistent tensor size, expected tensors ${fmtShape(a.shape)} and ${fmtShape(b.shape)} to have the same number of elements`,
    );
  }
  return matmul(a, b, "dot");
}

export function outer(a: Tensor, b: Tensor): Tensor {
  checkTensor("outer", "vec2", b);
  requireRank("outer", "self", a, 1);
  requireRank("outer", "vec2", b, 1);
  return a.unsqueeze(1).mul(b);
}

export function bmm(a: Tensor, b: Tensor): Tensor {
  checkTensor("bmm", "mat2", b);
  requireRank("bmm", "self", a, 3);
  requireRank("bmm", "mat2", b, 3);
  if (a.shape[0] !== b.shape[0] || a.shape[2] !== b.shape[1]) {
    throw new ShapeError(
      `bmm: expected mat2 of shape [${a.shape[0]}, ${a.shape[2]}, m] for self of shape ${fmtShape(a.shape)}, got ${fmtShape(b.shape)}`,
    );
  }
  return matmul(a, b, "bmm");
}

installMethods({
  dot(other) {
    return dot(this, other);
  },
  outer(other) {
    return outer(this, other);
  },
  bmm(other) {
    return bmm(this, other);
  },
});
