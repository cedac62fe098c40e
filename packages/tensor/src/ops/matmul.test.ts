// Matrix products against a naive triple loop: random shapes, transposed/sliced/expanded
// operands, 1-D operands, broadcast batch dims; error messages.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DType, DTypeError, Generator, matmul, randn, ShapeError, tensor, zeros } from "../index.js";
import {
  arbBroadcastPair,
  arbTensorCaseOf,
  broadcastAt,
  build,
  castRef,
  expectRef,
  expectRefClose,
  type Ref,
  readStrided,
  refBroadcastShape,
  refFrom,
  refMatmul2d,
} from "../reference.test-util.js";

/** torch.matmul semantics by explicit loops over the broadcast batch. */
function refMatmul(a: Ref, b: Ref): Ref {
  const a2: Ref = a.shape.length === 1 ? { shape: [1, a.shape[0]!], data: a.data } : a;
  const b2: Ref = b.shape.length === 1 ? { shape: [b.shape[0]!, 1], data: b.data } : b;
  const M = a2.shape[a2.shape.length - 2]!;
  const K = a2.shape[a2.shape.length - 1]!;
  const N = b2.shape[b2.shape.length - 1]!;
  const batch = refBroadcastShape(a2.shape.slice(0, -2), b2.shape.slice(0, -2))!;
  const full = refFrom([...batch, M, N], (idx) => {
    const bi = idx.slice(0, batch.length);
    const i = idx[batch.length]!;
    const j = idx[batch.length + 1]!;
    let s = 0;
    for (let k = 0; k < K; k++) s += broadcastAt(a2, [...bi, i, k]) * broadcastAt(b2, [...bi, k, j]);
    return s;
  });
  const shape = [...batch, ...(a.shape.length === 1 ? [] : [M]), ...(b.shape.length === 1 ? [] : [N])];
  return { shape, data: full.data };
}

const dims = (max: number) => fc.integer({ min: 0, max });
const dtypes = fc.constantFrom<DType>("float32", "float64", "int32");

describe("mm against the triple loop", () => {
  it("random [M, K] @ [K, N] in every layout (contiguous, transposed, sliced, expanded)", () => {
    const arb = fc
      .tuple(dims(9), dims(9), dims(9), dtypes)
      .chain(([m, k, n, d]) => fc.tuple(arbTensorCaseOf([m, k], d), arbTensorCaseOf([k, n], d)));
    fc.assert(
      fc.property(arb, ([ca, cb]) => {
        const A = build(ca);
        const B = build(cb);
        const out = A.t.mm(B.t);
        expect(out.dtype).toBe(ca.dtype);
        expectRef(
          out,
          castRef(refMatmul2d(A.ref, B.ref), ca.dtype),
          `mm ${ca.layout.kind} @ ${cb.layout.kind}`,
        );
        // Operands are not modified.
        expectRef(A.t, A.ref);
      }),
      { numRuns: 200 },
    );
  });

  it("X @ W.t(), X.t() @ G and G @ W on random float64 data", () => {
    const g = new Generator(7);
    for (const [n, i, o] of [
      [5, 7, 3],
      [17, 33, 10],
      [64, 31, 9],
    ] as const) {
      const X = randn([n, i], { generator: g, dtype: "float64" });
      const W = randn([o, i], { generator: g, dtype: "float64" });
      const G = randn([n, o], { generator: g, dtype: "float64" });
      const x = readStrided(X);
      const w = readStrided(W);
      const gr = readStrided(G);
      const t = (r: Ref): Ref =>
        refFrom([r.shape[1]!, r.shape[0]!], ([p, q]) => r.data[q! * r.shape[1]! + p!]!);
      expectRefClose(X.mm(W.t()), refMatmul2d(x, t(w)), 1e-12, 1e-12, "X @ W.T");
      expectRefClose(X.t().mm(G), refMatmul2d(t(x), gr), 1e-12, 1e-12, "X.T @ G");
      expectRefClose(G.mm(W), refMatmul2d(gr, w), 1e-12, 1e-12, "G @ W");
      expectRefClose(X.t().t().mm(W.t()), refMatmul2d(x, t(w)), 1e-12, 1e-12, "X.T.T @ W.T");
    }
  });

  it("K = 0 gives zeros, M = 0 or N = 0 an empty result", () => {
    expect(
      zeros([2, 0])
        .mm(zeros([0, 3]))
        .toArray(),
    ).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(zeros([0, 4]).mm(zeros([4, 3])).shape).toEqual([0, 3]);
    expect(zeros([2, 4]).mm(zeros([4, 0])).shape).toEqual([2, 0]);
  });
});

describe("matmul: 1-D operands and broadcast batches", () => {
  it("random batched shapes with broadcast batch dims and any layout", () => {
    const arb = fc
      .tuple(arbBroadcastPair({ maxDims: 2, maxSize: 3 }), dims(5), dims(5), dims(5), dtypes)
      .chain(([[ba, bb], m, k, n, d]) =>
        fc.tuple(arbTensorCaseOf([...ba, m, k], d), arbTensorCaseOf([...bb, k, n], d)),
      );
    fc.assert(
      fc.property(arb, ([ca, cb]) => {
        const A = build(ca);
        const B = build(cb);
        const out = A.t.matmul(B.t);
        expectRef(out, castRef(refMatmul(A.ref, B.ref), ca.dtype), `matmul [${ca.shape}] @ [${cb.shape}]`);
        expectRef(matmul(A.t, B.t), castRef(refMatmul(A.ref, B.ref), ca.dtype));
      }),
      { numRuns: 150 },
    );
  });

  it("1-D on either or both sides, against batched operands too", () => {
    const arb = fc
      .tuple(
        fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
        dims(5),
        dims(5),
        fc.constantFrom("vv", "vm", "mv"),
      )
      .chain(([batch, k, n, kind]) => {
        const a = kind === "mv" ? [...batch, n, k] : [k];
        const b = kind === "vm" ? [...batch, k, n] : [k];
        return fc.tuple(arbTensorCaseOf(a, "float32"), arbTensorCaseOf(b, "float32"));
      });
    fc.assert(
      fc.property(arb, ([ca, cb]) => {
        const A = build(ca);
        const B = build(cb);
        expectRef(
          A.t.matmul(B.t),
          castRef(refMatmul(A.ref, B.ref), "float32"),
          `[${ca.shape}] @ [${cb.shape}]`,
        );
      }),
      { numRuns: 150 },
    );
  });

  it("shapes of the PyTorch cases", () => {
    expect(zeros([3]).matmul(zeros([3])).shape).toEqual([]);
    expect(zeros([2, 3]).matmul(zeros([3])).shape).toEqual([2]);
    expect(zeros([3]).matmul(zeros([3, 4])).shape).toEqual([4]);
    expect(zeros([5, 2, 3]).matmul(zeros([3, 4])).shape).toEqual([5, 2, 4]);
    expect(zeros([5, 1, 2, 3]).matmul(zeros([6, 3, 4])).shape).toEqual([5, 6, 2, 4]);
    expect(zeros([3]).matmul(zeros([5, 3, 4])).shape).toEqual([5, 4]);
    expect(zeros([5, 2, 3]).matmul(zeros([3])).shape).toEqual([5, 2]);
    expect(
      tensor([1, 2, 3])
        .matmul(tensor([4, 5, 6]))
        .item(),
    ).toBe(32);
  });
});

describe("matmul errors", () => {
  it("inner dims that do not match", () => {
    expect(() => zeros([2, 3]).mm(zeros([4, 5]))).toThrow(ShapeError);
    expect(() => zeros([2, 3]).mm(zeros([4, 5]))).toThrow(
      "mm: mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)",
    );
    expect(() => zeros([2, 3]).matmul(zeros([4, 5]))).toThrow(
      "matmul: mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5); shapes [2, 3] and [4, 5]",
    );
    expect(() => zeros([7, 2, 3]).matmul(zeros([2, 5]))).toThrow(
      "matmul: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x5); shapes [7, 2, 3] and [2, 5]",
    );
    expect(() => zeros([3]).matmul(zeros([4]))).toThrow(
      "matmul: mat1 and mat2 shapes cannot be multiplied (1x3 and 4x1)",
    );
  });

  it("batch dims that do not broadcast", () => {
    expect(() => zeros([2, 2, 3]).matmul(zeros([3, 3, 4]))).toThrow(ShapeError);
    expect(() => zeros([2, 2, 3]).matmul(zeros([3, 3, 4]))).toThrow(
      "matmul: the size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0 (shapes [2] and [3])",
    );
  });

  it("mm wants matrices; matmul wants at least 1-D", () => {
    expect(() => zeros([3]).mm(zeros([3, 2]))).toThrow(
      "mm: self must be a matrix, got a 1-D tensor of shape [3]",
    );
    expect(() => zeros([2, 3]).mm(zeros([3]))).toThrow(
      "mm: mat2 must be a matrix, got a 1-D tensor of shape [3]",
    );
    expect(() => zeros([1, 2, 3]).mm(zeros([3, 2]))).toThrow(
      "mm: self must be a matrix, got a 3-D tensor of shape [1, 2, 3]",
    );
    expect(() => tensor(2.5).matmul(zeros([3]))).toThrow(
      "matmul: both arguments need at least 1 dimension, but got shapes [] and [3]",
    );
  });

  it("dtypes must match and not be bool", () => {
    expect(() => zeros([2, 2]).mm(zeros([2, 2], { dtype: "float64" }))).toThrow(DTypeError);
    expect(() => zeros([2, 2]).mm(zeros([2, 2], { dtype: "float64" }))).toThrow(
      "mm: expected both operands to have the same dtype, but got: float32 != float64",
    );
    expect(() => zeros([2, 2], { dtype: "bool" }).matmul(zeros([2, 2], { dtype: "bool" }))).toThrow(
      "matmul: bool operands are not supported; convert them with .float() or .int() first",
    );
  });
});
