// Creating tensors: dtype inference, ranges, filled tensors, fromTypedArray, ragged input.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  arange,
  DTypeError,
  eye,
  fmtShape,
  fromTypedArray,
  full,
  fullLike,
  Generator,
  linspace,
  type NestedArray,
  ones,
  onesLike,
  rand,
  randn,
  ShapeError,
  Tensor,
  TsgradError,
  tensor,
  ValueError,
  zeros,
  zerosLike,
} from "./index.js";
import { numel, readStrided } from "./reference.test-util.js";

describe("tensor()", () => {
  it("infers the dtype from the values", () => {
    expect(tensor([1, 2, 3]).dtype).toBe("int32");
    expect(tensor([1, 2.5]).dtype).toBe("float32");
    expect(tensor([true, false]).dtype).toBe("bool");
    expect(tensor([true, 2]).dtype).toBe("int32");
    expect(tensor(3.5).dtype).toBe("float32");
    expect(tensor(3).dtype).toBe("int32");
    expect(tensor([]).dtype).toBe("float32");
    expect(tensor([1, 2], { requiresGrad: true }).dtype).toBe("float32");
    expect(tensor([1, 2], { dtype: "float64" }).dtype).toBe("float64");
    expect(tensor([0, 2], { dtype: "bool" }).toArray()).toEqual([false, true]);
  });

  it("round-trips random rectangular nested arrays through toArray()", () => {
    // Nested arrays cannot express dims after a 0 ([0, 3] is just []): cut the shape there.
    const shape = fc
      .array(fc.integer({ min: 0, max: 3 }), { maxLength: 4 })
      .map((s) => (s.includes(0) ? s.slice(0, s.indexOf(0) + 1) : s));
    fc.assert(
      fc.property(
        shape.chain((s) =>
          fc.tuple(
            fc.constant(s),
            fc.array(fc.integer({ min: -50, max: 50 }), { minLength: numel(s), maxLength: numel(s) }),
          ),
        ),
        ([s, flat]) => {
          let k = 0;
          const nest = (d: number): NestedArray =>
            d === s.length ? flat[k++]! : Array.from({ length: s[d]! }, () => nest(d + 1));
          const data = nest(0);
          const t = tensor(data);
          expect(t.shape).toEqual(s);
          expect(t.toArray()).toEqual(data);
          expect(readStrided(t).data).toEqual(flat);
          expect(t.isContiguous()).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("shapes of empty nested arrays", () => {
    expect(tensor([]).shape).toEqual([0]);
    expect(tensor([[]]).shape).toEqual([1, 0]);
    expect(tensor([[], []]).shape).toEqual([2, 0]);
  });

  it("ragged input throws, naming where", () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(ValueError);
    expect(() => tensor([[1, 2], [3]])).toThrow(
      "tensor: ragged nested sequence: expected length 2 at data[1], got 1",
    );
    expect(() => tensor([[1, 2], 3])).toThrow(
      "tensor: ragged nested sequence: expected length 2 at data[1], got a scalar",
    );
    expect(() => tensor([1, [2]])).toThrow(
      "tensor: ragged nested sequence at data[1]: expected a number, got an array",
    );
    expect(() =>
      tensor([
        [[1], [2]],
        [[3], [4, 5]],
      ]),
    ).toThrow("tensor: ragged nested sequence: expected length 1 at data[1][1], got 2");
  });

  it("copies typed arrays (does not share them)", () => {
    const a = new Float32Array([1, 2, 3]);
    const t = tensor(a);
    a[0] = 100;
    expect(t.toArray()).toEqual([1, 2, 3]);
    expect(tensor(new Int32Array([4, 5])).dtype).toBe("int32");
    expect(tensor(new Uint8Array([0, 3])).toArray()).toEqual([false, true]);
    expect(tensor(new Float32Array([1.5]), { dtype: "float64" }).dtype).toBe("float64");
  });

  it("requiresGrad only for floating dtypes", () => {
    const t = tensor([1.5], { requiresGrad: true });
    expect(t.requiresGrad).toBe(true);
    expect(() => tensor([1], { dtype: "int32", requiresGrad: true })).toThrow(DTypeError);
    expect(() => tensor([1], { dtype: "int32", requiresGrad: true })).toThrow(
      "requiresGrad_: only tensors of floating point dtype can require gradients, got int32",
    );
  });
});

describe("fromTypedArray", () => {
  it("shares memory both ways", () => {
    const a = new Float32Array([1, 2, 3, 4, 5, 6]);
    const t = fromTypedArray(a, [2, 3]);
    expect(t.storage).toBe(a);
    a[4] = 50;
    expect(t.toArray()).toEqual([
      [1, 2, 3],
      [4, 50, 6],
    ]);
    t.select(0, 0).fill_(0);
    expect(Array.from(a)).toEqual([0, 0, 0, 4, 50, 6]);
    t.t().add_(1);
    expect(Array.from(a)).toEqual([1, 1, 1, 5, 51, 7]);
  });

  it("dtype from the array class, 1-D by default", () => {
    expect(fromTypedArray(new Float64Array(3)).dtype).toBe("float64");
    expect(fromTypedArray(new Float64Array(3)).shape).toEqual([3]);
    expect(fromTypedArray(new Int32Array(2)).dtype).toBe("int32");
    expect(fromTypedArray(new Uint8Array(2)).dtype).toBe("bool");
    expect(fromTypedArray(new Float32Array(4), 4).shape).toEqual([4]);
  });

  it("errors: element count and dtype mismatch", () => {
    expect(() => fromTypedArray(new Float32Array(5), [2, 3])).toThrow(ValueError);
    expect(() => fromTypedArray(new Float32Array(5), [2, 3])).toThrow(
      "fromTypedArray: shape [2, 3] needs 6 elements, but the array has 5",
    );
    expect(() => fromTypedArray(new Float32Array(2), [2], { dtype: "float64" })).toThrow(DTypeError);
    expect(() => fromTypedArray(new Float32Array(2), [2], { dtype: "float64" })).toThrow(
      "fromTypedArray: a Float32Array holds float32, not float64",
    );
    expect(() => fromTypedArray(new Float32Array(2), [-1, -2])).toThrow(
      "fromTypedArray: negative or non-integer dimension -1 in shape [-1, -2]",
    );
  });
});

describe("ranges", () => {
  it("arange(end), arange(start, end, step), dtypes", () => {
    expect(arange(4).toArray()).toEqual([0, 1, 2, 3]);
    expect(arange(4).dtype).toBe("int32");
    expect(arange(4, 7).toArray()).toEqual([4, 5, 6]);
    expect(arange(5, 0, -1).toArray()).toEqual([5, 4, 3, 2, 1]);
    expect(arange(0, 10, 3).toArray()).toEqual([0, 3, 6, 9]);
    expect(arange(0.5, 3).toArray()).toEqual([0.5, 1.5, 2.5]);
    expect(arange(0.5, 3).dtype).toBe("float32");
    expect(arange(0, 1, 0.1).shape).toEqual([10]);
    expect(arange(0, 1, 0.25).toArray()).toEqual([0, 0.25, 0.5, 0.75]);
    expect(arange(3, undefined, 1, { dtype: "float64" }).dtype).toBe("float64");
    expect(arange(3, undefined, 1, { requiresGrad: true }).dtype).toBe("float32");
    expect(arange(0).shape).toEqual([0]);
    expect(arange(2, 2).shape).toEqual([0]);
    // An empty descending range has size 0, not -0.
    expect(Object.is(arange(3, 3, -1).shape[0], 0)).toBe(true);
  });

  it("arange has ceil((end - start) / step) elements", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -20, max: 20 }),
        fc.integer({ min: -20, max: 20 }),
        fc.integer({ min: 1, max: 5 }),
        (a, b, s) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const up = arange(lo, hi, s);
          expect(up.shape).toEqual([Math.ceil((hi - lo) / s)]);
          (up.toArray() as number[]).forEach((v, i) => {
            expect(v).toBe(lo + i * s);
          });
          const down = arange(hi, lo, -s);
          expect(down.shape).toEqual([Math.ceil((hi - lo) / s)]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("arange errors", () => {
    expect(() => arange(0, 5, 0)).toThrow(ValueError);
    expect(() => arange(0, 5, 0)).toThrow("arange: step must be nonzero");
    expect(() => arange(0, 5, -1)).toThrow(
      "arange: upper bound and larger bound inconsistent with step sign (start 0, end 5, step -1)",
    );
  });

  it("linspace includes both ends", () => {
    expect(linspace(0, 1, 5).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(linspace(0, 1, 1).toArray()).toEqual([0]);
    expect(linspace(0, 1, 0).shape).toEqual([0]);
    expect(linspace(-1, 1, 4).toArray()).toEqual([-1, Math.fround(-1 / 3), Math.fround(1 / 3), 1]);
    expect(linspace(0, 1, 3, { dtype: "float64" }).dtype).toBe("float64");
    const l = linspace(0, 0.7, 11, { dtype: "float64" }).toArray() as number[];
    expect(l[10]).toBe(0.7);
    expect(l[0]).toBe(0);
    expect(() => linspace(0, 1, -1)).toThrow("linspace: number of steps must be non-negative, got -1");
  });
});

describe("sizes as PyTorch takes them", () => {
  it("numbers or one array, then options, for zeros, ones, rand and randn", () => {
    for (const make of [zeros, ones, rand, randn]) {
      expect(make(4, 2).shape).toEqual([4, 2]);
      expect(make([4, 2]).shape).toEqual([4, 2]);
      expect(make(4, 2, 3).shape).toEqual([4, 2, 3]);
      expect(make(4, 2, { dtype: "float64" }).dtype).toBe("float64");
      expect(make([4, 2], { dtype: "float64" }).shape).toEqual([4, 2]);
      expect(make(5).shape).toEqual([5]);
      expect(make([]).shape).toEqual([]);
    }
    expect(zeros(2, 3, { dtype: "int32" }).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    // The same samples either way.
    expect(randn(3, 2, { generator: new Generator(5) }).toArray()).toEqual(
      randn([3, 2], { generator: new Generator(5) }).toArray(),
    );
  });

  it("names the function and what it got on bad sizes, dtypes and sizes too large to allocate", () => {
    const cases: [() => unknown, typeof TsgradError, string][] = [
      [
        () => (zeros as (...a: unknown[]) => unknown)("2", 3),
        ValueError,
        'zeros: expected sizes as numbers or one array, then options, got ("2", 3)',
      ],
      [
        () => (randn as (...a: unknown[]) => unknown)(),
        ValueError,
        "randn: expected sizes as numbers or one array, then options, got ()",
      ],
      [() => zeros([2, -1]), ValueError, "zeros: negative or non-integer dimension -1 in shape [2, -1]"],
      [() => ones(2.5), ValueError, "ones: negative or non-integer dimension 2.5 in shape [2.5]"],
      [
        () => zeros(2, { dtype: "float" as "float32" }),
        DTypeError,
        'zeros: unknown dtype "float"; expected one of bool, uint8, int32, float32, float64',
      ],
      [() => randn(2, { dtype: "half" as "float32" }), DTypeError, 'randn: unknown dtype "half"'],
      [
        () => zeros([1e6, 1e6]),
        ValueError,
        "zeros: cannot allocate a float32 tensor of shape [1000000, 1000000] (1000000000000 elements)",
      ],
    ];
    for (const [call, kind, message] of cases) {
      expect(call).toThrow(kind);
      expect(call).toThrow(message);
    }
  });
});

describe("filled tensors", () => {
  it("zeros, ones, full, eye and the *Like forms", () => {
    expect(zeros([2, 3]).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(zeros(3).shape).toEqual([3]);
    expect(zeros([]).shape).toEqual([]);
    expect(zeros([2]).dtype).toBe("float32");
    expect(ones([2], { dtype: "int32" }).toArray()).toEqual([1, 1]);
    expect(ones([2], { dtype: "bool" }).toArray()).toEqual([true, true]);
    expect(full([2], 7).dtype).toBe("int32");
    expect(full([2], 0.5).toArray()).toEqual([0.5, 0.5]);
    expect(full([2], 0.5).dtype).toBe("float32");
    expect(full([1], true).dtype).toBe("bool");
    expect(full([2], 3, { requiresGrad: true }).dtype).toBe("float32");
    expect(eye(2, 3).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(eye(2).toArray()).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(eye(3, 2, { dtype: "int32" }).toArray()).toEqual([
      [1, 0],
      [0, 1],
      [0, 0],
    ]);
    const src = tensor([[1.5, 2]], { dtype: "float64" });
    expect(zerosLike(src).dtype).toBe("float64");
    expect(zerosLike(src).shape).toEqual([1, 2]);
    expect(onesLike(src).toArray()).toEqual([[1, 1]]);
    expect(fullLike(src, 4).toArray()).toEqual([[4, 4]]);
    expect(fullLike(src, 4).dtype).toBe("float64");
    expect(zerosLike(src, { dtype: "int32" }).dtype).toBe("int32");
  });

  it("negative or fractional dims throw", () => {
    expect(() => zeros([2, -1])).toThrow(ValueError);
    expect(() => zeros([2, -1])).toThrow("zeros: negative or non-integer dimension -1 in shape [2, -1]");
    expect(() => ones([1.5])).toThrow("ones: negative or non-integer dimension 1.5 in shape [1.5]");
    expect(() => full([-2], 1)).toThrow("full: negative or non-integer dimension -2 in shape [-2]");
    expect(() => eye(-1)).toThrow("eye: negative or non-integer dimension -1 in shape [-1, -1]");
  });

  it("Tensor metadata", () => {
    const t = zeros([2, 3, 4]);
    expect(t).toBeInstanceOf(Tensor);
    expect(t.ndim).toBe(3);
    expect(t.dim()).toBe(3);
    expect(t.numel()).toBe(24);
    expect(t.strides).toEqual([12, 4, 1]);
    expect(t.offset).toBe(0);
    expect(t.isLeaf).toBe(true);
    expect(t.grad).toBeNull();
    expect(Object.isFrozen(t.shape)).toBe(true);
  });

  it("errors are TsgradError subclasses with their class name", () => {
    const caught = (f: () => unknown): unknown => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return null;
    };
    const e = caught(() => zeros([2]).view(3));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e).toBeInstanceOf(TsgradError);
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).name).toBe("ShapeError");
    const v = caught(() => zeros([-1]));
    expect(v).toBeInstanceOf(ValueError);
    expect((v as Error).name).toBe("ValueError");
    expect(fmtShape([2, 3])).toBe("[2, 3]");
    expect(fmtShape([])).toBe("[]");
  });
});

describe("unknown dtypes", () => {
  it("are DTypeErrors naming the function, for tensor() and to()", () => {
    const make = () => tensor([1, 2], { dtype: "float" as "float32" });
    expect(make).toThrow(DTypeError);
    expect(make).toThrow(
      'tensor: unknown dtype "float"; expected one of bool, uint8, int32, float32, float64',
    );
    const convert = () => tensor([1, 2]).to("float16" as "float32");
    expect(convert).toThrow(DTypeError);
    expect(convert).toThrow(
      'to: unknown dtype "float16"; expected one of bool, uint8, int32, float32, float64',
    );
  });
});
