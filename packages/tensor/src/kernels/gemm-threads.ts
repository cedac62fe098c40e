/**
 * A big float32 product on several threads. gemmWasm stages it into the worker pool's shared
 * memory (threads/pool.ts) exactly as it would for one thread, packs B once, and then, instead
 * of one callGemmKernel, the pool's threads run the same kernel on chunks of C's rows, each
 * with a work area of its own. callGemmKernel's contract (a call on rows [i0, i1) gives those
 * rows bit for bit) makes the result independent of the thread count and of who ran what.
 */
import { getNumThreads } from "../threads/num-threads.js";
import { MAX_CHUNKS, poolKernels, type RowJob, runRows } from "../threads/pool.js";
import type { Target } from "./wasm-heap.js";

/**
 * Multiply-adds from which a product goes to the pool. The chapter's [256, 784] x [784, 10]
 * (2M, ~50 us) ran slower on two threads than on one (a worker wakes some tens of
 * microseconds after the job is posted); the MLP's [256, 784] x [784, 256] (51M) runs 1.3-1.6x
 * faster (2-core machine, bench/, README's Speed section).
 */
const MIN_MACS = 1 << 22;
/** Rows per chunk: a multiple of the axpy kernel's 16-row pass (asm/gemm.ts, MC). */
const ROW_QUANTUM = 16;

/** The pool's memory as a staging target, made once per pool instance. */
let pool: Target | null = null;

/**
 * The worker pool's shared memory as a staging target (wasm-heap.ts; it grows like the
 * backend's own) when products should run on several threads now, else null.
 */
export function poolTarget(): Target | null {
  const kernels = poolKernels();
  if (kernels === null) return null;
  if (pool === null || pool.kernels !== kernels) {
    const f32 = new Float32Array(kernels.memory.buffer);
    pool = { kernels, f32, start: Math.ceil(kernels.heapBase() / 16) * 4, end: f32.length, growable: true };
  }
  return pool;
}

/** The pool's target if a product of this size should run on several threads now, else null. */
export function threadedTarget(M: number, N: number, K: number): Target | null {
  if (M * N * K < MIN_MACS || M < 2 * ROW_QUANTUM) return null;
  return poolTarget();
}

/** Threads a product staged on the pool target runs on (its work area holds one per thread). */
export function gemmThreads(): number {
  return getNumThreads();
}

/**
 * Rows per chunk for M rows on `threads` threads: about eight chunks per thread, so that the
 * last chunk, which the other threads wait on, is short (a worker wakes some tens of
 * microseconds after the job is posted, and the OS may hold one back), in whole 16-row passes.
 */
function chunkRows(M: number, threads: number): number {
  const rows = Math.ceil(M / (8 * threads) / ROW_QUANTUM) * ROW_QUANTUM;
  return Math.max(rows, ROW_QUANTUM, Math.ceil(M / MAX_CHUNKS));
}

/**
 * Runs callGemmKernel's kernel on the pool's threads, by chunks of C's rows (arguments as
 * callGemmKernel's; `workElements` per thread from workAt on; `useDot` and `packedAt` as it
 * decided them). False if a kernel failed in some thread: run the product again on one thread.
 */
export function gemmOnThreads(
  useDot: boolean,
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
  workElements: number,
  packedAt: number,
): boolean {
  const rows = {
    rowsArg: 0,
    rows: M,
    chunkRows: chunkRows(M, getNumThreads()),
    advanceA: [3, aRs * 4],
  } as const;
  let job: RowJob;
  if (useDot) {
    // gemmDot(M, N, K, a, ars, b, bcs, c, ldc): no work area.
    const args = [M, N, K, aAt * 4, aRs, bAt * 4, bCs, cAt * 4, cStride];
    job = { kernel: "gemmDot", args, ...rows, advanceC: [7, cStride * 4], work: [0, 0] };
  } else {
    // gemmAxpy(M, N, K, a, ars, acs, b, brs, packedB, c, ldc, work).
    const packed = packedAt >= 0;
    const b = packed ? [packedAt * 4, 8, 1] : [bAt * 4, bRs, 0];
    const args = [M, N, K, aAt * 4, aRs, aCs, ...b, cAt * 4, cStride, workAt * 4];
    job = { kernel: "gemmAxpy", args, ...rows, advanceC: [9, cStride * 4], work: [11, workElements * 4] };
  }
  return runRows(job);
}
