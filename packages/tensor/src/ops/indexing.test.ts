// gather, scatterAdd, indexSelect, advanced indexing, oneHot and where against the reference.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  arange,
  DTypeError,
  IndexError,
  oneHot,
  ShapeError,
  type Tensor,
  tensor,
  where,
  zeros,
} from "../index.js";
import {
  arbBroadcastPair,
  arbTensorCaseOf,
  broadcastAt,
  build,
  castRef,
  expectRef,
  numel,
  type Ref,
  refAt,
  refBroadcastShape,
  refFrom,
  unravel,
} from "../reference.test-util.js";

const RUNS = { numRuns: 150 };
const shapeArb = (min = 1, max = 3) =>
  fc.array(fc.integer({ min: 1, max: 4 }), { minLength: min, maxLength: max });

/** A self shape, a dim, and an index shape that fits the gather/scatter rule. */
const arbGatherSetup = shapeArb().chain((shape) =>
  fc
    .tuple(
      fc.integer({ min: 0, max: shape.length - 1 }),
      fc.tuple(...shape.map((s) => fc.integer({ min: 0, max: s }))),
      fc.integer({ min: 0, max: 4 }),
      fc.boolean(),
    )
    .chain(([d, sizes, along, neg]) => {
      const ishape = sizes.map((s, i) => (i === d ? along : s));
      const n = shape[d]!;
      return fc.tuple(
        arbTensorCaseOf(shape, "float32"),
        arbTensorCaseOf(ishape, "int32", fc.integer({ min: 0, max: n - 1 })),
        fc.constant(d),
        fc.constant(neg ? d - shape.length : d),
      );
    }),
);

const wrap = (i: number, n: number) => (i < 0 ? i + n : i);

describe("gather and scatterAdd", () => {
  it("gather picks self[..., index[i], ...] along dim", () => {
    fc.assert(
      fc.property(arbGatherSetup, ([cs, ci, d, dim]) => {
        const S = build(cs);
        const I = build(ci);
        const out = S.t.gather(dim, I.t);
        const want = refFrom(ci.shape, (idx) =>
          refAt(
            S.ref,
            idx.map((v, k) => (k === d ? refAt(I.ref, idx) : v)),
          ),
        );
        expectRef(out, want, "gather");
        expect(out.dtype).toBe("float32");
      }),
      RUNS,
    );
  });

  it("scatterAdd adds src at index along dim into a copy of self", () => {
    const arb = arbGatherSetup.chain(([cs, ci, d, dim]) =>
      fc.tuple(
        fc.constant(cs),
        fc.constant(ci),
        fc.constant(d),
        fc.constant(dim),
        arbTensorCaseOf(ci.shape, "float32"),
      ),
    );
    fc.assert(
      fc.property(arb, ([cs, ci, d, dim, csrc]) => {
        const S = build(cs);
        const I = build(ci);
        const Src = build(csrc);
        const before = castRef(S.ref, "float32");
        const out = S.t.scatterAdd(dim, I.t, Src.t);
        const data = [...before.data];
        for (let p = 0; p < numel(ci.shape); p++) {
          const idx = unravel(p, ci.shape);
          const target = idx.map((v, k) => (k === d ? refAt(I.ref, idx) : v));
          let q = 0;
          for (let k = 0; k < target.length; k++) q = q * cs.shape[k]! + target[k]!;
          data[q] = Math.fround(data[q]! + refAt(Src.ref, idx));
        }
        expectRef(out, { shape: cs.shape, data }, "scatterAdd");
        // self is not modified.
        expectRef(S.t, before, "self");
      }),
      RUNS,
    );
  });

  it("the cross-entropy pick: yHat.gather(1, y.view(-1, 1))", () => {
    const yHat = tensor([
      [0.1, 0.3, 0.6],
      [0.3, 0.2, 0.5],
    ]);
    const y = tensor([0, 2]);
    expect(yHat.gather(1, y.view(-1, 1)).toArray()).toEqual([[Math.fround(0.1)], [Math.fround(0.5)]]);
  });

  it("errors: dtype, bounds, shapes", () => {
    const x = zeros([2, 3]);
    expect(() => x.gather(1, tensor([[0.5]]))).toThrow(DTypeError);
    expect(() => x.gather(1, tensor([[0.5]]))).toThrow(
      "gather: expected index to be an int32 tensor, got float32",
    );
    expect(() => x.gather(1, tensor([[3]]))).toThrow(IndexError);
    expect(() => x.gather(1, tensor([[3]]))).toThrow(
      "gather: index 3 is out of bounds for dimension 1 with size 3",
    );
    expect(() => x.gather(1, tensor([[-4]]))).toThrow(
      "gather: index -4 is out of bounds for dimension 1 with size 3",
    );
    expect(() => x.gather(1, tensor([0]))).toThrow(ShapeError);
    expect(() => x.gather(1, tensor([0]))).toThrow(
      "gather: index tensor must have the same number of dimensions as input tensor (index shape [1], input shape [2, 3])",
    );
    expect(() => x.gather(1, zeros([3, 1], { dtype: "int32" }))).toThrow(
      "gather: size of dimension 0 of index [3, 1] must not exceed that of input [2, 3] (except at dim 1)",
    );
    expect(() => x.gather(2, tensor([[0]]))).toThrow(
      "gather: Dimension out of range (expected to be in range of [-2, 1], but got 2)",
    );
    expect(() => x.scatterAdd(0, tensor([[2]]), zeros([1, 1]))).toThrow(
      "scatterAdd: index 2 is out of bounds for dimension 0 with size 2",
    );
    expect(() => x.scatterAdd(0, tensor([[0]]), zeros([1, 1], { dtype: "float64" }))).toThrow(
      "scatterAdd: expected self and src to have the same dtype, got float32 and float64",
    );
    expect(() => x.scatterAdd(0, tensor([[0, 0]]), zeros([1, 1]))).toThrow(
      "scatterAdd: size of dimension 1 of index [1, 2] must not exceed that of src [1, 1] (except at dim -1)",
    );
  });
});

describe("negative indices", () => {
  it("are out of bounds for gather, scatterAdd and indexSelect, as in PyTorch; advanced indexing wraps them", () => {
    const x = tensor([[1, 2, 3]], { dtype: "float32" });
    const cases: [() => unknown, string][] = [
      [() => x.gather(1, tensor([[-1]])), "gather: index -1 is out of bounds for dimension 1 with size 3"],
      [
        () => x.scatterAdd(1, tensor([[-1]]), tensor([[5]], { dtype: "float32" })),
        "scatterAdd: index -1 is out of bounds for dimension 1 with size 3",
      ],
      [
        () => x.indexSelect(1, tensor([0, -1])),
        "indexSelect: index -1 is out of bounds for dimension 1 with size 3",
      ],
    ];
    for (const [call, message] of cases) {
      expect(call).toThrow(IndexError);
      expect(call).toThrow(message);
    }
    expect(x.index([null, tensor([-1])]).toArray()).toEqual([[3]]);
  });
});

describe("indexSelect", () => {
  it("selects slices along dim in index order (repeats allowed)", () => {
    const arb = shapeArb().chain((shape) =>
      fc
        .tuple(fc.integer({ min: 0, max: shape.length - 1 }), fc.integer({ min: 0, max: 5 }))
        .chain(([d, len]) =>
          fc.tuple(
            arbTensorCaseOf(shape, "float32"),
            arbTensorCaseOf([len], "int32", fc.integer({ min: 0, max: shape[d]! - 1 })),
            fc.constant(d),
          ),
        ),
    );
    fc.assert(
      fc.property(arb, ([cs, ci, d]) => {
        const S = build(cs);
        const I = build(ci);
        const out = S.t.indexSelect(d, I.t);
        const want = refFrom(
          cs.shape.map((s, k) => (k === d ? ci.shape[0]! : s)),
          (idx) =>
            refAt(
              S.ref,
              idx.map((v, k) => (k === d ? I.ref.data[v]! : v)),
            ),
        );
        expectRef(out, want, "indexSelect");
      }),
      RUNS,
    );
  });

  it("errors", () => {
    const x = zeros([2, 3]);
    expect(() => x.indexSelect(0, tensor([[0]]))).toThrow(
      "indexSelect: index must be 1-D or a scalar, got shape [1, 1]",
    );
    expect(() => x.indexSelect(1, tensor([3]))).toThrow(
      "indexSelect: index 3 is out of bounds for dimension 1 with size 3",
    );
    expect(() => x.indexSelect(0, tensor([true]))).toThrow(
      "indexSelect: expected index to be an int32 tensor, got bool",
    );
  });
});

/** numpy/PyTorch advanced indexing with int index tensors (null = full slice). */
function refIndex(self: Ref, indices: readonly (Ref | null)[]): Ref {
  const nd = self.shape.length;
  const ex = [...indices];
  while (ex.length < nd) ex.push(null);
  const adv = ex.flatMap((t, d) => (t === null ? [] : [d]));
  if (adv.length === 0) return self;
  let b: number[] = [];
  for (const d of adv) b = refBroadcastShape(b, ex[d]!.shape)!;
  const rest = ex.flatMap((t, d) => (t === null ? [d] : []));
  const adjacent = adv[adv.length - 1]! - adv[0]! === adv.length - 1;
  const before = adjacent ? rest.filter((d) => d < adv[0]!) : [];
  const after = rest.filter((d) => !before.includes(d));
  const shape = [...before.map((d) => self.shape[d]!), ...b, ...after.map((d) => self.shape[d]!)];
  return refFrom(shape, (idx) => {
    const src = new Array<number>(nd).fill(0);
    before.forEach((d, k) => {
      src[d] = idx[k]!;
    });
    const bi = idx.slice(before.length, before.length + b.length);
    after.forEach((d, k) => {
      src[d] = idx[before.length + b.length + k]!;
    });
    for (const d of adv) src[d] = wrap(broadcastAt(ex[d]!, bi), self.shape[d]!);
    return refAt(self, src);
  });
}

describe("advanced indexing", () => {
  it("int index tensors (broadcast together, adjacent or not) and null slices", () => {
    const arb = fc
      .tuple(
        shapeArb(1, 4),
        arbBroadcastPair({ maxDims: 2, maxSize: 3 }),
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      )
      .chain(([shape, [s1, s2], pick]) => {
        // Which dims get an index tensor (at least one); the rest are null.
        const used = shape.map((_, d) => pick[d]!);
        if (!used.some(Boolean)) used[0] = true;
        const count = shape.length - [...used].reverse().findIndex(Boolean);
        const shapes = [s1, s2];
        let k = 0;
        const parts = used
          .slice(0, count)
          .map((u, d) =>
            u
              ? arbTensorCaseOf(
                  shapes[k++ % 2]!,
                  "int32",
                  fc.integer({ min: -shape[d]!, max: shape[d]! - 1 }),
                ).map((c): typeof c | null => c)
              : fc.constant(null),
          );
        return fc.tuple(arbTensorCaseOf(shape, "float32"), fc.tuple(...parts));
      });
    fc.assert(
      fc.property(arb, ([cs, cis]) => {
        const S = build(cs);
        const built = cis.map((c) => (c === null ? null : build(c)));
        const out = S.t.index(built.map((b) => (b === null ? null : b.t)));
        const want = refIndex(
          S.ref,
          built.map((b) => (b === null ? null : b.ref)),
        );
        expectRef(
          out,
          want,
          `index ${JSON.stringify(cis.map((c) => (c === null ? null : c.shape)))} of [${cs.shape}]`,
        );
      }),
      RUNS,
    );
  });

  it("yHat.index([arange(n), y]) is y_hat[range(n), y]", () => {
    const yHat = tensor([
      [0.1, 0.3, 0.6],
      [0.3, 0.2, 0.5],
    ]);
    expect(yHat.index([arange(2), tensor([0, 2])]).toArray()).toEqual([Math.fround(0.1), Math.fround(0.5)]);
  });

  it("PyTorch's shapes for adjacent and separated index tensors", () => {
    const a = arange(24).view(2, 3, 4);
    expect(a.index([tensor([0, 1]), null, tensor([1, 2])]).shape).toEqual([2, 3]);
    expect(a.index([null, tensor([[0], [2]]), tensor([1, 3])]).shape).toEqual([2, 2, 2]);
    expect(a.index([null, tensor([[0], [2]]), tensor([1, 3])]).toArray()).toEqual([
      [
        [1, 3],
        [9, 11],
      ],
      [
        [13, 15],
        [21, 23],
      ],
    ]);
  });

  it("bool masks select the true positions", () => {
    const a = arange(24).view(2, 3, 4);
    const m = tensor([
      [true, false, true],
      [false, false, true],
    ]);
    expect(a.index([m]).toArray()).toEqual([
      [0, 1, 2, 3],
      [8, 9, 10, 11],
      [20, 21, 22, 23],
    ]);
    expect(a.index([null, tensor([true, false, true])]).shape).toEqual([2, 2, 4]);
    const x = tensor([1.5, -2, 3, -4]);
    expect(x.index([x.gt(0)]).toArray()).toEqual([1.5, 3]);
  });

  it("errors", () => {
    const a = zeros([2, 3]);
    expect(() => a.index([null, null, tensor([0])])).toThrow(IndexError);
    expect(() => a.index([null, null, tensor([0])])).toThrow(
      "index: too many indices for tensor of dimension 2 (got 3, shape [2, 3])",
    );
    expect(() => a.index([tensor([2])])).toThrow(
      "index: index 2 is out of bounds for dimension 0 with size 2",
    );
    expect(() => a.index([tensor([true, false, true])])).toThrow(
      "index: the shape of the mask [3] at index 0 does not match the shape of the indexed tensor [2, 3]",
    );
    expect(() => a.index([tensor([0, 1]), tensor([0, 1, 2])])).toThrow(ShapeError);
    expect(() => a.index([tensor([0.5])])).toThrow(
      "index: expected index to be an int32 tensor, got float32",
    );
  });
});

describe("oneHot", () => {
  it("matches the reference, with inferred or given numClasses", () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }), fc.integer({ min: 1, max: 5 }))
          .chain(([shape, c]) =>
            fc.tuple(
              arbTensorCaseOf(shape, "int32", fc.integer({ min: 0, max: c - 1 })),
              fc.constant(c),
              fc.boolean(),
            ),
          ),
        ([ci, c, infer]) => {
          const I = build(ci);
          const out = infer ? oneHot(I.t) : oneHot(I.t, c);
          const k = infer ? Math.max(...I.ref.data) + 1 : c;
          const want = refFrom([...ci.shape, k], (idx) =>
            Number(refAt(I.ref, idx.slice(0, -1)) === idx[idx.length - 1]),
          );
          expectRef(out, want, "oneHot");
          expect(out.dtype).toBe("int32");
        },
      ),
      RUNS,
    );
  });

  it("errors", () => {
    expect(() => oneHot(tensor([-1, 0]))).toThrow("oneHot: class values must be non-negative, got -1");
    expect(() => oneHot(tensor([0, 3]), 3)).toThrow(
      "oneHot: class values must be smaller than numClasses (3), got 3",
    );
    expect(() => oneHot(tensor([0.5]))).toThrow("oneHot: expected index to be an int32 tensor, got float32");
  });
});

describe("where", () => {
  it("broadcasts condition, x and y together", () => {
    const arb = fc
      .tuple(arbBroadcastPair({ maxDims: 3 }), fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }))
      .chain(([[sx, sy], sc]) =>
        fc.tuple(
          arbTensorCaseOf(refBroadcastShape(sc, refBroadcastShape(sx, sy)!) === null ? [] : sc, "bool"),
          arbTensorCaseOf(sx, "float32"),
          arbTensorCaseOf(sy, "float32"),
        ),
      );
    fc.assert(
      fc.property(arb, ([cc, cx, cy]) => {
        const C = build(cc);
        const X = build(cx);
        const Y = build(cy);
        const shape = refBroadcastShape(refBroadcastShape(cc.shape, cx.shape)!, cy.shape)!;
        const want = refFrom(shape, (idx) =>
          broadcastAt(C.ref, idx) ? broadcastAt(X.ref, idx) : broadcastAt(Y.ref, idx),
        );
        expectRef(where(C.t, X.t, Y.t), want, "where");
        expectRef(X.t.where(C.t, Y.t), want, "Tensor.where");
      }),
      RUNS,
    );
  });

  it("dtypes of scalars and tensors", () => {
    const c = tensor([true, false]);
    expect(where(c, 1, 2).dtype).toBe("int32");
    expect(where(c, 1, 2.5).dtype).toBe("float32");
    expect(where(c, 1, 2.5).toArray()).toEqual([1, 2.5]);
    expect(where(c, tensor([1, 2]), 0.5).dtype).toBe("float32");
    expect(where(c, tensor([1, 2], { dtype: "float64" }), tensor([3, 4])).dtype).toBe("float64");
  });

  it("the condition must be bool", () => {
    const x: Tensor = tensor([1, 2]);
    expect(() => where(x, 1, 2)).toThrow(DTypeError);
    expect(() => where(x, 1, 2)).toThrow("where: expected condition to be a bool tensor, got int32");
  });
});
