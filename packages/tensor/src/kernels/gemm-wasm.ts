/**
 * C = A @ B (float32) on the WebAssembly SIMD kernels of asm/gemm.ts. The kernels read linear
 * memory only, so operands are copied ("staged") into it and C is copied out, except an
 * operand or C that already lives in a wasm workspace (workspace.ts): then the product runs in
 * that workspace's instance, reading (or writing) that array in place and staging the others.
 * Two kernels, both cache-blocked: gemmDot when A's rows and B's columns run along K (X @ W.T
 * with W [out, in]), gemmAxpy (f32x4 vectors along B's rows) otherwise, reading B in place or
 * from a copy that gemmPackB packed into 8-column panels. Staging packs an operand whose
 * strides do not fit.
 */
import type { WasmKernels } from "../backends/backend.js";
import { gemmOnThreads, gemmThreads, threadedTarget } from "./gemm-threads.js";
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
  // A big product runs on the pool's threads, staged into its shared memory (gemm-threads.ts).
  const p = threadedTarget(M, N, K);
  if (p !== null && gemmOn(p, M, N, K, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, false, gemmThreads()))
    return true;
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
  threads = 1,
): boolean {
  // The dot layout when A's rows run along K (B's columns are staged along K if they are not
  // already); the axpy layout otherwise, with B's rows staged contiguous if they are not (or
  // packed). A narrow B (few columns, like a [784, 10] weight) is staged along K for dot too:
  // the copy is small and the SIMD lanes of axpy would mostly idle on 10 columns.
  const narrow = N <= 16;
  const dot = K > 1 && (acs === 1 || M === 1) && (brs === 1 || bcs !== 1 || narrow);
  // A narrow result whose A is not contiguous along K (X.T @ G, the weight gradient of X @ W):
  // C^T = B^T @ A^T is wide and runs on axpy's full SIMD width; C is written transposed.
  if (!dot && narrow && M >= 4 * N)
    return gemmOn(t, N, M, K, b, bo, bcs, brs, a, ao, acs, ars, c, co, ldc, true, threads);
  const s = staging(t);
  const aAt = operand(s, a, ao, ars, acs, M, K, dot ? "cols" : "none");
  const aRs = seenRs;
  const aCs = seenCs;
  // A B that gets packed (gemmPackB takes any strides) is only copied in, as it is.
  const packed = gemmPackedBElements(dot, M, N, K);
  const bAt = operand(s, b, bo, brs, bcs, K, N, packed > 0 ? "none" : dot ? "rows" : "cols");
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
  const packedAt = packed > 0 ? s.scratch(packed) : -1;
  const work = gemmWorkElements(dot, M, N, K);
  const workAt = s.scratch(work * threads);
  // The caller's C is this product's transpose: C[j, i] = result[i, j], N rows of M.
  const tAt = transposeOut ? s.outputRows(c, co, N, M, ldc) : 0;
  if (!s.stage()) return false;
  if (packed > 0) packGemmB(t, K, N, bAt, bRs, bCs, packedAt);
  // On threads, or (if a kernel failed in some thread) again here, where its error surfaces.
  const onThreads =
    threads > 1 &&
    gemmOnThreads(dot, M, N, K, aAt, aRs, aCs, bAt, bRs, bCs, cAt, cStride, workAt, work, packedAt);
  if (!onThreads)
    callGemmKernel(t, dot, M, N, K, aAt, aRs, aCs, bAt, bRs, bCs, cAt, cStride, workAt, packedAt);
  if (transposeOut) t.kernels.transpose(cAt * 4, M, N, tAt * 4);
  s.finish();
  return true;
}

// The kernel calls, kept apart from staging so that a caller may split one product by rows of
// C (threads, each with its own work area): callGemmKernel on rows [i0, i1) with A and C
// advanced by i0 rows gives those rows bit for bit as one call over all of C would. The kernel
// depends on the layout only (`dot`, which gemmOn decides once for the whole product), and
// each kernel's arithmetic for a C element depends on K alone (asm/gemm.ts).
// Addresses are element indices into t's memory, strides count elements.

/**
 * Rows of C (and K) from which a row-major B is packed: a row stride of 4 KiB put B's rows on
 * the same cache sets (1024 x 1024 ran at 27 GFLOP/s in place, 48 packed), and elsewhere packing
 * cost about as much as it saved; few rows of A do not pay for the copy.
 */
const PACK_MIN_M = 32;
const PACK_MIN_K = 64;

/**
 * Elements of the packed copy of B that packGemmB writes and callGemmKernel reads (0: B is read
 * in place), for the whole product (M: all of C's rows). One area per product, shared by the
 * calls on its row ranges: gemmAxpy's B when enough rows of A pass over it (gemmDot reads B
 * in place). Packing changes no bits: the kernel does the same arithmetic on either.
 */
export function gemmPackedBElements(dot: boolean, M: number, N: number, K: number): number {
  return !dot && M >= PACK_MIN_M && K >= PACK_MIN_K ? K * ((N + 7) & ~7) : 0;
}

/** Packs B into the gemmPackedBElements area at packedAt (call it only where that is not 0). */
export function packGemmB(
  t: Target,
  K: number,
  N: number,
  bAt: number,
  bRs: number,
  bCs: number,
  packedAt: number,
): void {
  t.kernels.gemmPackB(K, N, bAt * 4, bRs, bCs, packedAt * 4);
}

/**
 * Scratch elements one callGemmKernel needs, whatever its M: for gemmAxpy, 16 rows of A splatted
 * for 256 K steps, a 4 x 8 edge tile, 4 zeros and a K x 8 panel for B's last N % 8 columns
 * (asm/gemm.ts: MC, KC, TAIL_AT).
 */
export function gemmWorkElements(dot: boolean, _M: number, _N: number, K: number): number {
  return dot ? 0 : 16 * 256 * 4 + 32 + 4 + 8 * K;
}

/**
 * C = A @ B for M rows on t's kernels, everything already in t's memory: `dot` is the layout
 * gemmOn chose (A's rows and B's columns along K; else B's rows contiguous, bCs 1). workAt
 * holds gemmWorkElements(dot, M, N, K) elements of this call's own; packedAt is where
 * packGemmB packed B for the whole product, or -1 where gemmPackedBElements was 0.
 */
export function callGemmKernel(
  t: Target,
  dot: boolean,
  M: number,
  N: number,
  K: number,
  aAt: number,
  aRs: number,
  aCs: number,
  bAt: number,
  bRs: number,
  bCs: number,
  cAt: number,
  cStride: number,
  workAt: number,
  packedAt: number,
): void {
  if (dot) t.kernels.gemmDot(M, N, K, aAt * 4, aRs, bAt * 4, bCs, cAt * 4, cStride);
  else if (packedAt >= 0)
    t.kernels.gemmAxpy(M, N, K, aAt * 4, aRs, aCs, packedAt * 4, 8, true, cAt * 4, cStride, workAt * 4);
  else t.kernels.gemmAxpy(M, N, K, aAt * 4, aRs, aCs, bAt * 4, bRs, false, cAt * 4, cStride, workAt * 4);
}
