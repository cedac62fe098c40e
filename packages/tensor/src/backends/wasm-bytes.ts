/**
 * The wasm module's bytes: decompressed from what the build embeds, and in two flavours of one
 * build. scripts/build-wasm.mjs embeds its two builds (plain and relaxed SIMD) as one zlib
 * stream in base64, since deflate stores the second build mostly as references to the first;
 * Node inflates it synchronously (node:zlib), a browser asynchronously (DecompressionStream:
 * Chrome 80+, Safari 16.4+, Firefox 113+; elsewhere the js backend runs).
 * The build compiles the kernels to import their memory (env.memory) declared shared, so that
 * worker threads can run them over one memory (src/threads/). An instance for
 * one thread (the backend's, a workspace's) gets an ordinary memory instead: that needs the
 * module's import to say "not shared", which is one flag byte of the import's limits, so the
 * second flavour is the same bytes with that byte changed rather than a second embedded module.
 */
import {
  WASM_MODULE_SIMD_BYTES,
  WASM_MODULES_BYTES,
  WASM_MODULES_DEFLATED,
} from "../generated/wasm-module.js";

/** The limits flags of a memory type: 0x01 = has a maximum, 0x02 = shared. */
const HAS_MAX = 0x01;
const SHARED = 0x02;

/** The two builds of the module, as the build script compiled them (shared memory import). */
export interface WasmModuleBytes {
  simd: Uint8Array;
  relaxed: Uint8Array;
}

interface Zlib {
  inflateSync(bytes: Uint8Array): Uint8Array;
}
/** The web APIs that decompress a zlib stream. */
interface WebDecompression {
  DecompressionStream?: new (format: "deflate") => object;
  Blob: new (parts: Uint8Array[]) => { stream(): { pipeThrough(transform: object): object } };
  Response: new (body: object) => { arrayBuffer(): Promise<ArrayBuffer> };
}

/** The two builds, cut from their concatenation (views, no copies). */
function split(all: Uint8Array): WasmModuleBytes {
  if (all.length !== WASM_MODULES_BYTES) {
    throw new Error(`the wasm modules decompressed to ${all.length} bytes, not ${WASM_MODULES_BYTES}`);
  }
  return { simd: all.subarray(0, WASM_MODULE_SIMD_BYTES), relaxed: all.subarray(WASM_MODULE_SIMD_BYTES) };
}

/** The two builds, decompressed synchronously by Node's zlib; null where there is none (a browser). */
export function inflateModulesSync(): WasmModuleBytes | null {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const zlib = process?.getBuiltinModule?.call(process, "node:zlib") as Zlib | undefined;
  if (zlib === undefined) return null;
  const all = zlib.inflateSync(decodeBase64(WASM_MODULES_DEFLATED));
  // A plain Uint8Array over the Buffer's bytes: unsharedModuleBytes copies with slice(), which on
  // a Buffer would make a view.
  return split(new Uint8Array(all.buffer, all.byteOffset, all.byteLength));
}

/** The two builds, decompressed asynchronously with the web's DecompressionStream. */
export async function inflateModules(): Promise<WasmModuleBytes> {
  const web = globalThis as unknown as WebDecompression;
  if (web.DecompressionStream === undefined) {
    throw new Error("no DecompressionStream to decompress the wasm module");
  }
  const stream = new web.Blob([decodeBase64(WASM_MODULES_DEFLATED)])
    .stream()
    .pipeThrough(new web.DecompressionStream("deflate"));
  return split(new Uint8Array(await new web.Response(stream).arrayBuffer()));
}

function decodeBase64(text: string): Uint8Array {
  const atob = (globalThis as { atob?: (s: string) => string }).atob;
  if (atob === undefined) throw new Error("no atob to decode the wasm module");
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/**
 * The offset of the limits flags of the module's memory import (the build makes env.memory
 * its only import), found by walking the sections; -1 if there is none.
 */
function memoryLimitsAt(bytes: Uint8Array): number {
  let p = 8; // magic and version
  const u32 = (): number => {
    let v = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[p++] ?? 0;
      v += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80 && p < bytes.length);
    return v;
  };
  while (p < bytes.length) {
    const id = bytes[p++];
    const size = u32();
    const end = p + size;
    // The import section; the build allows one import, env.memory, so the first entry is it.
    if (id === 2 && u32() > 0) {
      // (`p += u32()` would read p before u32 moves it past the length)
      const moduleName = u32();
      p += moduleName;
      const fieldName = u32();
      p += fieldName;
      return bytes[p++] === 2 ? p : -1;
    }
    p = end;
  }
  return -1;
}

/**
 * `bytes` with its memory import made unshared (a copy; the maximum stays), for instances whose
 * memory is an ordinary one. Throws if the module does not import a shared memory.
 */
export function unsharedModuleBytes(bytes: Uint8Array): Uint8Array {
  const at = memoryLimitsAt(bytes);
  if (at < 0 || (bytes[at] ?? 0) !== (HAS_MAX | SHARED)) {
    throw new Error("the wasm module does not import a shared memory (rebuild @tsgrad/tensor)");
  }
  const copy = bytes.slice();
  copy[at] = HAS_MAX;
  return copy;
}
