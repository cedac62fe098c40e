// The loss classes: same numbers as the functions, options fixed at construction, PyTorch-like
// printing.
import { manualSeed, randn, type Tensor, tensor, ValueError } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import {
  BCELoss,
  BCEWithLogitsLoss,
  bceLoss,
  bceWithLogitsLoss,
  CrossEntropyLoss,
  crossEntropy,
  HuberLoss,
  huberLoss,
  L1Loss,
  Loss,
  l1Loss,
  MSELoss,
  mseLoss,
  NLLLoss,
  nllLoss,
  SmoothL1Loss,
  smoothL1Loss,
} from "./index.js";

manualSeed(5);
const x = randn([4, 3], { dtype: "float64" });
const y = randn([4, 3], { dtype: "float64" });
const p = x.sigmoid();
const t = y.sigmoid();
const idx = tensor([0, 2, -100, 1]);
const w = tensor([0.5, 2, 1], { dtype: "float64" });

const vals = (a: Tensor): number[] => Array.from(a.toTypedArray());

describe("loss classes", () => {
  const pairs: [Loss, Tensor, Tensor, Tensor][] = [
    [new MSELoss(), x, y, mseLoss(x, y)],
    [new L1Loss({ reduction: "sum" }), x, y, l1Loss(x, y, { reduction: "sum" })],
    [
      new HuberLoss({ delta: 0.5, reduction: "none" }),
      x,
      y,
      huberLoss(x, y, { delta: 0.5, reduction: "none" }),
    ],
    [new SmoothL1Loss({ beta: 0.3 }), x, y, smoothL1Loss(x, y, { beta: 0.3 })],
    [
      new CrossEntropyLoss({ weight: w, labelSmoothing: 0.1, reduction: "none" }),
      x,
      idx,
      crossEntropy(x, idx, { weight: w, labelSmoothing: 0.1, reduction: "none" }),
    ],
    [
      new CrossEntropyLoss({ ignoreIndex: 2 }),
      x,
      tensor([0, 2, 1, 1]),
      crossEntropy(x, tensor([0, 2, 1, 1]), { ignoreIndex: 2 }),
    ],
    [new NLLLoss({ weight: w }), x, idx, nllLoss(x, idx, { weight: w })],
    [new BCELoss({ weight: w }), p, t, bceLoss(p, t, { weight: w })],
    [
      new BCEWithLogitsLoss({ posWeight: w, reduction: "sum" }),
      x,
      t,
      bceWithLogitsLoss(x, t, { posWeight: w, reduction: "sum" }),
    ],
  ];

  for (const [loss, input, target, want] of pairs) {
    it(`${loss} computes what the function computes, through forward and call`, () => {
      expect(loss).toBeInstanceOf(Loss);
      expect(vals(loss.forward(input, target))).toEqual(vals(want));
      expect(vals(loss.call(input, target))).toEqual(vals(want));
    });
  }

  it("defaults to 'mean' like PyTorch, and prints the options that differ from the defaults", () => {
    expect(new MSELoss().reduction).toBe("mean");
    expect(String(new MSELoss())).toBe("MSELoss()");
    expect(String(new CrossEntropyLoss({ reduction: "none" }))).toBe("CrossEntropyLoss(reduction='none')");
    expect(String(new CrossEntropyLoss({ ignoreIndex: 0, labelSmoothing: 0.1 }))).toBe(
      "CrossEntropyLoss(ignoreIndex=0, labelSmoothing=0.1)",
    );
    expect(String(new HuberLoss({ delta: 2 }))).toBe("HuberLoss(delta=2)");
    expect(String(new SmoothL1Loss({ beta: 0.5, reduction: "sum" }))).toBe(
      "SmoothL1Loss(reduction='sum', beta=0.5)",
    );
  });

  it("the concise softmax-regression loss: CrossEntropyLoss({ reduction: 'none' }) gives one loss per example", () => {
    const logits = randn([256, 10]).requiresGrad_();
    const labels = tensor(Array.from({ length: 256 }, (_, i) => (i * 7) % 10));
    const l = new CrossEntropyLoss({ reduction: "none" }).call(logits, labels);
    expect(l.shape).toEqual([256]);
    l.mean().backward();
    // Each row of (softmax − onehot) / N sums to 0.
    const g = logits.grad!.sum(1);
    expect(vals(g).every((v) => Math.abs(v) < 1e-7)).toBe(true);
  });
});

describe("loss classes from plain JavaScript", () => {
  it("check their options at construction, each against its own option names", () => {
    const a = () => new MSELoss({ delta: 1 } as object);
    expect(a).toThrow(ValueError);
    expect(a).toThrow('MSELoss: unknown option "delta" in options (known: reduction)');
    expect(new HuberLoss({ delta: 2 }).delta).toBe(2);
    expect(() => new HuberLoss({ detla: 2 } as object)).toThrow(
      'HuberLoss: unknown option "detla" in options; did you mean "delta"?',
    );
    expect(() => new L1Loss(null as unknown as object)).toThrow(
      "L1Loss: options must be an object of options, got null",
    );
    expect(() => new CrossEntropyLoss(w as unknown as object)).toThrow(
      "CrossEntropyLoss: options must be an object of options, got a tensor of shape [3]",
    );
    expect(() => new HuberLoss({ delta: -1 })).toThrow("HuberLoss: delta must be positive, got -1");
    expect(() => new SmoothL1Loss({ beta: "1" as unknown as number })).toThrow(
      'SmoothL1Loss: beta must be a number, got "1"',
    );
    expect(() => new NLLLoss({ ignoreIndex: 1.5 })).toThrow(
      "NLLLoss: ignoreIndex must be an integer, got 1.5",
    );
    expect(() => new CrossEntropyLoss({ labelSmoothing: 2 })).toThrow(
      "CrossEntropyLoss: labelSmoothing must be between 0.0 and 1.0, got 2",
    );
    expect(() => new BCELoss({ weight: [1] as unknown as Tensor })).toThrow(
      "BCELoss: weight must be a tensor, got [1]",
    );
    expect(() => new BCEWithLogitsLoss({ posWeight: {} as Tensor })).toThrow(
      "BCEWithLogitsLoss: posWeight must be a tensor, got an object",
    );
  });

  it("the abstract Loss cannot be constructed; forward checks its tensors", () => {
    const Abstract = Loss as unknown as new () => Loss;
    expect(() => new Abstract()).toThrow(ValueError);
    expect(() => new MSELoss().forward("x" as unknown as Tensor, x)).toThrow(
      'mseLoss: input must be a tensor, got "x"',
    );
  });
});
