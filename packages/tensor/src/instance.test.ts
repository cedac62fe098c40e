import { afterEach, describe, expect, it, vi } from "vitest";
import { VERSION } from "./generated/version.js";
import "./index.js";

const KEY = Symbol.for("@tsgrad/tensor");
const g = globalThis as { [KEY]?: { version: string; url: string } };
const first = g[KEY];

afterEach(() => {
  g[KEY] = first;
});

describe("one copy of @tsgrad/tensor per realm", () => {
  it("registers the loaded copy with its version", () => {
    expect(first).toEqual({ version: VERSION, url: expect.stringMatching(/instance\.(ts|js)$/) });
  });

  it("accepts the same file evaluated again (a test runner resetting its modules)", async () => {
    vi.resetModules();
    await expect(import("./instance.js")).resolves.toBeDefined();
    expect(g[KEY]).toEqual(first);
  });

  it("throws at import time when another copy is already loaded, naming both and the fix", async () => {
    g[KEY] = { version: "0.9.0", url: "file:///app/node_modules/@tsgrad/tensor/dist/instance.js" };
    vi.resetModules();
    await expect(import("./instance.js")).rejects.toThrow(
      `two copies of @tsgrad/tensor are loaded (0.9.0 at file:///app/node_modules/@tsgrad/tensor/dist/instance.js and ${VERSION} at ${first?.url})`,
    );
    vi.resetModules();
    g[KEY] = { version: "0.9.0", url: first?.url ?? "" }; // one bundle, two versions inside
    await expect(import("./instance.js")).rejects.toThrow("npm ls @tsgrad/tensor");
  });
});
