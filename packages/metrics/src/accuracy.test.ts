import { ShapeError, tensor } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { accuracy } from "./accuracy.js";

describe("accuracy (count of correct predictions)", () => {
  it("d2l's example: class scores [N, C] are read by argmax", () => {
    const yHat = tensor([
      [0.1, 0.3, 0.6],
      [0.3, 0.2, 0.5],
    ]);
    expect(accuracy(yHat, tensor([0, 2]))).toBe(1);
    expect(accuracy(yHat, tensor([2, 2])) / 2).toBe(1);
  });

  it("accepts predicted labels [N] or [N, 1], and labels [N, 1]", () => {
    expect(accuracy(tensor([1, 0, 3, 3]), tensor([1, 1, 3, 2]))).toBe(2);
    expect(accuracy(tensor([[1], [0], [3]]), tensor([[1], [0], [2]]))).toBe(2);
  });

  it("casts predictions to y's dtype (float labels)", () => {
    const y = tensor([0, 1, 1], { dtype: "float32" });
    const yHat = tensor([
      [2, 1],
      [0, 3],
      [5, -1],
    ]);
    expect(accuracy(yHat, y)).toBe(2);
  });

  it("binary logits: threshold them first", () => {
    const logits = tensor([[-1.5], [0.3], [2.0], [-0.1]], { dtype: "float32" });
    const y = tensor([[0], [1], [0], [0]], { dtype: "float32" });
    expect(accuracy(logits.gt(0), y)).toBe(3);
  });

  it("rejects mismatched or malformed shapes", () => {
    expect(() => accuracy(tensor([[0.1, 0.9]]), tensor([1, 0]))).toThrow(
      new ShapeError(
        "accuracy: yHat with shape [1, 2] and y with shape [2] have different numbers of examples (1 and 2)",
      ),
    );
    expect(() => accuracy(tensor([[[1, 2]]]), tensor([1]))).toThrow(
      "accuracy: yHat must be class scores [N, C] or labels [N], got shape [1, 1, 2]",
    );
    expect(() =>
      accuracy(
        tensor([1, 0]),
        tensor([
          [1, 0],
          [0, 1],
        ]),
      ),
    ).toThrow("accuracy: y must be labels [N] (or [N, 1]), got shape [2, 2]");
  });
});
