import { Generator, ShapeError, tensor, ValueError } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { dataIter, loadArray, syntheticData, syntheticLogistic } from "./synthetic.js";

const values = (t: { toTypedArray(): ArrayLike<number> }) => Array.from(t.toTypedArray());
const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
const std = (a: number[]) => {
  const m = mean(a);
  return Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / (a.length - 1));
};

describe("syntheticData", () => {
  it("makes X ~ N(0, 1) and y = Xw + b + N(0, 0.01²) as a column", () => {
    const w = tensor([2, -3.4]);
    const [X, y] = syntheticData(w, 4.2, 5000, { generator: new Generator(0) });
    expect(X.shape).toEqual([5000, 2]);
    expect(y.shape).toEqual([5000, 1]);
    expect(X.dtype).toBe("float32");
    expect(y.dtype).toBe("float32");
    const x = values(X);
    expect(Math.abs(mean(x))).toBeLessThan(0.05);
    expect(std(x)).toBeGreaterThan(0.95);
    expect(std(x)).toBeLessThan(1.05);
    const yv = values(y);
    const residuals = yv.map((v, i) => v - (2 * x[2 * i]! - 3.4 * x[2 * i + 1]! + 4.2));
    expect(Math.abs(mean(residuals))).toBeLessThan(0.002);
    expect(std(residuals)).toBeGreaterThan(0.009);
    expect(std(residuals)).toBeLessThan(0.011);
  });

  it("is reproducible per generator and accepts w as numbers or a column", () => {
    const [a] = syntheticData([2, -3.4], 4.2, 10, { generator: new Generator(7) });
    const [b] = syntheticData(tensor([[2], [-3.4]]), 4.2, 10, { generator: new Generator(7) });
    const [c] = syntheticData([2, -3.4], 4.2, 10, { generator: new Generator(8) });
    expect(a.toArray()).toEqual(b.toArray());
    expect(a.toArray()).not.toEqual(c.toArray());
    expect(() => syntheticData(tensor([[1, 2]]), 0, 3)).toThrow(ShapeError);
    expect(() => syntheticData(tensor([[1, 2]]), 0, 3)).toThrow(
      "syntheticData: w must be 1-D (or a column [k, 1]), got shape [1, 2]",
    );
    expect(() => syntheticData([1], 0, -1)).toThrow(
      "syntheticData: numExamples must be a non-negative integer, got -1",
    );
  });
});

describe("dataIter and loadArray", () => {
  const [X, y] = syntheticData([2, -3.4], 4.2, 25, { generator: new Generator(1) });

  it("dataIter visits every example once in random minibatches of matching rows", () => {
    const rows: number[][] = [];
    const sizes: number[] = [];
    for (const [bx, by] of dataIter(10, X, y, { generator: new Generator(2) })) {
      sizes.push(bx.shape[0]!);
      expect(by.shape).toEqual([bx.shape[0], 1]);
      const xs = bx.toArray() as number[][];
      const ys = by.toArray() as number[][];
      xs.forEach((r, i) => {
        rows.push(r);
        expect(ys[i]![0]).toBeCloseTo(2 * r[0]! - 3.4 * r[1]! + 4.2, 1);
      });
    }
    expect(sizes).toEqual([10, 10, 5]);
    const key = (r: number[]) => r.join(",");
    expect(rows.map(key).sort()).toEqual((X.toArray() as number[][]).map(key).sort());
    expect(rows.map(key)).not.toEqual((X.toArray() as number[][]).map(key));
    const first = (g: number) => [...dataIter(10, X, y, { generator: new Generator(g) })][0]![0].toArray();
    expect(first(2)).toEqual(first(2));
    expect(() => [...dataIter(10, X, y.narrow(0, 0, 3))]).toThrow(
      "dataIter: features and labels must have the same first dimension, got shapes [25, 2] and [3, 1]",
    );
    expect(() => [...dataIter(0, X, y)]).toThrow(ValueError);
  });

  it("loadArray shuffles for training and keeps the order otherwise", () => {
    const train = loadArray([X, y], 10, true, { generator: new Generator(3) });
    const test = loadArray([X, y], 10, false);
    expect(train.shuffle).toBe(true);
    expect(test.shuffle).toBe(false);
    expect(train.length).toBe(3);
    const testRows = [...test].flatMap(([bx]) => bx.toArray() as number[][]);
    expect(testRows).toEqual(X.toArray());
    const trainRows = [...train].flatMap(([bx]) => bx.toArray() as number[][]);
    expect(trainRows).not.toEqual(X.toArray());
    expect(trainRows.length).toBe(25);
  });
});

describe("syntheticLogistic", () => {
  it("makes uniform features, 0/1 labels from the noisy sigmoid, and counts each class", () => {
    const n = 4000;
    const { features, labels, counts } = syntheticLogistic(n, { generator: new Generator(0) });
    expect(features.shape).toEqual([n, 2]);
    expect(labels.shape).toEqual([n, 1]);
    expect(labels.dtype).toBe("float32");
    const x = values(features);
    expect(Math.min(...x)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...x)).toBeLessThan(1);
    expect(Math.abs(mean(x))).toBeLessThan(0.05);
    const l = values(labels);
    expect(l.every((v) => v === 0 || v === 1)).toBe(true);
    const positives = l.filter((v) => v === 1).length;
    expect(counts).toEqual([n - positives, positives]);
    // With w = [1.9, -3.1], b = -0.6 on [-1, 1)², about 40% of the square is on the positive side.
    expect(positives / n).toBeGreaterThan(0.3);
    expect(positives / n).toBeLessThan(0.5);
    // Noise flips only labels near the boundary: most agree with the noise-free rule.
    let agree = 0;
    for (let i = 0; i < n; i++) {
      const clean = 1.9 * x[2 * i]! - 3.1 * x[2 * i + 1]! - 0.6 > 0 ? 1 : 0;
      if (clean === l[i]) agree++;
    }
    expect(agree / n).toBeGreaterThan(0.95);
    expect(agree / n).toBeLessThan(1);
  });

  it("takes other weights, bias and noise, and is reproducible", () => {
    const a = syntheticLogistic(100, { w: [1, 1, 1], b: 0, noise: 0, generator: new Generator(4) });
    const b = syntheticLogistic(100, { w: [1, 1, 1], b: 0, noise: 0, generator: new Generator(4) });
    expect(a.features.shape).toEqual([100, 3]);
    expect(a.labels.toArray()).toEqual(b.labels.toArray());
    const x = a.features.toArray() as number[][];
    const l = a.labels.toArray() as number[][];
    x.forEach((r, i) => {
      expect(l[i]![0]).toBe(r[0]! + r[1]! + r[2]! > 0 ? 1 : 0);
    });
    expect(() => syntheticLogistic(10, { noise: -1 })).toThrow(
      "syntheticLogistic: noise must be >= 0, got -1",
    );
  });
});

describe("synthetic data from plain JavaScript", () => {
  const js = (v: unknown) => v as never;
  const X = tensor([
    [1, 2],
    [3, 4],
  ]);
  const y = tensor([0, 1]);

  it("syntheticData names w, b, numExamples and options of the wrong kind", () => {
    expect(() => syntheticData(js("ab"), 0, 3)).toThrowError(
      /^syntheticData: w must be a tensor or an array of numbers, got "ab"$/,
    );
    expect(() => syntheticData(js([1, "2"]), 0, 3)).toThrowError('got [1, "2"]');
    expect(() => syntheticData([1], js(tensor(1)), 3)).toThrowError(
      /^syntheticData: b must be a finite number, got a tensor of shape \[\]$/,
    );
    expect(() => syntheticData([1], Number.NaN, 3)).toThrowError("b must be a finite number, got NaN");
    expect(() => syntheticData([1], 0, js("3"))).toThrowError(
      /^syntheticData: numExamples must be a non-negative integer, got "3"$/,
    );
    expect(() => syntheticData([1], 0, 1e12)).toThrowError(
      "syntheticData: numExamples must be at most 2147483647, got 1000000000000",
    );
    expect(() => syntheticData([1], 0, 3, js({ seed: 1 }))).toThrowError(
      'syntheticData: unknown option "seed" in options (known: generator)',
    );
    expect(() => syntheticData([1], 0, 3, js(new Generator(0)))).toThrowError(
      "syntheticData: options must be an object of options, got a Generator",
    );
  });

  it("dataIter checks its arguments when called, not at the first batch", () => {
    expect(() => dataIter(js("2"), X, y)).toThrowError(
      /^dataIter: batchSize should be a positive integer, got "2"$/,
    );
    expect(() => dataIter(2, js([[1, 2]]), y)).toThrowError(
      /^dataIter: features must be a tensor, got \[\[1, 2\]\]$/,
    );
    expect(() => dataIter(2, X, js(undefined))).toThrowError(
      "dataIter: labels must be a tensor, got undefined",
    );
    expect(() => dataIter(2, X, y, js({ generator: {} }))).toThrowError(
      "dataIter: options.generator must be a Generator, got an object",
    );
    expect([...dataIter(1e12, X, y)]).toHaveLength(1);
  });

  it("loadArray names arrays, batchSize, isTrain and options of the wrong kind", () => {
    expect(() => loadArray(js(X), 2)).toThrowError(
      /^loadArray: arrays must be an array of tensors, got a tensor of shape \[2, 2\]$/,
    );
    expect(() => loadArray(js([]), 2)).toThrowError(
      "loadArray: arrays must be a non-empty array of tensors, got []",
    );
    expect(() => loadArray([X, y], -1)).toThrowError(
      /^loadArray: batchSize should be a positive integer, got -1$/,
    );
    expect(() => loadArray([X, y], 2, js("yes"))).toThrowError(
      'loadArray: isTrain must be true or false, got "yes"',
    );
    expect(() => loadArray([X, y], 2, true, js(null))).toThrowError(
      "loadArray: options must be an object of options, got null",
    );
  });

  it("syntheticLogistic names numExamples and options of the wrong kind", () => {
    expect(() => syntheticLogistic(js(undefined))).toThrowError(
      /^syntheticLogistic: numExamples must be a non-negative integer, got undefined$/,
    );
    expect(() => syntheticLogistic(10, js({ nosie: 0.1 }))).toThrowError(
      'syntheticLogistic: unknown option "nosie" in options; did you mean "noise"?',
    );
    expect(() => syntheticLogistic(10, js({ w: "ab" }))).toThrowError(
      'syntheticLogistic: options.w must be a tensor or an array of numbers, got "ab"',
    );
    expect(() => syntheticLogistic(10, js({ b: "1" }))).toThrowError(
      'options.b must be a finite number, got "1"',
    );
    expect(() => syntheticLogistic(10, { low: Number.NaN })).toThrowError(
      "options.low must be a finite number, got NaN",
    );
    expect(() => syntheticLogistic(10, { low: 2, high: 1 })).toThrowError(
      "syntheticLogistic: options.low must be <= options.high, got low=2, high=1",
    );
    expect(() => syntheticLogistic(10, { noise: Number.POSITIVE_INFINITY })).toThrowError(
      "options.noise must be a finite number >= 0, got Infinity",
    );
    expect(() => syntheticLogistic(10, js({ noise: null }))).toThrowError("got null");
  });
});
