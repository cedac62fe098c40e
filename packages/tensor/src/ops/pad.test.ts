// pad: PyTorch's pad-list order, cropping, values and dtypes, errors. Goldens (golden.test.ts)
// and the gradcheck (@tsgrad/autograd, through narrow's and cat's rules) cover the rest.
import { describe, expect, it } from "vitest";
import { arange, pad, ShapeError, tensor, ValueError } from "../index.js";

const x = arange(6).view(2, 3);

describe("pad", () => {
  it("pads the last dim first, (before, after) pairs", () => {
    expect(x.pad([1, 2]).toArray()).toEqual([
      [0, 0, 1, 2, 0, 0],
      [0, 3, 4, 5, 0, 0],
    ]);
    expect(pad(x, [0, 0, 1, 0]).toArray()).toEqual([
      [0, 0, 0],
      [0, 1, 2],
      [3, 4, 5],
    ]);
  });

  it("crops with negative pads and fills with a value cast to the dtype", () => {
    expect(x.pad([-1, 1, 0, -1], { value: 9 }).toArray()).toEqual([[1, 2, 9]]);
    const f = x.float().pad([1, 0], { value: -0.5, mode: "constant" });
    expect(f.toArray()).toEqual([
      [-0.5, 0, 1, 2],
      [-0.5, 3, 4, 5],
    ]);
    expect(tensor([true]).pad([1, 1]).toArray()).toEqual([false, true, false]);
    expect(x.pad([-3, 0]).shape).toEqual([2, 0]);
  });

  it("returns a copy, also for an empty pad list", () => {
    const y = x.pad([]);
    expect(y.toArray()).toEqual(x.toArray());
    expect(y.storage).not.toBe(x.storage);
  });

  it("refuses other modes, odd or too long lists and over-cropping, naming pad", () => {
    expect(() => x.pad([1, 1], { mode: "reflect" as never })).toThrow(
      new ValueError('pad: mode "reflect" is not implemented; only "constant" is supported'),
    );
    expect(() => x.pad([1])).toThrow(
      new ValueError("pad: padding length must be divisible by 2, got 1 (pad [1])"),
    );
    expect(() => x.pad([1, 1, 1, 1, 1, 1])).toThrow(/^pad: padding length too large/);
    expect(() => x.pad([-2, -2])).toThrow(ShapeError);
    expect(() => x.pad([-4, 2])).toThrow(ShapeError);
    expect(() => x.pad([1e9, 1e9])).toThrow(
      /^pad: the result of shape \[2, 2000000003\] .* is too large to allocate/,
    );
    expect(() => x.pad([0.5, 1])).toThrow(
      new ValueError("pad: pad must be an array of integers, got [0.5, 1]"),
    );
    expect(() => x.pad([1, 1], { value: "1" as never })).toThrow('pad: value must be a number, got "1"');
    expect(() => x.pad([1, 1], { valu: 1 } as never)).toThrow(/did you mean "value"\?/);
    expect(() => pad([1] as never, [1, 1])).toThrow("pad: input must be a tensor, got [1]");
  });
});
