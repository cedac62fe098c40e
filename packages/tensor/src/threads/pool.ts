/**
 * The worker pool: `getNumThreads() - 1` workers and the calling thread running one kernel over
 * chunks of output rows, in one shared wasm memory. A product staged into that memory (as for
 * the single-threaded kernels, gemm-wasm.ts) is split by rows of C; each thread claims chunks
 * as it frees up (take-chunks.ts), so a worker that the OS does not schedule costs at most its
 * current chunk, and since every output row is computed by the same code whichever thread runs
 * it, the result has the same bits for any thread count.
 *
 * The pool starts on the first product that asks for it. Workers that are still starting simply
 * take no chunks, so nothing waits for them; they are unref'ed in Node (never keep a process
 * alive). Where memory cannot be shared there is no pool and products run on one thread.
 */
import { sharedWasm, type WasmKernels, type WasmMemory } from "../backends/backend.js";
import { getNumThreads, MAX_THREADS } from "./num-threads.js";
import { takeChunks } from "./take-chunks.js";
import { workerSource } from "./worker-source.js";

/** The control slots (take-chunks.ts lists them; slot 0 is the job counter the workers sleep on). */
const CONTROL = {
  job: 0,
  next: 1,
  done: 2,
  chunks: 3,
  threads: 4,
  failed: 5,
  kernel: 6,
  rows: 7,
  total: 8,
  rowsArg: 9,
  advanceA: 10,
  advanceC: 12,
  work: 14,
  argc: 16,
  running: 20,
  args: 32,
  taken: 64,
} as const;
const CONTROL_SLOTS = CONTROL.taken + MAX_THREADS;
/** The most chunks a job may have: the chunk index is the low 16 bits of the `next` slot. */
export const MAX_CHUNKS = 0xffff;

/** The kernels a job may run, by their index in the control slot. */
const KERNELS = ["gemmDot", "gemmAxpy"] as const;
export type PoolKernel = (typeof KERNELS)[number];

/** A product's rows, split into chunks: what runRows needs to know about the kernel's arguments. */
export interface RowJob {
  kernel: PoolKernel;
  /** The kernel's arguments for all rows (byte addresses, element strides). */
  args: readonly number[];
  /** Which argument is the row count, and the rows in all and per chunk. */
  rowsArg: number;
  rows: number;
  chunkRows: number;
  /** Arguments advanced by `bytes` per row of the chunk's first row (A's and C's addresses). */
  advanceA: readonly [arg: number, bytes: number];
  advanceC: readonly [arg: number, bytes: number];
  /** The work-area argument and its size per thread in bytes (thread t gets work + t * bytes). */
  work: readonly [arg: number, bytes: number];
}

interface WorkerLike {
  unref?: () => void;
  postMessage?: (message: unknown) => void;
}

interface Pool {
  /** This thread's instance of the kernels over the pool's memory. */
  readonly kernels: WasmKernels;
  readonly control: Int32Array;
  readonly workers: WorkerLike[];
  readonly memory: WasmMemory;
  readonly module: object;
}

/** The pool once started; null before, or where threads cannot run (then `unavailable`). */
let pool: Pool | null = null;
let unavailable = false;
let source: string | null = null;

/** Whether the calling thread may block in Atomics.wait (not a browser's main thread). */
const canBlock =
  typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node ===
    "string" || typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== "undefined";

/** A worker running `source`: worker_threads in Node, a Web Worker from a Blob URL elsewhere. */
function startWorker(data: Record<string, unknown>): WorkerLike | null {
  source ??= workerSource();
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const wt = process?.getBuiltinModule?.call(process, "node:worker_threads") as
    | { Worker: new (src: string, options: object) => WorkerLike & { on(e: string, f: () => void): void } }
    | undefined;
  if (wt !== undefined) {
    const w = new wt.Worker(source, { eval: true, workerData: data });
    // A worker that fails takes no more chunks; the products go on without it.
    w.on("error", () => {});
    w.unref?.();
    return w;
  }
  const g = globalThis as {
    Worker?: new (url: string) => WorkerLike;
    Blob?: new (parts: string[], options: object) => object;
    URL?: { createObjectURL(blob: object): string };
  };
  if (g.Worker === undefined || g.Blob === undefined || g.URL === undefined) return null;
  const w = new g.Worker(g.URL.createObjectURL(new g.Blob([source], { type: "text/javascript" })));
  w.postMessage?.(data);
  return w;
}

/** The pool, started if needed with enough workers for `threads`; null where threads cannot run. */
function thePool(threads: number): Pool | null {
  if (pool === null) {
    if (unavailable) return null;
    const wasm = sharedWasm();
    if (wasm === null) {
      // Not yet (a browser still compiling) is not never: only a realm without shared memory is.
      unavailable = typeof (globalThis as { SharedArrayBuffer?: unknown }).SharedArrayBuffer !== "function";
      return null;
    }
    const memory = wasm.newMemory(16);
    const kernels = wasm.instantiate(memory);
    const control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * 4));
    pool = { kernels, control, workers: [], memory, module: wasm.module };
  }
  const p = pool;
  while (p.workers.length < threads - 1) {
    const data = {
      module: p.module,
      memory: p.memory,
      control: p.control.buffer,
      names: KERNELS,
      index: p.workers.length + 1,
    };
    const w = startWorker(data);
    if (w === null) break;
    p.workers.push(w);
  }
  return p;
}

/**
 * This thread's instance of the kernels over the pool's shared memory when products should
 * run on several threads now (getNumThreads() > 1 and the pool can run here), else null:
 * stage a product in its memory and run it with runRows.
 */
export function poolKernels(): WasmKernels | null {
  const threads = getNumThreads();
  if (threads < 2) return null;
  return thePool(threads)?.kernels ?? null;
}

/**
 * Starts the pool if products should run on several threads here, and resolves once its
 * workers run (or after `timeoutMs`, if some never start). A browser starts a worker only
 * when the thread that made it returns to its event loop: without this, a training loop that
 * never yields would run its first epoch on one thread.
 */
export async function threadsStarted(timeoutMs = 10_000): Promise<void> {
  const threads = getNumThreads();
  const p = threads > 1 ? thePool(threads) : null;
  if (p === null) return;
  const deadline = Date.now() + timeoutMs;
  while (Atomics.load(p.control, CONTROL.running) < p.workers.length && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Runs `job` on the pool's threads (this one included) and returns once every chunk is done;
 * false if a kernel threw in some thread (the caller reruns the product on one thread, where
 * the error, if it is one, surfaces as usual).
 */
export function runRows(job: RowJob): boolean {
  const p = pool;
  if (p === null) throw new Error("runRows: the pool is not started (poolKernels() first)");
  const c = p.control;
  const chunks = Math.ceil(job.rows / job.chunkRows);
  if (chunks > MAX_CHUNKS) throw new Error(`runRows: ${chunks} chunks, over ${MAX_CHUNKS}`);
  const tag = (c[CONTROL.job] as number) + 1;
  c[CONTROL.done] = 0;
  c[CONTROL.chunks] = chunks;
  c[CONTROL.threads] = Math.min(getNumThreads(), p.workers.length + 1);
  c[CONTROL.failed] = 0;
  c[CONTROL.kernel] = KERNELS.indexOf(job.kernel);
  c[CONTROL.rows] = job.chunkRows;
  c[CONTROL.total] = job.rows;
  c[CONTROL.rowsArg] = job.rowsArg;
  c[CONTROL.advanceA] = job.advanceA[0];
  c[CONTROL.advanceA + 1] = job.advanceA[1];
  c[CONTROL.advanceC] = job.advanceC[0];
  c[CONTROL.advanceC + 1] = job.advanceC[1];
  c[CONTROL.work] = job.work[0];
  c[CONTROL.work + 1] = job.work[1];
  c[CONTROL.argc] = job.args.length;
  for (let j = 0; j < job.args.length; j++) c[CONTROL.args + j] = job.args[j] as number;
  // Publish: the chunk counter first (with the new tag), then the job counter the workers wake on.
  Atomics.store(c, CONTROL.next, (tag & 0x7fff) << 16);
  Atomics.store(c, CONTROL.job, tag);
  Atomics.notify(c, CONTROL.job);
  const kernels = p.kernels as unknown as Record<string, (...args: number[]) => unknown>;
  takeChunks(kernels, KERNELS, c, tag & 0x7fff, 0);
  // The others finish the chunks they took: spin briefly (a wake-up costs more), then sleep.
  for (let spin = 0; Atomics.load(c, CONTROL.done) < chunks; spin++) {
    const done = Atomics.load(c, CONTROL.done);
    if (canBlock && spin > 1000 && done < chunks) Atomics.wait(c, CONTROL.done, done, 50);
  }
  return Atomics.load(c, CONTROL.failed) === 0;
}

/** What the worker pool has done: {@link threadPoolStats}. */
export interface ThreadPoolStats {
  /** Whether the pool has started (the first product that asked for threads starts it). */
  readonly started: boolean;
  /** Workers started (they take part in a product while their number is below getNumThreads()). */
  readonly workers: number;
  /** Chunks of products each thread has run: index 0 the calling thread, then the workers. */
  readonly chunks: readonly number[];
}

/**
 * What the worker pool of the big float32 products has done so far: whether it started, its
 * workers, and the chunks each thread ran. A diagnostic with no PyTorch counterpart: it shows
 * whether products really run on several threads here (a browser page that is not
 * cross-origin isolated has no pool: `started` stays false).
 *
 * @example
 * ```ts
 * setNumThreads(2);
 * randn([512, 512]).matmul(randn([512, 512]));
 * threadPoolStats(); // { started: true, workers: 1, chunks: [8, 0] } (the worker is starting)
 * ```
 */
export function threadPoolStats(): ThreadPoolStats {
  const p = pool;
  if (p === null) return { started: false, workers: 0, chunks: [] };
  const chunks = Array.from({ length: p.workers.length + 1 }, (_, t) =>
    Atomics.load(p.control, CONTROL.taken + t),
  );
  return { started: true, workers: p.workers.length, chunks };
}
