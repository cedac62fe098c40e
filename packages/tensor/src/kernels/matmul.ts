/**
 * The kernels of matmul, matmul with out=, and the fused linear layer: the batch walk and bias
 * around a 2-D product, on the JS gemm (gemm.ts, every dtype) and, for float32 products of at
 * least WASM_MIN_MACS multiply-adds on the wasm backend, the wasm gemm (gemm-wasm.ts).
 */
import { wasmKernels } from "../backends/backend.js";
import type { TypedArray } from "../dtype.js";
import { registerKernel } from "../kernel-registry.js";
import type { Kernel, OpAttrs, OpName } from "../op.js";
import { broadcastShapes, broadcastStrides, contiguousStrides, numelOf, viewStrides } from "../shape.js";
import { empty, fromStorage, restride } from "../storage.js";
import type { Tensor } from "../tensor.js";
import { contiguousData } from "../values.js";
import { copyValues } from "./elementwise-js.js";
import { gemm } from "./gemm.js";
import { gemmWasm } from "./gemm-wasm.js";
import { WASM_MIN_MACS } from "./thresholds.js";

/** C = A @ B for one 2-D product (see gemm.ts for the operands); false if it could not run. */
type Gemm2d = (
  M: number,
  N: number,
  K: number,
  a: TypedArray,
  ao: number,
  ars: number,
  acs: number,
  b: TypedArray,
  bo: number,
  brs: number,
  bcs: number,
  c: TypedArray,
  co: number,
  ldc: number,
) => boolean;

const gemmJs: Gemm2d = (M, N, K, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc) => {
  gemm(M, N, K, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc);
  return true;
};

const gemmOnWasm: Gemm2d = (M, N, K, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc) => {
  const kernels = wasmKernels();
  return (
    kernels !== null &&
    gemmWasm(
      kernels,
      M,
      N,
      K,
      a as Float32Array,
      ao,
      ars,
      acs,
      b as Float32Array,
      bo,
      brs,
      bcs,
      c as Float32Array,
      co,
      ldc,
    )
  );
};

/** torch.matmul's view of its operands: 1-D operands as matrices, batch dims broadcast. */
export interface MatmulPlan {
  M: number;
  N: number;
  K: number;
  /** K as b sees it (must equal K). */
  K2: number;
  aShape: readonly number[];
  aStrides: readonly number[];
  bShape: readonly number[];
  bStrides: readonly number[];
  batch: number[] | null;
  outShape: number[] | null;
}

/** The plan of a @ b (batch and outShape null until the caller checked K against K2). */
export function matmulPlan(a: Tensor, b: Tensor): MatmulPlan {
  // View 1-D operands as matrices: a [k] as [1, k], b [k] as [k, 1].
  const aShape = a.ndim === 1 ? [1, a.shape[0]!] : a.shape;
  const aStrides = a.ndim === 1 ? [0, a.strides[0]!] : a.strides;
  const bShape = b.ndim === 1 ? [b.shape[0]!, 1] : b.shape;
  const bStrides = b.ndim === 1 ? [b.strides[0]!, 0] : b.strides;
  return {
    M: aShape[aShape.length - 2]!,
    K: aShape[aShape.length - 1]!,
    K2: bShape[bShape.length - 2]!,
    N: bShape[bShape.length - 1]!,
    aShape,
    aStrides,
    bShape,
    bStrides,
    batch: null,
    outShape: null,
  };
}

/** The broadcast batch shape and the result's shape of a plan whose K match. */
export function matmulShapes(
  op: string,
  a: Tensor,
  b: Tensor,
  p: MatmulPlan,
): { batch: number[]; outShape: number[] } {
  // Plain matrices (most calls): no batch to broadcast.
  if (p.aShape.length === 2 && p.bShape.length === 2) {
    const outShape = a.ndim === 1 ? (b.ndim === 1 ? [] : [p.N]) : b.ndim === 1 ? [p.M] : [p.M, p.N];
    return { batch: [], outShape };
  }
  const batch = broadcastShapes(op, p.aShape.slice(0, -2), p.bShape.slice(0, -2));
  const outShape = [...batch, ...(a.ndim === 1 ? [] : [p.M]), ...(b.ndim === 1 ? [] : [p.N])];
  return { batch, outShape };
}

/** Where the product writes [...batch, M, N]: offset, batch strides and row stride (columns contiguous). */
interface Layout {
  offset: number;
  batch: readonly number[];
  rs: number;
}

/** Every 2-D product of a batched matmul into `c` at `at`; false if `gemm2d` could not run. */
function product(
  gemm2d: Gemm2d,
  a: Tensor,
  b: Tensor,
  p: MatmulPlan,
  batch: number[],
  c: Tensor,
  at: Layout,
): boolean {
  const as = p.aStrides;
  const bs = p.bStrides;
  if (batch.length === 0) {
    return gemm2d(
      p.M,
      p.N,
      p.K,
      a.storage,
      a.offset,
      as[0]!,
      as[1]!,
      b.storage,
      b.offset,
      bs[0]!,
      bs[1]!,
      c.storage,
      at.offset,
      at.rs,
    );
  }
  const aBatch = broadcastStrides(p.aShape.slice(0, -2), p.aStrides.slice(0, -2), batch);
  const bBatch = broadcastStrides(p.bShape.slice(0, -2), p.bStrides.slice(0, -2), batch);
  const [ars, acs] = p.aStrides.slice(-2) as [number, number];
  const [brs, bcs] = p.bStrides.slice(-2) as [number, number];
  const nb = numelOf(batch);
  const bStr = contiguousStrides(batch);
  for (let q = 0; q < nb; q++) {
    let ao = a.offset;
    let bo = b.offset;
    let co = at.offset;
    for (let d = 0; d < batch.length; d++) {
      const i = Math.floor(q / bStr[d]!) % batch[d]!;
      ao += i * aBatch[d]!;
      bo += i * bBatch[d]!;
      co += i * at.batch[d]!;
    }
    if (!gemm2d(p.M, p.N, p.K, a.storage, ao, ars, acs, b.storage, bo, brs, bcs, c.storage, co, at.rs))
      return false;
  }
  return true;
}

/** a @ b into a new tensor, or null if `gemm2d` could not run. */
function fresh(gemm2d: Gemm2d, a: Tensor, b: Tensor): Tensor | null {
  const p = matmulPlan(a, b);
  const { batch, outShape } = matmulShapes("matmul", a, b, p);
  // gemm writes every element of C (zeros when K is 0): no need to zero it first.
  const c = empty(a.dtype, outShape, false);
  const at = { offset: 0, batch: contiguousStrides(batch).map((s) => s * p.M * p.N), rs: p.N };
  return product(gemm2d, a, b, p, batch, c, at) ? c : null;
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

/** a @ b written into `out` (out=); null if `gemm2d` could not run. */
function intoOut(gemm2d: Gemm2d, out: Tensor, a: Tensor, b: Tensor): Tensor | null {
  const p = matmulPlan(a, b);
  const { batch } = matmulShapes("matmul", a, b, p);
  const at = layoutOf(out, batch.length, a.ndim === 1, b.ndim === 1);
  if (at !== null && !overlaps(out, a) && !overlaps(out, b))
    return product(gemm2d, a, b, p, batch, out, at) ? out : null;
  // A layout gemm cannot write (a transposed out) or an out that shares memory with an
  // operand: compute into a fresh tensor, then copy.
  const c = fresh(gemm2d, a, b);
  if (c === null) return null;
  copyValues(out, c);
  return out;
}

/** x as [rows, inF] (a view when the strides allow it, else a contiguous copy). */
function as2d(x: Tensor, inF: number): Tensor {
  if (x.ndim === 2) return x;
  const shape = [x.numel() / inF, inF];
  const strides = viewStrides(x.shape, x.strides, shape);
  return strides === null
    ? fromStorage(contiguousData(x), x.dtype, shape)
    : restride(x, shape, strides, x.offset);
}

/** y = x @ weight.T + bias: one gemm on W's transposed view (no copy), then the bias in place. */
function linear(gemm2d: Gemm2d, x: Tensor, weight: Tensor, bias: Tensor | undefined): Tensor | null {
  const [out, inF] = weight.shape as [number, number];
  const x2 = as2d(x, inF);
  const M = x2.shape[0]!;
  // gemm writes every element of y (zeros when inF is 0).
  const y = empty(x.dtype, [...x.shape.slice(0, -1), out], false);
  const ws = weight.strides;
  if (
    !gemm2d(
      M,
      out,
      inF,
      x2.storage,
      x2.offset,
      x2.strides[0]!,
      x2.strides[1]!,
      weight.storage,
      weight.offset,
      ws[1]!,
      ws[0]!,
      y.storage,
      0,
      out,
    )
  )
    return null;
  if (bias !== undefined) {
    const yd = y.storage;
    const bd = bias.storage;
    const bo = bias.offset;
    const bs = bias.strides[0]!;
    // Narrow rows column by column: the bias value stays in a register and the inner loop has
    // one load and one store (2x faster than row by row on [256, 10], whose rows are only 10
    // long). Wide rows row by row: by columns each step would be a row apart in memory (3x
    // slower on [256, 256]).
    const end = M * out;
    if (out <= 32) {
      for (let j = 0; j < out; j++) {
        const v = bd[bo + j * bs]!;
        for (let p = j; p < end; p += out) yd[p] = yd[p]! + v;
      }
    } else {
      for (let r = 0; r < end; r += out)
        for (let j = 0; j < out; j++) yd[r + j] = yd[r + j]! + bd[bo + j * bs]!;
    }
  }
  return y;
}

/** The M·N·K of one 2-D product of a matmul. */
function macs(a: Tensor, b: Tensor): number {
  const p = matmulPlan(a, b);
  return p.M * p.N * p.K;
}

function register<N extends OpName>(
  name: N,
  run: (gemm2d: Gemm2d, inputs: readonly Tensor[]) => Tensor | null,
  wasmMacs: (inputs: readonly Tensor[]) => number,
): void {
  const js: Kernel<OpAttrs[N]> = {
    backend: "js",
    name: `js-${name}`,
    accepts: () => true,
    run: (c) => run(gemmJs, c.inputs),
  };
  const wasm: Kernel<OpAttrs[N]> = {
    backend: "wasm",
    name: `wasm-${name}`,
    // Small products finish on the JS kernels before the operands would be staged into wasm memory.
    accepts: (c) => c.inputs.every((t) => t.dtype === "float32") && wasmMacs(c.inputs) >= WASM_MIN_MACS,
    run: (c) => run(gemmOnWasm, c.inputs),
  };
  registerKernel<N>(name, js);
  registerKernel<N>(name, wasm);
}

register(
  "matmul",
  (g, [a, b]) => fresh(g, a!, b!),
  ([a, b]) => macs(a!, b!),
);
register(
  "matmul.out",
  (g, [out, a, b]) => intoOut(g, out!, a!, b!),
  ([, a, b]) => macs(a!, b!),
);
register(
  "linear",
  (g, [x, w, bias]) => linear(g, x!, w!, bias),
  ([x, w]) => (x!.numel() / w!.shape[1]!) * w!.shape[0]! * w!.shape[1]!,
);
