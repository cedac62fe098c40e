// maskedSelect: row-major selection, broadcasting both ways, dtypes, errors. Goldens
// (golden.test.ts) and gradchecks (@tsgrad/autograd, through indexSelect's rule) cover the rest.
import { describe, expect, it } from "vitest";
import { DTypeError, maskedSelect, ShapeError, tensor, zeros } from "../index.js";

const x = tensor([
  [1, 2, 3],
  [4, 5, 6],
]);

describe("maskedSelect", () => {
  it("selects where the mask is true, row-major, as a 1-D tensor of the input's dtype", () => {
    const m = tensor([
      [true, false, true],
      [false, true, false],
    ]);
    const y = x.maskedSelect(m);
    expect(y.shape).toEqual([3]);
    expect(y.dtype).toBe("int32");
    expect(y.toArray()).toEqual([1, 3, 5]);
    expect(maskedSelect(x.t(), m.t()).toArray()).toEqual([1, 5, 3]);
  });

  it("broadcasts the mask and the input together", () => {
    expect(x.maskedSelect(tensor([true, false, true])).toArray()).toEqual([1, 3, 4, 6]);
    expect(
      tensor([7, 8])
        .maskedSelect(tensor([[true], [false], [true]]))
        .toArray(),
    ).toEqual([7, 8, 7, 8]);
    expect(x.maskedSelect(tensor(false)).shape).toEqual([0]);
    expect(zeros(0, 3).maskedSelect(tensor([true, true, true])).shape).toEqual([0]);
  });

  it("selects from a broadcast input once per selected position", () => {
    const a = tensor([1, 2, 3], { dtype: "float64" });
    const y = a.maskedSelect(
      tensor([
        [true, false, true],
        [true, true, false],
      ]),
    );
    expect(y.dtype).toBe("float64");
    expect(y.toArray()).toEqual([1, 3, 1, 2]);
  });

  it("refuses a mask that is not bool or does not broadcast, naming maskedSelect", () => {
    expect(() => x.maskedSelect(tensor([1, 0, 1]))).toThrow(
      new DTypeError("maskedSelect: expected mask to be a bool tensor, got int32"),
    );
    expect(() => x.maskedSelect(tensor([true, false]))).toThrow(ShapeError);
    expect(() => x.maskedSelect(tensor([true, false]))).toThrow(/^maskedSelect:/);
    expect(() => x.maskedSelect([true] as never)).toThrow("maskedSelect: mask must be a tensor, got [true]");
    expect(() => maskedSelect(1 as never, tensor(true))).toThrow(
      "maskedSelect: input must be a tensor, got 1",
    );
  });
});
