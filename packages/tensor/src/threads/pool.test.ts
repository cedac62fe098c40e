// The worker pool through the public matmul: the same bits for any thread count in every
// layout the kernels take, workers that really take part, a failing kernel that is noticed,
// and setNumThreads / TSGRAD_NUM_THREADS.
import { afterEach, describe, expect, it } from "vitest";
import { getBackend } from "../backends/backend.js";
import { randn } from "../index.js";
import { poolTarget } from "../kernels/gemm-threads.js";
import { reserve } from "../kernels/wasm-heap.js";
import { Generator } from "../random.js";
import type { Tensor } from "../tensor.js";
import { getNumThreads, parseNumThreadsEnv, setNumThreads } from "./num-threads.js";
import { runRows, threadPoolStats } from "./pool.js";

const initial = getNumThreads();
afterEach(() => setNumThreads(initial));
const onWasm = getBackend() === "wasm";

/** A few milliseconds for workers to start (they take no chunks before). */
const settle = () => new Promise((r) => setTimeout(r, 30));

function bits(t: Tensor): Uint32Array {
  const f = Float32Array.from(t.contiguous().storage as Float32Array);
  return new Uint32Array(f.buffer);
}

describe("matmul on the worker pool", () => {
  it.runIf(onWasm)("gives the bits of one thread for 2 and 3 threads, in every layout", async () => {
    const g = new Generator().manualSeed(7);
    // [M, K] x [K, N] shapes over the threads' size limit, with odd edges; each as A @ B,
    // A @ B^T (the linear layer's X @ W.T), A^T @ B (its weight gradient) and a narrow N.
    const cases: [number, number, number][] = [
      [203, 329, 67],
      [256, 784, 256],
      [520, 800, 12],
      [64, 2100, 33],
    ];
    for (const [M, K, N] of cases) {
      const a = randn([M, K], { generator: g });
      const b = randn([K, N], { generator: g });
      const at = randn([K, M], { generator: g });
      const bt = randn([N, K], { generator: g });
      const products = () =>
        [a.matmul(b), a.matmul(bt.t()), at.t().matmul(b), at.t().matmul(bt.t())].map(bits);
      setNumThreads(1);
      const one = products();
      for (const threads of [2, 3]) {
        setNumThreads(threads);
        poolTarget();
        await settle();
        const many = products();
        for (let i = 0; i < one.length; i++)
          expect(many[i], `[${M}, ${K}] x [${K}, ${N}] #${i}, ${threads} threads`).toEqual(one[i]);
      }
    }
  });

  it.runIf(onWasm)("has its workers take chunks of a big product", async () => {
    setNumThreads(2);
    const a = randn([384, 384]);
    const before = threadPoolStats().chunks[1] ?? 0;
    // A loaded machine may not schedule a new worker at once.
    for (let attempt = 0; attempt < 50 && (threadPoolStats().chunks[1] ?? 0) === before; attempt++) {
      await settle();
      a.matmul(a);
    }
    expect(threadPoolStats().chunks[1]).toBeGreaterThan(before);
  });

  it.runIf(onWasm)("reports a kernel that failed in a thread", async () => {
    setNumThreads(2);
    const t = poolTarget();
    if (t === null) throw new Error("no pool where wasm runs in Node");
    expect(reserve(t, t.start + 64)).toBe(true);
    // gemmDot(M, N, K, a, ars, b, bcs, c, ldc) reading past the end of memory: a trap.
    const end = t.f32.length * 4;
    const args = [64, 4, 4, end, 4, t.start * 4, 4, t.start * 4, 4];
    const job = {
      rowsArg: 0,
      rows: 64,
      chunkRows: 16,
      advanceA: [3, 16],
      advanceC: [7, 16],
      work: [0, 0],
    } as const;
    expect(runRows({ kernel: "gemmDot", args, ...job })).toBe(false);
    // The pool still works after it.
    expect(runRows({ kernel: "gemmDot", args: [64, 4, 0, 0, 0, 0, 0, t.start * 4, 4], ...job })).toBe(true);
  });
});

describe("setNumThreads / getNumThreads", () => {
  it("sets and reads the count", () => {
    setNumThreads(3);
    expect(getNumThreads()).toBe(3);
    setNumThreads(1);
    expect(getNumThreads()).toBe(1);
  });

  it("refuses what is not a count", () => {
    expect(() => setNumThreads(0)).toThrow("setNumThreads: n must be an integer >= 1, got 0");
    expect(() => setNumThreads(1.5)).toThrow("setNumThreads: n must be an integer >= 1, got 1.5");
    expect(() => setNumThreads(Number.NaN)).toThrow("setNumThreads: n must be an integer >= 1, got NaN");
    expect(() => setNumThreads("2" as unknown as number)).toThrow(
      'setNumThreads: n must be an integer >= 1, got "2"',
    );
    expect(() => setNumThreads(257)).toThrow("setNumThreads: n must be at most 256, got 257");
  });

  it("reads TSGRAD_NUM_THREADS strictly", () => {
    expect(parseNumThreadsEnv(undefined)).toBeUndefined();
    expect(parseNumThreadsEnv(" ")).toBeUndefined();
    expect(parseNumThreadsEnv("2")).toBe(2);
    for (const bad of ["0", "-1", "1.5", "two", "1e3", "300", "0x2"]) {
      expect(() => parseNumThreadsEnv(bad)).toThrow(
        `TSGRAD_NUM_THREADS: expected an integer from 1 to 256, got ${JSON.stringify(bad)}`,
      );
    }
  });
});
