// cumsum: running sums along a dim, strided inputs, output dtypes as PyTorch's, errors.
import { describe, expect, it } from "vitest";
import { arange, cumsum, DTypeError, IndexError, tensor, ValueError, zeros } from "../index.js";

describe("cumsum", () => {
  it("sums along the dim", () => {
    const x = arange(6).view(2, 3);
    expect(x.cumsum(1).toArray()).toEqual([
      [0, 1, 3],
      [3, 7, 12],
    ]);
    expect(x.cumsum(-2).toArray()).toEqual([
      [0, 1, 2],
      [3, 5, 7],
    ]);
  });

  it("reads strided inputs", () => {
    const t = arange(6).view(2, 3).t();
    expect(t.cumsum(1).toArray()).toEqual([
      [0, 3],
      [1, 5],
      [2, 7],
    ]);
  });

  it("gives int32 for integer and bool inputs, keeps floats, takes a dtype", () => {
    expect(tensor([true, true, false]).cumsum(0).toArray()).toEqual([1, 2, 2]);
    expect(tensor([true]).cumsum(0).dtype).toBe("int32");
    expect(tensor([200, 100], { dtype: "uint8" }).cumsum(0).toArray()).toEqual([200, 300]);
    expect(tensor([0.5, 0.25], { dtype: "float64" }).cumsum(0).dtype).toBe("float64");
    const f = arange(3).cumsum(0, { dtype: "float32" });
    expect(f.dtype).toBe("float32");
    expect(f.toArray()).toEqual([0, 1, 3]);
  });

  it("keeps the running sum in float64, rounding each partial sum (PyTorch's CPU kernel)", () => {
    // In float32 arithmetic 1e8 + 1 rounds back to 1e8 at every step (floats are 8 apart there).
    const x = tensor([1e8, 1, 1, 1, 1, 1, 1], { dtype: "float32" });
    expect(x.cumsum(0).toArray()).toEqual([1e8, 1e8, 1e8, 1e8, 1e8, 100000008, 100000008]);
  });

  it("propagates NaN and infinities", () => {
    expect(tensor([1, Number.NaN, 2]).cumsum(0).toArray()).toEqual([1, Number.NaN, Number.NaN]);
    expect(tensor([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]).cumsum(0).toArray()).toEqual([
      Number.POSITIVE_INFINITY,
      Number.NaN,
    ]);
  });

  it("handles 0-dim and empty tensors", () => {
    expect(tensor(2.5).cumsum(0).toArray()).toBe(2.5);
    expect(zeros(2, 0).cumsum(1).shape).toEqual([2, 0]);
  });

  it("is the function form cumsum(x, dim, options)", () => {
    expect(cumsum(arange(4), 0, { dtype: "float64" }).dtype).toBe("float64");
  });

  it("refuses a missing or bad dim, unknown options and dtypes", () => {
    expect(() => arange(3).cumsum(undefined as never)).toThrow(ValueError);
    expect(() => arange(3).cumsum(1)).toThrow(IndexError);
    expect(() => arange(3).cumsum(0, { dtyp: "float32" } as never)).toThrow(/did you mean "dtype"/);
    expect(() => arange(3).cumsum(0, { dtype: "int64" as never })).toThrow(DTypeError);
  });
});
