import { noGrad } from "@tsgrad/autograd";
import { type Tensor, tensor, ValueError } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import {
  expectClose,
  loss,
  lossAndBackward,
  makeParams,
  nonContiguousCopy,
  train,
  values,
} from "./problem.test-util.js";
import { SGD, type SGDOptions } from "./sgd.js";

function withGrad(data: number[], grad: number[]): Tensor {
  const p = tensor(data, { dtype: "float32", requiresGrad: true });
  p.grad = tensor(grad, { dtype: "float32" });
  return p;
}

describe("SGD hyper-parameters", () => {
  const [W] = makeParams();
  it.each([
    [{ lr: -1 }, "SGD: Invalid learning rate: -1"],
    [{ lr: Number.NaN }, "SGD: Invalid learning rate: NaN"],
    [{ lr: 0.1, momentum: -0.5 }, "SGD: Invalid momentum value: -0.5"],
    [{ lr: 0.1, weightDecay: -0.01 }, "SGD: Invalid weight_decay value: -0.01"],
    [{ lr: 0.1, nesterov: true }, "SGD: Nesterov momentum requires a momentum and zero dampening"],
    [
      { lr: 0.1, nesterov: true, momentum: 0.9, dampening: 0.1 },
      "SGD: Nesterov momentum requires a momentum and zero dampening",
    ],
  ] as [SGDOptions & { lr: number }, string][])("rejects %o", (options, message) => {
    expect(() => new SGD([W], options)).toThrow(new ValueError(message));
  });

  it("checks the hyper-parameters of every group too", () => {
    const [A, b] = makeParams();
    expect(() => new SGD([{ params: [A] }, { params: [b], lr: -0.5 }], { lr: 0.1 })).toThrow(
      "SGD: Invalid learning rate: -0.5",
    );
    expect(() => new SGD([{ params: [A], momentum: -1 }], { lr: 0.1 })).toThrow(
      "SGD: Invalid momentum value: -1",
    );
  });

  it("requires lr, in the options or in every group", () => {
    const [A, b] = makeParams();
    expect(() => new SGD([{ params: [A], lr: 0.1 }, { params: [b] }])).toThrow(
      "SGD: parameter group didn't specify a value of required optimization parameter lr",
    );
    const opt = new SGD([
      { params: [A], lr: 0.1 },
      { params: [b], lr: 0.2 },
    ]);
    expect(opt.paramGroups.map((g) => g.lr)).toEqual([0.1, 0.2]);
  });

  it("fills the defaults like torch.optim.SGD", () => {
    const opt = new SGD(makeParams(), { lr: 0.1 });
    const { params, ...hyper } = opt.paramGroups[0]!;
    expect(params).toHaveLength(2);
    expect(hyper).toEqual({
      lr: 0.1,
      momentum: 0,
      dampening: 0,
      weightDecay: 0,
      nesterov: false,
      maximize: false,
    });
  });
});

describe("SGD update rule", () => {
  it("plain SGD: p ← p − lr·g, in place", () => {
    const p = withGrad([1, 2, 3], [0.5, -1, 2]);
    const storage = p.storage;
    new SGD([p], { lr: 0.1 }).step();
    expect(values(p)).toEqual(Array.from(new Float32Array([0.95, 2.1, 2.8])));
    expect(p.storage).toBe(storage);
    expect(p.isLeaf).toBe(true);
    expect(p.requiresGrad).toBe(true);
  });

  it("momentum buffer starts as a copy of the first gradient, without dampening", () => {
    const p = withGrad([1], [2]);
    const opt = new SGD([p], { lr: 0.1, momentum: 0.9, dampening: 0.5 });
    opt.step();
    const buf = opt.state.get(p)?.momentumBuffer;
    expect(buf?.item()).toBe(2); // not (1 - 0.5) * 2
    expect(p.item()).toBeCloseTo(1 - 0.1 * 2, 6);
    p.grad = tensor([1], { dtype: "float32" });
    opt.step();
    // b = 0.9 * 2 + (1 - 0.5) * 1 = 2.3; p = 0.8 - 0.1 * 2.3
    expect(opt.state.get(p)?.momentumBuffer?.item()).toBeCloseTo(2.3, 6);
    expect(p.item()).toBeCloseTo(0.8 - 0.23, 6);
    expect(opt.state.get(p)?.momentumBuffer).toBe(buf); // updated in place
  });

  it("nesterov: g + μ·b", () => {
    const p = withGrad([1], [2]);
    const opt = new SGD([p], { lr: 0.1, momentum: 0.5, nesterov: true });
    opt.step(); // b = 2, d = 2 + 0.5 * 2 = 3
    expect(p.item()).toBeCloseTo(0.7, 6);
    p.grad = tensor([-1], { dtype: "float32" });
    opt.step(); // b = 0.5 * 2 - 1 = 0, d = -1 + 0 = -1
    expect(p.item()).toBeCloseTo(0.8, 6);
  });

  it("weight decay adds λp to the gradient; maximize negates the gradient first", () => {
    const p = withGrad([2], [1]);
    new SGD([p], { lr: 0.1, weightDecay: 0.5 }).step(); // d = 1 + 0.5 * 2 = 2
    expect(p.item()).toBeCloseTo(1.8, 6);
    const q = withGrad([2], [1]);
    new SGD([q], { lr: 0.1, weightDecay: 0.5, maximize: true }).step(); // d = -1 + 1 = 0
    expect(q.item()).toBeCloseTo(2, 6);
  });

  it("skips parameters without a gradient (no state, no change)", () => {
    const p = withGrad([1], [1]);
    const q = tensor([5], { dtype: "float32", requiresGrad: true });
    const opt = new SGD([p, q], { lr: 0.1, momentum: 0.9, weightDecay: 0.1 });
    opt.step();
    expect(q.item()).toBe(5);
    expect(opt.state.has(q)).toBe(false);
    expect(opt.state.has(p)).toBe(true);
  });

  it("runs without recording a graph and bumps the version counter (stale saved tensors are caught)", () => {
    const [W, b] = makeParams();
    lossAndBackward(W, b);
    const y = W.mul(W).sum(); // saves W for backward
    new SGD([W, b], { lr: 0.1, momentum: 0.9 }).step();
    expect(W.gradFn).toBeNull();
    expect(() => y.backward()).toThrow("has been modified by an inplace operation");
  });

  it.each([
    { lr: 0.05 },
    { lr: 0.05, momentum: 0.9 },
    { lr: 0.05, momentum: 0.9, dampening: 0.3, weightDecay: 0.1 },
    { lr: 0.05, momentum: 0.9, nesterov: true, maximize: true },
  ] as (SGDOptions & { lr: number })[])(
    "non-contiguous parameters follow the same path as contiguous ones: %o",
    (options) => {
      const [W, b] = makeParams();
      const Wt = nonContiguousCopy(W);
      const bt = tensor(b.toArray(), { dtype: "float32", requiresGrad: true });
      train(new SGD([W, b], options), W, b, 5);
      train(new SGD([Wt, bt], options), Wt, bt, 5);
      expect(Wt.isContiguous()).toBe(false);
      expectClose(values(Wt), values(W), 6);
      expectClose(values(bt), values(b), 6);
    },
  );

  it("updates float64 parameters in float64", () => {
    const p = tensor([1], { dtype: "float64", requiresGrad: true });
    p.grad = tensor([1e-10], { dtype: "float64" });
    new SGD([p], { lr: 1 }).step();
    expect(p.dtype).toBe("float64");
    expect(p.item()).toBe(1 - 1e-10);
  });

  it("decreases the loss of a least-squares fit", () => {
    const [W, b] = makeParams();
    const opt = new SGD([W, b], { lr: 0.1, momentum: 0.5 });
    const first = noGrad(() => loss(W, b).item());
    train(opt, W, b, 50);
    expect(noGrad(() => loss(W, b).item())).toBeLessThan(first / 2);
  });
});

describe("SGD from plain JavaScript", () => {
  it("takes the learning rate as the second argument, as PyTorch's SGD(params, 0.1)", () => {
    const w = tensor([1, 2], { dtype: "float32", requiresGrad: true });
    const opt = new SGD([w], 0.1);
    expect(opt.paramGroups[0]!.lr).toBe(0.1);
    w.mul(w).sum().backward();
    opt.step();
    expect(values(w)).toEqual([0.8, 1.6].map(Math.fround));
  });

  it("names an unknown option, with did-you-mean for a near miss", () => {
    const w = tensor([1, 2], { dtype: "float32", requiresGrad: true });
    const make = () => new SGD([w], { lr: 0.1, momentun: 0.9 } as unknown as { lr: number });
    expect(make).toThrow(ValueError);
    expect(make).toThrow('SGD: unknown option "momentun" in options; did you mean "momentum"?');
    expect(() => new SGD([w], "0.1" as unknown as number)).toThrow(
      'SGD: options must be an object of options, got "0.1"',
    );
  });
});

describe("SGD's hyper-parameters from plain JavaScript", () => {
  const [W] = makeParams();
  it.each([
    [{ lr: "0.1" }, 'SGD: lr must be a number, got "0.1"'],
    [{ lr: 0.1, momentum: "0.9" }, 'SGD: momentum must be a number, got "0.9"'],
    [{ lr: 0.1, nesterov: 1 }, "SGD: nesterov must be a boolean, got 1"],
    [{ lr: Number.POSITIVE_INFINITY }, "SGD: Invalid learning rate: Infinity"],
    [{ lr: 0.1, weightDecay: Number.POSITIVE_INFINITY }, "SGD: Invalid weight_decay value: Infinity"],
  ] as [SGDOptions & { lr: number }, string][])("rejects %o", (options, message) => {
    expect(() => new SGD([W], options)).toThrow(new ValueError(message));
  });
});
