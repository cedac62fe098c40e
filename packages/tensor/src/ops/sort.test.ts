// sort, argsort, topk: stable order, NaN placement, dims and layouts, dtypes, errors. Goldens
// (golden.test.ts) and gradchecks (@tsgrad/autograd) cover the rest.
import { describe, expect, it } from "vitest";
import { arange, argsort, IndexError, sort, tensor, topk, ValueError, zeros } from "../index.js";

const NAN = Number.NaN;

describe("sort", () => {
  it("sorts the last dim by default, with the indices the values came from", () => {
    const { values, indices } = tensor([
      [3, 1, 2],
      [0, 5, -1],
    ]).sort();
    expect(values.toArray()).toEqual([
      [1, 2, 3],
      [-1, 0, 5],
    ]);
    expect(indices.toArray()).toEqual([
      [1, 2, 0],
      [2, 0, 1],
    ]);
    expect(indices.dtype).toBe("int32");
    expect(values.dtype).toBe("int32");
  });

  it("is stable, ascending and descending (equal values keep their order)", () => {
    const x = tensor([3, 1, 2, 1, 3]);
    expect(x.sort(0).indices.toArray()).toEqual([1, 3, 2, 0, 4]);
    expect(x.sort(0, true).indices.toArray()).toEqual([0, 4, 2, 1, 3]);
  });

  it("puts NaN above every number, as PyTorch", () => {
    const x = tensor([1, NAN, 0, NAN, Number.POSITIVE_INFINITY]);
    expect(x.sort().values.toArray()).toEqual([0, 1, Number.POSITIVE_INFINITY, NAN, NAN]);
    expect(x.sort().indices.toArray()).toEqual([2, 0, 4, 1, 3]);
    expect(x.sort(-1, true).indices.toArray()).toEqual([1, 3, 4, 0, 2]);
  });

  it("sorts along dim 0 of a strided input", () => {
    const x = tensor([
      [4, 1],
      [2, 3],
      [0, 5],
    ]).t(); // [[4, 2, 0], [1, 3, 5]]
    const { values, indices } = x.sort(0, true);
    expect(values.toArray()).toEqual([
      [4, 3, 5],
      [1, 2, 0],
    ]);
    expect(indices.toArray()).toEqual([
      [0, 1, 1],
      [1, 0, 0],
    ]);
  });

  it("sorts bools, 0-dim and empty tensors", () => {
    expect(tensor([true, false, true]).sort().values.toArray()).toEqual([false, true, true]);
    const s = tensor(2.5).sort();
    expect([s.values.toArray(), s.indices.toArray()]).toEqual([2.5, 0]);
    expect(zeros(2, 0).sort().values.shape).toEqual([2, 0]);
  });

  it("argsort is sort's indices, and the function forms match the methods", () => {
    const x = tensor([0.5, -1, 2, 0.5]);
    expect(x.argsort(0, true).toArray()).toEqual(x.sort(0, true).indices.toArray());
    expect(argsort(x).toArray()).toEqual([1, 0, 3, 2]);
    expect(sort(x, 0, true).values.toArray()).toEqual([2, 0.5, 0.5, -1]);
  });

  it("refuses bad dims and flags", () => {
    expect(() => arange(3).sort(1)).toThrow(IndexError);
    expect(() => arange(3).sort(0, 1 as never)).toThrow(
      new ValueError("sort: descending must be true or false, got 1"),
    );
    expect(() => arange(3).argsort("0" as never)).toThrow(ValueError);
    expect(() => sort([3, 1] as never)).toThrow("sort: input must be a tensor, got [3, 1]");
  });
});

describe("topk", () => {
  const x = tensor([
    [1, 9, 3, 7],
    [8, 2, 6, 4],
  ]);

  it("gives the k largest along the last dim, largest first", () => {
    const { values, indices } = x.topk(2);
    expect(values.toArray()).toEqual([
      [9, 7],
      [8, 6],
    ]);
    expect(indices.toArray()).toEqual([
      [1, 3],
      [0, 2],
    ]);
  });

  it("gives the k smallest with largest false, along any dim", () => {
    expect(x.topk(1, 0, false).values.toArray()).toEqual([[1, 2, 3, 4]]);
    expect(x.topk(3, 1, false).indices.toArray()).toEqual([
      [0, 2, 3],
      [1, 3, 2],
    ]);
  });

  it("counts NaN as the largest; k = 0 and k = size", () => {
    expect(tensor([1, NAN, 0]).topk(1).indices.toArray()).toEqual([1]);
    expect(x.topk(0).values.shape).toEqual([2, 0]);
    expect(x.topk(4).values.toArray()).toEqual([
      [9, 7, 3, 1],
      [8, 6, 4, 2],
    ]);
  });

  it("is the function form topk(x, k, ...)", () => {
    expect(topk(x, 2, 0).values.toArray()).toEqual(x.topk(2, 0).values.toArray());
  });

  it("refuses k out of range and bad flags", () => {
    expect(() => x.topk(5)).toThrow(
      new IndexError("topk: k (5) is out of range for dimension 1 of size 4 (shape [2, 4])"),
    );
    expect(() => x.topk(-1)).toThrow(new ValueError("topk: k must be an integer >= 0, got -1"));
    expect(() => x.topk(1, 0, "yes" as never)).toThrow(ValueError);
    expect(() => x.topk(1, 0, true, null as never)).toThrow(ValueError);
  });
});
