// Reductions against the reference over random dims (number or list, negative), keepdim and
// non-contiguous inputs; NaN propagation; empty-dim errors; dtype rules.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type DType,
  DTypeError,
  fromTypedArray,
  IndexError,
  max,
  maximum,
  min,
  minimum,
  type Tensor,
  tensor,
  ValueError,
  zeros,
} from "../index.js";
import {
  arbDims,
  arbTensorCaseOf,
  build,
  castRef,
  expectRef,
  expectRefClose,
  normDims,
  type Ref,
  refReduce,
  type TensorCase,
} from "../reference.test-util.js";

const RUNS = { numRuns: 150 };

const shapeArb = (maxDims = 4, maxSize = 4) =>
  fc.array(fc.integer({ min: 1, max: maxSize }), { minLength: 0, maxLength: maxDims });

/** A tensor case of one of `dtypes`, a dim argument and keepdim. */
function arbReduceCase(
  dtypes: readonly DType[],
  o: { list?: boolean; maxDims?: number; maxSize?: number; values?: fc.Arbitrary<number> } = {},
): fc.Arbitrary<[TensorCase, number | number[] | null | undefined, boolean]> {
  return fc
    .tuple(shapeArb(o.maxDims, o.maxSize), fc.constantFrom(...dtypes))
    .chain(([shape, dtype]) =>
      fc.tuple(arbTensorCaseOf(shape, dtype, o.values), arbDims(shape.length, o.list ?? true), fc.boolean()),
    );
}

const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
const prod = (v: number[]) => v.reduce((a, b) => a * b, 1);
const mean = (v: number[]) => sum(v) / v.length;
const variance = (v: number[], correction: number) => {
  const m = mean(v);
  return sum(v.map((x) => (x - m) ** 2)) / Math.max(v.length - correction, 0);
};
const logsumexp = (v: number[]) => {
  const m = Math.max(...v);
  return Math.log(sum(v.map((x) => Math.exp(x - m)))) + m;
};
const argmax = (v: number[]) => v.indexOf(Math.max(...v));
const argmin = (v: number[]) => v.indexOf(Math.min(...v));

function reduceRef(
  c: TensorCase,
  ref: Ref,
  dim: number | readonly number[] | null | undefined,
  keepdim: boolean,
  f: (v: number[]) => number,
): Ref {
  return refReduce(ref, normDims(dim, c.shape.length), keepdim, f);
}

describe("sum, mean, prod, amax, amin against the reference", () => {
  it("sum: any dims, keepdim, int32/bool give int32", () => {
    fc.assert(
      fc.property(arbReduceCase(["float32", "float64", "int32", "bool"]), ([c, dim, keepdim]) => {
        const { t, ref } = build(c);
        const out = t.sum(dim, keepdim);
        const dtype = c.dtype === "bool" ? "int32" : c.dtype;
        expect(out.dtype).toBe(dtype);
        expectRef(
          out,
          castRef(reduceRef(c, ref, dim, keepdim, sum), dtype),
          `sum(${JSON.stringify(dim)}, ${keepdim})`,
        );
      }),
      RUNS,
    );
  });

  it("mean: float dtypes, any dims", () => {
    fc.assert(
      fc.property(arbReduceCase(["float32", "float64"]), ([c, dim, keepdim]) => {
        const { t, ref } = build(c);
        const out = t.mean(dim, keepdim);
        expect(out.dtype).toBe(c.dtype);
        expectRef(
          out,
          castRef(reduceRef(c, ref, dim, keepdim, mean), c.dtype),
          `mean(${JSON.stringify(dim)})`,
        );
      }),
      RUNS,
    );
  });

  it("prod: one dim or all (powers of two, exact)", () => {
    const pow2 = fc.constantFrom(-2, -1, -0.5, 0.5, 1, 2);
    fc.assert(
      fc.property(
        arbReduceCase(["float32", "float64"], { list: false, maxDims: 3, maxSize: 3, values: pow2 }),
        ([c, dim, keepdim]) => {
          const { t, ref } = build(c);
          const d = dim as number | null | undefined;
          const out = t.prod(d, keepdim);
          expect(out.dtype).toBe(c.dtype);
          expectRef(out, castRef(reduceRef(c, ref, d, keepdim, prod), c.dtype), `prod(${d})`);
        },
      ),
      RUNS,
    );
  });

  it("prod of int32 stays int32", () => {
    fc.assert(
      fc.property(
        arbReduceCase(["int32"], {
          list: false,
          maxDims: 3,
          maxSize: 3,
          values: fc.integer({ min: -2, max: 2 }),
        }),
        ([c, dim, keepdim]) => {
          const { t, ref } = build(c);
          const d = dim as number | null | undefined;
          const out = t.prod(d, keepdim);
          expect(out.dtype).toBe("int32");
          expectRef(out, reduceRef(c, ref, d, keepdim, prod), `prod(${d})`);
        },
      ),
      RUNS,
    );
  });

  for (const op of ["amax", "amin"] as const) {
    it(`${op}: any dims, keeps the dtype`, () => {
      fc.assert(
        fc.property(arbReduceCase(["float32", "float64", "int32"]), ([c, dim, keepdim]) => {
          const { t, ref } = build(c);
          const out = t[op](dim, keepdim);
          expect(out.dtype).toBe(c.dtype);
          const f = op === "amax" ? (v: number[]) => Math.max(...v) : (v: number[]) => Math.min(...v);
          expectRef(out, reduceRef(c, ref, dim, keepdim, f), `${op}(${JSON.stringify(dim)})`);
        }),
        RUNS,
      );
    });
  }

  it("max() and min() without a dim are amax and amin over everything", () => {
    fc.assert(
      fc.property(arbReduceCase(["float32", "int32"]), ([c]) => {
        const { t, ref } = build(c);
        expect(t.max().item()).toBe(Math.max(...ref.data));
        expect(t.min().item()).toBe(Math.min(...ref.data));
        expect(t.max().shape).toEqual([]);
      }),
      RUNS,
    );
  });
});

describe("var, std, logsumexp against the reference", () => {
  it("var and std with correction 0, 1 and 2", () => {
    fc.assert(
      fc.property(
        arbReduceCase(["float32", "float64"]),
        fc.constantFrom(0, 1, 2),
        ([c, dim, keepdim], correction) => {
          const { t, ref } = build(c);
          const v = t.var(dim, { keepdim, correction });
          const s = t.std(dim, { keepdim, correction });
          expect(v.dtype).toBe(c.dtype);
          const want = reduceRef(c, ref, dim, keepdim, (x) => variance(x, correction));
          const tol = c.dtype === "float32" ? 2e-6 : 1e-12;
          expectRefClose(v, castRef(want, c.dtype), tol, 0, "var");
          expectRefClose(
            s,
            castRef({ shape: want.shape, data: want.data.map(Math.sqrt) }, c.dtype),
            tol,
            0,
            "std",
          );
        },
      ),
      RUNS,
    );
  });

  it("var defaults to Bessel's correction", () => {
    const x = tensor([1, 2, 3, 4], { dtype: "float64" });
    expect(x.var().item()).toBeCloseTo(5 / 3, 14);
    expect(x.std().item()).toBeCloseTo(Math.sqrt(5 / 3), 14);
    expect(x.var(0, { correction: 0 }).item()).toBeCloseTo(1.25, 14);
    expect(tensor([1.5]).var().item()).toBeNaN();
  });

  it("logsumexp over any dims, integer input gives float32", () => {
    fc.assert(
      fc.property(arbReduceCase(["float32", "float64", "int32"]), ([c, dim, keepdim]) => {
        const { t, ref } = build(c);
        const d = dim ?? c.shape.map((_, i) => i);
        const out = t.logsumexp(d, keepdim);
        const dtype = c.dtype === "int32" ? "float32" : c.dtype;
        expect(out.dtype).toBe(dtype);
        const tol = dtype === "float32" ? 1e-6 : 1e-12;
        expectRefClose(out, castRef(reduceRef(c, ref, d, keepdim, logsumexp), dtype), tol, 1e-7, "logsumexp");
      }),
      RUNS,
    );
  });

  it("logsumexp is stable for large values and handles infinities", () => {
    expect(tensor([1000, 1000], { dtype: "float64" }).logsumexp(0).item()).toBeCloseTo(
      1000 + Math.log(2),
      10,
    );
    expect(tensor([-1000, -1000], { dtype: "float64" }).logsumexp(0).item()).toBeCloseTo(
      -1000 + Math.log(2),
      10,
    );
    expect(tensor([Number.POSITIVE_INFINITY, 1]).logsumexp(0).item()).toBe(Number.POSITIVE_INFINITY);
    expect(tensor([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY]).logsumexp(0).item()).toBe(
      Number.NEGATIVE_INFINITY,
    );
    expect(tensor([1, 2]).logsumexp(0).item()).toBeCloseTo(2.3133, 4);
  });
});

describe("argmax, argmin, max/min with a dim", () => {
  for (const op of ["argmax", "argmin"] as const) {
    it(`${op}: first index of the extreme value, with and without a dim`, () => {
      fc.assert(
        fc.property(arbReduceCase(["float32", "int32"], { list: false }), ([c, dim, keepdim]) => {
          const { t, ref } = build(c);
          const f = op === "argmax" ? argmax : argmin;
          if (dim === undefined || dim === null) {
            const out = t[op]();
            expect(out.dtype).toBe("int32");
            expect(out.shape).toEqual([]);
            expect(out.item()).toBe(f([...ref.data]));
            const kept = t[op](undefined, true);
            expect(kept.shape).toEqual(c.shape.map(() => 1));
            expect(kept.item()).toBe(f([...ref.data]));
          } else {
            const out = t[op](dim as number, keepdim);
            expect(out.dtype).toBe("int32");
            expectRef(out, reduceRef(c, ref, dim, keepdim, f), `${op}(${dim}, ${keepdim})`);
          }
        }),
        RUNS,
      );
    });
  }

  for (const op of ["max", "min"] as const) {
    it(`${op}(dim) gives values and first indices`, () => {
      fc.assert(
        fc.property(
          shapeArb().chain((shape) =>
            fc.tuple(
              arbTensorCaseOf(shape, "float32"),
              fc.integer({
                min: shape.length === 0 ? -1 : -shape.length,
                max: Math.max(shape.length - 1, 0),
              }),
              fc.boolean(),
            ),
          ),
          ([c, dim, keepdim]) => {
            const { t, ref } = build(c);
            const { values, indices } = t[op](dim, keepdim);
            const fv = op === "max" ? (v: number[]) => Math.max(...v) : (v: number[]) => Math.min(...v);
            const fi = op === "max" ? argmax : argmin;
            expectRef(values, reduceRef(c, ref, dim, keepdim, fv), `${op} values`);
            expectRef(indices, reduceRef(c, ref, dim, keepdim, fi), `${op} indices`);
            expect(values.dtype).toBe("float32");
            expect(indices.dtype).toBe("int32");
          },
        ),
        RUNS,
      );
    });
  }

  it("on a 0-dim tensor", () => {
    const x = tensor(3.5);
    expect(x.argmax().item()).toBe(0);
    expect(x.argmax(0).shape).toEqual([]);
    const { values, indices } = x.max(0);
    expect(values.item()).toBe(3.5);
    expect(indices.item()).toBe(0);
    expect(values.shape).toEqual([]);
  });

  it("ties pick the first index", () => {
    const x = tensor([
      [1, 3, 3],
      [2, 2, 0],
    ]);
    expect(x.argmax(1).toArray()).toEqual([1, 0]);
    expect(x.argmin(1).toArray()).toEqual([0, 2]);
    expect(x.argmax().item()).toBe(1);
    expect(x.max(0).indices.toArray()).toEqual([1, 0, 0]);
  });
});

describe("all and any", () => {
  const sparse = fc.constantFrom(0, 0, 1, -1, 0.5);
  for (const op of ["all", "any"] as const) {
    it(`${op}: bool result over one dim or everything, for every dtype`, () => {
      fc.assert(
        fc.property(
          arbReduceCase(["bool", "int32", "float32", "float64"], { list: false, values: sparse }),
          ([c, dim, keepdim]) => {
            const { t, ref } = build(c);
            const d = dim === null || dim === undefined ? undefined : (dim as number);
            const out = t[op](d, d === undefined ? false : keepdim);
            expect(out.dtype).toBe("bool");
            const f =
              op === "all"
                ? (v: number[]) => Number(v.every((x) => x !== 0))
                : (v: number[]) => Number(v.some((x) => x !== 0));
            expectRef(out, reduceRef(c, ref, d, d === undefined ? false : keepdim, f), `${op}(${d})`);
          },
        ),
        RUNS,
      );
    });
  }

  it("empty tensors: all is true, any is false; NaN counts as true", () => {
    expect(zeros([0]).all().toArray()).toBe(true);
    expect(zeros([0]).any().toArray()).toBe(false);
    expect(tensor([Number.NaN]).all().toArray()).toBe(true);
    expect(
      tensor([
        [1, 0],
        [2, 3],
      ])
        .all(1)
        .toArray(),
    ).toEqual([false, true]);
  });
});

describe("NaN propagation", () => {
  const x = tensor([
    [1, Number.NaN, 3],
    [4, 5, 6],
  ]);
  const isNaNAt = (t: Tensor) => (t.toArray() as number[]).map(Number.isNaN);

  it("sum, mean, prod, amax, amin, logsumexp, var are NaN where a NaN was reduced", () => {
    for (const out of [x.sum(1), x.mean(1), x.prod(1), x.amax(1), x.amin(1), x.logsumexp(1), x.var(1)]) {
      expect(isNaNAt(out)).toEqual([true, false]);
    }
    expect(x.sum().item()).toBeNaN();
    expect(x.max().item()).toBeNaN();
    expect(x.min().item()).toBeNaN();
    expect(x.amax(0).toArray()).toEqual([4, Number.NaN, 6]);
  });

  it("argmax, argmin and max(dim) point at the NaN", () => {
    expect(x.argmax(1).toArray()).toEqual([1, 2]);
    expect(x.argmin(1).toArray()).toEqual([1, 0]);
    expect(x.argmax().item()).toBe(1);
    const { values, indices } = x.max(1);
    expect(values.toArray()).toEqual([Number.NaN, 6]);
    expect(indices.toArray()).toEqual([1, 2]);
    expect(tensor([Number.NaN, 1]).argmax().item()).toBe(0);
    expect(tensor([2, 1, Number.NaN]).argmin().item()).toBe(2);
  });
});

describe("empty tensors and errors", () => {
  it("sum, prod, mean over empty dims give 0, 1, NaN", () => {
    expect(zeros([0]).sum().item()).toBe(0);
    expect(zeros([0]).prod().item()).toBe(1);
    expect(zeros([0]).mean().item()).toBeNaN();
    expect(zeros([0, 3]).sum(0).toArray()).toEqual([0, 0, 0]);
    expect(zeros([0, 3]).sum(1).shape).toEqual([0]);
    expect(zeros([0, 3]).amax(1).shape).toEqual([0]);
  });

  it("amax, amin, max, argmax over an empty dim throw", () => {
    const e = zeros([0, 3]);
    expect(() => e.amax(0)).toThrow(IndexError);
    expect(() => e.amax(0)).toThrow("amax: expected reduction dim 0 to have non-zero size (shape [0, 3])");
    expect(() => e.amin()).toThrow("amin: expected reduction dim 0 to have non-zero size (shape [0, 3])");
    expect(() => e.max()).toThrow("amax: expected reduction dim 0 to have non-zero size (shape [0, 3])");
    expect(() => zeros([3, 0]).amax([0, 1])).toThrow(
      "amax: expected reduction dim 1 to have non-zero size (shape [3, 0])",
    );
    expect(() => e.argmax()).toThrow(IndexError);
    expect(() => e.argmax()).toThrow(
      "argmax: expected reduction dim to be specified for input.numel() == 0 (shape [0, 3])",
    );
    expect(() => e.argmin(0)).toThrow(
      "argmin: expected reduction dim 0 to have non-zero size (shape [0, 3])",
    );
  });

  it("argmax and max along a non-empty dim of an empty tensor give empty results, as in PyTorch", () => {
    const e = zeros([0, 3]);
    expect(e.argmax(1).shape).toEqual([0]);
    const { values, indices } = e.max(1);
    expect(values.shape).toEqual([0]);
    expect(indices.shape).toEqual([0]);
  });

  it("mean of an integer tensor throws", () => {
    expect(() => tensor([1, 2, 3]).mean()).toThrow(DTypeError);
    expect(() => tensor([1, 2, 3]).mean()).toThrow(
      "mean: could not infer output dtype. Input dtype must be a floating point dtype, but got int32; use .float() first",
    );
    expect(() => tensor([true]).mean(0)).toThrow("mean: could not infer output dtype");
    expect(tensor([1, 2]).float().mean().item()).toBe(1.5);
  });

  it("var and std of an integer tensor throw, naming the op", () => {
    expect(() => tensor([1, 2, 3]).var()).toThrow(DTypeError);
    expect(() => tensor([1, 2, 3]).var()).toThrow("var: expected a floating point tensor, got int32");
    expect(() => tensor([1, 2, 3]).std()).toThrow("std: expected a floating point tensor, got int32");
  });

  it("out-of-range and repeated dims", () => {
    const x = zeros([2, 3]);
    expect(() => x.sum(2)).toThrow(IndexError);
    expect(() => x.sum(2)).toThrow(
      "sum: Dimension out of range (expected to be in range of [-2, 1], but got 2)",
    );
    expect(() => x.mean([0, -3])).toThrow(
      "mean: Dimension out of range (expected to be in range of [-2, 1], but got -3)",
    );
    expect(() => x.argmax(2)).toThrow(
      "argmax: Dimension out of range (expected to be in range of [-2, 1], but got 2)",
    );
    expect(() => x.max(-3)).toThrow(
      "max: Dimension out of range (expected to be in range of [-2, 1], but got -3)",
    );
    expect(() => x.all(2)).toThrow(
      "all: Dimension out of range (expected to be in range of [-2, 1], but got 2)",
    );
    expect(() => x.logsumexp(5)).toThrow(
      "logsumexp: Dimension out of range (expected to be in range of [-2, 1], but got 5)",
    );
    expect(() => tensor(1).sum(1)).toThrow(
      "sum: Dimension out of range (expected to be in range of [-1, 0], but got 1)",
    );
    expect(() => x.sum([0, -2])).toThrow(ValueError);
    expect(() => x.sum([0, -2])).toThrow("sum: dim 0 appears multiple times in the list of dims");
  });

  it("0-dim tensors reduce over dim 0 or -1 to themselves", () => {
    const s = tensor(2.5);
    expect(s.sum(0).item()).toBe(2.5);
    expect(s.sum(-1, true).shape).toEqual([]);
    expect(s.mean().item()).toBe(2.5);
    expect(s.amax(0).item()).toBe(2.5);
  });
});

describe("reductions along contiguous rows", () => {
  // The JS loop folds four rows at once (codegen.ts); each row must still be folded in order,
  // in float64, giving exactly the bits of a sequential loop, whatever the row count.
  it("fold each row in order, bit for bit, for every row count and offset", () => {
    const val = fc.oneof(
      { weight: 9, arbitrary: fc.float({ noNaN: true, min: -1e6, max: 1e6 }) },
      { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0) },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 11 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 3 }),
        fc.array(val, { minLength: 1, maxLength: 50 }),
        fc.constantFrom("sum", "mean", "prod", "amax", "amin") as fc.Arbitrary<
          "sum" | "mean" | "prod" | "amax" | "amin"
        >,
        (m, n, skip, pool, op) => {
          const data = Float32Array.from({ length: m * n + skip }, (_, i) => pool[(i * 7) % pool.length]!);
          const x = fromTypedArray(data.subarray(skip), [m, n]);
          const got = Array.from(x[op](1).toTypedArray());
          const want = Array.from({ length: m }, (_, r) => {
            let acc = op === "prod" ? 1 : op === "amax" ? -Infinity : op === "amin" ? Infinity : 0;
            for (let i = 0; i < n; i++) {
              const v = data[skip + r * n + i]!;
              if (op === "sum" || op === "mean") acc += v;
              else if (op === "prod") acc *= v;
              else if (op === "amax") acc = v > acc || Number.isNaN(v) ? v : acc;
              else acc = v < acc || Number.isNaN(v) ? v : acc;
            }
            return Math.fround(op === "mean" ? acc / n : acc);
          });
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("reductions from plain JavaScript", () => {
  it("name a keyword-style dim object instead of failing inside", () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    const call = () => x.sum({ dim: 1 } as unknown as number);
    expect(call).toThrow(ValueError);
    expect(call).toThrow(
      "sum: dim must be a number or an array of numbers, got an object; write sum(dim, keepdim), e.g. sum(1, true)",
    );
    expect(() => x.mean("1" as unknown as number)).toThrow(
      'mean: dim must be a number or an array of numbers, got "1"',
    );
  });
});

describe("dim []", () => {
  it("reduces every dim, as PyTorch's dim=[] (var and std were NaN, the others no reduction)", () => {
    const x = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { dtype: "float64" },
    );
    expect(x.sum([]).toArray()).toBe(10);
    expect(x.mean([]).toArray()).toBe(2.5);
    expect(x.amax([]).toArray()).toBe(4);
    expect(x.amin([], true).toArray()).toEqual([[1]]);
    expect(x.var([]).item()).toBeCloseTo(1.6666667, 6);
    expect(x.std([], { keepdim: true }).toArray()).toEqual([[Math.sqrt(5 / 3)]]);
  });
});

describe("sum and mean with a dtype (PyTorch's dtype keyword)", () => {
  it("converts the input first", () => {
    const i = tensor([
      [1, 2],
      [3, 4],
    ]);
    const m = i.mean(1, false, { dtype: "float32" });
    expect(m.dtype).toBe("float32");
    expect(m.toArray()).toEqual([1.5, 3.5]);
    expect(i.sum(null, false, { dtype: "float64" }).dtype).toBe("float64");
    expect(i.sum(0, true, { dtype: "float64" }).toArray()).toEqual([[4, 6]]);
    // float32 values whose float32 sum would round: converted to float64 before summing.
    const f = tensor([16777216, 1], { dtype: "float32" });
    expect(f.sum(0, false, { dtype: "float64" }).item()).toBe(16777217);
  });

  it("gives the requested dtype where the reduction would widen it (bool, uint8 sums)", () => {
    const u = tensor([200, 100], { dtype: "uint8" });
    expect(u.sum().dtype).toBe("int32");
    const s = u.sum(0, false, { dtype: "uint8" });
    expect([s.dtype, s.item()]).toEqual(["uint8", 44]);
    expect(tensor([1, 2]).sum(0, false, { dtype: "int32" }).dtype).toBe("int32");
  });

  it("keeps mean's rule: an integer dtype is refused", () => {
    expect(() => tensor([1.5, 2]).mean(0, false, { dtype: "int32" })).toThrow(DTypeError);
  });

  it("refuses unknown options and dtypes", () => {
    expect(() => tensor([1, 2]).sum(0, false, { dtyp: "float64" } as never)).toThrow(
      /sum: unknown option "dtyp" in options; did you mean "dtype"\?/,
    );
    expect(() => tensor([1, 2]).mean(0, false, { dtype: "float16" as never })).toThrow(
      new DTypeError('mean: unknown dtype "float16"; expected one of bool, uint8, int32, float32, float64'),
    );
    expect(() => tensor([1, 2]).sum(0, false, 5 as never)).toThrow(ValueError);
  });
});

describe("max and min with a tensor: the elementwise maximum and minimum", () => {
  const a = tensor([1, 5, Number.NaN, -2]);
  const b = tensor([[3], [0]]);

  it("x.max(other) is x.maximum(other), broadcast, NaN propagated", () => {
    expect(a.max(b).toArray()).toEqual(a.maximum(b).toArray());
    expect(a.max(b).toArray()).toEqual([
      [3, 5, Number.NaN, 3],
      [1, 5, Number.NaN, 0],
    ]);
    expect(a.min(b).toArray()).toEqual([
      [1, 3, Number.NaN, -2],
      [0, 0, Number.NaN, -2],
    ]);
  });

  it("the function forms max, min, maximum, minimum take every overload", () => {
    expect(max(a, b).toArray()).toEqual(a.maximum(b).toArray());
    expect(min(a, b).toArray()).toEqual(a.minimum(b).toArray());
    expect(maximum(a, 2).toArray()).toEqual([2, 5, Number.NaN, 2]);
    expect(minimum(a, 2).toArray()).toEqual([1, 2, Number.NaN, -2]);
    const x = tensor([
      [1, 7],
      [4, 2],
    ]);
    expect(max(x).item()).toBe(7);
    expect(min(x).item()).toBe(1);
    expect(max(x, 1).indices.toArray()).toEqual([1, 0]);
    expect(min(x, 0, true).values.toArray()).toEqual([[1, 2]]);
    expect(() => max([1, 2] as never)).toThrow("max: input must be a tensor, got [1, 2]");
    expect(() => minimum(x, "1" as never)).toThrow(ValueError);
  });
});
