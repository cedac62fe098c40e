// Rounded division and remainders: signs as Python and C define them, integer dtypes and
// division by zero, special values, options, function forms. Goldens (golden.test.ts) and
// gradchecks (@tsgrad/autograd) cover layouts, broadcasting and gradients.
import { describe, expect, it } from "vitest";
import { DTypeError, div, floorDivide, fmod, remainder, tensor, ValueError } from "../index.js";

const a = tensor([7, -7, 7, -7]);
const b = tensor([2, 2, -2, -2]);
const INF = Number.POSITIVE_INFINITY;

describe("div with a rounding mode, floorDivide", () => {
  it("rounds the quotient toward zero or down, integers staying int32", () => {
    const trunc = a.div(b, { roundingMode: "trunc" });
    const floor = a.div(b, { roundingMode: "floor" });
    expect(trunc.toArray()).toEqual([3, -3, -3, 3]);
    expect(floor.toArray()).toEqual([3, -4, -4, 3]);
    expect([trunc.dtype, floor.dtype]).toEqual(["int32", "int32"]);
    expect(a.floorDivide(b).toArray()).toEqual(floor.toArray());
  });

  it("is true division without a mode, or with null", () => {
    expect(a.div(b, {}).toArray()).toEqual([3.5, -3.5, -3.5, 3.5]);
    expect(a.div(b, { roundingMode: null }).dtype).toBe("float32");
  });

  it("promotes as the arithmetic ops: a float operand gives a float result", () => {
    const x = tensor([7.5, -7.5, 0.5, -0.5]);
    expect(x.floorDivide(2).toArray()).toEqual([3, -4, 0, -1]);
    expect(a.floorDivide(2.5).dtype).toBe("float32");
    expect(a.floorDivide(2.5).toArray()).toEqual([2, -3, 2, -3]);
    expect(tensor([5], { dtype: "uint8" }).floorDivide(2).dtype).toBe("uint8");
  });

  it("floors a zero quotient to a signed zero, and divides floats by zero to ±inf or NaN", () => {
    const q = tensor([-0, 0, 1], { dtype: "float64" }).div(tensor([3, -3, -4], { dtype: "float64" }), {
      roundingMode: "floor",
    });
    expect((q.toArray() as number[]).map((v) => Object.is(v, -0))).toEqual([true, true, false]);
    expect(tensor([1, -1, 0], { dtype: "float32" }).div(0, { roundingMode: "floor" }).toArray()).toEqual([
      INF,
      -INF,
      Number.NaN,
    ]);
    expect(tensor([1.5, -1.5]).div(0, { roundingMode: "trunc" }).toArray()).toEqual([INF, -INF]);
  });
});

describe("remainder and fmod", () => {
  it("take the sign of the divisor (remainder) or of the dividend (fmod)", () => {
    expect(a.remainder(b).toArray()).toEqual([1, 1, -1, -1]);
    expect(a.fmod(b).toArray()).toEqual([1, -1, 1, -1]);
    const x = tensor([7.5, -7.5, 0.5, -0.5]);
    expect(x.remainder(-2).toArray()).toEqual([-0.5, -1.5, -1.5, -0.5]);
    expect(x.fmod(-2).toArray()).toEqual([1.5, -1.5, 0.5, -0.5]);
  });

  it("give NaN for a float divisor of zero; an infinite divisor keeps or wraps x", () => {
    expect(tensor([1.5, 2]).remainder(0).toArray()).toEqual([Number.NaN, Number.NaN]);
    expect(
      tensor([1, 2])
        .fmod(tensor([0.0, 1.5]))
        .toArray(),
    ).toEqual([Number.NaN, 0.5]);
    expect(tensor([5, -5], { dtype: "float32" }).remainder(INF).toArray()).toEqual([5, INF]);
    expect(tensor([5, -5], { dtype: "float32" }).fmod(INF).toArray()).toEqual([5, -5]);
  });

  it("keep integer dtypes; uint8 wraps as PyTorch's", () => {
    expect(a.remainder(3).dtype).toBe("int32");
    expect(tensor([5, 251], { dtype: "uint8" }).remainder(3).toArray()).toEqual([2, 2]);
  });
});

describe("errors", () => {
  it("an integer division by zero throws PyTorch's ZeroDivisionError", () => {
    const zero = tensor([1, 0, 1]);
    for (const f of [
      () => tensor([1, 2, 3]).remainder(zero),
      () => tensor([1, 2, 3]).fmod(0),
      () => tensor([1, 2, 3]).floorDivide(zero),
    ]) {
      expect(f).toThrow(ValueError);
      expect(f).toThrow(/ZeroDivisionError/);
    }
    expect(() => tensor([1, 2]).div(0, { roundingMode: "trunc" })).toThrow(
      new ValueError("div: ZeroDivisionError: integer division by zero"),
    );
    // A float operand makes it a float division.
    expect(tensor([1, 2]).remainder(tensor([0.0, 1.5])).dtype).toBe("float32");
  });

  it("refuses bool operands, as PyTorch's kernels", () => {
    expect(() => tensor([true]).remainder(tensor([true]))).toThrow(
      new DTypeError(
        "remainder: not implemented for bool tensors (as in PyTorch); convert with .int() first",
      ),
    );
  });

  it("refuses bad options, modes and operands", () => {
    expect(() => a.div(b, { roundingMode: "round" as never })).toThrow(
      new ValueError('div: roundingMode must be one of "trunc", "floor", got "round"'),
    );
    expect(() => a.div(b, { roundingmode: "floor" } as never)).toThrow(/did you mean "roundingMode"/);
    expect(() => a.div(b, "floor" as never)).toThrow(ValueError);
    expect(() => a.fmod("2" as never)).toThrow(
      new ValueError('fmod: other must be a tensor or a number, got "2"'),
    );
    expect(() => a.remainder(tensor([1, 2]))).toThrow(/remainder: the size of tensor a \(4\)/);
  });
});

describe("function forms", () => {
  it("equal the methods and check their input", () => {
    expect(div(a, b, { roundingMode: "floor" }).toArray()).toEqual(a.floorDivide(b).toArray());
    expect(floorDivide(a, 3).toArray()).toEqual(a.floorDivide(3).toArray());
    expect(remainder(a, 3).toArray()).toEqual(a.remainder(3).toArray());
    expect(fmod(a, 3).toArray()).toEqual(a.fmod(3).toArray());
    expect(() => remainder(7 as never, 2)).toThrow("remainder: input must be a tensor, got 7");
  });
});
