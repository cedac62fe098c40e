import { Generator, ones, tensor, zeros } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { init, Parameter } from "./index.js";

describe("init", () => {
  it("normal_ and uniform_ fill in place, seedably, even on parameters", () => {
    const w = new Parameter(zeros([200, 50]));
    init.normal_(w, 0, 0.01, { generator: new Generator(5) });
    expect(w.mean().item()).toBeCloseTo(0, 3);
    expect(w.std().item()).toBeCloseTo(0.01, 3);
    const again = zeros([200, 50]);
    init.normal_(again, 0, 0.01, { generator: new Generator(5) });
    expect(again.toArray()).toEqual(w.toArray());
    init.uniform_(w, -2, 3);
    expect(w.min().item()).toBeGreaterThanOrEqual(-2);
    expect(w.max().item()).toBeLessThan(3);
    expect(w.requiresGrad).toBe(true);
  });

  it("constant_, zeros_, ones_", () => {
    const t = ones([2, 2]);
    expect(init.zeros_(t).sum().item()).toBe(0);
    expect(init.ones_(t).sum().item()).toBe(4);
    expect(init.constant_(t, 0.5).toArray()).toEqual([
      [0.5, 0.5],
      [0.5, 0.5],
    ]);
  });

  it("xavierUniform_ and kaimingUniform_ use the fans of a [out, in] weight", () => {
    expect(init.calculateFanInAndFanOut(zeros([10, 784]))).toEqual({ fanIn: 784, fanOut: 10 });
    const w = zeros([300, 100]);
    init.xavierUniform_(w, 1, { generator: new Generator(1) });
    const a = Math.sqrt(6 / 400);
    expect(w.abs().max().item()).toBeLessThanOrEqual(a);
    expect(w.abs().max().item()).toBeGreaterThan(0.95 * a);
    init.kaimingUniform_(w, { nonlinearity: "relu", generator: new Generator(1) });
    const b = Math.SQRT2 * Math.sqrt(3 / 100);
    expect(w.abs().max().item()).toBeLessThanOrEqual(b);
    expect(w.abs().max().item()).toBeGreaterThan(0.95 * b);
    expect(init.calculateGain("tanh")).toBeCloseTo(5 / 3, 12);
    expect(init.calculateGain("leaky_relu", Math.sqrt(5))).toBeCloseTo(Math.sqrt(1 / 3), 12);
  });

  it("explains bad input", () => {
    expect(() => init.xavierUniform_(zeros([3]))).toThrow(
      "init: fan in and fan out can not be computed for tensor with fewer than 2 dimensions (shape [3])",
    );
    expect(() => init.normal_(tensor([1, 2]))).toThrow("init: expected a floating point tensor, got int32");
  });
});

describe("init from plain JavaScript", () => {
  it("normal_ and uniform_ take PyTorch's keyword arguments as an options object", () => {
    const w = zeros([200, 50]);
    init.normal_(w, { std: 0.01, generator: new Generator(3) });
    const v = Array.from(w.toTypedArray());
    expect(v.every(Number.isFinite)).toBe(true);
    const again = zeros([200, 50]);
    init.normal_(again, 0, 0.01, { generator: new Generator(3) });
    expect(Array.from(again.toTypedArray())).toEqual(v);
    init.uniform_(w, { a: -2, b: -1 });
    expect(Array.from(w.toTypedArray()).every((x) => x >= -2 && x < -1)).toBe(true);
  });

  it("names a bad number or option instead of filling NaN", () => {
    const w = zeros([2, 2]);
    expect(() => init.normal_(w, "0" as unknown as number)).toThrow(
      'init.normal_: mean must be a number, got "0"',
    );
    expect(() => init.normal_(w, 0, Number.NaN)).toThrow("init.normal_: std must be a number, got NaN");
    expect(() => init.normal_(w, { sd: 1 } as unknown as { std: number })).toThrow(
      'init.normal_: unknown option "sd" in options; did you mean "std"?',
    );
    expect(() => init.uniform_(w, { low: 0 } as unknown as { a: number })).toThrow(
      'init.uniform_: unknown option "low" in options',
    );
  });
});
