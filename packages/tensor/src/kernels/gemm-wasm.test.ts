// The wasm gemm on big and odd shapes, which cross the blocked kernels' K blocks (256 steps),
// column blocks and packing thresholds (asm/gemm.ts, gemm-wasm.ts), against the float64
// reference; and the row split that threads make: callGemmKernel on row ranges of C, each with
// a work area of its own, must give the bits of one call over all rows.
import { afterEach, describe, expect, it } from "vitest";
import "../index.js";
import { getBackend, setBackend, wasmKernels } from "../backends/backend.js";
import { expectClose, type Layout, operand, reference, run } from "./gemm.test-util.js";
import { callGemmKernel, gemmPackedBElements, gemmWorkElements, packGemmB } from "./gemm-wasm.js";
import { align4, heapTarget, reserve } from "./wasm-heap.js";

const projectBackend = getBackend();
afterEach(() => setBackend(projectBackend));

describe("wasm gemm on big shapes", () => {
  // The products of Linear(784, 256) and the like as gemm() sees them (a, b layouts), at odd sizes.
  const forms: [string, Layout, Layout][] = [
    ["nn", "rowmajor", "rowmajor"],
    ["nt", "rowmajor", "colmajor"],
    ["tn", "colmajor", "rowmajor"],
    ["tt", "colmajor", "colmajor"],
    ["strided", "strided", "padded"],
    ["reversed", "reversed", "reversed"],
  ];
  for (const [name, la, lb] of forms) {
    it(`matches the float64 reference at 257 x 259 x 785 (${name})`, () => {
      const [M, N, K] = [257, 259, 785];
      const a = operand(M, K, la, 1);
      const b = operand(K, N, lb, 2);
      expectClose(run("wasm", M, N, K, a, b), reference(M, N, K, a, b), name);
    });
  }

  it("matches at every M, N remainder around the tiles, blocks and thresholds", () => {
    let seed = 100;
    // M: 1-3 rows (edge tiles), 2 (the two-row tile), 16-17 (one splat pass and more), 31-33
    // (packing from 32); N: below and above the 8-column panels, the narrow limit (16) and a
    // column block (256); K: none, one step, below packing's 64, one block (256) and more.
    for (const M of [1, 2, 3, 5, 6, 16, 17, 31, 33]) {
      for (const N of [1, 7, 8, 17, 24, 263]) {
        for (const K of [0, 1, 63, 256, 300]) {
          const la: Layout = (M + N + K) % 2 === 0 ? "rowmajor" : "colmajor";
          const lb: Layout = (M + K) % 3 === 0 ? "colmajor" : "rowmajor";
          const a = operand(M, K, la, seed++);
          const b = operand(K, N, lb, seed++);
          expectClose(run("wasm", M, N, K, a, b), reference(M, N, K, a, b), `${M}x${N}x${K} ${la} @ ${lb}`);
        }
      }
    }
  });
});

describe("callGemmKernel on row ranges", () => {
  /**
   * C = A @ B (A [M, K], B [K, N]) in the backend's wasm memory, by calls on the given row
   * ranges of C, each with its own work area, after packing B once for the whole product.
   */
  function byRows(M: number, N: number, K: number, dot: boolean, aT: boolean, ranges: [number, number][]) {
    setBackend("wasm");
    const kernels = wasmKernels();
    if (kernels === null) throw new Error("no wasm kernels in node");
    const t = heapTarget(kernels);
    const packed = gemmPackedBElements(dot, M, N, K);
    const work = gemmWorkElements(dot, M, N, K);
    // Layout: A, B, C, the packed B, then one work area per range.
    const aAt = align4(t.start);
    const bAt = align4(aAt + M * K);
    const cAt = align4(bAt + K * N);
    const packedAt = align4(cAt + M * N);
    const workAt = align4(packedAt + packed);
    if (!reserve(t, workAt + ranges.length * align4(work))) throw new Error("no room");
    const f32 = t.f32;
    // A [M, K] row-major, or stored as its transpose [K, M] (G.T @ X); B [K, N] row-major in
    // the axpy layout, stored as [N, K] (W of X @ W.T) in the dot layout.
    const [aRs, aCs] = aT ? [1, M] : [K, 1];
    const [bRs, bCs] = dot ? [1, K] : [N, 1];
    f32.set(operand(M * K, 1, "rowmajor", 7).data.subarray(3, 3 + M * K), aAt);
    f32.set(operand(K * N, 1, "rowmajor", 8).data.subarray(3, 3 + K * N), bAt);
    f32.fill(Number.NaN, cAt, cAt + M * N);
    if (packed > 0) packGemmB(t, K, N, bAt, bRs, bCs, packedAt);
    ranges.forEach(([i0, i1], r) => {
      const at = workAt + r * align4(work);
      callGemmKernel(
        t,
        dot,
        i1 - i0,
        N,
        K,
        aAt + i0 * aRs,
        aRs,
        aCs,
        bAt,
        bRs,
        bCs,
        cAt + i0 * N,
        N,
        at,
        packed > 0 ? packedAt : -1,
      );
    });
    return f32.slice(cAt, cAt + M * N);
  }

  /** [0, M) in ranges of 4k rows as a thread pool would make them, the last one shorter. */
  const split = (M: number, sizes: number[]): [number, number][] => {
    const out: [number, number][] = [];
    let i = 0;
    for (const s of sizes) {
      if (i >= M) break;
      out.push([i, Math.min(M, i + s)]);
      i += s;
    }
    if (i < M) out.push([i, M]);
    return out;
  };

  const cases: [string, number, number, number, boolean, boolean][] = [
    // name, M, N, K, dot, A transposed
    ["X @ W.T (gemmDot, two column blocks)", 70, 263, 300, true, false],
    ["G @ W (packed)", 70, 263, 300, false, false],
    ["G.T @ X (packed)", 70, 263, 300, false, true],
    ["G @ W (in place, few rows)", 23, 263, 300, false, false],
    ["G.T @ X (in place, short K)", 70, 41, 20, false, true],
    ["X @ W.T (narrow)", 70, 10, 300, true, false],
  ];
  for (const [name, M, N, K, dot, aT] of cases) {
    it(`gives the bits of one call: ${name}`, () => {
      const one = byRows(M, N, K, dot, aT, [[0, M]]);
      expect(one.some(Number.isNaN)).toBe(false);
      for (const sizes of [
        [4, 8, 12, 16],
        [20, 4],
        [4, 4, 4, 4, 4, 4, 4, 4],
      ]) {
        const parts = byRows(M, N, K, dot, aT, split(M, sizes));
        const diff = parts.findIndex((v, i) => !Object.is(v, one[i]));
        expect(diff, `${sizes.join(",")}: first differing element`).toBe(-1);
      }
    });
  }
});
