// The pieces of the scratch MLP: relu, dropout and the L2 penalty as d2l writes them, the
// parameters' shapes and initialization, and dropout only while training.
import { crossEntropy } from "@tsgrad/losses";
import { evaluateAccuracy } from "@tsgrad/metrics";
import { ones, randn, tensor } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { dropoutLayer, l2Penalty, relu, scratchModel } from "./scratch.js";
import { syntheticBatches } from "./synthetic.test-util.js";

const HP = { lr: 0.1, seed: 0, weightDecay: 0, dropout: 0 };

describe("relu", () => {
  it("is max(x, 0), with gradient 1 where x > 0 and 0 where x < 0", () => {
    const x = tensor([-2, -0.5, 0.5, 3], { dtype: "float32", requiresGrad: true });
    const y = relu(x);
    expect(y.toArray()).toEqual([0, 0, 0.5, 3]);
    y.sum().backward();
    expect(x.grad!.toArray()).toEqual([0, 0, 1, 1]);
  });
});

describe("dropoutLayer", () => {
  const X = ones([100, 100]);

  it("keeps everything at p = 0 and nothing at p = 1 (d2l's two edge cases)", () => {
    expect(dropoutLayer(X, 0).toArray()).toEqual(X.toArray());
    expect(dropoutLayer(X, 1).sum().item()).toBe(0);
  });

  it("zeroes about a fraction p and scales the rest by 1 / (1 - p)", () => {
    const out = (dropoutLayer(X, 0.25).toArray() as number[][]).flat();
    const kept = out.filter((v) => v !== 0);
    expect(new Set(kept)).toEqual(new Set([Math.fround(1 / 0.75)]));
    // 10,000 draws: the kept fraction is within 0.02 of 0.75 (about 4.6 standard deviations).
    expect(Math.abs(kept.length / out.length - 0.75)).toBeLessThan(0.02);
  });

  it("passes the gradient through the kept elements only, scaled the same way", () => {
    const x = ones([50, 20], { requiresGrad: true });
    const out = dropoutLayer(x, 0.5);
    out.sum().backward();
    expect(x.grad!.toArray()).toEqual(out.detach().toArray());
  });
});

describe("l2Penalty", () => {
  it("is half the sum of squares", () => {
    expect(l2Penalty(tensor([1, 2, 3, 4])).item()).toBe(15);
    expect(
      l2Penalty(
        tensor(
          [
            [1, -2],
            [0, 3],
          ],
          { dtype: "float32" },
        ),
      ).item(),
    ).toBe(7);
  });
});

describe("scratchModel", () => {
  it("has d2l's parameters: W ~ N(0, 0.01²) of 784x256 and 256x10, zero biases; seeded", () => {
    const m = scratchModel(HP);
    expect([m.W1.shape, m.b1.shape, m.W2.shape, m.b2.shape]).toEqual([[784, 256], [256], [256, 10], [10]]);
    expect(m.W1.std().item()).toBeCloseTo(0.01, 3);
    expect(Math.abs(m.W1.mean().item())).toBeLessThan(1e-3);
    expect(m.b1.abs().sum().item() + m.b2.abs().sum().item()).toBe(0);
    expect([m.W1, m.b1, m.W2, m.b2].every((p) => p.requiresGrad)).toBe(true);
    expect(scratchModel(HP).W1.toArray()).toEqual(m.W1.toArray());
    expect(scratchModel({ ...HP, seed: 1 }).W1.toArray()).not.toEqual(m.W1.toArray());
  });

  it("maps a batch of images [B, 1, 28, 28] to scores [B, 10]", () => {
    const m = scratchModel(HP);
    const X = randn([5, 1, 28, 28]);
    const expected = relu(X.reshape(5, 784).matmul(m.W1).add(m.b1)).matmul(m.W2).add(m.b2);
    const out = m.forward(X);
    expect(out.shape).toEqual([5, 10]);
    expect(out.toArray()).toEqual(expected.toArray());
  });

  it("drops hidden units while training only; evaluation restores its mode", () => {
    const m = scratchModel({ ...HP, dropout: 0.5 });
    const X = randn([8, 1, 28, 28]);
    expect(m.forward(X).toArray()).not.toEqual(m.forward(X).toArray());
    const full = scratchModel(HP).train(false);
    m.train(false);
    expect(m.training).toBe(false);
    expect(m.forward(X).toArray()).toEqual(full.forward(X).toArray());
    // evaluateAccuracy switches it to evaluation (so the result is deterministic) and back.
    m.train(true);
    const data = syntheticBatches(64, 32, 1);
    expect(evaluateAccuracy(m, data)).toBe(evaluateAccuracy(m, data));
    expect(m.training).toBe(true);
  });

  it("adds λ/2·(‖W1‖² + ‖W2‖²) to each example's loss with weight decay, and nothing without", () => {
    const m = scratchModel({ ...HP, weightDecay: 0.3 });
    const yHat = randn([4, 10]);
    const y = tensor([1, 0, 9, 3]);
    const plain = crossEntropy(yHat, y, { reduction: "none" }).toArray() as number[];
    const penalty = (0.3 / 2) * (m.W1.square().sum().item() + m.W2.square().sum().item());
    expect(penalty).toBeGreaterThan(0.1);
    const withPenalty = m.loss(yHat, y).toArray() as number[];
    for (const [i, l] of withPenalty.entries()) expect(l).toBeCloseTo(plain[i]! + penalty, 5);
    expect(scratchModel(HP).loss(yHat, y).toArray()).toEqual(plain);
  });
});
