// repeat: tiling as torch.Tensor.repeat, new leading dims, always a copy, errors.
import { describe, expect, it } from "vitest";
import { arange, ShapeError, tensor, ValueError } from "../index.js";

describe("repeat", () => {
  it("tiles along each dim, as varargs or one array", () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(x.repeat(1, 2).toArray()).toEqual([
      [1, 2, 1, 2],
      [3, 4, 3, 4],
    ]);
    expect(x.repeat([2, 1]).toArray()).toEqual([
      [1, 2],
      [3, 4],
      [1, 2],
      [3, 4],
    ]);
  });

  it("adds leading dims for extra sizes, and reads strided inputs", () => {
    const t = arange(6).view(2, 3).t();
    const r = t.repeat(2, 1, 2);
    expect(r.shape).toEqual([2, 3, 4]);
    expect(r.toArray()).toEqual([
      [
        [0, 3, 0, 3],
        [1, 4, 1, 4],
        [2, 5, 2, 5],
      ],
      [
        [0, 3, 0, 3],
        [1, 4, 1, 4],
        [2, 5, 2, 5],
      ],
    ]);
    expect(tensor(2.5).repeat(3).toArray()).toEqual([2.5, 2.5, 2.5]);
    expect(arange(3).repeat(0, 2).shape).toEqual([0, 6]);
  });

  it("keeps the dtype and always copies", () => {
    const b = tensor([true, false]);
    expect(b.repeat(2).dtype).toBe("bool");
    const x = arange(3).float();
    const same = x.repeat(1);
    same.fill_(7);
    expect(x.toArray()).toEqual([0, 1, 2]);
  });

  it("refuses fewer sizes than dims, negative sizes and too large results", () => {
    expect(() => arange(6).view(2, 3).repeat(2)).toThrow(
      new ShapeError(
        "repeat: number of dimensions of repeat dims (1) can not be smaller than number of dimensions of tensor (2, shape [2, 3])",
      ),
    );
    expect(() => arange(3).repeat(2, -1)).toThrow(
      new ValueError("repeat: sizes must be integers >= 0, got [2, -1]"),
    );
    expect(() => arange(3).repeat(1e6, 1e6)).toThrow(ValueError);
    expect(() => arange(3).repeat("2" as never)).toThrow(ValueError);
  });
});
