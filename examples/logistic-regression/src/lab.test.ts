import { bceLoss } from "@tsgrad/losses";
import { tensor } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import {
  angleToTruth,
  binaryCrossEntropy,
  DEFAULTS,
  makeData,
  sigmoid,
  TRUE_B,
  TRUE_W,
  trainConcise,
  trainScratch,
  type VariantResult,
} from "./lab.js";

const data = makeData(DEFAULTS);
// Everything but the timings, which are the one thing allowed to differ between two runs.
const numbers = ({ secondsPerEpoch: _s, history, ...r }: VariantResult) => ({
  ...r,
  history: history.map(({ seconds: _t, ...e }) => e),
});

describe("the data", () => {
  it("has 2000 train and 1000 test examples with 0/1 labels from the true boundary", () => {
    expect(data.train.features.shape).toEqual([2000, 2]);
    expect(data.train.labels.shape).toEqual([2000, 1]);
    expect(data.test.features.shape).toEqual([1000, 2]);
    expect(data.train.counts[0] + data.train.counts[1]).toBe(2000);
    // The true boundary itself classifies almost every example correctly (only the noise flips some).
    const w = tensor([[TRUE_W[0]], [TRUE_W[1]]]).float();
    const agree = data.test.features.matmul(w).add(TRUE_B).gt(0).float().eq(data.test.labels).float().mean();
    expect(agree.item()).toBeGreaterThan(0.95);
  });
});

describe("the scratch pieces", () => {
  it("sigmoid is 1 / (1 + e^-z)", () => {
    const z = tensor([-30, -2, 0, 0.5, 3]).float();
    const mine = sigmoid(z).toArray() as number[];
    const library = z.sigmoid().toArray() as number[];
    for (const [i, p] of mine.entries()) expect(p).toBeCloseTo(library[i]!, 6);
  });
  it("binary cross-entropy matches bceLoss and stays finite at p = 0 and p = 1", () => {
    const p = tensor([0.1, 0.5, 0.9, 0.99]).float();
    const y = tensor([0, 1, 1, 0]).float();
    const mine = binaryCrossEntropy(p, y).toArray() as number[];
    const library = bceLoss(p, y, { reduction: "none" }).toArray() as number[];
    for (const [i, l] of mine.entries()) expect(l).toBeCloseTo(library[i]!, 5);
    const extreme = binaryCrossEntropy(tensor([0, 1, 0, 1]).float(), tensor([1, 0, 0, 1]).float());
    const values = extreme.toArray() as number[];
    for (const v of values) expect(Number.isFinite(v)).toBe(true);
    expect(values[0]!).toBeCloseTo(-Math.log(1e-6), 1); // confidently wrong: large but finite
    expect(values[2]!).toBeLessThan(1e-5); // confidently right: about 0
  });
});

describe.each([
  ["scratch", trainScratch],
  ["concise", trainConcise],
] as const)("%s, default hyper-parameters (100 epochs)", (variant, train) => {
  const r = train(data, DEFAULTS);
  it("reaches at least 0.95 test accuracy", () => {
    expect(r.variant).toBe(variant);
    expect(r.diverged).toBeNull();
    expect(r.history).toHaveLength(100);
    expect(r.final.testAcc).toBeGreaterThanOrEqual(0.95);
    expect(r.final.trainAcc).toBeGreaterThanOrEqual(0.95);
    const { variant: _v, epoch: _e, seconds: _s, ...last } = r.history[99]!;
    expect(r.final).toEqual(last);
  });
  it("lowers the loss and finds the true boundary's direction", () => {
    expect(r.final.trainLoss).toBeLessThan(r.history[0]!.trainLoss);
    expect(r.final.trainLoss).toBeLessThan(0.15);
    expect(angleToTruth(r.w, r.b)).toBeLessThan(3);
    // The direction, not the scale: the learned weights are larger than the true ones.
    expect(Math.abs(r.w[1]!)).toBeGreaterThan(Math.abs(TRUE_W[1]));
  });
  it("is deterministic: same seed, same numbers; another seed, other numbers", () => {
    const short = { ...DEFAULTS, epochs: 3 };
    expect(numbers(train(data, short))).toEqual(numbers(train(data, short)));
    const other = train(makeData({ ...short, seed: 1 }), { ...short, seed: 1 });
    expect(other.w).not.toEqual(train(data, short).w);
  });
});

describe("angleToTruth", () => {
  it("ignores the scale and sees the sign", () => {
    expect(angleToTruth([3.8, -6.2], -1.2)).toBeCloseTo(0, 5);
    expect(angleToTruth([-1.9, 3.1], 0.6)).toBeCloseTo(180, 5);
  });
});
