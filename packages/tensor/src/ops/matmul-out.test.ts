// matmul(a, b, { out }) / mm(a, b, { out }): the product written into an existing tensor of any
// layout (slices of wider tensors, transposed views, views of wasm workspace memory), the
// same values as without out, nothing outside the view touched, and PyTorch's errors.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getBackend, setBackend, wasmKernels } from "../backends/backend.js";
import { createWasmWorkspace } from "../backends/workspace.js";
import {
  type DType,
  DTypeError,
  fromTypedArray,
  Generator,
  matmul,
  mm,
  randn,
  ShapeError,
  tensor,
  ValueError,
  zeros,
} from "../index.js";
import { arbTensorCaseOf, build, expectRef, readStrided } from "../reference.test-util.js";

const dims = (max: number) => fc.integer({ min: 0, max });
const dtypes = fc.constantFrom<DType>("float32", "float64", "int32");

describe("matmul with out", () => {
  it("writes the same values as without out into any non-expanded layout, and only there", () => {
    const arb = fc
      .tuple(fc.constantFrom([], [2], [3, 1]), dims(6), dims(6), dims(6), dtypes)
      .chain(([batch, m, k, n, d]) =>
        fc.tuple(
          arbTensorCaseOf([...batch, m, k], d),
          arbTensorCaseOf([k, n], d),
          arbTensorCaseOf([...batch, m, n], d).filter((c) => c.layout.kind !== "expanded"),
        ),
      );
    fc.assert(
      fc.property(arb, ([ca, cb, co]) => {
        const A = build(ca);
        const B = build(cb);
        const O = build(co);
        const want = matmul(A.t, B.t);
        // The storage around the view (slices, permutations) keeps its values.
        const before = Array.from(O.t.storage);
        const got = matmul(A.t, B.t, { out: O.t });
        expect(got).toBe(O.t);
        expectRef(O.t, readStrided(want), `out ${co.layout.kind}`);
        const inView = new Set<number>();
        const strides = O.t.strides;
        const shape = O.t.shape;
        for (let p = 0; p < O.t.numel(); p++) {
          let at = O.t.offset;
          let q = p;
          for (let d = shape.length - 1; d >= 0; d--) {
            at += (q % shape[d]!) * strides[d]!;
            q = Math.floor(q / shape[d]!);
          }
          inView.add(at);
        }
        O.t.storage.forEach((v, i) => {
          if (!inView.has(i)) expect(v).toBe(before[i]);
        });
      }),
      { numRuns: 200 },
    );
  });

  it("handles 1-D operands and a slice of a wider matrix (row stride above N)", () => {
    const g = new Generator(3);
    const a = randn([5, 7], { generator: g });
    const b = randn([7, 3], { generator: g });
    const wide = zeros([5, 8]);
    const out = wide.narrow(1, 2, 3);
    matmul(a, b, { out });
    expect(out.toArray()).toEqual(a.matmul(b).toArray());
    expect(wide.narrow(1, 0, 2).sum().item()).toBe(0);
    expect(wide.narrow(1, 5, 3).sum().item()).toBe(0);
    const v = randn([7], { generator: g });
    const row = zeros([3]);
    matmul(v, b, { out: row });
    expect(row.toArray()).toEqual(v.matmul(b).toArray());
    const col = zeros([5]);
    matmul(a, v, { out: col });
    expect(col.toArray()).toEqual(a.matmul(v).toArray());
    const scalar = zeros([]);
    matmul(v, v, { out: scalar });
    expect(scalar.item()).toBeCloseTo(v.mul(v).sum().item(), 5);
  });

  it("computes the whole product before writing when out is also an operand", () => {
    const a = tensor([
      [1, 2],
      [3, 4],
    ]).float();
    const b = tensor([
      [0, 1],
      [1, 1],
    ]).float();
    const ab = [
      [2, 3],
      [4, 7],
    ];
    const ba = [
      [3, 4],
      [4, 6],
    ];
    expect(mm(a.clone(), b, { out: a.clone() }).toArray()).toEqual(ab);
    const a1 = a.clone();
    expect(mm(a1, b, { out: a1 }).toArray()).toEqual(ab);
    const a2 = a.clone();
    expect(mm(b, a2, { out: a2 }).toArray()).toEqual(ba);
    const a3 = a.clone();
    expect(mm(a3, a3, { out: a3 }).toArray()).toEqual([
      [7, 10],
      [15, 22],
    ]);
  });

  it("bumps out's version like any in-place op", () => {
    const out = zeros([2, 2]);
    const v = out.version;
    mm(randn([2, 3]), randn([3, 2]), { out });
    expect(out.version).toBe(v + 1);
  });

  it("rejects an out of another shape or dtype, or with elements that share memory", () => {
    const a = zeros([2, 3]);
    const b = zeros([3, 4]);
    expect(() => matmul(a, b, { out: zeros([4, 2]) })).toThrow(ShapeError);
    expect(() => matmul(a, b, { out: zeros([4, 2]) })).toThrow(
      "matmul: out has shape [4, 2], but the result has shape [2, 4] (out is not resized)",
    );
    expect(() => mm(a, b, { out: zeros([2, 4], { dtype: "float64" }) })).toThrow(DTypeError);
    expect(() => mm(a, b, { out: zeros([2, 4], { dtype: "float64" }) })).toThrow(
      "mm: expected out to have dtype float32, but got float64",
    );
    expect(() => mm(a, b, { out: zeros([1, 4]).expand(2, 4) })).toThrow(ValueError);
    expect(() => mm(a, b, { out: zeros([1, 4]).expand(2, 4) })).toThrow(
      "mm: more than one element of out (shape [2, 4], strides [0, 1]) refers to a single memory location; clone() it first",
    );
    expect(() => mm(zeros([2]), b, { out: zeros([4]) })).toThrow(
      "mm: self must be a matrix, got a 1-D tensor of shape [2]",
    );
  });
});

describe("matmul with out in a wasm workspace", () => {
  it("is written by the wasm kernel in place: a result bigger than any scratch area needs no copy", () => {
    const backend = getBackend();
    try {
      setBackend("wasm");
      const [M, N, K] = [3072, 1024, 3];
      const ws = createWasmWorkspace(4 * M * N);
      if (ws === null) throw new Error("no wasm workspace in node");
      const out = fromTypedArray(new Float32Array(ws.memory.buffer, ws.dataStart, M * N), [M, N]);
      const g = new Generator(5);
      const a = randn([M, K], { generator: g });
      const b = randn([K, N], { generator: g });
      const memory = wasmKernels()!.memory;
      const grownBefore = memory.buffer.byteLength;
      const wsBytes = ws.memory.buffer.byteLength;
      // 12 MB of result: staged, it would not fit the workspace's 8 MB scratch, and the backend's
      // memory would have to grow to hold it.
      expect(4 * M * N).toBeGreaterThan(grownBefore);
      matmul(a, b, { out });
      expect(memory.buffer.byteLength).toBe(grownBefore);
      expect(ws.memory.buffer.byteLength).toBe(wsBytes);
      setBackend("js");
      const want = a.matmul(b);
      expect(out.sub(want).abs().max().item()).toBeLessThan(1e-5);
      // A transposed product (narrow result) and a sliced out in the workspace.
      setBackend("wasm");
      const x = randn([300, 20], { generator: g });
      const gr = randn([300, 7], { generator: g });
      const o2 = fromTypedArray(new Float32Array(ws.memory.buffer, ws.dataStart, 20 * 9), [20, 9]).narrow(
        1,
        1,
        7,
      );
      matmul(x.t(), gr, { out: o2 });
      setBackend("js");
      expect(o2.sub(x.t().matmul(gr)).abs().max().item()).toBeLessThan(1e-4);
    } finally {
      setBackend(backend);
    }
  });
});
