// unflatten: shapes, -1, views of strided inputs, errors. Goldens (golden.test.ts) and the
// gradcheck (@tsgrad/autograd, through view's rule) cover the rest.
import { describe, expect, it } from "vitest";
import { arange, IndexError, ShapeError, tensor, unflatten, ValueError } from "../index.js";

describe("unflatten", () => {
  it("splits one dim into several, a view sharing storage", () => {
    const x = arange(12).view(2, 6);
    const y = x.unflatten(1, [2, 3]);
    expect(y.shape).toEqual([2, 2, 3]);
    expect(y.toArray()).toEqual([
      [
        [0, 1, 2],
        [3, 4, 5],
      ],
      [
        [6, 7, 8],
        [9, 10, 11],
      ],
    ]);
    expect(y.storage).toBe(x.storage);
  });

  it("infers one -1, takes negative dims, and splits a transposed input without a copy", () => {
    expect(arange(24).view(4, 6).unflatten(-1, [-1, 2]).shape).toEqual([4, 3, 2]);
    expect(arange(6).unflatten(0, [1, 6, 1]).shape).toEqual([1, 6, 1]);
    const xt = arange(12).view(3, 4).t(); // [4, 3], strided
    const y = xt.unflatten(0, [2, 2]);
    expect(y.shape).toEqual([2, 2, 3]);
    expect(y.toArray()).toEqual([
      [
        [0, 4, 8],
        [1, 5, 9],
      ],
      [
        [2, 6, 10],
        [3, 7, 11],
      ],
    ]);
    expect(unflatten(xt, 1, [3, 1]).shape).toEqual([4, 3, 1]);
  });

  it("refuses sizes that do not multiply up, several -1, bad dims and arguments", () => {
    const x = arange(6).view(2, 3);
    expect(() => x.unflatten(1, [2, 2])).toThrow(
      new ShapeError(
        "unflatten: provided sizes [2, 2] don't multiply up to the size of dim 1 (3) in the input tensor of shape [2, 3]",
      ),
    );
    expect(() => x.unflatten(1, [-1, -1])).toThrow(ShapeError);
    expect(() => x.unflatten(1, [-1, 2])).toThrow(ShapeError);
    expect(() => x.unflatten(1, [])).toThrow(ShapeError);
    expect(() => x.unflatten(2, [3])).toThrow(IndexError);
    expect(() => tensor(1).unflatten(0, [1])).toThrow(IndexError);
    expect(() => x.unflatten(1, 3 as never)).toThrow(
      new ValueError("unflatten: sizes must be an array of integers >= -1, got 3"),
    );
    expect(() => x.unflatten(0.5, [3])).toThrow(ValueError);
    expect(() => unflatten("x" as never, 0, [1])).toThrow('unflatten: input must be a tensor, got "x"');
  });
});
