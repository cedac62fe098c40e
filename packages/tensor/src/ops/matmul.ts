// Matrix products. `matmul` follows torch.matmul: 1-D operands are promoted and the added
// dim removed again, batch dims broadcast; every product runs on the strided gemm kernel.
import { dispatch } from "../dispatch.js";
import { DTypeError, fmtShape, ShapeError } from "../errors.js";
import { gemm } from "../kernels/gemm.js";
import { broadcastShapes, broadcastStrides, contiguousStrides, numelOf } from "../shape.js";
import { empty } from "../storage.js";
import type { Tensor } from "../tensor.js";

function checkDtypes(op: string, a: Tensor, b: Tensor): void {
  if (a.dtype !== b.dtype) {
    throw new DTypeError(
      `${op}: expected both operands to have the same dtype, but got: ${a.dtype} != ${b.dtype}`,
    );
  }
  if (a.dtype === "bool")
    throw new DTypeError(
      `${op}: bool operands are not supported; convert them with .float() or .int() first`,
    );
}

export function mm(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 2)
    throw new ShapeError(`mm: self must be a matrix, got a ${a.ndim}-D tensor of shape ${fmtShape(a.shape)}`);
  if (b.ndim !== 2)
    throw new ShapeError(`mm: mat2 must be a matrix, got a ${b.ndim}-D tensor of shape ${fmtShape(b.shape)}`);
  return matmul(a, b, "mm");
}

export function matmul(a: Tensor, b: Tensor, op = "matmul"): Tensor {
  checkDtypes(op, a, b);
  if (a.ndim === 0 || b.ndim === 0) {
    throw new ShapeError(
      `${op}: both arguments need at least 1 dimension, but got shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`,
    );
  }
  // View 1-D operands as matrices: a [k] as [1, k], b [k] as [k, 1].
  const aShape = a.ndim === 1 ? [1, a.shape[0]!] : a.shape;
  const aStrides = a.ndim === 1 ? [0, a.strides[0]!] : a.strides;
  const bShape = b.ndim === 1 ? [b.shape[0]!, 1] : b.shape;
  const bStrides = b.ndim === 1 ? [b.strides[0]!, 0] : b.strides;
  const M = aShape[aShape.length - 2]!;
  const K = aShape[aShape.length - 1]!;
  const K2 = bShape[bShape.length - 2]!;
  const N = bShape[bShape.length - 1]!;
  if (K !== K2) {
    throw new ShapeError(
      `${op}: mat1 and mat2 shapes cannot be multiplied (${M}x${K} and ${K2}x${N}); shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`,
    );
  }
  const batch = broadcastShapes(op, aShape.slice(0, -2), bShape.slice(0, -2));
  const outShape = [...batch, ...(a.ndim === 1 ? [] : [M]), ...(b.ndim === 1 ? [] : [N])];
  return dispatch("matmul", [a, b], {}, () => {
    const out = empty(a.dtype, outShape);
    const aBatch = broadcastStrides(aShape.slice(0, -2), aStrides.slice(0, -2), batch);
    const bBatch = broadcastStrides(bShape.slice(0, -2), bStrides.slice(0, -2), batch);
    const [ars, acs] = aStrides.slice(-2) as [number, number];
    const [brs, bcs] = bStrides.slice(-2) as [number, number];
    const nb = numelOf(batch);
    const idx = new Array<number>(batch.length).fill(0);
    const bStr = contiguousStrides(batch);
    for (let p = 0; p < nb; p++) {
      let ao = a.offset;
      let bo = b.offset;
      for (let d = 0; d < batch.length; d++) {
        idx[d] = Math.floor(p / bStr[d]!) % batch[d]!;
        ao += idx[d]! * aBatch[d]!;
        bo += idx[d]! * bBatch[d]!;
      }
      gemm(M, N, K, a.storage, ao, ars, acs, b.storage, bo, brs, bcs, out.storage, p * M * N, N);
    }
    return out;
  });
}
