import { Generator, randint, tensor } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { accuracy } from "./accuracy.js";
import { f1, precision, recall } from "./classification.js";

// sklearn's documentation example: y_true = [0, 1, 2, 0, 1, 2], y_pred = [0, 2, 1, 0, 0, 1].
const yTrue = tensor([0, 1, 2, 0, 1, 2]);
const yPred = tensor([0, 2, 1, 0, 0, 1]);
const C = { numClasses: 3 };

describe("precision, recall, F1 against sklearn's documented values", () => {
  it("precision_score", () => {
    expect(precision(yPred, yTrue, { ...C, average: "macro" })).toBeCloseTo(0.2222222222, 9);
    expect(precision(yPred, yTrue, { ...C, average: "micro" })).toBeCloseTo(0.3333333333, 9);
    expect(precision(yPred, yTrue, { ...C, average: "weighted" })).toBeCloseTo(0.2222222222, 9);
    expect(precision(yPred, yTrue, { ...C, average: "none" })).toEqual([2 / 3, 0, 0]);
  });

  it("recall_score", () => {
    expect(recall(yPred, yTrue, { ...C, average: "macro" })).toBeCloseTo(1 / 3, 12);
    expect(recall(yPred, yTrue, { ...C, average: "micro" })).toBeCloseTo(1 / 3, 12);
    expect(recall(yPred, yTrue, { ...C, average: "weighted" })).toBeCloseTo(1 / 3, 12);
    expect(recall(yPred, yTrue, { ...C, average: "none" })).toEqual([1, 0, 0]);
  });

  it("f1_score", () => {
    expect(f1(yPred, yTrue, { ...C, average: "macro" })).toBeCloseTo(0.2666666667, 9);
    expect(f1(yPred, yTrue, { ...C, average: "micro" })).toBeCloseTo(1 / 3, 12);
    expect(f1(yPred, yTrue, { ...C, average: "weighted" })).toBeCloseTo(0.2666666667, 9);
    expect(f1(yPred, yTrue, { ...C, average: "none" })).toEqual([0.8, 0, 0]);
  });

  it("macro is the default average", () => {
    expect(precision(yPred, yTrue, C)).toBe(precision(yPred, yTrue, { ...C, average: "macro" }));
  });
});

describe("zero division, by hand", () => {
  // y = [0, 0, 1, 1], everything predicted 0, three classes:
  // class 0: TP 2, FP 2, FN 0 → P 1/2, R 1, F1 2/3
  // class 1: TP 0, FP 0, FN 2 → P 0/0, R 0, F1 0
  // class 2: absent from both → P 0/0, R 0/0, F1 0/0
  const y = tensor([0, 0, 1, 1]);
  const p = tensor([0, 0, 0, 0]);
  const o = { numClasses: 3 };

  it("zeroDivision 0 (default)", () => {
    expect(precision(p, y, { ...o, average: "none" })).toEqual([0.5, 0, 0]);
    expect(recall(p, y, { ...o, average: "none" })).toEqual([1, 0, 0]);
    expect(f1(p, y, { ...o, average: "none" })).toEqual([2 / 3, 0, 0]);
    expect(precision(p, y, o)).toBeCloseTo(1 / 6, 12);
    expect(recall(p, y, o)).toBeCloseTo(1 / 3, 12);
  });

  it("zeroDivision 1", () => {
    expect(precision(p, y, { ...o, average: "none", zeroDivision: 1 })).toEqual([0.5, 1, 1]);
    expect(recall(p, y, { ...o, average: "none", zeroDivision: 1 })).toEqual([1, 0, 1]);
    expect(f1(p, y, { ...o, average: "none", zeroDivision: 1 })).toEqual([2 / 3, 0, 1]);
    expect(precision(p, y, { ...o, zeroDivision: 1 })).toBeCloseTo(2.5 / 3, 12);
  });

  it("zeroDivision NaN leaves undefined classes out of the macro average", () => {
    expect(precision(p, y, { ...o, zeroDivision: Number.NaN })).toBe(0.5);
    expect(recall(p, y, { ...o, zeroDivision: Number.NaN })).toBe(0.5);
    expect(recall(p, y, { ...o, average: "none", zeroDivision: Number.NaN })).toEqual([1, 0, Number.NaN]);
  });

  it("weighted uses the support: a class that never occurs weighs nothing", () => {
    expect(recall(p, y, { ...o, average: "weighted", zeroDivision: 1 })).toBe(0.5);
    expect(precision(p, y, { ...o, average: "weighted", zeroDivision: 1 })).toBe(0.75);
  });
});

describe("definitions hold on random data", () => {
  it("micro precision = recall = F1 = accuracy; per-class F1 = 2PR/(P+R); recall weighted = accuracy", () => {
    const g = new Generator(7);
    for (let trial = 0; trial < 20; trial++) {
      const numClasses = 2 + (trial % 5);
      const y = randint(0, numClasses, [50], { generator: g });
      const p = randint(0, numClasses, [50], { generator: g });
      const o = { numClasses };
      const acc = accuracy(p, y) / 50;
      expect(precision(p, y, { ...o, average: "micro" })).toBeCloseTo(acc, 12);
      expect(recall(p, y, { ...o, average: "micro" })).toBeCloseTo(acc, 12);
      expect(f1(p, y, { ...o, average: "micro" })).toBeCloseTo(acc, 12);
      expect(recall(p, y, { ...o, average: "weighted" })).toBeCloseTo(acc, 12);
      const P = precision(p, y, { ...o, average: "none" });
      const R = recall(p, y, { ...o, average: "none" });
      const F = f1(p, y, { ...o, average: "none" });
      F.forEach((f, c) => {
        const pc = P[c]!;
        const rc = R[c]!;
        if (pc + rc > 0) expect(f).toBeCloseTo((2 * pc * rc) / (pc + rc), 12);
      });
    }
  });

  it("rejects an unknown average", () => {
    expect(() => precision(yPred, yTrue, { numClasses: 3, average: "samples" as "macro" })).toThrow(
      'precision: average must be "macro", "micro", "weighted" or "none", got samples',
    );
  });
});
