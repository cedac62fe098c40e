// Wasm workspaces: operands that live in one are read in place by the wasm gemm, give the same
// products as anywhere else, and stay valid whatever else grows.
import { afterEach, describe, expect, it } from "vitest";
import "../index.js";
import { fromTypedArray } from "../create.js";
import { ValueError } from "../errors.js";
import { expectClose, type Layout, operand, reference, run } from "../kernels/gemm.test-util.js";
import { getBackend, setBackend, wasmKernels } from "./backend.js";
import { createWasmWorkspace, type WasmWorkspace, workspaceOf } from "./workspace.js";

const projectBackend = getBackend();
afterEach(() => setBackend(projectBackend));

/** Bump allocation of float32 arrays in a workspace's data area. */
function arena(ws: WasmWorkspace): (length: number) => Float32Array {
  let at = ws.dataStart;
  return (length) => {
    if (at + 4 * length > ws.dataStart + ws.dataBytes) throw new Error("test arena full");
    const view = new Float32Array(ws.memory.buffer, at, length);
    at += 4 * length + 16;
    return view;
  };
}

function workspace(bytes: number): WasmWorkspace {
  const ws = createWasmWorkspace(bytes);
  if (ws === null) throw new Error("no wasm workspace in node");
  return ws;
}

describe("createWasmWorkspace", () => {
  it("gives a 16-byte aligned data area that views of its memory are recognized in", () => {
    const ws = workspace(1000);
    expect(ws.dataStart % 16).toBe(0);
    expect(ws.dataBytes).toBe(1000);
    expect(ws.memory.buffer.byteLength).toBeGreaterThanOrEqual(ws.dataStart + 1000);
    expect(workspaceOf(new Float32Array(ws.memory.buffer, ws.dataStart, 10))).toBeDefined();
    expect(workspaceOf(new Float32Array(10))).toBeUndefined();
  });

  it("rejects a size that is not a non-negative integer, or beyond 4 GiB", () => {
    expect(() => createWasmWorkspace(-1)).toThrow(ValueError);
    expect(() => createWasmWorkspace(1.5)).toThrow(
      "createWasmWorkspace: dataBytes must be a non-negative integer, got 1.5",
    );
    expect(() => createWasmWorkspace(2 ** 32)).toThrow(
      "createWasmWorkspace: 4294967296 bytes do not fit a 4 GiB wasm memory",
    );
  });
});

describe("gemm on operands in a workspace", () => {
  const layouts: Layout[] = ["rowmajor", "colmajor", "padded", "strided", "reversed", "broadcast"];

  it("matches the float64 reference with A, B or both in the workspace, every layout pair", () => {
    const ws = workspace(4 * 1024 * 1024);
    let seed = 1;
    for (const [M, N, K, all] of [
      [256, 10, 784, false], // X @ W.T
      [10, 784, 256, false], // G.T @ X
      [37, 5, 19, true], // narrow: the transposed product
      [9, 13, 6, true],
    ] as const) {
      const some: Layout[] = ["rowmajor", "colmajor", "strided"];
      for (const la of all ? layouts : some) {
        for (const lb of all ? layouts : some) {
          for (const where of ["a", "b", "both"] as const) {
            const place = arena(ws);
            const a = operand(M, K, la, seed, where === "b" ? undefined : place);
            const b = operand(K, N, lb, seed + 1, where === "a" ? undefined : place);
            seed += 2;
            const want = reference(M, N, K, a, b);
            expectClose(run("wasm", M, N, K, a, b), want, `${M}x${N}x${K} ${la} @ ${lb}, ${where} resident`);
            expectClose(
              run("js", M, N, K, a, b),
              want,
              `${M}x${N}x${K} ${la} @ ${lb}, ${where} resident, js`,
            );
          }
        }
      }
    }
  });

  it("reads a resident operand in place: nothing is copied for it", () => {
    setBackend("wasm");
    const memory = wasmKernels()!.memory;
    const before = memory.buffer.byteLength;
    // A is 12 MB: more than a workspace's scratch area and than the backend's memory holds now,
    // so a copy of it would have to grow the backend's memory.
    const [M, K] = [3072, 1024];
    expect(4 * M * K).toBeGreaterThan(before);
    const a = operand(M, K, "rowmajor", 11, arena(workspace(4 * (M * K + 64))));
    const b = operand(K, 3, "colmajor", 12);
    expectClose(run("wasm", M, 3, K, a, b), reference(M, 3, K, a, b), "resident A");
    expect(memory.buffer.byteLength).toBe(before);
  });

  it("falls back to copying when the other operand does not fit the scratch area", () => {
    // B is 3 M floats (12 MB), more than a workspace's 8 MB of scratch.
    const [M, N, K] = [2, 3_000_000, 1];
    const place = arena(workspace(4 * M * K + 1024));
    const a = operand(M, K, "rowmajor", 5, place);
    const b = operand(K, N, "rowmajor", 6);
    expectClose(run("wasm", M, N, K, a, b), reference(M, N, K, a, b), "large B");
  });

  it("keeps its views valid while the backend's own memory grows", () => {
    const ws = workspace(4 * 64);
    const x = new Float32Array(ws.memory.buffer, ws.dataStart, 64).fill(0.5);
    const buffer = ws.memory.buffer;
    // A product far bigger than anything before makes the backend grow its memory.
    const big = operand(1024, 2048, "rowmajor", 7);
    const other = operand(2048, 8, "rowmajor", 8);
    expectClose(run("wasm", 1024, 8, 2048, big, other), reference(1024, 8, 2048, big, other), "big");
    expect(ws.memory.buffer).toBe(buffer);
    expect(x.length).toBe(64);
    expect(x[63]).toBe(0.5);
  });

  it("serves tensors made from its views like any other (matmul and elementwise)", () => {
    const ws = workspace(4 * 12);
    const xs = new Float32Array(ws.memory.buffer, ws.dataStart, 12);
    xs.set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const x = fromTypedArray(xs, [3, 4]);
    const w = fromTypedArray(Float32Array.of(1, 0, 0, 1, 1, 1, 1, 1), [2, 4]);
    for (const backend of ["wasm", "js"] as const) {
      setBackend(backend);
      expect(x.matmul(w.t()).toArray()).toEqual([
        [5, 10],
        [13, 26],
        [21, 42],
      ]);
      expect(x.t().matmul(x).select(0, 0).toArray()).toEqual([107, 122, 137, 152]);
      expect(x.mul(2).sum().item()).toBe(156);
    }
  });
});
