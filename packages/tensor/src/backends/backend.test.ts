// The wasm backend: its gemm against the JS gemm in float64 for every layout, remainder and
// stride, and how the backend is chosen (TSGRAD_BACKEND, setBackend, no WebAssembly, browsers).
import { afterEach, describe, expect, it, vi } from "vitest";
import "../index.js";
import { ValueError } from "../errors.js";
import { gemm } from "../kernels/gemm.js";
import { expectClose, type Layout, operand, reference, run } from "../kernels/gemm.test-util.js";
import { WASM_MIN_MACS } from "../kernels/thresholds.js";
import { fromStorage } from "../storage.js";
import { type BackendName, getBackend, parseBackendEnv, setBackend, wasmAvailable } from "./backend.js";

const projectBackend = getBackend();

afterEach(() => {
  setBackend(projectBackend);
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe("wasm gemm", () => {
  it("is ready at once in node (wasmModuleReady resolves with the variant)", async () => {
    const { wasmModuleReady, wasmVariant } = await import("./backend.js");
    expect(await wasmModuleReady()).toBe(wasmVariant());
    expect(wasmVariant()).not.toBeNull();
  });

  it("is available in node", () => {
    expect(wasmAvailable()).toBe(true);
  });

  // The three products of a linear layer X [B, I], W [O, I], G [B, O], as gemm() sees them.
  const linear = (B: number, I: number, O: number) => ({
    nt: { M: B, N: O, K: I, a: operand(B, I, "rowmajor", 1), b: operand(I, O, "colmajor", 2) }, // X @ W.T
    tn: { M: O, N: I, K: B, a: operand(O, B, "colmajor", 3), b: operand(B, I, "rowmajor", 4) }, // G.T @ X
    nn: { M: B, N: I, K: O, a: operand(B, O, "rowmajor", 5), b: operand(O, I, "rowmajor", 6) }, // G @ W
  });

  for (const [B, I, O] of [
    [256, 784, 10],
    [13, 37, 7],
    [1, 5, 3],
    [6, 1, 9],
    [17, 130, 1],
  ] as const) {
    it(`matches the float64 JS gemm on the products of a linear layer B=${B} I=${I} O=${O}`, () => {
      for (const [name, p] of Object.entries(linear(B, I, O))) {
        const want = reference(p.M, p.N, p.K, p.a, p.b);
        expectClose(run("wasm", p.M, p.N, p.K, p.a, p.b), want, `${name} wasm`);
        expectClose(run("js", p.M, p.N, p.K, p.a, p.b), want, `${name} js`);
      }
    });
  }

  it("matches on random shapes with every M, N, K remainder and every layout pair", () => {
    const layouts: Layout[] = ["rowmajor", "colmajor", "padded", "strided", "reversed", "broadcast"];
    let seed = 10;
    for (let M = 1; M <= 9; M++) {
      for (let N = 1; N <= 17; N += M % 2 === 0 ? 3 : 2) {
        for (const K of [1, 2, 3, 4, 5, 8, 11, 33]) {
          const la = layouts[(M + N + K) % layouts.length]!;
          const lb = layouts[(M * 7 + N * 3 + K) % layouts.length]!;
          const a = operand(M, K, la, seed++);
          const b = operand(K, N, lb, seed++);
          expectClose(run("wasm", M, N, K, a, b), reference(M, N, K, a, b), `${M}x${N}x${K} ${la} @ ${lb}`);
        }
      }
    }
    for (const la of layouts) {
      for (const lb of layouts) {
        const [M, N, K] = [11, 14, 23];
        const a = operand(M, K, la, seed++);
        const b = operand(K, N, lb, seed++);
        expectClose(run("wasm", M, N, K, a, b), reference(M, N, K, a, b), `${la} @ ${lb}`);
      }
    }
  });

  it("matches for narrow results (N <= 16, M >= 4N): packed dot and the transposed product", () => {
    // X @ W with W [K, N] row-major, and X.T @ G with A not contiguous along K: the layouts of
    // a linear layer written as in d2l's scratch code (weight [in, out]).
    const layouts: Layout[] = ["rowmajor", "colmajor", "padded", "strided", "reversed", "broadcast"];
    let seed = 500;
    for (const [M, N, K] of [
      [64, 10, 37],
      [70, 16, 5],
      [33, 1, 9],
      [129, 3, 64],
    ] as const) {
      for (const la of layouts) {
        for (const lb of layouts) {
          const a = operand(M, K, la, seed++);
          const b = operand(K, N, lb, seed++);
          expectClose(run("wasm", M, N, K, a, b), reference(M, N, K, a, b), `${M}x${N}x${K} ${la} @ ${lb}`);
        }
      }
    }
  });

  it("grows wasm memory for large operands and keeps working after", () => {
    const small = { a: operand(5, 6, "rowmajor", 1), b: operand(6, 7, "rowmajor", 2) };
    expectClose(run("wasm", 5, 7, 6, small.a, small.b), reference(5, 7, 6, small.a, small.b), "before");
    const [M, N, K] = [300, 500, 700]; // 2.9 MB of operands, more than the initial memory
    const a = operand(M, K, "rowmajor", 3);
    const b = operand(K, N, "rowmajor", 4);
    expectClose(run("wasm", M, N, K, a, b), reference(M, N, K, a, b), "large");
    expectClose(run("wasm", 5, 7, 6, small.a, small.b), reference(5, 7, 6, small.a, small.b), "after");
  });

  it("leaves float64 and int32 products to the JS kernels", () => {
    setBackend("wasm");
    const a = Int32Array.from([1, 2, 3, 4]);
    const c = new Int32Array(4);
    gemm(2, 2, 2, a, 0, 2, 1, a, 0, 2, 1, c, 0, 2);
    expect(Array.from(c)).toEqual([7, 10, 15, 22]);
    const d = new Float64Array(4);
    gemm(2, 2, 2, Float64Array.from(a), 0, 1, 2, Float64Array.from(a), 0, 1, 2, d, 0, 2);
    expect(Array.from(d)).toEqual([7, 15, 10, 22]);
  });
});

describe("small products", () => {
  it("mm runs on the JS kernels on either backend below WASM_MIN_MACS, and on wasm from there", () => {
    const product = (backend: BackendName, M: number, N: number, K: number) => {
      const a = operand(M, K, "rowmajor", 3);
      const b = operand(K, N, "rowmajor", 4);
      setBackend(backend);
      const at = fromStorage(a.data, "float32", [M, K], [a.rs, a.cs], a.off);
      const bt = fromStorage(b.data, "float32", [K, N], [b.rs, b.cs], b.off);
      const c = at.mm(bt).toTypedArray();
      // run() writes C with row stride N + 2 from offset 1: take its M x N values.
      const padded = run("wasm", M, N, K, a, b);
      const wasm = Array.from(
        { length: M * N },
        (_, i) => padded[1 + Math.floor(i / N) * (N + 2) + (i % N)]!,
      );
      return { c, wasm };
    };
    // [10, 2] @ [2, 1] (linear regression's batch): JS's float64 accumulation on both backends.
    const small = product("wasm", 10, 1, 2);
    expect(10 * 1 * 2).toBeLessThan(WASM_MIN_MACS);
    expect(Array.from(small.c)).toEqual(Array.from(product("js", 10, 1, 2).c));
    // At the threshold the wasm backend runs the wasm kernels: their float32 bits.
    const [M, N, K] = [8, 8, WASM_MIN_MACS / 64];
    const big = product("wasm", M, N, K);
    expect(Array.from(big.c)).toEqual(big.wasm);
  });
});

describe("backend selection", () => {
  it("follows TSGRAD_BACKEND in this test project", () => {
    const env = process.env.TSGRAD_BACKEND;
    if (env === "js" || env === "wasm") expect(projectBackend).toBe(env);
    else expect(projectBackend).toBe("wasm");
  });

  it("parses TSGRAD_BACKEND", () => {
    expect(parseBackendEnv(undefined)).toBe("auto");
    expect(parseBackendEnv("")).toBe("auto");
    expect(parseBackendEnv("js")).toBe("js");
    expect(parseBackendEnv(" WASM ")).toBe("wasm");
    expect(() => parseBackendEnv("gpu")).toThrow(ValueError);
    expect(() => parseBackendEnv("gpu")).toThrow('TSGRAD_BACKEND: expected "js" or "wasm", got "gpu"');
  });

  it("picks wasm automatically, js or wasm when forced, and rejects other values", async () => {
    vi.stubEnv("TSGRAD_BACKEND", "");
    expect((await import("./backend.js")).getBackend()).toBe("wasm");
    vi.resetModules();
    vi.stubEnv("TSGRAD_BACKEND", "js");
    expect((await import("./backend.js")).getBackend()).toBe("js");
    vi.resetModules();
    vi.stubEnv("TSGRAD_BACKEND", "wasm");
    expect((await import("./backend.js")).getBackend()).toBe("wasm");
    vi.resetModules();
    vi.stubEnv("TSGRAD_BACKEND", "webgpu");
    const fresh = await import("./backend.js");
    expect(() => fresh.getBackend()).toThrow('TSGRAD_BACKEND: expected "js" or "wasm", got "webgpu"');
    fresh.setBackend("js"); // an explicit choice overrides the environment
    expect(fresh.getBackend()).toBe("js");
  });

  it("picks wasm, or follows TSGRAD_BACKEND, when a wasm workspace loaded the module first", async () => {
    for (const [env, want] of [
      ["", "wasm"],
      ["js", "js"],
      ["wasm", "wasm"],
    ] as const) {
      vi.resetModules();
      vi.stubEnv("TSGRAD_BACKEND", env);
      const { createWasmWorkspace } = await import("./workspace.js");
      expect(createWasmWorkspace(64)).not.toBeNull();
      expect((await import("./backend.js")).getBackend()).toBe(want);
    }
  });

  it("switches with setBackend and rejects unknown names", () => {
    setBackend("js");
    expect(getBackend()).toBe("js");
    setBackend("wasm");
    expect(getBackend()).toBe("wasm");
    expect(() => setBackend("gpu" as BackendName)).toThrow(ValueError);
    expect(() => setBackend("gpu" as BackendName)).toThrow('setBackend: expected "js" or "wasm", got "gpu"');
    expect(getBackend()).toBe("wasm");
  });

  it("falls back to js without WebAssembly; setBackend('wasm') and TSGRAD_BACKEND=wasm then throw", async () => {
    vi.stubGlobal("WebAssembly", undefined);
    vi.stubEnv("TSGRAD_BACKEND", "");
    const auto = await import("./backend.js");
    const errors = await import("../errors.js"); // the class of the freshly imported modules
    expect(auto.getBackend()).toBe("js");
    expect(() => auto.setBackend("wasm")).toThrow(errors.ValueError);
    expect(() => auto.setBackend("wasm")).toThrow(
      "setBackend: the wasm backend is unavailable: this JavaScript environment has no WebAssembly",
    );
    expect(auto.getBackend()).toBe("js");
    const { gemm: jsGemm } = await import("../kernels/gemm.js");
    const c = new Float32Array(1);
    jsGemm(1, 1, 2, Float32Array.from([1, 2]), 0, 2, 1, Float32Array.from([3, 4]), 0, 1, 1, c, 0, 1);
    expect(c[0]).toBe(11);

    vi.resetModules();
    vi.stubEnv("TSGRAD_BACKEND", "wasm");
    const forced = await import("./backend.js");
    expect(() => forced.getBackend()).toThrow((await import("../errors.js")).ValueError);
    expect(() => forced.getBackend()).toThrow("TSGRAD_BACKEND=wasm: the wasm backend is unavailable");
  });

  it("falls back to js where WebAssembly lacks SIMD", async () => {
    const real = (globalThis as { WebAssembly?: object }).WebAssembly;
    vi.stubGlobal("WebAssembly", Object.assign(Object.create(real ?? null), { validate: () => false }));
    vi.stubEnv("TSGRAD_BACKEND", "");
    const fresh = await import("./backend.js");
    expect(fresh.getBackend()).toBe("js");
    expect(() => fresh.setBackend("wasm")).toThrow("does not support SIMD");
    expect(await fresh.wasmModuleReady()).toBeNull();
  });

  it("outside node compiles asynchronously and runs js until the module is ready", async () => {
    vi.stubEnv("TSGRAD_BACKEND", "");
    const fresh = await import("./backend.js");
    const { gemm: freshGemm } = await import("../kernels/gemm.js");
    const versions = Object.getOwnPropertyDescriptor(process, "versions")!;
    Object.defineProperty(process, "versions", {
      ...versions,
      value: { ...process.versions, node: undefined },
    });
    try {
      expect(fresh.getBackend()).toBe("js"); // starts WebAssembly.compile
    } finally {
      Object.defineProperty(process, "versions", versions);
    }
    const c = new Float32Array(1);
    freshGemm(1, 1, 2, Float32Array.from([1, 2]), 0, 2, 1, Float32Array.from([3, 4]), 0, 1, 1, c, 0, 1);
    expect(c[0]).toBe(11);
    expect(fresh.wasmAvailable()).toBe(false); // still compiling
    expect(await fresh.wasmModuleReady()).toMatch(/^(relaxed-)?simd$/);
    expect(fresh.getBackend()).toBe("wasm"); // ready means the automatic switch has happened
    expect(fresh.wasmKernels()).not.toBeNull();
    freshGemm(1, 1, 2, Float32Array.from([1, 2]), 0, 2, 1, Float32Array.from([3, 5]), 0, 1, 1, c, 0, 1);
    expect(c[0]).toBe(13);
  });

  it("outside node, setBackend('js') made while compiling wins over the automatic switch", async () => {
    vi.stubEnv("TSGRAD_BACKEND", "");
    const fresh = await import("./backend.js");
    const versions = Object.getOwnPropertyDescriptor(process, "versions")!;
    Object.defineProperty(process, "versions", {
      ...versions,
      value: { ...process.versions, node: undefined },
    });
    try {
      expect(fresh.getBackend()).toBe("js");
    } finally {
      Object.defineProperty(process, "versions", versions);
    }
    fresh.setBackend("js");
    await new Promise((resolve) => setTimeout(resolve, 50));
    await vi.waitFor(() => expect(fresh.wasmAvailable()).toBe(true));
    expect(fresh.getBackend()).toBe("js");
    fresh.setBackend("wasm");
    expect(fresh.getBackend()).toBe("wasm");
  });

  /**
   * Runs `fn` without process.getBuiltinModule, as in a browser. (process.versions.node stays:
   * Node's own DecompressionStream reads it.)
   */
  function withoutZlib<T>(fn: () => T): T {
    const proc = process as { getBuiltinModule?: unknown };
    const getBuiltinModule = proc.getBuiltinModule;
    proc.getBuiltinModule = undefined;
    try {
      return fn();
    } finally {
      proc.getBuiltinModule = getBuiltinModule;
    }
  }

  it("without node:zlib decompresses the module with DecompressionStream, then compiles it", async () => {
    vi.stubEnv("TSGRAD_BACKEND", "");
    const fresh = await import("./backend.js");
    withoutZlib(() => {
      expect(fresh.getBackend()).toBe("js"); // starts decompressing
      expect(fresh.wasmVariant()).toBeNull(); // not known before the bytes are
    });
    expect(fresh.wasmAvailable()).toBe(false);
    expect(await fresh.wasmModuleReady()).toMatch(/^(relaxed-)?simd$/);
    expect(fresh.getBackend()).toBe("wasm");
    expect(fresh.newWasmInstance()).not.toBeNull();
  });

  it("without node:zlib nor DecompressionStream, stays on js and says why", async () => {
    vi.stubEnv("TSGRAD_BACKEND", "");
    vi.stubGlobal("DecompressionStream", undefined);
    const fresh = await import("./backend.js");
    withoutZlib(() => expect(fresh.getBackend()).toBe("js"));
    expect(await fresh.wasmModuleReady()).toBeNull();
    expect(() => fresh.setBackend("wasm")).toThrow(
      "setBackend: the wasm backend is unavailable: the wasm module failed to load: Error: no DecompressionStream",
    );
  });
});
