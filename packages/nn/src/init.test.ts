import { Generator, ones, type Tensor, tensor, ValueError, zeros } from "@tsgrad/tensor";
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

describe("init's arguments from plain JavaScript", () => {
  it("every initializer names a target that is not a tensor", () => {
    const calls: [string, () => unknown][] = [
      ["normal_", () => init.normal_([1] as unknown as Tensor)],
      ["uniform_", () => init.uniform_(null as unknown as Tensor)],
      ["constant_", () => init.constant_({} as Tensor, 1)],
      ["zeros_", () => init.zeros_(undefined as unknown as Tensor)],
      ["ones_", () => init.ones_(2 as unknown as Tensor)],
      ["xavierUniform_", () => init.xavierUniform_("w" as unknown as Tensor)],
      ["kaimingUniform_", () => init.kaimingUniform_([] as unknown as Tensor)],
      ["calculateFanInAndFanOut", () => init.calculateFanInAndFanOut(3 as unknown as Tensor)],
    ];
    for (const [name, call] of calls) {
      expect(call).toThrow(ValueError);
      expect(call).toThrow(new RegExp(`^init\\.${name}: tensor must be a tensor, got `));
    }
  });

  it("infinite, negative or reversed bounds are named, not filled with infinities or NaN", () => {
    const w = zeros([2, 2]);
    expect(() => init.normal_(w, 0, Number.POSITIVE_INFINITY)).toThrow(
      "init.normal_: std must be finite, got Infinity",
    );
    expect(() => init.normal_(w, 0, -1)).toThrow("init.normal_: std must be >= 0, got -1");
    expect(() => init.uniform_(w, Number.NEGATIVE_INFINITY, 1)).toThrow(
      "init.uniform_: a must be finite, got -Infinity",
    );
    expect(() => init.uniform_(w, 2, 1)).toThrow("init.uniform_: expects a <= b, got a=2, b=1");
    expect(() => init.normal_(w, w as unknown as number)).toThrow(
      "init.normal_: mean must be a number, got a tensor of shape [2, 2]",
    );
    expect(() => init.constant_(w, "1" as unknown as number)).toThrow(
      'init.constant_: val must be a number, got "1"',
    );
  });

  it("checks generators, and names one passed where the options go", () => {
    const w = zeros([2, 2]);
    expect(() => init.normal_(w, { generator: 5 as unknown as Generator })).toThrow(
      "init.normal_: generator must be a Generator, got 5",
    );
    expect(() => init.xavierUniform_(w, 1, new Generator(1) as unknown as object)).toThrow(
      "init.xavierUniform_: options must be an object of options, got a Generator; pass it as { generator }",
    );
  });

  it("calculateGain, xavierUniform_ and kaimingUniform_ check their choices and numbers", () => {
    const a = () => init.calculateGain("gelu" as "relu");
    expect(a).toThrow(ValueError);
    expect(a).toThrow(
      'init.calculateGain: nonlinearity must be one of "linear", "sigmoid", "tanh", "relu", "leaky_relu", got "gelu"',
    );
    expect(() => init.calculateGain("leaky_relu", Number.NaN)).toThrow(
      "init.calculateGain: param must be a finite number, got NaN",
    );
    expect(init.calculateGain("leaky_relu", null as unknown as number)).toBeCloseTo(
      Math.sqrt(2 / (1 + 1e-4)),
      12,
    );
    const w = zeros([3, 2]);
    expect(() => init.xavierUniform_(w, -1)).toThrow(
      "init.xavierUniform_: gain must be a finite number >= 0, got -1",
    );
    expect(() => init.kaimingUniform_(w, { mode: "fanin" as "fan_in" })).toThrow(
      'init.kaimingUniform_: mode must be one of "fan_in", "fan_out", got "fanin"',
    );
    expect(() => init.kaimingUniform_(w, { nonlinearity: "elu" as "relu" })).toThrow(
      "init.kaimingUniform_: nonlinearity must be one of",
    );
    expect(() => init.kaimingUniform_(w, { a: "0" as unknown as number })).toThrow(
      'init.kaimingUniform_: a must be a finite number, got "0"',
    );
    expect(Array.from(w.toTypedArray())).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
