/**
 * Kernel backends. "js" (pure JavaScript, every dtype) is always there; "wasm" runs float32
 * matmul on a WebAssembly SIMD module compiled from asm/ at build time and shipped inside the
 * package as base64 (src/generated/wasm-module.ts). Other dtypes always run on the JS kernels.
 *
 * Selection, on first use:
 *   - TSGRAD_BACKEND=js|wasm in the environment (Node only) forces one; wasm forced where it
 *     cannot run is an error, as is any other value.
 *   - otherwise wasm where WebAssembly validates the SIMD module, else js.
 * Node compiles the module synchronously. Browsers refuse synchronous compilation of modules
 * over 4 KB on the main thread, so there it compiles asynchronously and js runs until it is ready.
 * `setBackend` switches at any time (tests run the whole suite once per backend).
 */
import { ValueError } from "../errors.js";
import { WASM_EXPORTS, type WasmKernels, type WasmMemory } from "../generated/wasm-kernels.js";
import { WASM_MODULE_BASE64, WASM_MODULE_RELAXED_BASE64 } from "../generated/wasm-module.js";

// The kernels' signatures are generated from asm/manifest.json, which the build checks against
// the compiled module: this interface, the check in instantiate() and the module cannot disagree.
export type { WasmKernels, WasmMemory };

/**
 * A kernel backend: "js" (plain JavaScript, every op) or "wasm" (WebAssembly SIMD kernels for
 * float32 matmul and some elementwise and row ops).
 *
 * @inline
 */
export type BackendName = "js" | "wasm";

/**
 * Which build of the wasm module runs: "relaxed-simd" (fused multiply-add) or plain "simd"
 * (see {@link wasmVariant}).
 */
export type WasmVariant = "simd" | "relaxed-simd";

/** The parts of the WebAssembly JS API used here (TypeScript's ES2022 lib does not declare it). */
interface WasmInstance {
  readonly exports: Record<string, unknown>;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, never>) => WasmInstance;
  compile(bytes: Uint8Array): Promise<object>;
}
interface ProcessLike {
  env?: Record<string, string | undefined>;
  versions?: { node?: string };
}

const ENV_VAR = "TSGRAD_BACKEND";

type WasmState =
  | { status: "unloaded" }
  | { status: "pending" }
  | { status: "ready"; kernels: WasmKernels; module: object; api: WasmApi }
  | { status: "unavailable"; reason: string };

let wasm: WasmState = { status: "unloaded" };
/** The asynchronous compilation in a browser, settled when the module is ready or failed. */
let compiling: Promise<void> | null = null;
/** Which build of the module loads: relaxed SIMD (FMA) where the engine validates it. */
let variant: WasmVariant | null = null;
let initialized = false;
/** The backend that runs now. */
let current: BackendName = "js";
/** What the environment or the user asked for; "auto" picks wasm once it is ready. */
let wanted: BackendName | "auto" = "auto";
/** kernels while the wasm backend runs, else null: the one check the gemm hot path makes. */
let active: WasmKernels | null = null;

function processLike(): ProcessLike | undefined {
  return (globalThis as { process?: ProcessLike }).process;
}

function wasmApi(): WasmApi | undefined {
  return (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
}

function decodeBase64(text: string): Uint8Array {
  const atob = (globalThis as { atob?: (s: string) => string }).atob;
  if (atob === undefined) throw new Error("no atob to decode the wasm module");
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

function instantiate(api: WasmApi, module: object): WasmKernels {
  const ex = new api.Instance(module, {}).exports;
  for (const name of WASM_EXPORTS) {
    if (ex[name] === undefined) throw new Error(`the wasm module does not export ${name}`);
  }
  return ex as unknown as WasmKernels;
}

function setActive(): void {
  active = current === "wasm" && wasm.status === "ready" ? wasm.kernels : null;
}

function onReady(api: WasmApi, module: object): void {
  wasm = { status: "ready", kernels: instantiate(api, module), module, api };
  if (wanted !== "js") current = "wasm";
  setActive();
}

/** Starts loading the wasm module: synchronously under Node, asynchronously elsewhere. */
function loadWasm(): void {
  if (wasm.status !== "unloaded") return;
  const api = wasmApi();
  if (api === undefined) {
    wasm = { status: "unavailable", reason: "this JavaScript environment has no WebAssembly" };
    return;
  }
  let bytes: Uint8Array;
  try {
    // The relaxed-SIMD build (fused multiply-add in the gemm kernels) where the engine has it.
    bytes = decodeBase64(WASM_MODULE_RELAXED_BASE64);
    variant = "relaxed-simd";
    if (!api.validate(bytes)) {
      bytes = decodeBase64(WASM_MODULE_BASE64);
      variant = "simd";
    }
    if (!api.validate(bytes)) {
      variant = null;
      wasm = { status: "unavailable", reason: "this WebAssembly engine does not support SIMD (f32x4)" };
      return;
    }
  } catch (e) {
    wasm = { status: "unavailable", reason: `the wasm module failed to load: ${String(e)}` };
    return;
  }
  if (typeof processLike()?.versions?.node === "string") {
    try {
      onReady(api, new api.Module(bytes));
    } catch (e) {
      wasm = { status: "unavailable", reason: `the wasm module failed to compile: ${String(e)}` };
    }
    return;
  }
  wasm = { status: "pending" };
  compiling = api
    .compile(bytes)
    .then((module) => onReady(api, module))
    .catch((e: unknown) => {
      wasm = { status: "unavailable", reason: `the wasm module failed to compile: ${String(e)}` };
      if (current === "wasm") current = "js";
      setActive();
    });
}

/** The backend a TSGRAD_BACKEND value asks for; unset or empty means "auto". */
export function parseBackendEnv(value: string | undefined): BackendName | "auto" {
  if (value === undefined || value === "") return "auto";
  const v = value.trim().toLowerCase();
  if (v === "js" || v === "wasm") return v;
  throw new ValueError(`${ENV_VAR}: expected "js" or "wasm", got ${JSON.stringify(value)}`);
}

function init(): void {
  if (initialized) return;
  initialized = true;
  wanted = parseBackendEnv(processLike()?.env?.[ENV_VAR]);
  if (wanted !== "js") loadWasm();
  if (wanted === "wasm" && wasm.status === "unavailable") {
    initialized = false;
    throw new ValueError(`${ENV_VAR}=wasm: the wasm backend is unavailable: ${wasm.reason}`);
  }
  // The module may have loaded before this (a workspace made first): wasm if it is ready.
  current = wanted !== "js" && wasm.status === "ready" ? "wasm" : "js";
  setActive();
}

/** The backend that runs kernels now: "wasm" (float32 matmul in WebAssembly SIMD) or "js". */
export function getBackend(): BackendName {
  init();
  return current;
}

/**
 * Switches the kernel backend. "wasm" throws a ValueError where WebAssembly SIMD is unavailable;
 * in a browser that is still compiling the module it takes effect once compilation ends.
 */
export function setBackend(name: BackendName): void {
  if (name !== "js" && name !== "wasm") {
    throw new ValueError(`setBackend: expected "js" or "wasm", got ${JSON.stringify(name)}`);
  }
  initialized = true;
  if (name === "wasm") {
    loadWasm();
    if (wasm.status === "unavailable") {
      throw new ValueError(`setBackend: the wasm backend is unavailable: ${wasm.reason}`);
    }
  }
  wanted = name;
  current = name === "wasm" && wasm.status === "ready" ? "wasm" : "js";
  setActive();
}

/** The wasm kernels when the wasm backend runs, else null. */
export function wasmKernels(): WasmKernels | null {
  if (!initialized) init();
  return active;
}

/** Whether kernels of backend `name` run now: "js" always; "wasm" while it is the backend. */
export function backendRuns(name: BackendName): boolean {
  return name === "js" || wasmKernels() !== null;
}

/** Whether the wasm module can run here (loads it if needed; false while a browser compiles it). */
export function wasmAvailable(): boolean {
  loadWasm();
  return wasm.status === "ready";
}

/**
 * Which build of the wasm module this engine runs: "relaxed-simd" (fused multiply-add in the
 * gemm kernels: Chrome 114+, Node 22+, or Node 20 with
 * --experimental-wasm-relaxed-simd), "simd", or null where it cannot run (yet).
 */
export function wasmVariant(): WasmVariant | null {
  loadWasm();
  return wasm.status === "ready" || wasm.status === "pending" ? variant : null;
}

/**
 * Resolves once the wasm module has loaded, with its variant ("relaxed-simd" or "simd"), or
 * with null where it cannot run. In Node the module loads synchronously, so this resolves at
 * once; in a browser, await it before making data for wasm workspaces or timing the backend
 * (until then the js backend runs, and `createWasmWorkspace` returns null).
 *
 * @example
 * ```ts
 * await wasmReady(); // "relaxed-simd" in Chrome 114+
 * ```
 */
export function wasmReady(): Promise<WasmVariant | null> {
  loadWasm();
  return (compiling ?? Promise.resolve()).then(() => (wasm.status === "ready" ? variant : null));
}

/**
 * A new instance of the wasm kernels, with a memory of its own, whatever backend runs (see
 * workspace.ts); null where the module is not available (yet).
 */
export function newWasmInstance(): WasmKernels | null {
  loadWasm();
  return wasm.status === "ready" ? instantiate(wasm.api, wasm.module) : null;
}
