// The tensor-basics lab of the chapter's seed, as a test.
import { describe, expect, it } from "vitest";
import { arange, manualSeed, normal, ShapeError, tensor } from "./index.js";

describe("seed lab: tensor basics", () => {
  it("broadcast subtraction three ways, and the in-place error", () => {
    const m = arange(4, 7).view(1, 3);
    const n = arange(1, 3).view(2, 1);
    expect(m.sub(n).toArray()).toEqual([
      [3, 4, 5],
      [2, 3, 4],
    ]);
    // Out-of-place assignment to a new name, then the in-place form into a big-enough tensor.
    const big = m.expand(2, 3).clone();
    big.sub_(n);
    expect(big.toArray()).toEqual([
      [3, 4, 5],
      [2, 3, 4],
    ]);
    expect(() => m.sub_(n)).toThrow(ShapeError);
    expect(() => m.sub_(n)).toThrow(
      "sub_: output with shape [1, 3] doesn't match the broadcast shape [2, 3]",
    );
    // The failed in-place op left m untouched.
    expect(m.toArray()).toEqual([[4, 5, 6]]);
  });

  it("P @ Q.T with normal(0, 0.01) matrices has shape [3, 4]", () => {
    manualSeed(0);
    const P = normal(0, 0.01, [3, 2]);
    const Q = normal(0, 0.01, [4, 2]);
    const R = P.mm(Q.t());
    expect(R.shape).toEqual([3, 4]);
    const p = P.toArray() as number[][];
    const q = Q.toArray() as number[][];
    const r = R.toArray() as number[][];
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 4; j++)
        expect(r[i]![j]).toBeCloseTo(p[i]![0]! * q[j]![0]! + p[i]![1]! * q[j]![1]!, 10);
    }
  });

  it("sums with keepdim", () => {
    const X = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(X.sum(0, true).toArray()).toEqual([[5, 7, 9]]);
    expect(X.sum(1, true).toArray()).toEqual([[6], [15]]);
    expect(X.sum(0, true).toString()).toBe("tensor([[5, 7, 9]])");
  });
});
