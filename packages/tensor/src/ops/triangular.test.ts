// tril and triu: the diagonal offset both ways, batches, strided inputs, dtypes, errors.
import { describe, expect, it } from "vitest";
import { arange, ShapeError, tensor, tril, triu, ValueError } from "../index.js";

describe("tril and triu", () => {
  const x = arange(1, 13).view(3, 4);

  it("keep the lower or upper triangle", () => {
    expect(x.tril().toArray()).toEqual([
      [1, 0, 0, 0],
      [5, 6, 0, 0],
      [9, 10, 11, 0],
    ]);
    expect(x.triu().toArray()).toEqual([
      [1, 2, 3, 4],
      [0, 6, 7, 8],
      [0, 0, 11, 12],
    ]);
  });

  it("shift the boundary with the diagonal offset", () => {
    expect(x.tril(1).toArray()).toEqual([
      [1, 2, 0, 0],
      [5, 6, 7, 0],
      [9, 10, 11, 12],
    ]);
    expect(x.triu(-1).toArray()).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [0, 10, 11, 12],
    ]);
    expect(x.tril(-5).toArray()).toEqual([
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
  });

  it("apply to each matrix of a batch, and read strided inputs", () => {
    const b = arange(8).view(2, 2, 2);
    expect(b.triu().toArray()).toEqual([
      [
        [0, 1],
        [0, 3],
      ],
      [
        [4, 5],
        [0, 7],
      ],
    ]);
    expect(x.t().tril().toArray()).toEqual([
      [1, 0, 0],
      [2, 6, 0],
      [3, 7, 11],
      [4, 8, 12],
    ]);
  });

  it("keep the dtype and copy", () => {
    const b = tensor([
      [true, true],
      [true, true],
    ]);
    expect(b.tril().toArray()).toEqual([
      [true, false],
      [true, true],
    ]);
    const f = x.float();
    f.triu().fill_(0);
    expect(f.sum().item()).toBe(78);
  });

  it("are the function forms tril(x, k), triu(x, k)", () => {
    expect(tril(x, 1).toArray()).toEqual(x.tril(1).toArray());
    expect(triu(x, -1).toArray()).toEqual(x.triu(-1).toArray());
  });

  it("refuse fewer than 2 dims and a bad diagonal", () => {
    expect(() => arange(3).tril()).toThrow(
      new ShapeError("tril: input tensor must have at least 2 dimensions, got shape [3]"),
    );
    expect(() => x.triu(0.5)).toThrow(new ValueError("triu: diagonal must be an integer, got 0.5"));
  });
});
