// Unary math, clamp, fill/zero/copy, softmax and dtype conversions against the reference.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  arange,
  type DType,
  DTypeError,
  IndexError,
  ShapeError,
  tensor,
  ValueError,
  zeros,
} from "../index.js";
import {
  arbTensorCase,
  arbTensorCaseOf,
  build,
  castRef,
  expectRef,
  expectRefClose,
  normDims,
  type Ref,
  readStrided,
  refMap,
  refReduce,
} from "../reference.test-util.js";

const RUNS = { numRuns: 120 };

/** Rounds halves to the even neighbour (torch.round), from floor rather than Math.round. */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d !== 0.5) return d < 0.5 ? f : f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/** erf by a different formula than the kernel's: the series summed term by term below 3, the
 * continued fraction of erfc (100 levels) above. */
function erfRef(x: number): number {
  const ax = Math.abs(x);
  const e = Math.exp(-x * x);
  if (ax < 3) {
    let term = x;
    let sum = x;
    for (let n = 1; Math.abs(term) > 1e-18 * Math.abs(sum); n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
    }
    return (2 / Math.sqrt(Math.PI)) * e * sum;
  }
  let f = ax;
  for (let n = 100; n >= 1; n--) f = ax + n / 2 / f;
  const erfc = e / Math.sqrt(Math.PI) / f;
  return x < 0 ? erfc - 1 : 1 - erfc;
}

type Unary = keyof typeof UNARY;
const UNARY = {
  neg: { f: (x) => -x, float: false },
  exp: { f: Math.exp, float: true },
  log: { f: Math.log, float: true },
  log1p: { f: Math.log1p, float: true },
  sqrt: { f: Math.sqrt, float: true },
  abs: { f: Math.abs, float: false },
  sigmoid: { f: (x) => 1 / (1 + Math.exp(-x)), float: true },
  tanh: { f: Math.tanh, float: true },
  relu: { f: (x) => Math.max(x, 0), float: false },
  softplus: { f: (x) => (x > 20 ? x : Math.log1p(Math.exp(x))), float: true, floatOnly: true },
  logSigmoid: {
    f: (x) => (x < 0 ? x - Math.log1p(Math.exp(x)) : -Math.log1p(Math.exp(-x))),
    float: true,
    floatOnly: true,
  },
  sign: { f: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0), float: false },
  floor: { f: Math.floor, float: false },
  ceil: { f: Math.ceil, float: false },
  round: { f: roundHalfEven, float: false },
  trunc: { f: Math.trunc, float: false },
  reciprocal: { f: (x) => 1 / x, float: true },
  rsqrt: { f: (x) => 1 / Math.sqrt(x), float: true },
  sin: { f: Math.sin, float: true },
  cos: { f: Math.cos, float: true },
  tan: { f: Math.tan, float: true },
  log2: { f: Math.log2, float: true },
  log10: { f: Math.log10, float: true },
  exp2: { f: (x) => 2 ** x, float: true },
  erf: { f: erfRef, float: true },
  // Activations: floating-point inputs only, as PyTorch (integers are a DTypeError).
  leakyRelu: { f: (x) => (x > 0 ? x : 0.01 * x), float: true, floatOnly: true },
  gelu: { f: (x) => 0.5 * x * (1 + erfRef(x / Math.SQRT2)), float: true, floatOnly: true },
  silu: { f: (x) => x / (1 + Math.exp(-x)), float: true, floatOnly: true },
  elu: { f: (x) => (x > 0 ? x : Math.expm1(x)), float: true, floatOnly: true },
} satisfies Record<string, { f: (x: number) => number; float: boolean; floatOnly?: boolean }>;

describe("unary ops", () => {
  for (const [op, spec] of Object.entries(UNARY) as [Unary, (typeof UNARY)[Unary]][]) {
    const { f, float } = spec;
    const floatOnly = "floatOnly" in spec;
    it(`${op} over random layouts and dtypes`, () => {
      fc.assert(
        fc.property(arbTensorCase({ maxDims: 4, dtypes: ["float32", "float64", "int32"] }), (c) => {
          const { t, ref } = build(c);
          if (floatOnly && c.dtype === "int32") {
            expect(() => t[op]()).toThrow(DTypeError);
            return;
          }
          const out = t[op]();
          const dtype: DType = float && c.dtype === "int32" ? "float32" : c.dtype;
          expect(out.dtype).toBe(dtype);
          const want = castRef(refMap(ref, f), dtype);
          // Math functions may differ in the last bit of a double; float32 results round the same.
          // erf's reference is another formula (erfRef), within ~1e-15 of the true value.
          if (op === "erf") expectRefClose(out, want, dtype === "float64" ? 4e-15 : 1.2e-7, 0, op);
          // gelu's reference multiplies erfRef's error by up to |x|/2 (x ≥ -8 here).
          else if (op === "gelu") expectRefClose(out, want, dtype === "float64" ? 4e-15 : 1.2e-7, 4e-15, op);
          else if (dtype === "float64" && float) expectRefClose(out, want, 1e-15, 0, op);
          else if (dtype === "float32" && op === "sigmoid") expectRefClose(out, want, 1.2e-7, 0, op);
          // The wasm backend's float32 exp is a polynomial within a few ulps (kernels/exp-wasm.ts).
          else if (dtype === "float32" && op === "exp") expectRefClose(out, want, 4e-7, 1e-45, op);
          else expectRef(out, want, op);
          expect(out.isContiguous()).toBe(true);
          expectRef(t, ref, "input unchanged");
        }),
        RUNS,
      );
    });
  }

  it("sigmoid is stable at both ends and relu keeps NaN", () => {
    const x = tensor([-1000, -50, 0, 50, 1000], { dtype: "float64" });
    const s = x.sigmoid().toArray() as number[];
    expect(s[0]).toBe(0);
    expect(s[1]).toBeCloseTo(1.9287498479639178e-22, 30);
    expect(s[2]).toBe(0.5);
    expect(s[4]).toBe(1);
    expect(s.every((v) => !Number.isNaN(v))).toBe(true);
    expect(tensor([Number.NaN, -1, 2]).relu().toArray()).toEqual([Number.NaN, 0, 2]);
    expect(tensor([-1, 0, 4]).sqrt().toArray()).toEqual([Number.NaN, 0, 2]);
    expect(tensor([0]).log().toArray()).toEqual([Number.NEGATIVE_INFINITY]);
  });

  it("softplus checks its options", () => {
    const beta = () => tensor([1]).softplus({ beta: "2" as unknown as number });
    expect(beta).toThrow(ValueError);
    expect(beta).toThrow('softplus: beta must be a number, got "2"');
    const threshold = () => tensor([1]).softplus({ threshold: [20] as unknown as number });
    expect(threshold).toThrow("softplus: threshold must be a number, got [20]");
  });

  it("neg of a bool tensor throws", () => {
    expect(() => tensor([true]).neg()).toThrow(DTypeError);
    expect(() => tensor([true]).neg()).toThrow(
      "neg: negation, the `-` operator, on a bool tensor is not supported; use logicalNot",
    );
  });

  it("square is x * x", () => {
    expect(tensor([-1.5, 2]).square().toArray()).toEqual([2.25, 4]);
    expect(tensor([-3, 2]).square().dtype).toBe("int32");
  });
});

describe("clamp", () => {
  it("takes tensor bounds, broadcast, with PyTorch's values (min before max, NaN kept)", () => {
    const x = tensor([-3, -1, 0, 2, 5, Number.NaN], { dtype: "float32" });
    const lo = tensor([-2, 0, -1, 3, 0, 0], { dtype: "float32" });
    expect(x.clamp(lo).toArray()).toEqual([-2, 0, 0, 3, 5, Number.NaN]);
    expect(x.clamp(null, tensor(1, { dtype: "float32" })).toArray()).toEqual([-3, -1, 0, 1, 1, Number.NaN]);
    expect(x.clamp(-1, tensor([4], { dtype: "float32" })).toArray()).toEqual([-1, -1, 0, 2, 4, Number.NaN]);
    // min > max gives max, as torch.clamp.
    expect(
      tensor([0, 9], { dtype: "float32" })
        .clamp(tensor(5, { dtype: "float32" }), 3)
        .toArray(),
    ).toEqual([3, 3]);
    // A NaN bound gives NaN.
    expect(
      tensor([1], { dtype: "float32" })
        .clamp(tensor([Number.NaN], { dtype: "float32" }))
        .toArray(),
    ).toEqual([Number.NaN]);
    const y = tensor([-3, 0, 5], { dtype: "float32" });
    expect(y.clamp_(tensor([-1, 1, 1], { dtype: "float32" }), tensor([2], { dtype: "float32" }))).toBe(y);
    expect(y.toArray()).toEqual([-1, 1, 2]);
    expect(() => y.clamp("1" as unknown as number)).toThrow(
      'clamp: min must be a number or a tensor, got "1"',
    );
  });

  const bound = fc.option(
    fc.integer({ min: -12, max: 12 }).map((v) => v / 4),
    { nil: null },
  );
  it("clamps into [min, max] over random layouts; either bound may be missing", () => {
    fc.assert(
      fc.property(
        arbTensorCase({ maxDims: 3, dtypes: ["float32", "float64"] }),
        bound,
        bound,
        (c, lo, hi) => {
          fc.pre(lo !== null || hi !== null);
          fc.pre(lo === null || hi === null || lo <= hi);
          const { t, ref } = build(c);
          const f = (x: number) => Math.min(Math.max(x, lo ?? -Infinity), hi ?? Infinity);
          expectRef(t.clamp(lo, hi), castRef(refMap(ref, f), c.dtype), `clamp(${lo}, ${hi})`);
          t.clamp_(lo, hi);
          expectRef(t, castRef(refMap(ref, f), c.dtype), `clamp_(${lo}, ${hi})`);
        },
      ),
      RUNS,
    );
  });

  it("min > max sets everything to max, as PyTorch", () => {
    expect(tensor([0, 1.5, 3]).clamp(2, 1).toArray()).toEqual([1, 1, 1]);
  });

  it("dtype: integer bounds keep int32, float bounds give float32; NaN stays NaN", () => {
    expect(tensor([1, 2, 3]).clamp(0, 2).dtype).toBe("int32");
    expect(tensor([1, 2, 3]).clamp(0.5, 1.5).toArray()).toEqual([1, 1.5, 1.5]);
    expect(tensor([1, 2, 3]).clamp(0.5, 1.5).dtype).toBe("float32");
    expect(tensor([Number.NaN, 5]).clamp(0, 1).toArray()).toEqual([Number.NaN, 1]);
    expect(tensor([-5, 5]).clamp(null, 1).toArray()).toEqual([-5, 1]);
    expect(tensor([-5, 5]).clamp(0).toArray()).toEqual([0, 5]);
  });

  it("needs at least one bound", () => {
    expect(() => tensor([1]).clamp()).toThrow(ValueError);
    expect(() => tensor([1]).clamp()).toThrow("clamp: at least one of 'min' or 'max' must not be None");
    expect(() => tensor([1]).clamp_(null, null)).toThrow(
      "clamp_: at least one of 'min' or 'max' must not be None",
    );
  });
});

describe("fill_, zero_, copy_", () => {
  it("fill_ and zero_ write every element of a (non-contiguous) view and nothing else", () => {
    const base = arange(12, undefined, 1, { dtype: "float32" }).view(3, 4);
    const v = base.t().slice(0, 1, 4, 2); // base[:, 1::2].T
    v.fill_(-1);
    expect(base.toArray()).toEqual([
      [0, -1, 2, -1],
      [4, -1, 6, -1],
      [8, -1, 10, -1],
    ]);
    base.select(1, 0).zero_();
    expect(base.select(1, 0).toArray()).toEqual([0, 0, 0]);
    expect(base.select(1, 2).toArray()).toEqual([2, 6, 10]);
    const b = zeros([2], { dtype: "bool" }).fill_(true);
    expect(b.toArray()).toEqual([true, true]);
    expect(zeros([2], { dtype: "int32" }).fill_(2.7).toArray()).toEqual([2, 2]);
  });

  it("fill_ and zero_ bump the version counter", () => {
    const x = zeros([2]);
    const v = x.version;
    x.fill_(1);
    x.zero_();
    x.clamp_(0, 1);
    expect(x.version).toBe(v + 3);
  });

  it("copy_ broadcasts and converts", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 3 }).chain((shape) =>
          fc.tuple(
            arbTensorCaseOf(shape, "float32").filter((c) => c.layout.kind !== "expanded"),
            arbTensorCaseOf(shape.slice(Math.min(1, shape.length)), "float64"),
          ),
        ),
        ([cd, cs]) => {
          const D = build(cd);
          const S = build(cs);
          D.t.copy_(S.t);
          const shape = cd.shape;
          const off = shape.length - cs.shape.length;
          const want = castRef(
            {
              shape,
              data: readStrided(D.t).data.map((_, p) => {
                const idx: number[] = [];
                let q = p;
                for (let d = shape.length - 1; d >= 0; d--) {
                  idx[d] = q % shape[d]!;
                  q = Math.floor(q / shape[d]!);
                }
                let k = 0;
                for (let d = 0; d < cs.shape.length; d++) k = k * cs.shape[d]! + idx[off + d]!;
                return S.ref.data[k]!;
              }),
            },
            "float32",
          );
          expectRef(D.t, want, "copy_");
        },
      ),
      RUNS,
    );
    const i = zeros([3], { dtype: "int32" }).copy_(tensor([1.9, -1.9, 0.5]));
    expect(i.toArray()).toEqual([1, -1, 0]);
    const b = zeros([3], { dtype: "bool" }).copy_(tensor([0.5, 0, -2]));
    expect(b.toArray()).toEqual([true, false, true]);
    expect(Array.from(b.toTypedArray())).toEqual([1, 0, 1]);
    expect(zeros([2, 2]).copy_(3).toArray()).toEqual([
      [3, 3],
      [3, 3],
    ]);
  });

  it("copy_ with a shape that does not broadcast to self throws", () => {
    expect(() => zeros([2]).copy_(zeros([3]))).toThrow(ShapeError);
    expect(() => zeros([2]).copy_(zeros([3]))).toThrow(
      "copy_: the size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0 (shapes [2] and [3])",
    );
    expect(() => zeros([3]).copy_(zeros([2, 3]))).toThrow(
      "copy_: output with shape [3] doesn't match the broadcast shape [2, 3]",
    );
  });
});

describe("softmax and logSoftmax", () => {
  const arbSoftmax = arbTensorCase({ minDims: 1, maxDims: 3, dtypes: ["float32", "float64"] }).chain((c) =>
    fc.tuple(fc.constant(c), fc.integer({ min: -c.shape.length, max: c.shape.length - 1 })),
  );

  const refSoftmax = (ref: Ref, dim: number, log: boolean): Ref => {
    const d = normDims(dim, ref.shape.length)[0]!;
    const lse = refReduce(ref, [d], true, (v) => {
      const m = Math.max(...v);
      return m + Math.log(v.reduce((a, x) => a + Math.exp(x - m), 0));
    });
    const strides = ref.shape.map((_, k) => ref.shape.slice(k + 1).reduce((a, b) => a * b, 1));
    return {
      shape: ref.shape,
      data: ref.data.map((x, p) => {
        let q = 0;
        let kstride = 1;
        for (let k = ref.shape.length - 1; k >= 0; k--) {
          const i = Math.floor(p / strides[k]!) % ref.shape[k]!;
          if (k !== d) q += i * kstride;
          kstride *= k === d ? 1 : ref.shape[k]!;
        }
        const l = lse.data[q]!;
        return log ? x - l : Math.exp(x - l);
      }),
    };
  };

  it("logSoftmax keeps log Σ beside huge tied logits, as PyTorch (not absorbed into the max)", () => {
    for (const dtype of ["float32", "float64"] as const) {
      const x = tensor([[1e30, 1e30, 0]], { dtype });
      const big = Math.fround(1e30);
      for (const [what, out] of [
        ["rows", x.logSoftmax(1)],
        ["strided lanes", x.t().contiguous().logSoftmax(0).t()],
      ] as const) {
        const [a, b, c] = out.toTypedArray();
        expect(a, `${dtype} ${what}`).toBeCloseTo(-Math.LN2, 6);
        expect(b, `${dtype} ${what}`).toBeCloseTo(-Math.LN2, 6);
        expect(c).toBe(dtype === "float32" ? -big : -1e30);
      }
      expect(Array.from(x.softmax(1).toTypedArray())).toEqual([0.5, 0.5, 0]);
    }
  });

  it("softmax and logSoftmax along any dim match the reference", () => {
    fc.assert(
      fc.property(arbSoftmax, ([c, dim]) => {
        const { t, ref } = build(c);
        const tol = c.dtype === "float32" ? 1e-6 : 1e-12;
        expectRefClose(t.softmax(dim), castRef(refSoftmax(ref, dim, false), c.dtype), tol, 1e-7, "softmax");
        expectRefClose(
          t.logSoftmax(dim),
          castRef(refSoftmax(ref, dim, true), c.dtype),
          tol,
          1e-6,
          "logSoftmax",
        );
        const sums = readStrided(t.softmax(dim).sum(dim)).data;
        for (const s of sums) expect(Math.abs(s - 1)).toBeLessThan(1e-5);
      }),
      RUNS,
    );
  });

  it("is stable for large inputs and gives float32 for integers", () => {
    const x = tensor([1000, 1001, 1002]);
    const p = x.softmax(0);
    expect(p.dtype).toBe("float32");
    const v = p.toArray() as number[];
    expect(v[2]).toBeCloseTo(0.66524, 5);
    expect(v.every(Number.isFinite)).toBe(true);
    expect((x.logSoftmax(0).toArray() as number[])[0]).toBeCloseTo(-2.40761, 5);
    expect(tensor([1, 2]).softmax(0).toArray()).toEqual([
      Math.fround(0.2689414213699951),
      Math.fround(0.7310585786300049),
    ]);
  });

  it("a lane of -inf gives NaN as in PyTorch; tiny float32 probabilities flush to 0", () => {
    const ninf = Number.NEGATIVE_INFINITY;
    expect(tensor([ninf, ninf]).softmax(0).toArray()).toEqual([Number.NaN, Number.NaN]);
    expect(tensor([0, -100]).softmax(0).toArray()).toEqual([1, 0]);
    expect(tensor(2.5).softmax(0).toArray()).toBe(1);
  });

  it("dim out of range", () => {
    expect(() => zeros([2, 3]).softmax(2)).toThrow(IndexError);
    expect(() => zeros([2, 3]).softmax(2)).toThrow(
      "softmax: Dimension out of range (expected to be in range of [-2, 1], but got 2)",
    );
    expect(() => zeros([2, 3]).logSoftmax(-3)).toThrow(
      "logSoftmax: Dimension out of range (expected to be in range of [-2, 1], but got -3)",
    );
  });
});

describe("dtype conversion, item and toArray", () => {
  it("to() converts any layout; float to int truncates toward zero; nonzero is true", () => {
    fc.assert(
      fc.property(
        arbTensorCase({ maxDims: 3, dtypes: ["float32", "int32", "bool", "float64"] }),
        fc.constantFrom<DType>("float32", "float64", "int32", "bool"),
        (c, to) => {
          const { t, ref } = build(c);
          const out = t.to(to);
          expect(out.dtype).toBe(to);
          expectRef(out, castRef(refMap(ref, to === "int32" ? Math.trunc : (x) => x), to), `to(${to})`);
          if (to === c.dtype) expect(out).toBe(t);
          else expect(out.storage).not.toBe(t.storage);
        },
      ),
      RUNS,
    );
    expect(tensor([1.7, -1.7]).int().toArray()).toEqual([1, -1]);
    expect(tensor([0, Number.NaN, -0.5]).bool().toArray()).toEqual([false, true, true]);
    expect(tensor([true, false]).float().toArray()).toEqual([1, 0]);
    expect(tensor([1, 2]).double().dtype).toBe("float64");
  });

  it("item() of one-element tensors; error otherwise", () => {
    expect(tensor(2.5).item()).toBe(2.5);
    expect(tensor([[7]]).item()).toBe(7);
    expect(arange(6).view(2, 3).select(1, 2).select(0, 1).item()).toBe(5);
    expect(() => zeros([2]).item()).toThrow(ValueError);
    expect(() => zeros([2]).item()).toThrow(
      "item: a Tensor with 2 elements cannot be converted to Scalar (shape [2])",
    );
  });

  it("toArray() gives nested arrays in logical order, booleans for bool", () => {
    expect(arange(6).view(2, 3).t().toArray()).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
    expect(tensor([true, false]).toArray()).toEqual([true, false]);
    expect(tensor(3).toArray()).toBe(3);
    expect(zeros([2, 0]).toArray()).toEqual([[], []]);
    expect(Array.from(arange(6).view(2, 3).t().toTypedArray())).toEqual([0, 3, 1, 4, 2, 5]);
  });
});

describe("pow at the edges of C's pow", () => {
  it("1 to any power and -1 to ±infinity are 1, as PyTorch (JS's ** gives NaN)", () => {
    const base = tensor([1, -1, -1, 1, 2], { dtype: "float32" });
    const exponent = tensor([
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      Number.NaN,
    ]);
    expect(base.pow(exponent.float()).toArray()).toEqual([1, 1, 1, 1, Number.NaN]);
    expect(tensor([1.5, 1]).pow(Number.POSITIVE_INFINITY).toArray()).toEqual([Number.POSITIVE_INFINITY, 1]);
  });
});
