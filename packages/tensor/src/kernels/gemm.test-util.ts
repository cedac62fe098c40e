// Operands and the float64 reference for the gemm tests (backend.test.ts, workspace.test.ts).
import { expect } from "vitest";
import { type BackendName, setBackend, wasmKernels } from "../backends/backend.js";
import { gemm } from "./gemm.js";
import { gemmWasm } from "./gemm-wasm.js";

/** Deterministic values in [-1, 1), exactly representable in float32. */
export function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = Math.fround(s / 2 ** 31 - 1);
  }
  return out;
}

export interface Operand {
  data: Float32Array;
  off: number;
  rs: number;
  cs: number;
}

export type Layout = "rowmajor" | "colmajor" | "padded" | "strided" | "reversed" | "broadcast";

/**
 * A rows x cols operand stored in `layout`, with junk around it so that stray reads show;
 * `place` gives the array the data goes into (a wasm workspace's memory, say).
 */
export function operand(
  rows: number,
  cols: number,
  layout: Layout,
  seed: number,
  place: (length: number) => Float32Array = (n) => new Float32Array(n),
): Operand {
  const vals = values(rows * cols, seed);
  const pad = 3;
  let rs: number;
  let cs: number;
  let off = pad;
  let size: number;
  switch (layout) {
    case "rowmajor":
      [rs, cs, size] = [cols, 1, rows * cols];
      break;
    case "colmajor":
      [rs, cs, size] = [1, rows, rows * cols];
      break;
    case "padded": // a narrowed view: rows of a wider matrix
      [rs, cs, size] = [cols + 5, 1, rows * (cols + 5)];
      break;
    case "strided": // every other element of each row, rows far apart: packed before the kernel
      [rs, cs, size] = [2 * cols + 7, 2, rows * (2 * cols + 7)];
      break;
    case "reversed": // negative strides
      [rs, cs, size] = [-cols, -1, rows * cols];
      off = pad + rows * cols - 1;
      break;
    case "broadcast": // every row the same (stride 0)
      [rs, cs, size] = [0, 1, cols];
      break;
  }
  const data = place(size + 2 * pad);
  data.set(values(size + 2 * pad, seed + 1000).map((v) => v * 1e3));
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < cols; k++) {
      data[off + r * rs + k * cs] = layout === "broadcast" ? vals[k]! : vals[r * cols + k]!;
    }
  }
  return { data, off, rs, cs };
}

/**
 * C = A @ B on `backend`'s kernels, into a padded C with row stride N + 2 at offset 1: gemm()
 * for "js", the wasm kernels themselves for "wasm" (gemm() runs products below WASM_MIN_MACS
 * in JS on either backend, which would leave the wasm kernels' small-remainder paths untested).
 */
export function run(
  backend: BackendName,
  M: number,
  N: number,
  K: number,
  a: Operand,
  b: Operand,
): Float32Array {
  setBackend(backend);
  const ldc = N + 2;
  const c = new Float32Array(1 + M * ldc).fill(7);
  if (backend === "wasm") {
    const kernels = wasmKernels();
    if (kernels === null) throw new Error("no wasm kernels in node");
    const done = gemmWasm(kernels, M, N, K, a.data, a.off, a.rs, a.cs, b.data, b.off, b.rs, b.cs, c, 1, ldc);
    if (!done) throw new Error(`the wasm kernels declined ${M}x${N}x${K}`);
  } else gemm(M, N, K, a.data, a.off, a.rs, a.cs, b.data, b.off, b.rs, b.cs, c, 1, ldc);
  return c;
}

/** The float64 reference: the JS gemm on float64 copies of the operands. */
export function reference(
  M: number,
  N: number,
  K: number,
  a: Operand,
  b: Operand,
): { c: Float64Array; mag: Float64Array } {
  const ldc = N + 2;
  const c = new Float64Array(1 + M * ldc).fill(7);
  const mag = new Float64Array(1 + M * ldc);
  const a64 = Float64Array.from(a.data);
  const b64 = Float64Array.from(b.data);
  setBackend("js");
  gemm(M, N, K, a64, a.off, a.rs, a.cs, b64, b.off, b.rs, b.cs, c, 1, ldc);
  gemm(M, N, K, a64.map(Math.abs), a.off, a.rs, a.cs, b64.map(Math.abs), b.off, b.rs, b.cs, mag, 1, ldc);
  return { c, mag };
}

export function expectClose(
  got: Float32Array,
  want: { c: Float64Array; mag: Float64Array },
  what: string,
): void {
  expect(got.length).toBe(want.c.length);
  for (let i = 0; i < got.length; i++) {
    const tol = 1e-6 * want.mag[i]! + 1e-7;
    if (!(Math.abs(got[i]! - want.c[i]!) <= tol)) {
      expect.fail(`${what}: element ${i} is ${got[i]}, expected ${want.c[i]} (tolerance ${tol})`);
    }
  }
}
