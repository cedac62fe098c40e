import { IndexError, tensor, ValueError } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { Accumulator } from "./accumulator.js";

describe("Accumulator", () => {
  it("sums n running totals, from numbers and one-element tensors", () => {
    const metric = new Accumulator(3);
    metric.add(tensor([1.5, 2.5]).sum(), 3, 4);
    metric.add(0.25, tensor(1), tensor([[2]]));
    expect(metric.data).toEqual([4.25, 4, 6]);
    expect(metric.length).toBe(3);
    expect(metric.get(0) / metric.get(2)).toBeCloseTo(4.25 / 6, 12);
    expect(metric.get(-1)).toBe(6);
  });

  it("reset sets every total back to 0", () => {
    const metric = new Accumulator(2);
    metric.add(1, 2);
    metric.reset();
    expect(metric.data).toEqual([0, 0]);
    metric.add(3, 4);
    expect(metric.data).toEqual([3, 4]);
  });

  it("rejects the wrong number of values, multi-element tensors and bad indices", () => {
    const metric = new Accumulator(2);
    expect(() => metric.add(1)).toThrow(new ValueError("Accumulator.add: expected 2 values, got 1"));
    expect(() => metric.add(1, tensor([1, 2]))).toThrow(
      "Accumulator.add: value 1 must be a number or a one-element tensor, got a tensor of shape [2]",
    );
    expect(metric.data).toEqual([0, 0]); // nothing added by a rejected call
    expect(() => metric.get(2)).toThrow(
      new IndexError("Accumulator.get: index 2 is out of range for 2 totals"),
    );
    expect(() => metric.get(-3)).toThrow("index -3 is out of range");
    expect(() => new Accumulator(0)).toThrow("Accumulator: n must be a positive integer, got 0");
  });
});

describe("Accumulator from plain JavaScript", () => {
  const js = (v: unknown) => v as never;

  it("names n, values and indices of the wrong kind", () => {
    expect(() => new Accumulator(js("3"))).toThrowError(ValueError);
    expect(() => new Accumulator(js("3"))).toThrowError(
      /^Accumulator: n must be a positive integer, got "3"$/,
    );
    expect(() => new Accumulator(js(undefined))).toThrowError("got undefined");
    expect(() => new Accumulator(1e12)).toThrowError(
      /^Accumulator: n must be at most 4294967295, got 1000000000000$/,
    );
    const metric = new Accumulator(2);
    expect(() => metric.add(1, js("x"))).toThrowError(
      /^Accumulator\.add: value 1 must be a number or a one-element tensor, got "x"$/,
    );
    expect(() => metric.add(js(null), 1)).toThrowError(
      "value 0 must be a number or a one-element tensor, got null",
    );
    expect(metric.data).toEqual([0, 0]);
    expect(() => metric.get(js("0"))).toThrowError(IndexError);
    expect(() => metric.get(js("0"))).toThrowError(/^Accumulator\.get: index must be an integer, got "0"$/);
    expect(() => metric.get(Number.NaN)).toThrowError("index must be an integer, got NaN");
  });
});
