/**
 * e^x and the logistic sigmoid of contiguous float32 values on the wasm backend (asm/exp.ts,
 * asm/sigmoid.ts: f32x4 lanes and a polynomial, within a few float32 ulps), about 5-8x faster
 * than Math.exp per element even with the copies into and out of wasm memory. Other dtypes
 * and backends use the JS loops.
 */
import { wasmKernels } from "../backend.js";
import { heapTarget, reserve } from "./wasm-heap.js";

type Kernel = "expArray" | "sigmoidArray";

function mapWasm(
  kernel: Kernel,
  x: Float32Array,
  xo: number,
  n: number,
  out: Float32Array,
  oo: number,
): boolean {
  const kernels = wasmKernels();
  if (kernels === null) return false;
  const t = heapTarget(kernels);
  if (!reserve(t, t.start + n)) return false;
  const f32 = t.f32;
  f32.set(x.subarray(xo, xo + n), t.start);
  kernels[kernel](t.start * 4, n, t.start * 4);
  out.set(f32.subarray(t.start, t.start + n), oo);
  return true;
}

/** out[oo + i] = e^x[xo + i] for i < n; false (nothing written) without the wasm backend. */
export function expWasm(x: Float32Array, xo: number, n: number, out: Float32Array, oo: number): boolean {
  return mapWasm("expArray", x, xo, n, out, oo);
}

/** out[oo + i] = sigmoid(x[xo + i]) for i < n; false (nothing written) without the wasm backend. */
export function sigmoidWasm(x: Float32Array, xo: number, n: number, out: Float32Array, oo: number): boolean {
  return mapWasm("sigmoidArray", x, xo, n, out, oo);
}
