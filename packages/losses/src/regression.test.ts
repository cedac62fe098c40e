// squaredLoss (d2l), mseLoss, l1Loss, huberLoss, smoothL1Loss: hand-computed values and the
// relations between them.
import { manualSeed, randn, type Tensor, tensor } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { huberLoss, l1Loss, mseLoss, smoothL1Loss, squaredLoss } from "./index.js";

const vals = (t: Tensor): number[] => Array.from(t.toTypedArray());

describe("squaredLoss (d2l's squared_loss)", () => {
  const yHat = tensor([[1], [2.5], [-1]], { dtype: "float32" });
  const y = tensor([2, 2, 1], { dtype: "float32" });

  it("reshapes y to ŷ's shape and returns ½(ŷ − y)² per example by default ('none')", () => {
    const l = squaredLoss(yHat, y);
    expect(l.shape).toEqual([3, 1]);
    expect(vals(l)).toEqual([0.5, 0.125, 2]);
  });

  it("takes 'sum' and 'mean' as well", () => {
    expect(squaredLoss(yHat, y, { reduction: "sum" }).item()).toBeCloseTo(2.625, 6);
    expect(squaredLoss(yHat, y, { reduction: "mean" }).item()).toBeCloseTo(0.875, 6);
  });

  it("the d2l training step: l.sum().backward() gives (ŷ − y) per example", () => {
    const w = tensor([[1.5], [-0.5]], { requiresGrad: true });
    const X = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { dtype: "float32" },
    );
    squaredLoss(X.matmul(w), tensor([1, 1], { dtype: "float32" }))
      .sum()
      .backward();
    // ŷ = [0.5, 2.5], ŷ − y = [-0.5, 1.5], dL/dw = Xᵀ(ŷ − y) = [4, 5]
    expect(vals(w.grad!)).toEqual([4, 5]);
  });
});

describe("mseLoss and l1Loss", () => {
  const x = tensor([1, 2, 3, 4], { dtype: "float32" });
  const y = tensor([1.5, 2, 1, 7], { dtype: "float32" });

  it("mseLoss defaults to the mean of (x − y)², squaredLoss is half of it per element", () => {
    expect(mseLoss(x, y).item()).toBeCloseTo((0.25 + 0 + 4 + 9) / 4, 6);
    expect(vals(mseLoss(x, y, { reduction: "none" }))).toEqual([0.25, 0, 4, 9]);
    expect(mseLoss(x, y, { reduction: "sum" }).item()).toBeCloseTo(13.25, 5);
    expect(vals(squaredLoss(x, y).mul(2))).toEqual(vals(mseLoss(x, y, { reduction: "none" })));
  });

  it("l1Loss is |x − y| with gradient sign(x − y), 0 where equal", () => {
    const xx = x.clone().requiresGrad_();
    const l = l1Loss(xx, y, { reduction: "sum" });
    expect(l.item()).toBeCloseTo(0.5 + 0 + 2 + 3, 6);
    l.backward();
    expect(vals(xx.grad!)).toEqual([-1, 0, 1, -1]);
  });
});

describe("huberLoss and smoothL1Loss", () => {
  const d = tensor([-3, -1, -0.5, 0, 0.25, 1, 2.5], { dtype: "float64" });
  const zero = d.mul(0);

  it("huberLoss is ½d² inside delta and delta·(|d| − ½delta) outside", () => {
    const got = vals(huberLoss(d, zero, { reduction: "none", delta: 1 }));
    expect(got).toEqual([2.5, 0.5, 0.125, 0, 0.03125, 0.5, 2]);
    const got2 = vals(huberLoss(d, zero, { reduction: "none", delta: 2 }));
    expect(got2).toEqual([4, 0.5, 0.125, 0, 0.03125, 0.5, 3]);
  });

  it("smoothL1Loss is huberLoss / beta, and l1Loss at beta = 0", () => {
    manualSeed(2);
    const x = randn([20], { dtype: "float64" }).mul(2);
    const y = randn([20], { dtype: "float64" });
    for (const beta of [0.5, 1, 3]) {
      const a = vals(smoothL1Loss(x, y, { reduction: "none", beta }));
      const b = vals(huberLoss(x, y, { reduction: "none", delta: beta }).div(beta));
      a.forEach((v, i) => {
        expect(v).toBeCloseTo(b[i]!, 12);
      });
    }
    expect(vals(smoothL1Loss(x, y, { beta: 0, reduction: "none" }))).toEqual(
      vals(l1Loss(x, y, { reduction: "none" })),
    );
  });

  it("the gradient is clipped to ±delta outside the quadratic zone", () => {
    const x = d.clone().requiresGrad_();
    huberLoss(x, zero, { reduction: "sum", delta: 1 }).backward();
    expect(vals(x.grad!)).toEqual([-1, -1, -0.5, 0, 0.25, 1, 1]);
  });
});
