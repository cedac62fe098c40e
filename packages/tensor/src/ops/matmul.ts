// Matrix products. `matmul` follows torch.matmul: 1-D operands are promoted and the added
// dim removed again, batch dims broadcast; every product runs on the strided gemm kernel.
// With `out` (torch.matmul(a, b, out=c)) the product is written into an existing tensor, so
// a loop that multiplies the same shapes again and again allocates nothing; an `out` that
// lives in a wasm workspace is written by the wasm kernel in place, without a copy.
import { dispatch } from "../dispatch.js";
import { DTypeError, fmtShape, ShapeError, ValueError } from "../errors.js";
import { gemm } from "../kernels/gemm.js";
import { broadcastShapes, broadcastStrides, contiguousStrides, numelOf } from "../shape.js";
import { empty } from "../storage.js";
import type { Tensor } from "../tensor.js";
import { copyValues } from "./elementwise.js";

/** Options of the function forms `matmul(a, b, { out })` and `mm(a, b, { out })`. */
export interface OutOptions {
  /** Where the product goes; it must have the result's shape and dtype (it is not resized). */
  out?: Tensor;
}

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

export function mm(a: Tensor, b: Tensor, out?: Tensor): Tensor {
  if (a.ndim !== 2)
    throw new ShapeError(`mm: self must be a matrix, got a ${a.ndim}-D tensor of shape ${fmtShape(a.shape)}`);
  if (b.ndim !== 2)
    throw new ShapeError(`mm: mat2 must be a matrix, got a ${b.ndim}-D tensor of shape ${fmtShape(b.shape)}`);
  return matmul(a, b, "mm", out);
}

/** Where gemm writes [...batch, M, N]: offset, batch strides and row stride (columns contiguous). */
interface Layout {
  offset: number;
  batch: readonly number[];
  rs: number;
}

export function matmul(a: Tensor, b: Tensor, op = "matmul", out?: Tensor): Tensor {
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
  const product = (c: Tensor, at: Layout): void => {
    const aBatch = broadcastStrides(aShape.slice(0, -2), aStrides.slice(0, -2), batch);
    const bBatch = broadcastStrides(bShape.slice(0, -2), bStrides.slice(0, -2), batch);
    const [ars, acs] = aStrides.slice(-2) as [number, number];
    const [brs, bcs] = bStrides.slice(-2) as [number, number];
    const nb = numelOf(batch);
    const bStr = contiguousStrides(batch);
    for (let p = 0; p < nb; p++) {
      let ao = a.offset;
      let bo = b.offset;
      let co = at.offset;
      for (let d = 0; d < batch.length; d++) {
        const i = Math.floor(p / bStr[d]!) % batch[d]!;
        ao += i * aBatch[d]!;
        bo += i * bBatch[d]!;
        co += i * at.batch[d]!;
      }
      gemm(M, N, K, a.storage, ao, ars, acs, b.storage, bo, brs, bcs, c.storage, co, at.rs);
    }
  };
  const fresh = (): Tensor => {
    // gemm writes every element of C (zeros when K is 0): no need to zero it first.
    const c = empty(a.dtype, outShape, false);
    product(c, { offset: 0, batch: contiguousStrides(batch).map((s) => s * M * N), rs: N });
    return c;
  };
  if (out === undefined) return dispatch("matmul", [a, b], {}, fresh);
  checkOut(op, out, a.dtype, outShape);
  // out= is an in-place write into `out`: autograd rejects it when an operand requires grad.
  return dispatch(
    "matmul",
    [out, a, b],
    { out: true },
    () => {
      const at = layoutOf(out, batch.length, a.ndim === 1, b.ndim === 1);
      if (at !== null && !overlaps(out, a) && !overlaps(out, b)) product(out, at);
      else {
        // A layout gemm cannot write (a transposed out) or an out that shares memory with an
        // operand: compute into a fresh tensor, then copy.
        copyValues(out, fresh());
      }
      out.version++;
      return out;
    },
    true,
  );
}

function checkOut(op: string, out: Tensor, dtype: Tensor["dtype"], shape: readonly number[]): void {
  if (out.dtype !== dtype) {
    throw new DTypeError(`${op}: expected out to have dtype ${dtype}, but got ${out.dtype}`);
  }
  if (out.shape.length !== shape.length || out.shape.some((s, i) => s !== shape[i])) {
    throw new ShapeError(
      `${op}: out has shape ${fmtShape(out.shape)}, but the result has shape ${fmtShape(shape)} (out is not resized)`,
    );
  }
  if (numelOf(out.shape) > 1 && out.shape.some((s, i) => s > 1 && out.strides[i] === 0)) {
    throw new ValueError(
      `${op}: more than one element of out (shape ${fmtShape(out.shape)}, strides ${fmtShape(out.strides)}) refers to a single memory location; clone() it first`,
    );
  }
}

/**
 * How gemm writes into `out`: its strides mapped back onto [...batch, M, N] (a 1-D operand's
 * dim was dropped from the result), or null when its columns are not contiguous.
 */
function layoutOf(out: Tensor, nBatch: number, aVector: boolean, bVector: boolean): Layout | null {
  const s = out.strides;
  const cs = bVector ? 1 : s[s.length - 1]!;
  if (cs !== 1 && out.shape[out.shape.length - 1]! > 1) return null;
  return { offset: out.offset, batch: s.slice(0, nBatch), rs: aVector ? 0 : s[nBatch]! };
}

/** Whether the storages of `x` and `y` share any bytes (a conservative test for aliasing). */
function overlaps(x: Tensor, y: Tensor): boolean {
  const p = x.storage;
  const q = y.storage;
  if (p.buffer !== q.buffer) return false;
  return p.byteOffset < q.byteOffset + q.byteLength && q.byteOffset < p.byteOffset + p.byteLength;
}
