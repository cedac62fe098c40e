import { tensor, ValueError } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { Adam } from "./adam.js";
import type { AdamOptions } from "./adam-core.js";
import { AdamW } from "./adamw.js";
import { expectClose, makeParams, nonContiguousCopy, train, values } from "./problem.test-util.js";

function withGrad(data: number[], grad: number[]) {
  const p = tensor(data, { dtype: "float32", requiresGrad: true });
  p.grad = tensor(grad, { dtype: "float32" });
  return p;
}

describe.each([
  ["Adam", Adam],
  ["AdamW", AdamW],
] as const)("%s hyper-parameters", (name, Cls) => {
  const [W] = makeParams();
  it.each([
    [{ lr: -1 }, "Invalid learning rate: -1"],
    [{ eps: -1e-8 }, "Invalid epsilon value: -1e-8"],
    [{ betas: [1.5, 0.999] }, "Invalid beta parameter at index 0: 1.5"],
    [{ betas: [0.9, 1] }, "Invalid beta parameter at index 1: 1"],
    [{ betas: [0.9, -0.1] }, "Invalid beta parameter at index 1: -0.1"],
    [{ weightDecay: -0.1 }, "Invalid weight_decay value: -0.1"],
  ] as [AdamOptions, string][])("rejects %o", (options, message) => {
    expect(() => new Cls([W], options)).toThrow(new ValueError(`${name}: ${message}`));
  });

  it("checks parameter groups too", () => {
    const [A, b] = makeParams();
    expect(() => new Cls([{ params: [A] }, { params: [b], betas: [0.9, 2] }])).toThrow(
      `${name}: Invalid beta parameter at index 1: 2`,
    );
  });
});

describe("Adam and AdamW defaults", () => {
  it("match PyTorch's", () => {
    const { params: _a, ...adam } = new Adam(makeParams()).paramGroups[0]!;
    expect(adam).toEqual({
      lr: 1e-3,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 0,
      amsgrad: false,
      maximize: false,
    });
    const { params: _b, ...adamw } = new AdamW(makeParams()).paramGroups[0]!;
    expect(adamw).toEqual({ ...adam, weightDecay: 1e-2 });
  });
});

describe("Adam update rule", () => {
  it("first step moves each parameter by lr·g/(|g| + eps) (bias corrections cancel)", () => {
    const p = withGrad([1, 1, 1], [0.5, -2, 1e-3]);
    const opt = new Adam([p], { lr: 0.1 });
    opt.step();
    const expected = [0.5, -2, 1e-3].map((g) => 1 - (0.1 * g) / (Math.abs(g) + 1e-8));
    expectClose(values(p), expected, 6);
    const state = opt.state.get(p)!;
    expect(state.step).toBe(1);
    expectClose(values(state.expAvg), [0.05, -0.2, 1e-4], 7);
    expect(state.maxExpAvgSq).toBeUndefined();
  });

  it("second step by hand, with bias correction in double precision", () => {
    const p = withGrad([0], [1]);
    const opt = new Adam([p], { lr: 0.01, betas: [0.8, 0.9], eps: 1e-3 });
    opt.step();
    p.grad = tensor([3], { dtype: "float32" });
    opt.step();
    const m = 0.8 * 0.2 + 0.2 * 3; // 0.76
    const v = 0.9 * 0.1 + 0.1 * 9; // 0.99
    const first = -(0.01 * 1) / (1 + 1e-3);
    const second = first - ((0.01 / (1 - 0.8 ** 2)) * m) / (Math.sqrt(v) / Math.sqrt(1 - 0.9 ** 2) + 1e-3);
    expect(p.item()).toBeCloseTo(second, 6);
    expect(opt.state.get(p)!.step).toBe(2);
  });

  it("Adam's weight decay enters the gradient; AdamW's decays the parameter", () => {
    // With a zero gradient Adam still sees λp (and moves by ≈ lr), AdamW only shrinks p.
    const p = withGrad([2], [0]);
    new Adam([p], { lr: 0.1, weightDecay: 0.5 }).step();
    expect(p.item()).toBeCloseTo(2 - 0.1, 6);
    const q = withGrad([2], [0]);
    new AdamW([q], { lr: 0.1, weightDecay: 0.5 }).step();
    expect(q.item()).toBeCloseTo(2 * (1 - 0.1 * 0.5), 6);
  });

  it("amsgrad keeps the running maximum of the second moment", () => {
    const p = withGrad([0], [10]);
    const opt = new Adam([p], { lr: 0.01, betas: [0.9, 0.5], amsgrad: true });
    opt.step();
    p.grad = tensor([0.1], { dtype: "float32" });
    opt.step();
    const state = opt.state.get(p)!;
    expect(state.expAvgSq.item()).toBeCloseTo(0.5 * 50 + 0.5 * 0.01, 3);
    expect(state.maxExpAvgSq!.item()).toBeCloseTo(50, 4);
  });

  it("maximize ascends", () => {
    const p = withGrad([0], [1]);
    new Adam([p], { lr: 0.1, maximize: true }).step();
    expect(p.item()).toBeCloseTo(0.1, 6);
  });

  it.each([
    ["Adam", Adam, { lr: 0.02 }],
    ["Adam", Adam, { lr: 0.02, weightDecay: 0.1, amsgrad: true, maximize: false }],
    ["AdamW", AdamW, { lr: 0.02, weightDecay: 0.1, amsgrad: true }],
  ] as const)(
    "%s: non-contiguous parameters follow the same path as contiguous ones (%o)",
    (_name, Cls, options) => {
      const [W, b] = makeParams();
      const Wt = nonContiguousCopy(W);
      const bt = tensor(b.toArray(), { dtype: "float32", requiresGrad: true });
      train(new Cls([W, b], options), W, b, 5);
      train(new Cls([Wt, bt], options), Wt, bt, 5);
      expect(Wt.isContiguous()).toBe(false);
      expectClose(values(Wt), values(W), 6);
      expectClose(values(bt), values(b), 6);
    },
  );

  it("skips parameters without a gradient", () => {
    const p = tensor([1], { dtype: "float32", requiresGrad: true });
    const opt = new AdamW([p], { lr: 0.1 });
    opt.step();
    expect(p.item()).toBe(1);
    expect(opt.state.size).toBe(0);
  });
});

describe("Adam and AdamW from plain JavaScript", () => {
  it("take the learning rate as the second argument and name unknown options", () => {
    for (const [name, Opt] of [
      ["Adam", Adam],
      ["AdamW", AdamW],
    ] as const) {
      const w = tensor([1, 2], { dtype: "float32", requiresGrad: true });
      expect(new Opt([w], 0.01).paramGroups[0]!.lr).toBe(0.01);
      const make = () => new Opt([w], { lr: 0.1, beta: [0.9, 0.99] } as AdamOptions);
      expect(make).toThrow(ValueError);
      expect(make).toThrow(`${name}: unknown option "beta" in options; did you mean "betas"?`);
    }
  });
});

describe("Adam's hyper-parameters from plain JavaScript", () => {
  const W = tensor([1, 2], { dtype: "float32", requiresGrad: true });
  it.each([
    [{ betas: ["0.5", 0.9] }, 'Adam: betas[0] must be a number, got "0.5"'],
    [{ betas: 0.9 }, "Adam: betas must be a pair of numbers, got 0.9"],
    [{ eps: Number.POSITIVE_INFINITY }, "Adam: Invalid epsilon value: Infinity"],
    [{ amsgrad: "yes" }, 'Adam: amsgrad must be a boolean, got "yes"'],
  ] as [AdamOptions, string][])("rejects %o", (options, message) => {
    expect(() => new Adam([W], options)).toThrow(new ValueError(message));
  });

  it("checks betas of a param group before reading them", () => {
    expect(() => new Adam([{ params: [W], betas: 5 as unknown as [number, number] }])).toThrow(
      "Adam: betas must be a pair of numbers, got 5",
    );
  });
});
