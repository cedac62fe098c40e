// Matrix products. `matmul` follows torch.matmul: 1-D operands are promoted and the added
// dim removed again, batch dims broadcast; every product runs on the strided gemm kernels
// (kernels/matmul.ts). With `out` (torch.matmul(a, b, out=c)) the product is written into an
// existing tensor, so a loop that multiplies the same shapes again and again allocates
// nothing; an `out` that lives in a wasm workspace is written by the wasm kernel in place.
import { checkTensor } from "../args.js";
import { dispatch } from "../dispatch.js";
import { DTypeError, fmtShape, ShapeError, ValueError } from "../errors.js";
import { matmulPlan, matmulShapes } from "../kernels/matmul.js";
import { installMethods } from "../methods.js";
import { defineOp, type NoAttrs } from "../op.js";
import { numelOf } from "../shape.js";
import type { Tensor } from "../tensor.js";
import { NONE } from "./arithmetic.js";
import { sumToShape } from "./reduce.js";

declare module "../op.js" {
  interface OpAttrs {
    matmul: NoAttrs;
    "matmul.out": NoAttrs;
  }
}

declare module "../tensor.js" {
  interface Tensor {
    /** Matrix product with PyTorch's rules: 1-D operands, broadcast batch dims. */
    matmul(other: Tensor): Tensor;
    /** 2-D matrix product, `[n, k] @ [k, m]`. */
    mm(other: Tensor): Tensor;
  }
}

/** Options of the function forms `matmul(a, b, { out })` and `mm(a, b, { out })`. */
export interface OutOptions {
  /** Where the product goes; it must have the result's shape and dtype (it is not resized). */
  out?: Tensor;
}

const matmulOp = defineOp({
  name: "matmul",
  inputs: ["self", "other"],
  dtype: (inputs) => inputs[0]!.dtype,
  grad: (c) => {
    // dA = G @ B^T, dB = A^T @ G, on transposed views (no copies), with 1-D operands promoted
    // the way the forward promoted them.
    const [a, b] = c.save(c.inputs[0]!, c.inputs[1]!);
    return (g) => {
      const a2 = a.ndim === 1 ? a.unsqueeze(0) : a;
      const b2 = b.ndim === 1 ? b.unsqueeze(1) : b;
      let g2: Tensor = g;
      if (a.ndim === 1) g2 = g2.unsqueeze(b.ndim === 1 ? -1 : -2);
      if (b.ndim === 1) g2 = g2.unsqueeze(-1);
      const ga = c.needs[0] ? sumToShape(g2.matmul(b2.transpose(-1, -2)), a2.shape).reshape(a.shape) : null;
      const gb = c.needs[1] ? sumToShape(a2.transpose(-1, -2).matmul(g2), b2.shape).reshape(b.shape) : null;
      return [ga, gb];
    };
  },
});

/**
 * out= is a write into `out`: never recorded (autograd rejects it when an operand requires
 * grad). Named as PyTorch names overloads, `op.overload`.
 */
const matmulOutOp = defineOp({
  name: "matmul.out",
  inputs: ["out", "self", "other"],
  dtype: (inputs) => inputs[0]!.dtype,
  grad: null,
  writesOut: true,
});

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
  checkTensor("mm", "mat2", b);
  if (a.ndim !== 2)
    throw new ShapeError(`mm: self must be a matrix, got a ${a.ndim}-D tensor of shape ${fmtShape(a.shape)}`);
  if (b.ndim !== 2)
    throw new ShapeError(`mm: mat2 must be a matrix, got a ${b.ndim}-D tensor of shape ${fmtShape(b.shape)}`);
  return matmul(a, b, "mm", out);
}

export function matmul(a: Tensor, b: Tensor, op = "matmul", out?: Tensor): Tensor {
  checkTensor(op, op === "mm" ? "mat2" : "other", b);
  if (out !== undefined) checkTensor(op, "out", out);
  checkDtypes(op, a, b);
  if (a.ndim === 0 || b.ndim === 0) {
    throw new ShapeError(
      `${op}: both arguments need at least 1 dimension, but got shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`,
    );
  }
  const p = matmulPlan(a, b);
  if (p.K !== p.K2) {
    throw new ShapeError(
      `${op}: mat1 and mat2 shapes cannot be multiplied (${p.M}x${p.K} and ${p.K2}x${p.N}); shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`,
    );
  }
  const { outShape } = matmulShapes(op, a, b, p);
  if (out === undefined) return dispatch(matmulOp, [a, b], NONE);
  checkOut(op, out, a.dtype, outShape);
  return dispatch(matmulOutOp, [out, a, b], NONE);
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

installMethods({
  matmul(other) {
    return matmul(this, other);
  },
  mm(other) {
    return mm(this, other);
  },
});
