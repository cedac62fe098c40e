// The embedded module: one zlib stream holding both builds, decompressed alike by node:zlib
// (synchronously) and by DecompressionStream (asynchronously, as in a browser).
import { describe, expect, it } from "vitest";
import { inflateModules, inflateModulesSync, unsharedModuleBytes } from "./wasm-bytes.js";

const MAGIC = [0x00, 0x61, 0x73, 0x6d]; // "\0asm"

describe("the embedded wasm modules", () => {
  it("decompress to two modules, the same bytes either way", async () => {
    const sync = inflateModulesSync();
    expect(sync).not.toBeNull();
    const web = await inflateModules();
    expect(web.simd).toEqual(sync!.simd);
    expect(web.relaxed).toEqual(sync!.relaxed);
    expect([...web.simd.subarray(0, 4)]).toEqual(MAGIC);
    expect([...web.relaxed.subarray(0, 4)]).toEqual(MAGIC);
    // (Node 20 validates the relaxed build only with --experimental-wasm-relaxed-simd.)
    const wasm = (globalThis as { WebAssembly?: { validate(b: Uint8Array): boolean } }).WebAssembly;
    expect(wasm?.validate(unsharedModuleBytes(web.simd))).toBe(true);
  });

  it("unsharedModuleBytes copies: the shared build stays shared", () => {
    const { simd } = inflateModulesSync()!;
    const before = simd.slice();
    unsharedModuleBytes(simd);
    expect(simd).toEqual(before);
    expect(() => unsharedModuleBytes(unsharedModuleBytes(simd))).toThrow("does not import a shared memory");
  });
});
