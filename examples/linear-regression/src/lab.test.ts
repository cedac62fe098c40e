import { squaredLoss } from "@tsgrad/losses";
import { tensor } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import {
  DEFAULTS,
  linreg,
  makeData,
  TRUE_B,
  TRUE_W,
  trainConcise,
  trainScratch,
  type VariantResult,
} from "./lab.js";

const data = makeData(DEFAULTS);
// Everything but the timing, which is the one thing allowed to differ between two runs.
const numbers = ({ secondsPerEpoch: _s, ...r }: VariantResult) => r;

describe("the data", () => {
  it("has d2l's shapes and follows y = X w* + b* up to the N(0, 0.01²) noise", () => {
    const [X, y] = data;
    expect(X.shape).toEqual([1000, 2]);
    expect(y.shape).toEqual([1000, 1]);
    const residual = linreg(X, tensor([[TRUE_W[0]], [TRUE_W[1]]]), tensor([TRUE_B])).sub(y);
    const std = residual.square().mean().sqrt().item();
    expect(std).toBeGreaterThan(0.008);
    expect(std).toBeLessThan(0.012);
  });
});

describe.each([
  ["scratch", trainScratch],
  ["concise", trainConcise],
] as const)("%s, default hyper-parameters", (variant, train) => {
  const r = train(data, DEFAULTS);
  it("recovers w* and b* to within 0.01", () => {
    expect(r.variant).toBe(variant);
    expect(r.diverged).toBeNull();
    expect(r.wError).toHaveLength(2);
    for (const e of r.wError) expect(Math.abs(e)).toBeLessThan(0.01);
    expect(Math.abs(r.bError)).toBeLessThan(0.01);
    expect(r.w[0]! + r.wError[0]!).toBeCloseTo(TRUE_W[0], 10);
    expect(r.b + r.bError).toBeCloseTo(TRUE_B, 10);
  });
  it("prints one loss per epoch, ending near the noise floor", () => {
    expect(r.losses).toHaveLength(3);
    expect(r.losses[0]!).toBeLessThan(r.initialLoss);
    // Noise N(0, 0.01²): ½σ² = 5e-5 for the squared loss, σ² = 1e-4 for MSE.
    const floor = variant === "scratch" ? 5e-5 : 1e-4;
    expect(r.losses[2]!).toBeGreaterThan(0.5 * floor);
    expect(r.losses[2]!).toBeLessThan(2 * floor);
  });
  it("is deterministic: same seed, same numbers; another seed, other numbers", () => {
    expect(numbers(train(data, DEFAULTS))).toEqual(numbers(r));
    const other = train(makeData({ ...DEFAULTS, seed: 1 }), { ...DEFAULTS, seed: 1 });
    expect(other.w).not.toEqual(r.w);
  });
  it("stops and reports a divergence when the learning rate is too large", () => {
    // lr 3: the loss grows geometrically and passes 10 times its start within the first epoch.
    const d = train(data, { ...DEFAULTS, lr: 3 });
    expect(d.diverged).not.toBeNull();
    expect(d.diverged!.epoch).toBe(1);
    expect(d.diverged!.batch).toBeGreaterThan(0);
    expect(d.diverged!.reason).toBe("grew");
    expect(d.diverged!.loss).toBeGreaterThan(10 * d.diverged!.start!);
    expect(d.losses).toEqual([]);
    // lr 1e30: the loss overflows float32 at once, before the start is measured.
    const overflow = train(data, { ...DEFAULTS, lr: 1e30 });
    expect(overflow.diverged).toMatchObject({ epoch: 1, reason: "not finite", start: null });
    expect(Number.isFinite(overflow.diverged!.loss)).toBe(false);
  });
  it("is still far from the answer after 3 epochs when the learning rate is too small", () => {
    const s = train(data, { ...DEFAULTS, lr: 0.001 });
    expect(s.diverged).toBeNull();
    expect(s.losses[2]!).toBeGreaterThan(1);
    expect(s.losses[2]!).toBeLessThan(s.losses[0]!);
  });
});

describe("the scratch pieces", () => {
  it("linreg is X @ w + b and squaredLoss is ½(ŷ − y)² per example", () => {
    const X = tensor([
      [1, 2],
      [3, 4],
    ]).float();
    const yHat = linreg(X, tensor([[1], [-1]]).float(), tensor([0.5]));
    expect(yHat.toArray()).toEqual([[-0.5], [-0.5]]);
    expect(squaredLoss(yHat, tensor([0.5, 1.5])).toArray()).toEqual([[0.5], [2]]);
  });
});
