// The wasm backend, ready: in a browser (the worker) @tsgrad/tensor compiles its WebAssembly
// module asynchronously and runs JavaScript kernels until it is done, so training waits for it.
// It must also be ready before the data loads: the pixels then go into a wasm workspace, where
// batches are converted and read by the matmul in place.
import { getBackend, setBackend, wasmVariant } from "tsgrad";

export interface BackendInfo {
  /** "wasm", or "js" where this engine has no WebAssembly SIMD. */
  name: string;
  /** "relaxed-simd" or "simd" (which build of the kernels runs), or null on js. */
  variant: string | null;
  /** Why the wasm backend is not used, when it is not. */
  reason?: string;
}

export async function useWasmBackend(): Promise<BackendInfo> {
  try {
    setBackend("wasm");
  } catch (e) {
    return { name: getBackend(), variant: null, reason: e instanceof Error ? e.message : String(e) };
  }
  // wasmVariant() stays non-null while the module compiles, and becomes null if that fails.
  while (getBackend() !== "wasm" && wasmVariant() !== null) await new Promise((r) => setTimeout(r, 5));
  const name = getBackend();
  return name === "wasm"
    ? { name, variant: wasmVariant() }
    : { name, variant: null, reason: "the WebAssembly module failed to compile" };
}
