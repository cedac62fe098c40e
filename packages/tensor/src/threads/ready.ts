import { type WasmVariant, wasmModuleReady } from "../backends/backend.js";
import { threadsStarted } from "./pool.js";

/**
 * Resolves once the wasm module has loaded, with its variant ("relaxed-simd" or "simd"), or
 * with null where it cannot run, and once the worker threads of the big products run (where
 * there are any: see setNumThreads). In Node the module loads synchronously, so this resolves
 * at once; in a browser, await it before making data for wasm workspaces, timing the backend,
 * or a training loop that never yields (until then the js backend runs, `createWasmWorkspace`
 * returns null, and a worker thread made during a synchronous loop starts only after it).
 *
 * @example
 * ```ts
 * await wasmReady(); // "relaxed-simd" in Chrome 114+
 * ```
 */
export async function wasmReady(): Promise<WasmVariant | null> {
  const variant = await wasmModuleReady();
  if (variant !== null) await threadsStarted();
  return variant;
}
