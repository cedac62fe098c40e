/**
 * e^x and the logistic sigmoid of contiguous float32 values on the wasm backend (asm/exp.ts,
 * asm/sigmoid.ts: f32x4 lanes and a polynomial, within a few float32 ulps), about 5-8x faster
 * than Math.exp per element even with the copies into and out of wasm memory. Other dtypes
 * and backends use the JS loops.
 */
import { wasmKernels } from "../backends/backend.js";
import { WASM_MIN_ELEMENTS } from "./thresholds.js";
import { heapTarget, type Target, workspaceTarget } from "./wasm-heap.js";
import { staging } from "./wasm-stage.js";

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
  // Run where the result lives when it is a workspace's (a tidy arena block): written in place.
  // Small results never are (arena blocks are big), and asking a small array for its buffer
  // would move its data out of V8's heap.
  const ws = n >= WASM_MIN_ELEMENTS ? workspaceTarget(out) : null;
  if (ws !== null && mapOn(ws, kernel, x, xo, n, out, oo)) return true;
  return mapOn(heapTarget(kernels), kernel, x, xo, n, out, oo);
}

/** The kernel on target `t`, reading x and writing out in place where they live in t's memory. */
function mapOn(
  t: Target,
  kernel: Kernel,
  x: Float32Array,
  xo: number,
  n: number,
  out: Float32Array,
  oo: number,
): boolean {
  const s = staging(t);
  const xAt = s.input(x, xo, n);
  // A staged x is mapped where it was staged (the kernels allow out = x).
  const oAt = s.outputOver(xAt, out, oo, n);
  if (!s.stage()) return false;
  t.kernels[kernel](xAt * 4, n, oAt * 4);
  s.finish();
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
