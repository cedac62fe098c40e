// scatter: tensor and number sources, dims, layouts, dtypes, errors. Goldens (golden.test.ts)
// and gradchecks (@tsgrad/autograd) cover the rest.
import { describe, expect, it } from "vitest";
import { DTypeError, IndexError, ShapeError, scatter, tensor, ValueError, zeros } from "../index.js";

describe("scatter", () => {
  it("writes src at index along dim 0 and 1, out of place", () => {
    const x = zeros(3, 3, { dtype: "int32" });
    const src = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(x.scatter(0, tensor([[2, 0, 1]]), src).toArray()).toEqual([
      [0, 2, 0],
      [0, 0, 3],
      [1, 0, 0],
    ]);
    expect(x.toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(
      scatter(x, 1, tensor([[2], [0]]), src).toArray(), // only index's shape is read from src
    ).toEqual([
      [0, 0, 1],
      [4, 0, 0],
      [0, 0, 0],
    ]);
  });

  it("writes a number, cast to the input's dtype", () => {
    const x = tensor([
      [1.5, 2.5],
      [3.5, 4.5],
    ]);
    expect(x.scatter(1, tensor([[1], [0]]), -1).toArray()).toEqual([
      [1.5, -1],
      [-1, 4.5],
    ]);
    expect(
      tensor([false, false])
        .scatter(0, tensor([1]), 2)
        .toArray(),
    ).toEqual([false, true]);
  });

  it("reads a transposed input and index in their logical order", () => {
    const x = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]).t(); // [[1, 3, 5], [2, 4, 6]]
    const idx = tensor([
      [0, 1],
      [2, 0],
    ]).t(); // [[0, 2], [1, 0]]
    expect(
      x
        .scatter(
          1,
          idx,
          tensor([
            [10, 20],
            [30, 40],
          ]),
        )
        .toArray(),
    ).toEqual([
      [10, 3, 20],
      [40, 30, 6],
    ]);
  });

  it("refuses bad indices, shapes, dtypes and sources, naming scatter", () => {
    const x = zeros(2, 3);
    expect(() => x.scatter(0, tensor([[2, 0, 1]]), 1)).toThrow(
      new IndexError("scatter: index 2 is out of bounds for dimension 0 with size 2"),
    );
    expect(() => x.scatter(0, tensor([[0.5]]), 1)).toThrow(DTypeError);
    expect(() => x.scatter(0, tensor([0, 1]), 1)).toThrow(ShapeError);
    expect(() => x.scatter(0, tensor([[0, 1]]), tensor([[1, 2]]))).toThrow(
      new DTypeError("scatter: expected self and src to have the same dtype, got float32 and int32"),
    );
    expect(() => x.scatter(0, tensor([[0, 1]]), tensor([1, 2]).float())).toThrow(ShapeError);
    expect(() => x.scatter(2, tensor([[0]]), 1)).toThrow(IndexError);
    expect(() => x.scatter(0, tensor([[0]]), "1" as never)).toThrow(
      new ValueError('scatter: src must be a tensor or a number, got "1"'),
    );
    expect(() => scatter(null as never, 0, tensor([0]), 1)).toThrow(
      "scatter: input must be a tensor, got null",
    );
  });
});
