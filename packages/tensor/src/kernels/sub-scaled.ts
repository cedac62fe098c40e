/**
 * y ← y − α·x over n contiguous float32 elements on the wasm backend (asm/axpy.ts's f64x2
 * kernel): plain SGD's update (ops/sgd.ts), with the bits of the JavaScript expression
 * `y[i] - alpha * x[i]` (float64, rounded once). The arrays are copied into wasm memory and y
 * back out, since a JavaScript loop here is slowed by more than the copies cost (V8's scalar
 * float32 loads and stores, and store-buffer conflicts when y and x sit a few hundred bytes
 * apart modulo 4 KiB).
 */
import { wasmKernels } from "../backends/backend.js";
import { heapTarget } from "./wasm-heap.js";
import { staging } from "./wasm-stage.js";

/** Elements per 4 KiB page. */
const PAGE = 1024;

/** y[yo + i] −= α·x[xo + i] for i < n; false (nothing written) without the wasm backend or room. */
export function subScaledWasm(
  y: Float32Array,
  yo: number,
  x: Float32Array,
  xo: number,
  n: number,
  alpha: number,
): boolean {
  const kernels = wasmKernels();
  if (kernels === null) return false;
  const s = staging(heapTarget(kernels));
  const yAt = s.update(y, yo, n);
  // x is staged half a page past y's page offset, so that its loads never alias y's stores.
  s.padTo(yAt + Math.ceil(n / PAGE) * PAGE + PAGE / 2);
  const xAt = s.input(x, xo, n);
  if (!s.stage()) return false;
  kernels.subScaled(yAt * 4, xAt * 4, n, alpha);
  s.finish();
  return true;
}
