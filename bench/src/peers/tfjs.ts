// TensorFlow.js as a peer: its cpu backend (plain JS) and its wasm backend (XNNPACK, SIMD).
// Both run single-threaded like tsgrad (threads are off by default in tsgrad; see DESIGN.md).
// In Node the wasm backend cannot fetch its .wasm binaries: setWasmPaths gets the directory
// of the installed package's dist/ (a plain path with a trailing slash; emscripten reads it
// with fs). Production mode is on, which skips tfjs's debug checks: tfjs at its best.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import type { Tf } from "../cases.js";

export type TfjsBackend = "cpu" | "wasm";

export interface TfjsInfo {
  tf: Tf;
  version: string;
  backends: TfjsBackend[];
  /** WebAssembly SIMD in the wasm backend; null when the wasm backend did not start. */
  wasmSimd: boolean | null;
  notes: string[];
  activate: (b: TfjsBackend) => Promise<void>;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The directory holding tfjs-backend-wasm's .wasm files, with a trailing separator. */
export function wasmDir(): string {
  const require = createRequire(import.meta.url);
  return `${join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist")}/`;
}

export async function initTfjs(): Promise<TfjsInfo> {
  tf.enableProdMode();
  const backends: TfjsBackend[] = [];
  const notes: string[] = [];
  if (await tf.setBackend("cpu")) backends.push("cpu");
  else notes.push("tfjs-cpu skipped: setBackend('cpu') failed");
  let wasmSimd: boolean | null = null;
  try {
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    setWasmPaths(wasmDir());
    if (await tf.setBackend("wasm")) {
      backends.push("wasm");
      wasmSimd = (await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT")) === true;
    } else notes.push("tfjs-wasm skipped: setBackend('wasm') failed");
  } catch (e) {
    notes.push(`tfjs-wasm skipped: ${message(e)}`);
  }
  return {
    tf,
    version: tf.version_core,
    backends,
    wasmSimd,
    notes,
    activate: async (b) => {
      if (tf.getBackend() !== b && !(await tf.setBackend(b))) throw new Error(`tf.setBackend("${b}") failed`);
    },
  };
}
