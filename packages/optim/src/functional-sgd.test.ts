import { type Tensor, tensor, ValueError } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { sgd } from "./functional-sgd.js";
import { expectClose, lossAndBackward, makeParams, nonContiguousCopy, values } from "./problem.test-util.js";

describe("sgd (d2l's scratch update)", () => {
  it("p -= lr * p.grad / batchSize, then zeroes the gradient in place", () => {
    const w = tensor([1, 2], { dtype: "float32", requiresGrad: true });
    const b = tensor(0.5, { dtype: "float32", requiresGrad: true });
    w.grad = tensor([10, -20], { dtype: "float32" });
    b.grad = tensor(4, { dtype: "float32" });
    const g = w.grad;
    sgd([w, b], 0.03, 10);
    expect(values(w)).toEqual(Array.from(new Float32Array([1 - 0.03, 2 + 0.06])));
    expect(b.item()).toBeCloseTo(0.5 - 0.012, 7);
    expect(w.grad).toBe(g);
    expect(values(g)).toEqual([0, 0]);
    expect(w.isLeaf && w.requiresGrad).toBe(true);
  });

  it("gives the same result for non-contiguous parameters, and lets backward run again", () => {
    const [W, b] = makeParams();
    const Wt = nonContiguousCopy(W);
    const bt = tensor(b.toArray(), { dtype: "float32", requiresGrad: true });
    for (let i = 0; i < 3; i++) {
      lossAndBackward(W, b);
      sgd([W, b], 0.1, 4);
      lossAndBackward(Wt, bt);
      sgd([Wt, bt], 0.1, 4);
    }
    expect(Wt.isContiguous()).toBe(false);
    expectClose(values(Wt), values(W), 6);
    expectClose(values(bt), values(b), 6);
  });

  it("names a parameter without a gradient", () => {
    const w = tensor([1, 2], { dtype: "float32", requiresGrad: true });
    const c = tensor([[1, 2, 3]], { dtype: "float32" });
    w.grad = tensor([1, 1], { dtype: "float32" });
    expect(() => sgd([w, c], 0.1, 1)).toThrow(
      new ValueError(
        "sgd: params[1] (shape [1, 3]) has no gradient; create it with { requiresGrad: true } and call backward() on the loss first",
      ),
    );
    expect(values(w)).toEqual([1, 2]); // checked before anything is updated
  });

  it("rejects a bad learning rate or batch size", () => {
    const w = tensor([1], { dtype: "float32", requiresGrad: true });
    w.grad = tensor([1], { dtype: "float32" });
    expect(() => sgd([w], -1, 1)).toThrow("sgd: Invalid learning rate: -1");
    expect(() => sgd([w], 0.1, 0)).toThrow("sgd: batchSize must be a positive number, got 0");
  });
});

describe("sgd from plain JavaScript", () => {
  it("params must be an iterable of tensors", () => {
    const w = tensor([1, 2], { dtype: "float32", requiresGrad: true });
    for (const [bad, shown] of [
      [undefined, "undefined"],
      ["wb", '"wb"'],
      [w, "a tensor of shape [2]"],
      [5, "5"],
    ] as const) {
      const call = () => sgd(bad as unknown as Tensor[], 0.1, 1);
      expect(call).toThrow(ValueError);
      expect(call).toThrow(`sgd: params must be an iterable of tensors, got ${shown}`);
    }
    w.grad = tensor([1, 1], { dtype: "float32" });
    expect(() => sgd([w, 3 as unknown as Tensor], 0.1, 1)).toThrow("sgd: params[1] must be a tensor, got 3");
    expect(w.toArray()).toEqual([1, 2]);
  });
});
