// norm: each p, dims and keepdim, dtypes, errors. Goldens (golden.test.ts) and gradchecks
// (@tsgrad/autograd, with the zero gradient at a zero vector) cover the rest.
import { describe, expect, it } from "vitest";
import { DTypeError, IndexError, norm, tensor, ValueError } from "../index.js";

const x = tensor(
  [
    [3, -4, 0],
    [1, -1, 2],
  ],
  { dtype: "float64" },
);

describe("norm", () => {
  it("is the 2-norm of every element by default, and 'fro' is the same", () => {
    expect(x.norm().item()).toBeCloseTo(Math.sqrt(31), 12);
    expect(x.norm("fro").item()).toBe(x.norm().item());
    expect(norm(x, 2, 1).toArray()).toEqual([5, Math.sqrt(6)]);
  });

  it("takes any p: 1, 3, Infinity, -Infinity, 0 (the count of nonzero elements)", () => {
    expect(x.norm(1, 1).toArray()).toEqual([7, 4]);
    expect((x.norm(3, 1).toArray() as number[])[0]).toBeCloseTo(91 ** (1 / 3), 12);
    expect(x.norm(Number.POSITIVE_INFINITY, 1).toArray()).toEqual([4, 2]);
    expect(x.norm(Number.NEGATIVE_INFINITY, 0).toArray()).toEqual([1, 1, 0]);
    expect(x.norm(0, 1).toArray()).toEqual([2, 3]);
  });

  it("reduces a list of dims, keeps them with keepdim, and keeps float32", () => {
    expect(x.norm(2, [0, 1], true).shape).toEqual([1, 1]);
    expect(x.norm(1, 0, true).toArray()).toEqual([[4, 5, 2]]);
    const f = tensor([[0, 0]], { dtype: "float32" }).norm(2, 1);
    expect(f.dtype).toBe("float32");
    expect(f.toArray()).toEqual([0]);
    expect(tensor(-2.5).norm().item()).toBe(2.5);
  });

  it("refuses integer inputs, bad p, dims and keepdim, naming norm", () => {
    expect(() => tensor([3, 4]).norm()).toThrow(
      new DTypeError("norm: expected a floating point tensor, got int32"),
    );
    expect(() => x.norm("nuc" as never)).toThrow(
      new ValueError('norm: p must be a number (Infinity included) or "fro", got "nuc"'),
    );
    expect(() => x.norm(Number.NaN)).toThrow(ValueError);
    expect(() => x.norm(2, 2)).toThrow(IndexError);
    expect(() => x.norm(2, 0, 1 as never)).toThrow(
      new ValueError("norm: keepdim must be true or false, got 1"),
    );
    expect(() => norm("x" as never)).toThrow('norm: input must be a tensor, got "x"');
  });
});
