// nonzero: row-major indices, dtypes, layouts, 0-dim and empty inputs, no gradient. Goldens
// (golden.test.ts) cover PyTorch's answers.
import { describe, expect, it } from "vitest";
import { arange, nonzero, tensor, zeros } from "../index.js";

describe("nonzero", () => {
  it("gives one int32 row of indices per nonzero element, in row-major order", () => {
    const x = tensor([
      [0, 3, 0],
      [4, 0, 5],
    ]);
    const i = x.nonzero();
    expect(i.dtype).toBe("int32");
    expect(i.shape).toEqual([3, 2]);
    expect(i.toArray()).toEqual([
      [0, 1],
      [1, 0],
      [1, 2],
    ]);
  });

  it("counts NaN and true as nonzero, and reads strided inputs in their logical order", () => {
    expect(tensor([0, Number.NaN, -0, 2]).nonzero().toArray()).toEqual([[1], [3]]);
    const m = arange(6).view(2, 3).t().remainder(2).eq(1); // [[F, T], [T, F], [F, T]]
    expect(nonzero(m).toArray()).toEqual([
      [0, 1],
      [1, 0],
      [2, 1],
    ]);
  });

  it("handles 0-dim, empty and all-zero inputs", () => {
    expect(tensor(3).nonzero().shape).toEqual([1, 0]);
    expect(tensor(0).nonzero().shape).toEqual([0, 0]);
    expect(zeros(2, 0, 3).nonzero().shape).toEqual([0, 3]);
    expect(zeros(4).nonzero().shape).toEqual([0, 1]);
  });

  it("has no gradient", () => {
    const x = tensor([0, 1.5], { requiresGrad: true });
    expect(x.nonzero().requiresGrad).toBe(false);
  });

  it("refuses what is not a tensor", () => {
    expect(() => nonzero([1, 0] as never)).toThrow("nonzero: input must be a tensor, got [1, 0]");
  });
});
