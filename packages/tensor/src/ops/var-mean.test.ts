// stdMean and varMean: the same statistics as std/var and mean, options, errors. Goldens
// (golden.test.ts) and gradchecks (@tsgrad/autograd, through var's and mean's rules) cover the rest.
import { describe, expect, it } from "vitest";
import { DTypeError, IndexError, stdMean, tensor, ValueError, varMean } from "../index.js";

const x = tensor([
  [1, 2, 4],
  [0.5, -1, 3],
]).float();

describe("stdMean and varMean", () => {
  it("return the statistics that std, var and mean give, over every dim by default", () => {
    const { std, mean } = x.stdMean();
    expect(std.toArray()).toEqual(x.std().toArray());
    expect(mean.toArray()).toEqual(x.mean().toArray());
    const vm = x.varMean();
    expect(vm.var.toArray()).toEqual(x.var().toArray());
    expect(Object.keys(vm)).toEqual(["var", "mean"]);
  });

  it("take dims, keepdim and correction as var and std do", () => {
    const { var: v, mean } = varMean(x, 1, { correction: 0, keepdim: true });
    expect(v.shape).toEqual([2, 1]);
    expect(mean.shape).toEqual([2, 1]);
    expect(v.toArray()).toEqual(x.var(1, { correction: 0, keepdim: true }).toArray());
    expect(mean.toArray()).toEqual(x.mean(1, true).toArray());
    const s = stdMean(x.t(), [0, -1], { correction: 2 });
    expect(s.std.toArray()).toEqual(x.std(null, { correction: 2 }).toArray());
    expect(s.mean.shape).toEqual([]);
    const f64 = tensor([1.5, 2.5], { dtype: "float64" }).stdMean(0);
    expect([f64.std.dtype, f64.mean.dtype]).toEqual(["float64", "float64"]);
  });

  it("refuses integer inputs, bad dims and options, naming the function", () => {
    expect(() => tensor([1, 2]).stdMean()).toThrow(
      new DTypeError("stdMean: expected a floating point tensor, got int32"),
    );
    expect(() => x.varMean(2)).toThrow(IndexError);
    expect(() => x.varMean(0, { keepdim: 1 as never })).toThrow(
      new ValueError("varMean: keepdim must be true or false, got 1"),
    );
    expect(() => x.stdMean(0, { corection: 0 } as never)).toThrow(/^stdMean: .*did you mean "correction"\?/);
    expect(() => x.stdMean(0, { correction: Number.NaN })).toThrow(ValueError);
    expect(() => varMean("x" as never)).toThrow('varMean: input must be a tensor, got "x"');
  });
});
