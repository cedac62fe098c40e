// softmin: the softmax of −x, dims, dtypes, errors. Goldens (golden.test.ts) and the gradcheck
// (@tsgrad/autograd, through neg's and softmax's rules) cover the rest.
import { describe, expect, it } from "vitest";
import { IndexError, softmin, tensor, ValueError } from "../index.js";

describe("softmin", () => {
  it("is softmax of −x: the smallest value gets the largest weight", () => {
    const x = tensor([
      [1, 2, 3],
      [0.5, -1, 0],
    ]).float();
    const got = x.softmin(1).toArray() as number[][];
    const want = x.neg().softmax(1).toArray() as number[][];
    expect(got).toEqual(want);
    expect(got[0]![0]! > got[0]![2]!).toBe(true);
    expect(x.softmin(0).sum(0).toArray()).toEqual([1, 1, 1]);
  });

  it("is stable for large magnitudes and keeps float64", () => {
    const y = tensor([[1000, 0, -1000]], { dtype: "float64" }).softmin(-1);
    expect(y.dtype).toBe("float64");
    expect(y.toArray()).toEqual([[0, 0, 1]]);
  });

  it("computes integer and bool inputs in float32, as softmax, and takes 0-dim inputs", () => {
    const y = tensor([0, 1]).softmin(0);
    expect(y.dtype).toBe("float32");
    expect(y.toArray()).toEqual(tensor([0, -1]).float().softmax(0).toArray());
    expect(tensor([true, false]).softmin(0).dtype).toBe("float32");
    expect(tensor(2.5).softmin(0).toArray()).toBe(1);
  });

  it("refuses bad dims and inputs, naming softmin", () => {
    expect(() => tensor([1, 2]).softmin(1)).toThrow(IndexError);
    expect(() => tensor([1, 2]).softmin(1)).toThrow(/^softmin: Dimension out of range/);
    expect(() => tensor(1).softmin(2)).toThrow(/^softmin:/);
    expect(() => tensor([1, 2]).softmin("0" as never)).toThrow(ValueError);
    expect(() => softmin([1, 2] as never, 0)).toThrow("softmin: input must be a tensor, got [1, 2]");
  });
});
