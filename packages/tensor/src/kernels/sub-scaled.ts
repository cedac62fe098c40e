/**
 * y ← y − α·x over n contiguous elements, in float64 per element (the JavaScript expression
 * `y[i] - alpha * x[i]`, rounded once to y's type): plain SGD's update, exported for fused
 * optimizers. Float32 arrays on the wasm backend run asm/axpy.ts's f64x2 kernel, which gives
 * the same bits: the arrays are copied into wasm memory and y back out, since a JavaScript
 * loop here is slowed by more than the copies cost (V8's scalar float32 loads and stores, and
 * store-buffer conflicts when y and x sit a few hundred bytes apart modulo 4 KiB).
 */
import { wasmKernels } from "../backend.js";
import type { TypedArray } from "../dtype.js";
import { heapTarget, reserve, WASM_MIN_ELEMENTS } from "./wasm-heap.js";

/** Elements per 4 KiB page. */
const PAGE = 1024;

export function subScaled(
  y: TypedArray,
  yo: number,
  x: TypedArray,
  xo: number,
  n: number,
  alpha: number,
): void {
  if (
    n >= WASM_MIN_ELEMENTS &&
    y instanceof Float32Array &&
    x instanceof Float32Array &&
    subScaledWasm(y, yo, x, xo, n, alpha)
  )
    return;
  for (let i = 0; i < n; i++) y[yo + i] = y[yo + i]! - alpha * x[xo + i]!;
}

function subScaledWasm(
  y: Float32Array,
  yo: number,
  x: Float32Array,
  xo: number,
  n: number,
  alpha: number,
): boolean {
  const kernels = wasmKernels();
  if (kernels === null) return false;
  const t = heapTarget(kernels);
  // x is staged half a page past y's page offset, so that its loads never alias y's stores.
  const yAt = t.start;
  const xAt = yAt + Math.ceil(n / PAGE) * PAGE + PAGE / 2;
  if (!reserve(t, xAt + n)) return false;
  const f32 = t.f32;
  f32.set(y.subarray(yo, yo + n), yAt);
  f32.set(x.subarray(xo, xo + n), xAt);
  kernels.subScaled(yAt * 4, xAt * 4, n, alpha);
  y.set(f32.subarray(yAt, yAt + n), yo);
  return true;
}
