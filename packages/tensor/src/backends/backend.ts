/**
 * Kernel backends. "js" (pure JavaScript, every dtype) is always there; "wasm" runs float32
 * matmul on a WebAssembly SIMD module compiled from asm/ at build time and shipped inside the
 * package compressed, as base64 (src/generated/wasm-module.ts, decompressed by wasm-bytes.ts).
 * Other dtypes always run on the JS kernels.
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
import {
  inflateModules,
  inflateModulesSync,
  unsharedModuleBytes,
  type WasmModuleBytes,
} from "./wasm-bytes.js";

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
  Instance: new (module: object, imports: { env: { memory: WasmMemory } }) => WasmInstance;
  Memory: new (descriptor: { initial: number; maximum: number; shared?: boolean }) => WasmMemory;
  compile(bytes: Uint8Array): Promise<object>;
}
interface ProcessLike {
  env?: Record<string, string | undefined>;
  versions?: { node?: string };
}

const ENV_VAR = "TSGRAD_BACKEND";
/** The module's memory limits, in 64 KiB pages (scripts/build-wasm.mjs): 1 to all of 4 GiB. */
const MIN_PAGES = 1;
const MAX_PAGES = 65536;

type WasmState =
  | { status: "unloaded" }
  | { status: "pending" }
  | {
      status: "ready";
      kernels: WasmKernels;
      /** Compiled for an ordinary memory (the backend's and the workspaces' instances). */
      module: object;
      api: WasmApi;
      /** Compiled for a shared memory (worker threads), where the engine has shared memory. */
      shared: object | null;
    }
  | { status: "unavailable"; reason: string };

let wasm: WasmState = { status: "unloaded" };
/** The asynchronous load in a browser (inflate, compile), settled when the module is ready or failed. */
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

/** Whether this realm can share memory between threads (a browser page needs cross-origin isolation). */
function canShareMemory(): boolean {
  return typeof (globalThis as { SharedArrayBuffer?: unknown }).SharedArrayBuffer === "function";
}

/** A new instance of `module` over `memory` (a new ordinary one if none is given). */
function instantiate(api: WasmApi, module: object, memory?: WasmMemory): WasmKernels {
  const env = { memory: memory ?? new api.Memory({ initial: MIN_PAGES, maximum: MAX_PAGES }) };
  const ex = new api.Instance(module, { env }).exports;
  for (const name of WASM_EXPORTS) {
    if (ex[name] === undefined) throw new Error(`the wasm module does not export ${name}`);
  }
  return ex as unknown as WasmKernels;
}

function setActive(): void {
  active = current === "wasm" && wasm.status === "ready" ? wasm.kernels : null;
}

function onReady(api: WasmApi, module: object, shared: object | null): void {
  wasm = { status: "ready", kernels: instantiate(api, module), module, api, shared };
  if (wanted !== "js") current = "wasm";
  setActive();
}

/** The module compiled synchronously, or null if it fails: for the optional shared build. */
function compileOrNull(api: WasmApi, bytes: Uint8Array): object | null {
  try {
    return new api.Module(bytes);
  } catch {
    return null;
  }
}

/**
 * Starts loading the wasm module: synchronously under Node, asynchronously elsewhere (a browser
 * also decompresses the embedded bytes asynchronously, before it compiles them).
 */
function loadWasm(): void {
  if (wasm.status !== "unloaded") return;
  const api = wasmApi();
  if (api === undefined) {
    wasm = { status: "unavailable", reason: "this JavaScript environment has no WebAssembly" };
    return;
  }
  let modules: WasmModuleBytes | null;
  try {
    modules = inflateModulesSync();
  } catch (e) {
    wasm = { status: "unavailable", reason: `the wasm module failed to load: ${String(e)}` };
    return;
  }
  if (modules !== null) {
    compiling = compileModule(api, modules) ?? null;
    return;
  }
  wasm = { status: "pending" };
  compiling = inflateModules()
    .then((m) => compileModule(api, m))
    .catch((e: unknown) => {
      wasm = { status: "unavailable", reason: `the wasm module failed to load: ${String(e)}` };
    });
}

/**
 * Compiles the build that the engine validates: synchronously under Node, else asynchronously,
 * returning the promise that settles when the module is ready or failed.
 */
function compileModule(api: WasmApi, modules: WasmModuleBytes): Promise<void> | undefined {
  // The build's bytes import a shared memory (for worker threads); the single-threaded
  // instances run the same bytes with the import made unshared ("ordinary").
  let bytes: Uint8Array;
  let ordinary: Uint8Array;
  try {
    // The relaxed-SIMD build (fused multiply-add in the gemm kernels) where the engine has it.
    bytes = modules.relaxed;
    ordinary = unsharedModuleBytes(bytes);
    variant = "relaxed-simd";
    if (!api.validate(ordinary)) {
      bytes = modules.simd;
      ordinary = unsharedModuleBytes(bytes);
      variant = "simd";
    }
    if (!api.validate(ordinary)) {
      variant = null;
      wasm = { status: "unavailable", reason: "this WebAssembly engine does not support SIMD (f32x4)" };
      return;
    }
  } catch (e) {
    wasm = { status: "unavailable", reason: `the wasm module failed to load: ${String(e)}` };
    return;
  }
  const sharedBytes = canShareMemory() && api.validate(bytes) ? bytes : null;
  if (typeof processLike()?.versions?.node === "string") {
    try {
      onReady(api, new api.Module(ordinary), sharedBytes && compileOrNull(api, sharedBytes));
    } catch (e) {
      wasm = { status: "unavailable", reason: `the wasm module failed to compile: ${String(e)}` };
    }
    return;
  }
  wasm = { status: "pending" };
  // Threads are an extra: a shared build that fails to compile leaves them off, not the backend.
  const shared = sharedBytes && api.compile(sharedBytes).catch(() => null);
  return Promise.all([api.compile(ordinary), shared])
    .then(([module, sharedModule]) => onReady(api, module, sharedModule))
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
 * Resolves once the wasm module has loaded, with its variant, or with null where it cannot run
 * (the public wasmReady, threads/ready.ts, also waits for the worker threads).
 */
export function wasmModuleReady(): Promise<WasmVariant | null> {
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

/** What worker threads need to run the kernels over one shared memory (src/threads/). */
export interface SharedWasm {
  /** The module compiled for a shared memory: post it to a worker, which instantiates it. */
  readonly module: object;
  /** A new shared memory of `pages` 64 KiB pages that the module can import. */
  newMemory(pages: number): WasmMemory;
  /** An instance on this thread over `memory` (from newMemory). */
  instantiate(memory: WasmMemory): WasmKernels;
}

/**
 * The kernels for a shared memory, or null where they cannot run: no wasm (yet), or no shared
 * memory (a browser page that is not cross-origin isolated).
 */
export function sharedWasm(): SharedWasm | null {
  loadWasm();
  if (wasm.status !== "ready" || wasm.shared === null) return null;
  const { api, shared } = wasm;
  return {
    module: shared,
    newMemory: (pages) =>
      new api.Memory({ initial: Math.max(pages, MIN_PAGES), maximum: MAX_PAGES, shared: true }),
    instantiate: (memory) => instantiate(api, shared, memory),
  };
}
