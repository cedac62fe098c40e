// split and chunk: piece sizes as PyTorch's, views sharing storage, errors.
import { describe, expect, it } from "vitest";
import {
  arange,
  chunk,
  IndexError,
  ShapeError,
  split,
  type Tensor,
  tensor,
  ValueError,
  zeros,
} from "../index.js";

const arrays = (ts: Tensor[]) => ts.map((t) => t.toArray());

describe("split", () => {
  const x = arange(10).view(2, 5);

  it("cuts pieces of a size along a dim, the last one smaller", () => {
    expect(arrays(x.split(2, 1))).toEqual([
      [
        [0, 1],
        [5, 6],
      ],
      [
        [2, 3],
        [7, 8],
      ],
      [[4], [9]],
    ]);
    expect(x.split(5, -1).map((t) => t.shape)).toEqual([[2, 5]]);
    expect(x.split(7, 1).map((t) => t.shape)).toEqual([[2, 5]]);
  });

  it("cuts pieces of the given sizes, zeros included", () => {
    expect(x.split([1, 0, 4], 1).map((t) => t.shape)).toEqual([
      [2, 1],
      [2, 0],
      [2, 4],
    ]);
    expect(arrays(arange(5).split([2, 3]))).toEqual([
      [0, 1],
      [2, 3, 4],
    ]);
  });

  it("returns views: writes through a piece reach the input", () => {
    const y = zeros(6);
    y.split(2)[1]!.fill_(1);
    expect(y.toArray()).toEqual([0, 0, 1, 1, 0, 0]);
  });

  it("gives one empty piece of an empty dim", () => {
    expect(
      zeros(0)
        .split(2)
        .map((t) => t.shape),
    ).toEqual([[0]]);
    expect(
      zeros(0)
        .split(0)
        .map((t) => t.shape),
    ).toEqual([[0]]);
  });

  it("is the function form split(x, ...)", () => {
    expect(arrays(split(x, [3, 2], 1))).toEqual(arrays(x.split([3, 2], 1)));
  });

  it("refuses bad sizes, dims and 0-dim inputs", () => {
    expect(() => x.split(0, 1)).toThrow(
      new ValueError("split: split size can only be 0 if dimension size is 0, but got dimension size of 5"),
    );
    expect(() => x.split([1, 1], 1)).toThrow(
      new ShapeError(
        "split: split sizes must sum exactly to 5 (the size of dim 1 of the input of shape [2, 5]), but got sizes [1, 1]",
      ),
    );
    expect(() => x.split(-1)).toThrow("split: splitSize must be an integer >= 0, got -1");
    expect(() => x.split([1, -1, 5], 1)).toThrow(ValueError);
    expect(() => x.split("2" as never)).toThrow(ValueError);
    expect(() => x.split(2, 2)).toThrow(IndexError);
    expect(() => tensor(1).split(1)).toThrow(
      new ShapeError("split: expects at least a 1-dimensional tensor, got a 0-dim tensor"),
    );
  });
});

describe("chunk", () => {
  it("cuts ⌈size / chunks⌉ pieces, fewer when they run out (PyTorch's rule)", () => {
    expect(arrays(arange(5).chunk(3))).toEqual([[0, 1], [2, 3], [4]]);
    expect(arrays(arange(6).chunk(4))).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
    expect(
      arange(6)
        .view(2, 3)
        .chunk(2, 1)
        .map((t) => t.shape),
    ).toEqual([
      [2, 2],
      [2, 1],
    ]);
  });

  it("gives `chunks` empty pieces of an empty dim", () => {
    expect(
      zeros(0, 2)
        .chunk(3)
        .map((t) => t.shape),
    ).toEqual([
      [0, 2],
      [0, 2],
      [0, 2],
    ]);
  });

  it("is the function form chunk(x, ...)", () => {
    expect(arrays(chunk(arange(4), 2))).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it("refuses chunks < 1, 0-dim inputs, more pieces than an array holds", () => {
    expect(() => zeros(0).chunk(2 ** 32)).toThrow(
      new ValueError("chunk: cannot make 4294967296 pieces (at most 4294967295)"),
    );
    expect(() => arange(3).chunk(0)).toThrow(new ValueError("chunk: chunks must be an integer >= 1, got 0"));
    expect(() => arange(3).chunk(1.5)).toThrow(ValueError);
    expect(() => tensor(1).chunk(1)).toThrow(ShapeError);
  });
});
