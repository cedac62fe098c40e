// diagonal (a view) and diag (vector → matrix, matrix → diagonal copy): offsets, dims, layouts.
import { describe, expect, it } from "vitest";
import { arange, diag, diagonal, IndexError, ShapeError, tensor, ValueError, zeros } from "../index.js";

describe("diagonal", () => {
  const x = arange(12).view(3, 4);

  it("takes the main diagonal and those above and below", () => {
    expect(x.diagonal().toArray()).toEqual([0, 5, 10]);
    expect(x.diagonal(1).toArray()).toEqual([1, 6, 11]);
    expect(x.diagonal(2).toArray()).toEqual([2, 7]);
    expect(x.diagonal(-1).toArray()).toEqual([4, 9]);
    expect(x.diagonal(4).shape).toEqual([0]);
    expect(x.diagonal(-3).shape).toEqual([0]);
  });

  it("is a view: writes through it reach the input", () => {
    const z = zeros(3, 3);
    z.diagonal().fill_(1);
    expect(z.toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
  });

  it("drops dim1 and dim2 and appends the diagonal, for any pair and order", () => {
    const t = arange(24).view(2, 3, 4);
    const d = t.diagonal(0, 1, 2);
    expect(d.shape).toEqual([2, 3]);
    expect(d.toArray()).toEqual([
      [0, 5, 10],
      [12, 17, 22],
    ]);
    expect(t.diagonal(0, -1, 0).toArray()).toEqual([
      [0, 13],
      [4, 17],
      [8, 21],
    ]);
    expect(x.t().diagonal(1).toArray()).toEqual([4, 9]);
  });

  it("is the function form diagonal(x, ...)", () => {
    expect(diagonal(x, -1).toArray()).toEqual([4, 9]);
  });

  it("refuses identical dims, fewer than 2 dims, bad offsets", () => {
    expect(() => x.diagonal(0, 1, -1)).toThrow(
      new ValueError("diagonal: diagonal dimensions cannot be identical 1, -1"),
    );
    expect(() => arange(3).diagonal()).toThrow(ShapeError);
    expect(() => x.diagonal(0, 0, 2)).toThrow(IndexError);
    expect(() => x.diagonal(1.5)).toThrow(ValueError);
  });
});

describe("diag", () => {
  it("puts a vector on a diagonal of a square matrix", () => {
    const v = tensor([1, 2]);
    expect(v.diag().toArray()).toEqual([
      [1, 0],
      [0, 2],
    ]);
    expect(v.diag(1).toArray()).toEqual([
      [0, 1, 0],
      [0, 0, 2],
      [0, 0, 0],
    ]);
    expect(v.diag(-1).toArray()).toEqual([
      [0, 0, 0],
      [1, 0, 0],
      [0, 2, 0],
    ]);
    expect(arange(6).slice(0, 0, 6, 2).diag().toArray()).toEqual([
      [0, 0, 0],
      [0, 2, 0],
      [0, 0, 4],
    ]);
  });

  it("copies a matrix's diagonal", () => {
    const m = arange(9).view(3, 3).float();
    const d = m.diag(1);
    expect(d.toArray()).toEqual([1, 5]);
    d.fill_(0);
    expect(m.sum().item()).toBe(36);
    expect(diag(m).toArray()).toEqual([0, 4, 8]);
  });

  it("refuses other ranks and too large matrices", () => {
    expect(() => tensor(1).diag()).toThrow(new ShapeError("diag: supports 1-D or 2-D tensors, got shape []"));
    expect(() => zeros(2, 2, 2).diag()).toThrow(ShapeError);
    expect(() => tensor([1]).diag(1e6)).toThrow(ValueError);
  });
});
