// maskedFill: values, broadcasting, dtypes and value conversion, errors. Goldens
// (golden.test.ts) and the gradcheck (@tsgrad/autograd) cover the rest.
import { describe, expect, it } from "vitest";
import { arange, DTypeError, maskedFill, ShapeError, tensor, ValueError } from "../index.js";

describe("maskedFill", () => {
  const x = arange(6).view(2, 3).float();
  const mask = tensor([true, false, true]);

  it("fills where the mask is true, the mask broadcast over the rows", () => {
    expect(x.maskedFill(mask, -1).toArray()).toEqual([
      [-1, 1, -1],
      [-1, 4, -1],
    ]);
    // The input is not modified.
    expect(x.toArray()).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
  });

  it("broadcasts the input with the mask, as PyTorch's out-of-place form", () => {
    const col = tensor([[1.5], [2.5]]);
    expect(col.maskedFill(mask, 0).toArray()).toEqual([
      [0, 1.5, 0],
      [0, 2.5, 0],
    ]);
  });

  it("keeps the input's dtype and converts the value to it", () => {
    const i = arange(3);
    const out = i.maskedFill(tensor([true, false, true]), 2.7);
    expect(out.dtype).toBe("int32");
    expect(out.toArray()).toEqual([2, 1, 2]);
    const b = tensor([false, false]).maskedFill(tensor([true, false]), 3);
    expect(b.dtype).toBe("bool");
    expect(b.toArray()).toEqual([true, false]);
    expect(x.double().maskedFill(mask, Number.NEGATIVE_INFINITY).dtype).toBe("float64");
  });

  it("takes a 0-dim tensor value, cast to the input's dtype", () => {
    const out = x.maskedFill(mask, tensor(0.5, { dtype: "float64" }));
    expect(out.dtype).toBe("float32");
    expect(out.toArray()).toEqual([
      [0.5, 1, 0.5],
      [0.5, 4, 0.5],
    ]);
  });

  it("reads strided inputs and masks", () => {
    const m = tensor([
      [true, false],
      [false, false],
      [false, true],
    ]).t();
    expect(x.maskedFill(m, 9).toArray()).toEqual([
      [9, 1, 2],
      [3, 4, 9],
    ]);
  });

  it("is the function form maskedFill(x, mask, value)", () => {
    expect(maskedFill(x, mask, 7).toArray()).toEqual(x.maskedFill(mask, 7).toArray());
    expect(() => maskedFill([1, 2] as never, mask, 7)).toThrow(
      "maskedFill: input must be a tensor, got [1, 2]",
    );
  });

  it("refuses non-bool masks, unbroadcastable shapes, bad values", () => {
    expect(() => x.maskedFill(tensor([1, 0, 1]), 0)).toThrow(
      new DTypeError("maskedFill: expected mask to be a bool tensor, got int32"),
    );
    expect(() => x.maskedFill(tensor([true, false]), 0)).toThrow(ShapeError);
    expect(() => x.maskedFill(mask, tensor([1, 2]))).toThrow(
      "maskedFill: only a 0-dim value tensor is supported, got one of shape [2]",
    );
    expect(() => x.maskedFill(mask, "1" as never)).toThrow(
      new ValueError('maskedFill: value must be a number, a boolean or a 0-dim tensor, got "1"'),
    );
    expect(() => x.maskedFill(null as never, 1)).toThrow("maskedFill: mask must be a tensor, got null");
  });

  it("refuses values an integer dtype cannot hold, as PyTorch does", () => {
    expect(() => arange(3).maskedFill(tensor([true, true, true]), 1e12)).toThrow(
      "maskedFill: value 1000000000000 cannot be converted to int32 without overflow",
    );
    expect(() => arange(3).maskedFill(tensor([true, true, true]), Number.NaN)).toThrow(ValueError);
    expect(() => tensor([1], { dtype: "uint8" }).maskedFill(tensor([true]), 300)).toThrow(ValueError);
  });
});
