import { ShapeError, tensor, ValueError } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { confusionMatrix } from "./confusion-matrix.js";

describe("confusionMatrix", () => {
  it("counts [true, predicted] pairs, rows are true classes (sklearn's example)", () => {
    // sklearn.metrics.confusion_matrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2])
    const cm = confusionMatrix(tensor([0, 0, 2, 2, 0, 2]), tensor([2, 0, 2, 2, 0, 1]), 3);
    expect(cm.dtype).toBe("int32");
    expect(cm.toArray()).toEqual([
      [2, 0, 0],
      [0, 0, 1],
      [1, 0, 2],
    ]);
  });

  it("reads class scores by argmax and keeps classes that never occur", () => {
    const scores = tensor([
      [0.9, 0.05, 0.05, 0],
      [0.1, 0.8, 0.1, 0],
      [0.2, 0.7, 0.1, 0],
    ]);
    const cm = confusionMatrix(scores, tensor([0, 1, 2], { dtype: "float32" }), 4);
    expect(cm.toArray()).toEqual([
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 0],
    ]);
    expect(cm.sum().item()).toBe(3);
  });

  it("rejects labels out of range, non-integer labels and mismatched shapes", () => {
    expect(() => confusionMatrix(tensor([0, 3]), tensor([0, 1]), 3)).toThrow(
      new ValueError(
        "confusionMatrix: yPred label 3 at index 1 is out of range for 3 classes (labels are integers in [0, 3))",
      ),
    );
    expect(() => confusionMatrix(tensor([0, 1]), tensor([0, 0.5]), 3)).toThrow(
      "confusionMatrix: y label 0.5 at index 1 is out of range for 3 classes",
    );
    expect(() => confusionMatrix(tensor([0, 1]), tensor([0, 1, 1]), 3)).toThrow(
      new ShapeError(
        "confusionMatrix: yPred with shape [2] and y with shape [3] have different numbers of examples (2 and 3)",
      ),
    );
    expect(() => confusionMatrix(tensor([[0.1, 0.9]]), tensor([1]), 3)).toThrow(
      "confusionMatrix: yPred has scores for 2 classes (shape [1, 2]) but numClasses is 3",
    );
    expect(() => confusionMatrix(tensor([0]), tensor([0]), 0)).toThrow(
      "confusionMatrix: numClasses must be a positive integer, got 0",
    );
  });
});

describe("confusionMatrix from plain JavaScript", () => {
  it("names tensors and numClasses of the wrong kind", () => {
    const js = (v: unknown) => v as never;
    expect(() => confusionMatrix(js(undefined), tensor([0]), 2)).toThrowError(ValueError);
    expect(() => confusionMatrix(js(undefined), tensor([0]), 2)).toThrowError(
      /^confusionMatrix: yPred must be a tensor, got undefined$/,
    );
    expect(() => confusionMatrix(tensor([0]), js(2), 2)).toThrowError(
      /^confusionMatrix: y must be a tensor, got 2$/,
    );
    expect(() => confusionMatrix(tensor([0]), tensor([0]), js(tensor(2)))).toThrowError(
      /^confusionMatrix: numClasses must be a positive integer, got a tensor of shape \[\]$/,
    );
    expect(() => confusionMatrix(tensor([0]), tensor([0]), js("2"))).toThrowError('got "2"');
    expect(() => confusionMatrix(tensor([0]), tensor([0]), 1e12)).toThrowError(
      /^confusionMatrix: numClasses must be at most 46340 .*, got 1000000000000$/,
    );
  });
});
