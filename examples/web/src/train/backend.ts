// The wasm backend, ready: in a browser (the worker) @tsgrad/tensor compiles its WebAssembly
// module asynchronously and runs JavaScript kernels until it is done, so training waits for it.
// It must also be ready before the data loads: the pixels then go into a wasm workspace, where
// batches are converted and read by the matmul in place.
// Threads: the big products run on getNumThreads() threads (this worker and workers of its
// own) where the page is cross-origin isolated, which the dev server and the tests' server are
// (vite.config.ts, test/static-server.ts: the COOP and COEP headers); elsewhere on one.
import { getBackend, getNumThreads, setBackend, wasmReady } from "tsgrad";

export interface BackendInfo {
  /** "wasm", or "js" where this engine has no WebAssembly SIMD. */
  name: string;
  /** "relaxed-simd" or "simd" (which build of the kernels runs), or null on js. */
  variant: string | null;
  /** Threads the big products run on: 1 where the page is not cross-origin isolated. */
  threads: number;
  /** Why the wasm backend is not used, when it is not. */
  reason?: string;
}

const isolated = () => (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;

export async function useWasmBackend(): Promise<BackendInfo> {
  const threads = isolated() ? getNumThreads() : 1;
  try {
    setBackend("wasm");
  } catch (e) {
    return { name: getBackend(), variant: null, threads, reason: e instanceof Error ? e.message : String(e) };
  }
  const variant = await wasmReady();
  const name = getBackend();
  return name === "wasm" && variant !== null
    ? { name, variant, threads }
    : { name, variant: null, threads, reason: "the WebAssembly module failed to compile" };
}
