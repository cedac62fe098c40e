// Where the engine refuses more wasm memory, tidy lends ordinary arrays instead of arena
// blocks, and results are the same.
import { describe, expect, it, vi } from "vitest";
import "./index.js";
import { getBackend } from "./backends/backend.js";
import { randn } from "./create.js";
import { inArena } from "./pool.js";
import { tidy } from "./scope.js";

let attempts = 0;
vi.mock(import("./backends/workspace.js"), async (original) => ({
  ...(await original()),
  createWasmWorkspace: () => {
    attempts++;
    throw new RangeError("WebAssembly.Memory.grow(): Maximum memory size exceeded");
  },
}));

describe("tidy without arena memory", () => {
  it.runIf(getBackend() === "wasm")("lends ordinary arrays, tries once, and computes the same", () => {
    const g = randn([256, 10]);
    const w = randn([10, 784]);
    const want = g.matmul(w).toArray();
    for (let i = 0; i < 3; i++) {
      tidy(() => {
        const r = g.matmul(w);
        expect(inArena(r.storage)).toBe(false);
        expect(r.toArray()).toEqual(want);
      });
    }
    expect(attempts).toBe(1);
  });
});
