// Bad input is a clear error naming the op, the argument and the shapes.
import { DTypeError, IndexError, ShapeError, type Tensor, tensor, ValueError, zeros } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import {
  bceLoss,
  bceWithLogitsLoss,
  CrossEntropyLoss,
  crossEntropy,
  huberLoss,
  l1Loss,
  MSELoss,
  mseLoss,
  nllLoss,
  type Reduction,
  smoothL1Loss,
  squaredLoss,
} from "./index.js";

const f32 = (shape: number[]): Tensor => zeros(shape, { dtype: "float32" });
const logits = f32([4, 10]);

describe("class indices", () => {
  it("a target out of range names it and the number of classes (fused and composed paths)", () => {
    const y = tensor([1, 12, 0, 3]);
    expect(() => crossEntropy(logits, y)).toThrow(IndexError);
    expect(() => crossEntropy(logits, y)).toThrow("crossEntropy: target 12 is out of range for 10 classes");
    expect(() => crossEntropy(logits, y, { labelSmoothing: 0.1 })).toThrow(
      "crossEntropy: target 12 is out of range for 10 classes",
    );
    expect(() => crossEntropy(logits, tensor([1, -1, 0, 3]))).toThrow(
      "crossEntropy: target -1 is out of range for 10 classes",
    );
    expect(() => nllLoss(logits, tensor([10, 0, 0, 0]))).toThrow(
      "nllLoss: target 10 is out of range for 10 classes",
    );
    expect(() => crossEntropy(f32([2, 10, 3]), zeros([2, 3], { dtype: "int32" }).add(11))).toThrow(
      "crossEntropy: target 11 is out of range for 10 classes",
    );
  });

  it("ignoreIndex may lie outside the range; other negatives may not", () => {
    expect(Number.isFinite(crossEntropy(logits, tensor([1, -100, 0, 3])).item())).toBe(true);
    expect(Number.isFinite(crossEntropy(logits, tensor([1, 255, 0, 3]), { ignoreIndex: 255 }).item())).toBe(
      true,
    );
    expect(() => crossEntropy(logits, tensor([1, -100, 0, 3]), { ignoreIndex: 255 })).toThrow(
      "crossEntropy: target -100 is out of range for 10 classes",
    );
  });

  it("a float target where indices are expected is a DTypeError that says what would fit", () => {
    const y = tensor([1, 2, 0, 3], { dtype: "float32" });
    expect(() => crossEntropy(logits, y)).toThrow(DTypeError);
    expect(() => crossEntropy(logits, y)).toThrow(
      "crossEntropy: expected class indices (int32) for target with shape [4], got float32; " +
        "class probabilities (soft labels) need the input's shape [4, 10]",
    );
    expect(() => nllLoss(logits, y)).toThrow(
      "nllLoss: expected class indices (int32) for target with shape [4], got float32",
    );
  });

  it("integer probabilities (a target of the input's shape) are a DTypeError", () => {
    expect(() => crossEntropy(logits, zeros([4, 10], { dtype: "int32" }))).toThrow(
      "crossEntropy: a target with the input's shape [4, 10] holds class probabilities and must be floating point, " +
        "got int32; class indices have shape [4]",
    );
  });

  it("a target of the wrong shape names both shapes", () => {
    expect(() => crossEntropy(logits, tensor([1, 2, 3]))).toThrow(ShapeError);
    expect(() => crossEntropy(logits, tensor([1, 2, 3]))).toThrow(
      "crossEntropy: expected target with shape [4] (input [4, 10] without its class dim 1), got [3]",
    );
    expect(() => crossEntropy(f32([2, 10, 3]), tensor([1, 2]))).toThrow(
      "crossEntropy: expected target with shape [2, 3] (input [2, 10, 3] without its class dim 1), got [2]",
    );
    expect(() => crossEntropy(f32([]), tensor(1))).toThrow(
      "crossEntropy: expected input with shape [C], [N, C] or [N, C, d1, ...], got []",
    );
  });

  it("integer logits, a bad weight or label smoothing are errors", () => {
    expect(() => crossEntropy(zeros([4, 10], { dtype: "int32" }), tensor([1, 2, 3, 4]))).toThrow(
      "crossEntropy: expected a floating-point input, got int32 [4, 10]",
    );
    expect(() => crossEntropy(logits, tensor([1, 2, 3, 4]), { weight: f32([9]) })).toThrow(
      "crossEntropy: weight should be a 1-D tensor with one entry per class ([10]), got [9]",
    );
    expect(() => crossEntropy(logits, tensor([1, 2, 3, 4]), { labelSmoothing: 1.5 })).toThrow(ValueError);
    expect(() => crossEntropy(logits, tensor([1, 2, 3, 4]), { labelSmoothing: -0.1 })).toThrow(
      "crossEntropy: labelSmoothing must be between 0.0 and 1.0, got -0.1",
    );
  });
});

describe("elementwise losses", () => {
  it("a shape mismatch names both shapes instead of broadcasting", () => {
    for (const [name, fn] of [
      ["mseLoss", mseLoss],
      ["l1Loss", l1Loss],
      ["huberLoss", huberLoss],
      ["smoothL1Loss", smoothL1Loss],
      ["bceLoss", bceLoss],
      ["bceWithLogitsLoss", bceWithLogitsLoss],
    ] as const) {
      expect(() => fn(f32([4, 1]), f32([4]))).toThrow(ShapeError);
      expect(() => fn(f32([4, 1]), f32([4]))).toThrow(
        `${name}: target with shape [4] doesn't match input with shape [4, 1]`,
      );
    }
  });

  it("squaredLoss reshapes, so only the element counts must agree", () => {
    expect(squaredLoss(f32([4, 1]), f32([4])).shape).toEqual([4, 1]);
    expect(() => squaredLoss(f32([4, 1]), f32([3]))).toThrow(
      "squaredLoss: target with shape [3] (3 elements) cannot be reshaped to the input's shape [4, 1] (4 elements)",
    );
  });

  it("class indices where values are expected are a DTypeError", () => {
    expect(() => mseLoss(f32([4]), tensor([1, 2, 3, 4]))).toThrow(DTypeError);
    expect(() => mseLoss(f32([4]), tensor([1, 2, 3, 4]))).toThrow(
      "mseLoss: expected a floating-point target, got int32 [4]",
    );
    expect(() => bceLoss(f32([4]), tensor([1, 0, 0, 1]))).toThrow(
      "bceLoss: expected a floating-point target, got int32 [4]",
    );
    expect(() => squaredLoss(tensor([1, 2]), f32([2]))).toThrow(
      "squaredLoss: expected a floating-point input, got int32 [2]",
    );
  });

  it("bceLoss wants probabilities in [0, 1]", () => {
    expect(() => bceLoss(tensor([0.5, 1.5]), tensor([0, 1], { dtype: "float32" }))).toThrow(
      "bceLoss: all elements of input should be between 0 and 1, got 1.5",
    );
    expect(() => bceLoss(tensor([0.5, Number.NaN]), tensor([0, 1], { dtype: "float32" }))).toThrow(
      ValueError,
    );
  });

  it("weights and posWeight must broadcast to the input's shape", () => {
    const x = f32([4, 3]);
    expect(() => bceWithLogitsLoss(x, x, { posWeight: f32([4]) })).toThrow(
      "bceWithLogitsLoss: posWeight with shape [4] doesn't broadcast to the input's shape [4, 3]",
    );
    expect(() => bceLoss(x.add(0.5), x, { weight: f32([2, 4, 3]) })).toThrow(
      "bceLoss: weight with shape [2, 4, 3] doesn't broadcast to the input's shape [4, 3]",
    );
  });

  it("delta must be positive and beta non-negative", () => {
    expect(() => huberLoss(f32([2]), f32([2]), { delta: 0 })).toThrow(
      "huberLoss: delta must be positive, got 0",
    );
    expect(() => smoothL1Loss(f32([2]), f32([2]), { beta: -1 })).toThrow(
      "smoothL1Loss: beta must be non-negative, got -1",
    );
  });
});

describe("reduction", () => {
  it("an unknown reduction is a ValueError in every loss and class", () => {
    const bad = "avg" as Reduction;
    const x = f32([2, 3]);
    const y = tensor([0, 1]);
    const calls: [string, () => Tensor][] = [
      ["squaredLoss", () => squaredLoss(x, x, { reduction: bad })],
      ["mseLoss", () => mseLoss(x, x, { reduction: bad })],
      ["l1Loss", () => l1Loss(x, x, { reduction: bad })],
      ["huberLoss", () => huberLoss(x, x, { reduction: bad })],
      ["smoothL1Loss", () => smoothL1Loss(x, x, { reduction: bad })],
      ["crossEntropy", () => crossEntropy(x, y, { reduction: bad })],
      ["nllLoss", () => nllLoss(x, y, { reduction: bad })],
      ["bceLoss", () => bceLoss(x, x, { reduction: bad })],
      ["bceWithLogitsLoss", () => bceWithLogitsLoss(x, x, { reduction: bad })],
      ["MSELoss", () => new MSELoss({ reduction: bad }).forward(x, x)],
      ["CrossEntropyLoss", () => new CrossEntropyLoss({ reduction: bad }).forward(x, y)],
    ];
    for (const [name, call] of calls) {
      expect(call).toThrow(ValueError);
      expect(call).toThrow(
        `${name}: "avg" is not a valid value for reduction; expected 'none', 'mean' or 'sum'`,
      );
    }
  });
});

describe("loss functions from plain JavaScript", () => {
  const x = f32([2, 3]);
  const y = tensor([0, 1]);
  const fns: [string, (a: Tensor, b: Tensor, o?: object) => Tensor, Tensor][] = [
    ["mseLoss", mseLoss, x],
    ["l1Loss", l1Loss, x],
    ["huberLoss", huberLoss, x],
    ["smoothL1Loss", smoothL1Loss, x],
    ["crossEntropy", crossEntropy, y],
    ["nllLoss", nllLoss, y],
    ["bceLoss", bceLoss, x],
    ["bceWithLogitsLoss", bceWithLogitsLoss, x],
  ];

  it("an input or target that is not a tensor is a ValueError naming it", () => {
    for (const [name, fn, target] of fns) {
      const a = () => fn(undefined as unknown as Tensor, target);
      expect(a).toThrow(ValueError);
      expect(a).toThrow(`${name}: input must be a tensor, got undefined`);
      expect(() => fn(x, [0, 1] as unknown as Tensor)).toThrow(
        `${name}: target must be a tensor, got [0, 1]`,
      );
    }
    expect(() => squaredLoss(null as unknown as Tensor, x)).toThrow(
      "squaredLoss: yHat must be a tensor, got null",
    );
    expect(() => squaredLoss(x, 2 as unknown as Tensor)).toThrow("squaredLoss: y must be a tensor, got 2");
  });

  it("options must be an object of known keys", () => {
    for (const [name, fn, target] of fns) {
      expect(() => fn(x, target, null as unknown as object)).toThrow(
        `${name}: options must be an object of options, got null`,
      );
      expect(() => fn(x, target, f32([3]) as unknown as object)).toThrow(
        `${name}: options must be an object of options, got a tensor of shape [3]`,
      );
      expect(() => fn(x, target, { reductoin: "sum" })).toThrow(
        `${name}: unknown option "reductoin" in options; did you mean "reduction"?`,
      );
    }
    expect(() => squaredLoss(x, x, "sum" as unknown as object)).toThrow(
      'squaredLoss: options must be an object of options, got "sum"',
    );
    expect(() => crossEntropy(logits, tensor([1, 2, 3, 4]), { ignore_index: 3 } as object)).toThrow(
      'crossEntropy: unknown option "ignore_index" in options; did you mean "ignoreIndex"?',
    );
  });

  it("numeric options of the wrong kind or range are named", () => {
    const idx = tensor([1, 2, 3, 4]);
    expect(() => crossEntropy(logits, idx, { weight: [1, 2] as unknown as Tensor })).toThrow(
      "crossEntropy: weight must be a tensor, got [1, 2]",
    );
    expect(() => nllLoss(logits, idx, { ignoreIndex: Number.NaN })).toThrow(
      "nllLoss: ignoreIndex must be an integer, got NaN",
    );
    expect(() => crossEntropy(logits, idx, { labelSmoothing: "0.1" as unknown as number })).toThrow(
      'crossEntropy: labelSmoothing must be a number, got "0.1"',
    );
    expect(() => bceLoss(x, x, { weight: "w" as unknown as Tensor })).toThrow(
      'bceLoss: weight must be a tensor, got "w"',
    );
    expect(() => bceWithLogitsLoss(x, x, { posWeight: 2 as unknown as Tensor })).toThrow(
      "bceWithLogitsLoss: posWeight must be a tensor, got 2",
    );
    expect(() => huberLoss(x, x, { delta: "1" as unknown as number })).toThrow(
      'huberLoss: delta must be a number, got "1"',
    );
    expect(() => huberLoss(x, x, { delta: Number.POSITIVE_INFINITY })).toThrow(
      "huberLoss: delta must be finite, got Infinity",
    );
    expect(() => smoothL1Loss(x, x, { beta: Number.POSITIVE_INFINITY })).toThrow(
      "smoothL1Loss: beta must be finite, got Infinity",
    );
  });
});
