/**
 * C = A @ B (float32) on the WebAssembly SIMD kernels of asm/gemm.ts. The kernels read linear
 * memory only, so operands are copied ("staged") into it and C is copied out, except an
 * operand or C that already lives in a wasm workspace (workspace.ts): then the product runs in
 * that workspace's instance, reading (or writing) that array in place and staging the others.
 * Layouts are those of the JS kernels (gemm.ts): dot when A's rows and B's columns run along
 * K, axpy when B's rows are contiguous; staging packs an operand whose strides do not fit.
 */
import type { WasmKernels } from "../backend.js";
import { align4, heapTarget, reserve, type Target, workspaceTarget } from "./wasm-heap.js";

/**
 * How one operand, rows x cols at src[off + r * rs + c * cs], is seen by the kernel: "inPlace"
 * reads it where it is (it lives in the target's memory), "span" copies the covering range of
 * src as is (one memcpy, strides kept), "rowMajor" / "colMajor" pack it densely. `at` is the
 * element index of [0, 0] in the target's memory and rs / cs the strides the kernel sees.
 */
interface Staged {
  layout: "inPlace" | "span" | "rowMajor" | "colMajor";
  /** where the copy goes and how many elements it takes (0 in place) */
  start: number;
  size: number;
  /** first element of src copied ("span") */
  lo: number;
  at: number;
  rs: number;
  cs: number;
}

/**
 * Plans an operand: in place when it lives in the target and has the unit stride the kernel
 * needs (`unit`: "cols" means cs must be 1, "rows" rs must be 1), else its span copied as is
 * when that is dense enough and has the unit stride, else packed with that unit stride.
 */
function plan(
  t: Target,
  src: Float32Array,
  off: number,
  rs: number,
  cs: number,
  rows: number,
  cols: number,
  unit: "rows" | "cols" | "none",
  start: number,
): Staged {
  const ok = unit === "none" || (unit === "cols" ? cols === 1 || cs === 1 : rows === 1 || rs === 1);
  if (ok && src.buffer === t.f32.buffer) {
    return { layout: "inPlace", start, size: 0, lo: 0, at: src.byteOffset / 4 + off, rs, cs };
  }
  const lo = off + Math.min(0, (rows - 1) * rs) + Math.min(0, (cols - 1) * cs);
  const hi = off + Math.max(0, (rows - 1) * rs) + Math.max(0, (cols - 1) * cs);
  const span = hi - lo + 1;
  const size = rows * cols;
  if (ok && span <= 2 * size + 64)
    return { layout: "span", start, size: span, lo, at: start + off - lo, rs, cs };
  if (unit === "rows") return { layout: "colMajor", start, size, lo, at: start, rs: 1, cs: rows };
  return { layout: "rowMajor", start, size, lo, at: start, rs: cols, cs: 1 };
}

function stage(
  heapF32: Float32Array,
  src: Float32Array,
  off: number,
  rs: number,
  cs: number,
  rows: number,
  cols: number,
  p: Staged,
): void {
  const d = p.start;
  if (p.layout === "inPlace") return;
  if (p.layout === "span") {
    heapF32.set(src.subarray(p.lo, p.lo + p.size), d);
  } else if (p.layout === "rowMajor") {
    for (let r = 0; r < rows; r++) {
      const s = off + r * rs;
      const t = d + r * cols;
      if (cs === 1) heapF32.set(src.subarray(s, s + cols), t);
      else for (let k = 0; k < cols; k++) heapF32[t + k] = src[s + k * cs]!;
    }
  } else {
    for (let k = 0; k < cols; k++) {
      const s = off + k * cs;
      const t = d + k * rows;
      if (rs === 1) heapF32.set(src.subarray(s, s + rows), t);
      else for (let r = 0; r < rows; r++) heapF32[t + r] = src[s + r * rs]!;
    }
  }
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
  const pa = plan(t, a, ao, ars, acs, M, K, dot ? "cols" : "none", t.start);
  const pb = plan(t, b, bo, brs, bcs, K, N, dot ? "rows" : "cols", align4(pa.start + pa.size));
  // A C that lives in the target's memory (matmul's out= in a workspace) is written in place.
  const cInPlace = !transposeOut && c.buffer === t.f32.buffer;
  const cAt = cInPlace ? c.byteOffset / 4 + co : align4(pb.start + pb.size);
  const cStride = cInPlace ? ldc : N;
  // axpy splats each 4-row tile of A into a work area of K vectors per row; a transposed
  // result is transposed into the area after it before it is copied out.
  const workAt = align4(cInPlace ? pb.start + pb.size : cAt + M * N);
  const tAt = transposeOut ? workAt + (dot ? 0 : 16 * K) : 0;
  if (!reserve(t, transposeOut ? tAt + M * N : dot ? workAt : workAt + 16 * K)) return false;
  const f32 = t.f32;
  stage(f32, a, ao, ars, acs, M, K, pa);
  stage(f32, b, bo, brs, bcs, K, N, pb);
  if (dot) t.kernels.gemmDot(M, N, K, pa.at * 4, pa.rs, pb.at * 4, pb.cs, cAt * 4, cStride);
  else t.kernels.gemmAxpy(M, N, K, pa.at * 4, pa.rs, pa.cs, pb.at * 4, pb.rs, cAt * 4, cStride, workAt * 4);
  if (cInPlace) return true;
  if (transposeOut) {
    // The caller's C is this product's transpose: C[j, i] = result[i, j], N rows of M.
    t.kernels.transpose(cAt * 4, M, N, tAt * 4);
    if (ldc === M) c.set(f32.subarray(tAt, tAt + M * N), co);
    else for (let j = 0; j < N; j++) c.set(f32.subarray(tAt + j * M, tAt + j * M + M), co + j * ldc);
  } else if (ldc === N) c.set(f32.subarray(cAt, cAt + M * N), co);
  else for (let i = 0; i < M; i++) c.set(f32.subarray(cAt + i * N, cAt + i * N + N), co + i * ldc);
  return true;
}
