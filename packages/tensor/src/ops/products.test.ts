// dot, outer, bmm: values, dtypes, their stricter shape rules and messages.
import { describe, expect, it } from "vitest";
import { arange, bmm, DTypeError, dot, outer, ShapeError, tensor } from "../index.js";

describe("dot", () => {
  it("is the inner product of two 1-D tensors, a 0-dim result", () => {
    const d = tensor([1, 2, 3]).dot(tensor([4, -5, 6]));
    expect([d.shape, d.item(), d.dtype]).toEqual([[], 12, "int32"]);
    expect(dot(arange(4).float(), arange(4).float().flip(0)).item()).toBe(4);
  });

  it("refuses other ranks, sizes and mixed dtypes", () => {
    expect(() => arange(6).view(2, 3).dot(arange(3))).toThrow(
      new ShapeError("dot: self must be a 1-D tensor, got shape [2, 3]"),
    );
    expect(() => arange(3).dot(arange(4))).toThrow(
      new ShapeError(
        "dot: inconsistent tensor size, expected tensors [3] and [4] to have the same number of elements",
      ),
    );
    expect(() => arange(3).dot(arange(3).float())).toThrow(DTypeError);
    expect(() => dot([1] as never, arange(1))).toThrow("dot: input must be a tensor, got [1]");
  });
});

describe("outer", () => {
  it("multiplies every pair, promoting dtypes", () => {
    const o = tensor([1, 2]).outer(tensor([0.5, 1, 2]));
    expect(o.dtype).toBe("float32");
    expect(o.toArray()).toEqual([
      [0.5, 1, 2],
      [1, 2, 4],
    ]);
    expect(outer(tensor([true, false]), tensor([true])).toArray()).toEqual([[true], [false]]);
  });

  it("refuses non-vectors", () => {
    expect(() => tensor(1).outer(tensor([1]))).toThrow(
      new ShapeError("outer: self must be a 1-D tensor, got shape []"),
    );
    expect(() => tensor([1]).outer(arange(4).view(2, 2))).toThrow(ShapeError);
  });
});

describe("bmm", () => {
  it("multiplies matrices batch by batch", () => {
    const a = arange(12).view(2, 2, 3);
    const b = arange(12).view(2, 3, 2);
    expect(a.bmm(b).toArray()).toEqual(a.matmul(b).toArray());
    expect(bmm(a, b).shape).toEqual([2, 2, 2]);
  });

  it("does not broadcast, unlike matmul", () => {
    expect(() =>
      arange(12)
        .view(2, 2, 3)
        .bmm(arange(6).view(1, 3, 2)),
    ).toThrow(
      new ShapeError("bmm: expected mat2 of shape [2, 3, m] for self of shape [2, 2, 3], got [1, 3, 2]"),
    );
    expect(() =>
      arange(6)
        .view(2, 3)
        .bmm(arange(6).view(1, 3, 2)),
    ).toThrow(ShapeError);
    expect(() =>
      arange(6)
        .view(1, 2, 3)
        .bmm(arange(6).view(1, 3, 2).float()),
    ).toThrow(DTypeError);
  });
});
