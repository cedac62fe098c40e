// flip: values along one or several dims, strided inputs, a copy, errors.
import { describe, expect, it } from "vitest";
import { arange, flip, IndexError, tensor, ValueError, zeros } from "../index.js";

describe("flip", () => {
  const x = arange(6).view(2, 3);

  it("reverses along each given dim", () => {
    expect(x.flip(1).toArray()).toEqual([
      [2, 1, 0],
      [5, 4, 3],
    ]);
    expect(x.flip(0).toArray()).toEqual([
      [3, 4, 5],
      [0, 1, 2],
    ]);
    expect(x.flip([0, -1]).toArray()).toEqual([
      [5, 4, 3],
      [2, 1, 0],
    ]);
    expect(x.flip().toArray()).toEqual(x.toArray());
  });

  it("reads strided inputs and returns a contiguous copy", () => {
    const s = arange(12).view(3, 4).slice(1, 0, 4, 2).t(); // [2, 3]: [[0, 4, 8], [2, 6, 10]]
    const f = s.flip(0, 1);
    expect(f.toArray()).toEqual([
      [10, 6, 2],
      [8, 4, 0],
    ]);
    expect(f.isContiguous()).toBe(true);
    f.fill_(0);
    expect(s.toArray()).toEqual([
      [0, 4, 8],
      [2, 6, 10],
    ]);
  });

  it("keeps dtypes; 0-dim and empty tensors", () => {
    expect(tensor([true, false, false]).flip(0).toArray()).toEqual([false, false, true]);
    expect(tensor(1.5).flip(0).toArray()).toBe(1.5);
    expect(zeros(0, 2).flip(0).shape).toEqual([0, 2]);
  });

  it("is the function form flip(x, dims)", () => {
    expect(flip(x, [1]).toArray()).toEqual(x.flip(1).toArray());
  });

  it("refuses repeated and out-of-range dims", () => {
    expect(() => x.flip(0, -2)).toThrow(
      new ValueError("flip: dim 0 appears multiple times in the list of dims"),
    );
    expect(() => x.flip(2)).toThrow(IndexError);
    expect(() => x.flip("0" as never)).toThrow(ValueError);
  });
});
