// cat and stack against the reference, with mixed layouts and dtypes; error messages.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  arange,
  cat,
  type DType,
  IndexError,
  ShapeError,
  stack,
  tensor,
  ValueError,
  zeros,
} from "../index.js";
import {
  arbTensorCaseOf,
  build,
  castRef,
  expectRef,
  type Ref,
  refCat,
  refReshape,
} from "../reference.test-util.js";

const ORDER: DType[] = ["bool", "int32", "float32", "float64"];
const promote = (ds: DType[]): DType => ds.reduce((a, b) => (ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b));

describe("cat", () => {
  it("joins random tensors along any dim (negative too), any layout, promoting dtypes", () => {
    const arb = fc
      .tuple(
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }),
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom<DType>("int32", "float32", "float64")),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        fc.nat(),
        fc.boolean(),
      )
      .chain(([shape, parts, dseed, neg]) => {
        const d = dseed % shape.length;
        return fc.tuple(
          fc.tuple(
            ...parts.map(([n, dt]) =>
              arbTensorCaseOf(
                shape.map((s, i) => (i === d ? n : s)),
                dt,
              ),
            ),
          ),
          fc.constant(neg ? d - shape.length : d),
          fc.constant(d),
        );
      });
    fc.assert(
      fc.property(arb, ([cases, dim, d]) => {
        const built = cases.map(build);
        const out = cat(
          built.map((b) => b.t),
          dim,
        );
        const dtype = promote(cases.map((c) => c.dtype));
        expect(out.dtype).toBe(dtype);
        expectRef(
          out,
          castRef(
            refCat(
              built.map((b) => b.ref),
              d,
            ),
            dtype,
          ),
          `cat dim ${dim}`,
        );
        expect(out.isContiguous()).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("copies: the result does not share storage with the inputs", () => {
    const a = arange(3);
    const out = cat([a, a]);
    expect(out.toArray()).toEqual([0, 1, 2, 0, 1, 2]);
    out.fill_(9);
    expect(a.toArray()).toEqual([0, 1, 2]);
    expect(cat([a]).storage).not.toBe(a.storage);
  });

  it("a bool and an int tensor give int32; empty parts are allowed", () => {
    expect(cat([tensor([true]), tensor([2])]).toArray()).toEqual([1, 2]);
    expect(cat([tensor([true]), tensor([2])]).dtype).toBe("int32");
    expect(cat([zeros([0, 2]), zeros([1, 2])]).shape).toEqual([1, 2]);
    expect(cat([tensor([1.5]), tensor([2], { dtype: "float64" })]).dtype).toBe("float64");
  });

  it("errors name the op, the positions and the shapes", () => {
    expect(() => cat([])).toThrow(ValueError);
    expect(() => cat([])).toThrow("cat: expected a non-empty list of tensors");
    expect(() => cat([tensor(1), tensor(2)])).toThrow(ShapeError);
    expect(() => cat([tensor(1), tensor(2)])).toThrow(
      "cat: zero-dimensional tensor (at position 0) cannot be concatenated",
    );
    expect(() => cat([zeros([2, 3]), zeros([3])])).toThrow(
      "cat: tensors must have same number of dimensions: got 2 and 1 (shapes [2, 3] and [3] at position 1)",
    );
    expect(() => cat([zeros([2, 3]), zeros([2, 4])])).toThrow(
      "cat: sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1 in the list (shapes [2, 3] and [2, 4])",
    );
    expect(() => cat([zeros([2, 3]), zeros([2, 3])], 2)).toThrow(IndexError);
    expect(() => cat([zeros([2, 3]), zeros([2, 3])], 2)).toThrow(
      "cat: Dimension out of range (expected to be in range of [-2, 1], but got 2)",
    );
  });
});

describe("stack", () => {
  it("stacks equal shapes along a new dim (any position, negative too)", () => {
    const arb = fc
      .tuple(
        fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.nat(),
        fc.boolean(),
      )
      .chain(([shape, n, dseed, neg]) => {
        const d = dseed % (shape.length + 1);
        return fc.tuple(
          fc.array(arbTensorCaseOf(shape, "float32"), { minLength: n, maxLength: n }),
          fc.constant(neg ? d - shape.length - 1 : d),
          fc.constant(d),
        );
      });
    fc.assert(
      fc.property(arb, ([cases, dim, d]) => {
        const built = cases.map(build);
        const out = stack(
          built.map((b) => b.t),
          dim,
        );
        const unsq = (r: Ref): Ref => refReshape(r, [...r.shape.slice(0, d), 1, ...r.shape.slice(d)]);
        expectRef(
          out,
          refCat(
            built.map((b) => unsq(b.ref)),
            d,
          ),
          `stack dim ${dim}`,
        );
      }),
      { numRuns: 150 },
    );
  });

  it("stacks 0-dim tensors into a vector", () => {
    expect(stack([tensor(1.5), tensor(2.5)]).toArray()).toEqual([1.5, 2.5]);
  });

  it("errors", () => {
    expect(() => stack([])).toThrow("stack: expected a non-empty list of tensors");
    expect(() => stack([zeros([2, 3]), zeros([3, 2])])).toThrow(ShapeError);
    expect(() => stack([zeros([2, 3]), zeros([3, 2])])).toThrow(
      "stack: expects each tensor to be equal size, but got [2, 3] at entry 0 and [3, 2] at entry 1",
    );
    expect(() => stack([zeros([2, 3]), zeros([2, 3])], 3)).toThrow(
      "stack: Dimension out of range (expected to be in range of [-3, 2], but got 3)",
    );
  });
});
