/**
 * C = A @ B (float32) on the WebAssembly SIMD kernels of asm/gemm.ts. The kernels read linear
 * memory only, so operands are copied ("staged") into it and C is copied out, except an
 * operand or C that already lives in a wasm workspace (workspace.ts): then the product runs in
 * that workspace's instance, reading (or writing) that array in place and staging the others.
 * Layouts are those of the JS kernels (gemm.ts): dot when A's rows and B's columns run along
 * K, axpy when B's rows are contiguous; staging packs an operand whose strides do not fit.
 */
import type { WasmKernels } from "../backends/backend.js";
import { heapTarget, type Target, workspaceTarget } from "./wasm-heap.js";
import { type Staging, staging } from "./wasm-stage.js";

/** The strides the kernel sees for the operand that `operand` placed last (no object returned). */
let seenRs = 0;
let seenCs = 0;

/**
 * Places one operand, rows x cols at src[off + r * rs + c * cs], for the kernel and returns the
 * element index of its [0, 0] in the target's memory: in place when it lives there and has the
 * unit stride the kernel needs (`unit`: "cols" means cs must be 1, "rows" rs must be 1), else
 * its span copied as is (one memcpy, strides kept) when that is dense enough and has the unit
 * stride, else packed with that unit stride (by columns for "rows", else by rows).
 */
function operand(
  s: Staging,
  src: Float32Array,
  off: number,
  rs: number,
  cs: number,
  rows: number,
  cols: number,
  unit: "rows" | "cols" | "none",
): number {
  const ok = unit === "none" || (unit === "cols" ? cols === 1 || cs === 1 : rows === 1 || rs === 1);
  seenRs = rs;
  seenCs = cs;
  if (ok && s.resident(src)) return src.byteOffset / 4 + off;
  const lo = off + Math.min(0, (rows - 1) * rs) + Math.min(0, (cols - 1) * cs);
  const hi = off + Math.max(0, (rows - 1) * rs) + Math.max(0, (cols - 1) * cs);
  const span = hi - lo + 1;
  if (ok && span <= 2 * rows * cols + 64) return s.input(src, lo, span) + off - lo;
  if (unit === "rows") {
    seenRs = 1;
    seenCs = rows;
    return s.inputPacked(src, off, cols, rows, cs, rs);
  }
  seenRs = cols;
  seenCs = 1;
  return s.inputPacked(src, off, rows, cols, rs, cs);
}

/**
 * C = A @ B on the wasm kernels, in the workspace that holds A, B or C if there is one with room,
 * else in the backend's instance; false (nothing written) if wasm memory cannot hold the operands.
 */
export function gemmWasm(
  kernels: WasmKernels,
  M: number,
  N: number,
  K: number,
  a: Float32Array,
  ao: number,
  ars: number,
  acs: number,
  b: Float32Array,
  bo: number,
  brs: number,
  bcs: number,
  c: Float32Array,
  co: number,
  ldc: number,
): boolean {
  const t = workspaceTarget(a) ?? workspaceTarget(b) ?? workspaceTarget(c);
  if (t !== null && gemmOn(t, M, N, K, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc)) return true;
  return gemmOn(heapTarget(kernels), M, N, K, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc);
}

/** C = A @ B on target `t`'s kernels (C^T when `transposeOut`); false if `t` cannot hold it. */
function gemmOn(
  t: Target,
  M: number,
  N: number,
  K: number,
  a: Float32Array,
  ao: number,
  ars: number,
  acs: number,
  b: Float32Array,
  bo: number,
  brs: number,
  bcs: number,
  c: Float32Array,
  co: number,
  ldc: number,
  transposeOut = false,
): boolean {
  // dot when A's rows run along K (B's columns are packed along K if they are not already);
  // axpy otherwise, with B's rows packed contiguous if they are not. A narrow B (few columns,
  // like a [784, 10] weight) is packed along K for dot too: the copy is small and the SIMD
  // lanes of axpy would mostly idle on 10 columns.
  const narrow = N <= 16;
  const dot = K > 1 && (acs === 1 || M === 1) && (brs === 1 || bcs !== 1 || narrow);
  // A narrow result whose A is not contiguous along K (X.T @ G, the weight gradient of X @ W):
  // C^T = B^T @ A^T is wide and runs on axpy's full SIMD width; C is written transposed.
  if (!dot && narrow && M >= 4 * N)
    return gemmOn(t, N, M, K, b, bo, bcs, brs, a, ao, acs, ars, c, co, ldc, true);
  const s = staging(t);
  const aAt = operand(s, a, ao, ars, acs, M, K, dot ? "cols" : "none");
  const aRs = seenRs;
  const aCs = seenCs;
  const bAt = operand(s, b, bo, brs, bcs, K, N, dot ? "rows" : "cols");
  const bRs = seenRs;
  const bCs = seenCs;
  // A C that lives in the target's memory (matmul's out= in a workspace) is written in place.
  const cInPlace = !transposeOut && s.resident(c);
  const cAt = cInPlace
    ? c.byteOffset / 4 + co
    : transposeOut
      ? s.scratch(M * N)
      : s.outputRows(c, co, M, N, ldc);
  const cStride = cInPlace ? ldc : N;
  // axpy splats each 4-row tile of A into a work area of K vectors per row; a transposed
  // result is transposed into the area after it before it is copied out.
  const workAt = dot ? 0 : s.scratch(16 * K);
  // The caller's C is this product's transpose: C[j, i] = result[i, j], N rows of M.
  const tAt = transposeOut ? s.outputRows(c, co, N, M, ldc) : 0;
  if (!s.stage()) return false;
  if (dot) t.kernels.gemmDot(M, N, K, aAt * 4, aRs, bAt * 4, bCs, cAt * 4, cStride);
  else t.kernels.gemmAxpy(M, N, K, aAt * 4, aRs, aCs, bAt * 4, bRs, cAt * 4, cStride, workAt * 4);
  if (transposeOut) t.kernels.transpose(cAt * 4, M, N, tAt * 4);
  s.finish();
  return true;
}
