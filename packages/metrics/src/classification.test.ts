import { Generator, randint, tensor, ValueError } from "@tsgrad/tensor";
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

describe("precision, recall and F1 from plain JavaScript", () => {
  const js = (v: unknown) => v as never;

  it("name tensors and options of the wrong kind", () => {
    expect(() => precision(js([0, 1]), yTrue, C)).toThrowError(ValueError);
    expect(() => precision(js([0, 1]), yTrue, C)).toThrowError(
      /^precision: yPred must be a tensor, got \[0, 1\]$/,
    );
    expect(() => recall(yPred, js(null), C)).toThrowError(/^recall: y must be a tensor, got null$/);
    expect(() => f1(yPred, yTrue, js(undefined))).toThrowError(
      /^f1: options must be an object \{ numClasses, average\?, zeroDivision\? \}, got undefined$/,
    );
    expect(() => f1(yPred, yTrue, js(3))).toThrowError(/^f1: options must be an object of options, got 3$/);
    expect(() => f1(yPred, yTrue, js({ numclasses: 3 }))).toThrowError(
      'f1: unknown option "numclasses" in options; did you mean "numClasses"?',
    );
    expect(() => f1(yPred, yTrue, js({}))).toThrowError(
      /^f1: options\.numClasses must be a positive integer, got undefined$/,
    );
    expect(() => recall(yPred, yTrue, { numClasses: 1e12 })).toThrowError(
      "recall: options.numClasses must be at most 46340 (a [C, C] matrix of counts must fit in one array), got 1000000000000",
    );
    expect(() => precision(yPred, yTrue, js({ numClasses: 3, average: null }))).toThrowError(
      'precision: average must be "macro", "micro", "weighted" or "none", got null',
    );
    expect(() => precision(yPred, yTrue, js({ numClasses: 3, zeroDivision: "warn" }))).toThrowError(
      /^precision: options\.zeroDivision must be a number in \[0, 1\] or NaN, got "warn"$/,
    );
    expect(() => precision(yPred, yTrue, { numClasses: 3, zeroDivision: -1 })).toThrowError("got -1");
    expect(precision(yPred, yTrue, { numClasses: 3, zeroDivision: Number.NaN })).toBeCloseTo(2 / 9, 12);
  });
});
