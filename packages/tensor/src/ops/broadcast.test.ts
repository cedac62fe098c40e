// Broadcasting binary ops against the naive reference, in-place rules, and type promotion.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  arange,
  broadcastShapes,
  DTYPES,
  type DType,
  DTypeError,
  full,
  promoteTypes,
  ShapeError,
  type Tensor,
  tensor,
  ValueError,
  zeros,
} from "../index.js";
import {
  arbBroadcastPair,
  arbTensorCaseOf,
  build,
  castRef,
  expectRef,
  expectRefClose,
  type Ref,
  readStrided,
  refBinary,
  refBroadcastShape,
  type TensorCase,
} from "../reference.test-util.js";

const RUNS = { numRuns: 120 };

type BinOp =
  | "add"
  | "sub"
  | "mul"
  | "div"
  | "pow"
  | "maximum"
  | "minimum"
  | "eq"
  | "ne"
  | "lt"
  | "le"
  | "gt"
  | "ge";

const REF: Record<BinOp, (x: number, y: number) => number> = {
  add: (x, y) => x + y,
  sub: (x, y) => x - y,
  mul: (x, y) => x * y,
  div: (x, y) => x / y,
  pow: (x, y) => x ** y,
  maximum: (x, y) => Math.max(x, y),
  minimum: (x, y) => Math.min(x, y),
  eq: (x, y) => Number(x === y),
  ne: (x, y) => Number(x !== y),
  lt: (x, y) => Number(x < y),
  le: (x, y) => Number(x <= y),
  gt: (x, y) => Number(x > y),
  ge: (x, y) => Number(x >= y),
};

const COMPARISON = new Set<BinOp>(["eq", "ne", "lt", "le", "gt", "ge"]);
const OPS = Object.keys(REF) as BinOp[];

const category = (d: DType) => (d === "bool" ? 0 : d === "int32" ? 1 : 2);
const isFloat = (d: DType) => d === "float32" || d === "float64";

/** PyTorch's result_type for two tensors: 0-dim operands only lift the category. */
function refResultType(a: { dtype: DType; ndim: number }, b: { dtype: DType; ndim: number }): DType {
  const wider = (x: DType, y: DType) => (DTYPES.indexOf(x) >= DTYPES.indexOf(y) ? x : y);
  if (a.ndim === 0 && b.ndim > 0) return category(a.dtype) > category(b.dtype) ? a.dtype : b.dtype;
  if (b.ndim === 0 && a.ndim > 0) return category(b.dtype) > category(a.dtype) ? b.dtype : a.dtype;
  return wider(a.dtype, b.dtype);
}

function outType(op: BinOp, common: DType): DType {
  if (COMPARISON.has(op)) return "bool";
  if (op === "div" && !isFloat(common)) return "float32";
  return common;
}

function call(op: BinOp, a: Tensor, b: Tensor | number): Tensor {
  return a[op](b);
}

const numericDtypes = fc.constantFrom<DType>("int32", "float32", "float64");

/** Two tensor cases whose shapes broadcast together, with random dtypes and layouts. */
const arbPairCase = fc
  .tuple(arbBroadcastPair({ maxDims: 4, maxSize: 4 }), numericDtypes, numericDtypes)
  .chain(([[sa, sb], da, db]) => fc.tuple(arbTensorCaseOf(sa, da), arbTensorCaseOf(sb, db)));

/** Exponents of integer pow must not be negative: use |y|. */
function forOp(op: BinOp, c: TensorCase, common: DType): TensorCase {
  if (op === "pow" && !isFloat(common)) return { ...c, base: c.base.map(Math.abs) };
  return c;
}

function expected(op: BinOp, a: Ref, b: Ref, aType: DType, bType: DType, common: DType): Ref {
  // Operands are converted to the common dtype first (exact for these small values).
  const x = castRef(a, isFloat(common) ? common : aType);
  const y = castRef(b, isFloat(common) ? common : bType);
  return castRef(refBinary(x, y, REF[op]), outType(op, common));
}

describe("binary ops broadcast like the reference", () => {
  for (const op of OPS) {
    it(`${op} over random broadcast-compatible shapes and layouts`, () => {
      fc.assert(
        fc.property(arbPairCase, ([ca, cb]) => {
          const common = refResultType(
            { dtype: ca.dtype, ndim: ca.shape.length },
            { dtype: cb.dtype, ndim: cb.shape.length },
          );
          const A = build(forOp(op, ca, common));
          const B = build(forOp(op, cb, common));
          const out = call(op, A.t, B.t);
          expect(out.dtype).toBe(outType(op, common));
          const want = expected(op, A.ref, B.ref, ca.dtype, cb.dtype, common);
          if (op === "pow") expectRefClose(out, want, 1e-6, 0, op);
          else expectRef(out, want, op);
          expect(out.isContiguous()).toBe(true);
          // Operands are untouched.
          expectRef(A.t, A.ref);
          expectRef(B.t, B.ref);
        }),
        RUNS,
      );
    });

    it(`${op} with a JS number broadcasts the number`, () => {
      fc.assert(
        fc.property(
          arbBroadcastPair({ maxDims: 3 }).chain(([s]) =>
            fc.tuple(
              arbTensorCaseOf(s, "float32"),
              fc.integer({ min: -12, max: 12 }).map((v) => v / 4),
            ),
          ),
          ([ca, s]) => {
            const A = build(ca);
            const out = call(op, A.t, s);
            const want = castRef(
              refBinary(A.ref, { shape: [], data: [s] }, REF[op]),
              COMPARISON.has(op) ? "bool" : "float32",
            );
            if (op === "pow") expectRefClose(out, want, 1e-6, 0, op);
            else expectRef(out, want, op);
          },
        ),
        RUNS,
      );
    });
  }

  it("incompatible shapes throw naming the op, the sizes and both shapes", () => {
    expect(() => zeros([2, 3]).add(zeros([4]))).toThrow(ShapeError);
    expect(() => zeros([2, 3]).add(zeros([4]))).toThrow(
      "add: the size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1 (shapes [2, 3] and [4])",
    );
    expect(() => zeros([4]).mul(zeros([2, 3]))).toThrow(
      "mul: the size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 1 (shapes [4] and [2, 3])",
    );
    expect(() => zeros([2, 1, 5]).lt(zeros([3, 4]))).toThrow(
      "lt: the size of tensor a (5) must match the size of tensor b (4) at non-singleton dimension 2 (shapes [2, 1, 5] and [3, 4])",
    );
  });

  it("broadcasting never copies the operand: a stride-0 expanded input reads the same element", () => {
    const row = tensor([1, 2, 3], { dtype: "float32" });
    const col = tensor([[10], [20]], { dtype: "float32" });
    expect(row.add(col).toArray()).toEqual([
      [11, 12, 13],
      [21, 22, 23],
    ]);
    expect(row.expand(2, 3).strides).toEqual([0, 1]);
  });

  it("maximum and minimum propagate NaN from either side", () => {
    const a = tensor([1, Number.NaN, 3, Number.NaN]);
    const b = tensor([Number.NaN, 2, 1, Number.NaN]);
    for (const out of [a.maximum(b), b.maximum(a), a.minimum(b), b.minimum(a)]) {
      const v = out.toArray() as number[];
      expect(v[0]).toBeNaN();
      expect(v[1]).toBeNaN();
      expect(v[3]).toBeNaN();
    }
    expect((a.maximum(b).toArray() as number[])[2]).toBe(3);
    expect((a.minimum(b).toArray() as number[])[2]).toBe(1);
  });
});

describe("broadcastShapes", () => {
  it("is commutative and agrees with the reference", () => {
    fc.assert(
      fc.property(arbBroadcastPair({ maxDims: 5, maxSize: 5 }), ([a, b]) => {
        const ab = broadcastShapes("add", a, b);
        expect(broadcastShapes("add", b, a)).toEqual(ab);
        expect(ab).toEqual(refBroadcastShape(a, b));
      }),
      { numRuns: 200 },
    );
  });

  it("throws in both orders exactly when the reference says the shapes are incompatible", () => {
    const shape = fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 4 });
    fc.assert(
      fc.property(shape, shape, (a, b) => {
        const ref = refBroadcastShape(a, b);
        if (ref === null) {
          expect(() => broadcastShapes("add", a, b)).toThrow(ShapeError);
          expect(() => broadcastShapes("add", b, a)).toThrow(ShapeError);
        } else {
          expect(broadcastShapes("add", a, b)).toEqual(ref);
          expect(broadcastShapes("add", b, a)).toEqual(ref);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("broadcasts several shapes and the empty shape", () => {
    expect(broadcastShapes("where", [2, 1, 3], [4, 1], [])).toEqual([2, 4, 3]);
    expect(broadcastShapes("add", [], [])).toEqual([]);
    expect(broadcastShapes("add", [0, 1], [1, 5])).toEqual([0, 5]);
  });
});

describe("in-place binary ops", () => {
  type InOp = "add_" | "sub_" | "mul_" | "div_";
  const IN_OPS: InOp[] = ["add_", "sub_", "mul_", "div_"];
  const selfLayouts = (c: TensorCase) => c.layout.kind !== "expanded";

  for (const op of IN_OPS) {
    it(`${op} writes the result into self when the broadcast shape is self's, and throws otherwise`, () => {
      const arb = arbBroadcastPair({ maxDims: 3 }).chain(([sa, sb]) =>
        fc.tuple(arbTensorCaseOf(sa, "float32").filter(selfLayouts), arbTensorCaseOf(sb, "float32")),
      );
      fc.assert(
        fc.property(arb, ([ca, cb]) => {
          const A = build(ca);
          const B = build(cb);
          const bshape = refBroadcastShape(ca.shape, cb.shape)!;
          const same = bshape.length === ca.shape.length && bshape.every((s, i) => s === ca.shape[i]);
          const version = A.t.version;
          const baseBefore = readStrided(A.base);
          if (same) {
            const ret = A.t[op](B.t);
            expect(ret).toBe(A.t);
            expect(A.t.version).toBe(version + 1);
            const f = REF[op.slice(0, -1) as BinOp];
            expectRef(A.t, castRef(refBinary(A.ref, B.ref, f), "float32"), op);
          } else {
            expect(() => A.t[op](B.t)).toThrow(
              `${op}: output with shape [${ca.shape.join(", ")}] doesn't match the broadcast shape [${bshape.join(", ")}]`,
            );
            expectRef(A.base, baseBefore, "self unchanged");
            expect(A.t.version).toBe(version);
          }
        }),
        RUNS,
      );
    });
  }

  it("sub_ into a [1, 3] tensor with a [2, 1] operand throws PyTorch's message", () => {
    const m = arange(4, 7).view(1, 3);
    const n = arange(1, 3).view(2, 1);
    expect(() => m.sub_(n)).toThrow(ShapeError);
    expect(() => m.sub_(n)).toThrow(
      "sub_: output with shape [1, 3] doesn't match the broadcast shape [2, 3]",
    );
    expect(m.toArray()).toEqual([[4, 5, 6]]);
  });

  it("x.add_(x.t()) reads x before writing it", () => {
    const x = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { dtype: "float32" },
    );
    x.add_(x.t());
    expect(x.toArray()).toEqual([
      [2, 5],
      [5, 8],
    ]);
  });

  it("a float result cannot be written into an integer tensor", () => {
    const x = tensor([1, 2, 3]);
    expect(() => x.add_(0.5)).toThrow(DTypeError);
    expect(() => x.add_(0.5)).toThrow(
      "add_: result type float32 can't be cast to the desired output type int32",
    );
    expect(() => x.div_(2)).toThrow(
      "div_: result type float32 can't be cast to the desired output type int32",
    );
    expect(() => x.mul_(tensor([1.5, 2, 3]))).toThrow(
      "mul_: result type float32 can't be cast to the desired output type int32",
    );
    expect(x.toArray()).toEqual([1, 2, 3]);
    // float32 self with a float64 operand stays float32 (same category).
    const y = tensor([1.5, 2.5]);
    y.add_(tensor([1, 1], { dtype: "float64" }));
    expect(y.dtype).toBe("float32");
    expect(y.toArray()).toEqual([2.5, 3.5]);
  });

  it("an integer result cannot be written into a bool tensor", () => {
    const b = tensor([true, false]);
    expect(() => b.add_(1)).toThrow(DTypeError);
    expect(() => b.add_(1)).toThrow("add_: result type int32 can't be cast to the desired output type bool");
    expect(b.toArray()).toEqual([true, false]);
  });

  it("writing into an expanded tensor (several elements on one memory location) throws", () => {
    const base = zeros([1, 3]);
    const e = base.expand(2, 3);
    expect(() => e.add_(1)).toThrow(
      "add_: unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.",
    );
    expect(base.toArray()).toEqual([[0, 0, 0]]);
  });
});

describe("type promotion", () => {
  const make = (d: DType, dims: number[]): Tensor => full(dims, d === "bool" ? true : 1, { dtype: d });

  it("tensor-tensor follows bool < uint8 < int32 < float32 < float64", () => {
    const table: Record<DType, Record<DType, DType>> = {
      bool: { bool: "bool", uint8: "uint8", int32: "int32", float32: "float32", float64: "float64" },
      uint8: { bool: "uint8", uint8: "uint8", int32: "int32", float32: "float32", float64: "float64" },
      int32: { bool: "int32", uint8: "int32", int32: "int32", float32: "float32", float64: "float64" },
      float32: {
        bool: "float32",
        uint8: "float32",
        int32: "float32",
        float32: "float32",
        float64: "float64",
      },
      float64: {
        bool: "float64",
        uint8: "float64",
        int32: "float64",
        float32: "float64",
        float64: "float64",
      },
    };
    for (const a of DTYPES) {
      for (const b of DTYPES) {
        const want = table[a][b];
        expect(promoteTypes(a, b), `${a} ${b}`).toBe(want);
        expect(make(a, [2]).mul(make(b, [2])).dtype, `${a} * ${b}`).toBe(want);
        expect(make(a, [2]).maximum(make(b, [2])).dtype, `${a} maximum ${b}`).toBe(want);
        expect(make(a, [2]).div(make(b, [2])).dtype, `${a} / ${b}`).toBe(isFloat(want) ? want : "float32");
        expect(make(a, [2]).eq(make(b, [2])).dtype, `${a} == ${b}`).toBe("bool");
      }
    }
  });

  it("a JS number lifts the category only (int32 + 0.5 is float32, float64 + 0.5 stays float64)", () => {
    const cases: [DType, number, DType][] = [
      ["int32", 2, "int32"],
      ["int32", 2.5, "float32"],
      ["bool", 2, "int32"],
      ["bool", 2.5, "float32"],
      ["uint8", 300, "uint8"],
      ["uint8", 2.5, "float32"],
      ["float32", 2, "float32"],
      ["float32", 2.5, "float32"],
      ["float64", 2.5, "float64"],
      ["float64", 2, "float64"],
    ];
    for (const [d, s, want] of cases) {
      expect(make(d, [3]).mul(s).dtype, `${d} * ${s}`).toBe(want);
      expect(make(d, [3]).sub(s).dtype, `${d} - ${s}`).toBe(want);
      expect(make(d, []).add(s).dtype, `0-dim ${d} + ${s}`).toBe(want);
    }
  });

  it("0-dim tensors act like scalars: they lift the category of a dimensioned tensor, never its width", () => {
    const cases: [DType, number[], DType, number[], DType][] = [
      ["int32", [3], "float64", [], "float64"],
      ["int32", [3], "float32", [], "float32"],
      ["float32", [3], "float64", [], "float32"],
      ["float64", [3], "float32", [], "float64"],
      ["int32", [3], "int32", [], "int32"],
      ["bool", [3], "int32", [], "int32"],
      ["float32", [3], "int32", [], "float32"],
      ["bool", [3], "float64", [], "float64"],
      ["int32", [], "float64", [], "float64"],
      ["float32", [], "float64", [], "float64"],
      ["float64", [], "float32", [3], "float32"],
      ["int32", [], "float32", [3], "float32"],
      ["float64", [], "int32", [3], "float64"],
    ];
    for (const [da, sa, db, sb, want] of cases) {
      const a = make(da, sa);
      const b = make(db, sb);
      expect(a.add(b).dtype, `${da}${JSON.stringify(sa)} + ${db}${JSON.stringify(sb)}`).toBe(want);
      expect(b.add(a).dtype, `${db}${JSON.stringify(sb)} + ${da}${JSON.stringify(sa)}`).toBe(want);
    }
  });

  it("mixed-dtype arithmetic computes in the promoted dtype", () => {
    const i = tensor([1, 2, 3]);
    const f = tensor([0.5, 0.25, 0.125]);
    expect(i.add(f).toArray()).toEqual([1.5, 2.25, 3.125]);
    expect(i.div(tensor([2, 4, 8])).toArray()).toEqual([0.5, 0.5, 0.375]);
    expect(i.div(tensor([2, 4, 8])).dtype).toBe("float32");
    expect(i.mul(tensor(0.5, { dtype: "float64" })).dtype).toBe("float64");
    expect(
      tensor(3)
        .mul(tensor(0.5, { dtype: "float64" }))
        .toArray(),
    ).toBe(1.5);
    // float32 precision: 0.1 in float32 compares equal to the float32 0.1, not the float64 one.
    expect(tensor([0.1]).eq(0.1).toArray()).toEqual([true]);
  });

  it("integer pow: exponents must not be negative", () => {
    expect(tensor([1, 2, 3]).pow(2).toArray()).toEqual([1, 4, 9]);
    expect(tensor([1, 2, 3]).pow(2).dtype).toBe("int32");
    expect(() => tensor([1, 2]).pow(-1)).toThrow(ValueError);
    expect(() => tensor([1, 2]).pow(-1)).toThrow("pow: integers to negative integer powers are not allowed");
    expect(() => tensor([1, 2]).pow(tensor([1, -1]))).toThrow(
      "pow: integers to negative integer powers are not allowed",
    );
    expect(tensor([2, 4]).pow(-1.0 + 0.5).dtype).toBe("float32");
    expect(
      tensor([2.0, 3.0])
        .pow(tensor([2, 3]))
        .toArray(),
    ).toEqual([4, 27]);
  });

  it("bool + bool is a logical or, kept as a real bool (0 or 1) in storage", () => {
    const s = tensor([true, true, false]).add(tensor([true, false, false]));
    expect(s.dtype).toBe("bool");
    expect(s.toArray()).toEqual([true, true, false]);
    expect(Array.from(s.toTypedArray())).toEqual([1, 1, 0]);
    // PyTorch: (tensor([True]) + tensor([True])).sum() == 1
    expect(
      tensor([true])
        .add(tensor([true]))
        .sum()
        .item(),
    ).toBe(1);
  });

  it("bool - bool is not supported, as in PyTorch", () => {
    expect(() => tensor([true]).sub(tensor([true]))).toThrow(DTypeError);
    expect(() => tensor([true]).sub(tensor([true]))).toThrow(
      "sub: Subtraction, the `-` operator, with two bool tensors is not supported",
    );
  });
});
