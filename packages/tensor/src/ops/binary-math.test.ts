// atan2, copysign, logaddexp, lerp: special values, dtypes, broadcasting, errors.
import { describe, expect, it } from "vitest";
import { atan2, copysign, DTypeError, lerp, logaddexp, tensor, ValueError } from "../index.js";

const INF = Number.POSITIVE_INFINITY;

describe("atan2", () => {
  it("gives the angle of (x, y) in every quadrant, integers in float32", () => {
    const y = tensor([1, 1, -1, -1, 0], { dtype: "float64" });
    const x = tensor([1, -1, -1, 1, -1], { dtype: "float64" });
    expect(y.atan2(x).toArray()).toEqual([
      Math.PI / 4,
      (3 * Math.PI) / 4,
      (-3 * Math.PI) / 4,
      -Math.PI / 4,
      Math.PI,
    ]);
    expect(atan2(tensor([1, 0]), tensor([0, 1])).dtype).toBe("float32");
    expect(tensor([[1], [2]]).atan2(tensor([1, 2, 3])).shape).toEqual([2, 3]);
  });
});

describe("copysign", () => {
  it("takes the sign of the second operand, -0 included", () => {
    const out = tensor([1, -2, 3, 0]).copysign(tensor([-1, 1, -0, -5], { dtype: "float32" }));
    expect(out.dtype).toBe("float32");
    expect((out.toArray() as number[]).map((v) => (Object.is(v, -0) ? "-0" : v))).toEqual([-1, 2, -3, "-0"]);
    expect(copysign(tensor([1.5, -1.5], { dtype: "float64" }), -1).toArray()).toEqual([-1.5, -1.5]);
  });
});

describe("logaddexp", () => {
  it("computes log(e^x + e^y) without overflow", () => {
    const out = tensor([1000, -1000, 0], { dtype: "float64" }).logaddexp(
      tensor([1000, -1000, 0], { dtype: "float64" }),
    );
    expect(out.toArray()).toEqual([1000 + Math.LN2, -1000 + Math.LN2, Math.LN2]);
  });

  it("returns equal infinities as they are", () => {
    expect(
      tensor([-INF, INF, -INF])
        .logaddexp(tensor([-INF, INF, 1]))
        .toArray(),
    ).toEqual([-INF, INF, 1]);
  });

  it("refuses integer operands, as PyTorch", () => {
    expect(() => tensor([1, 2]).logaddexp(tensor([1, 2]))).toThrow(DTypeError);
    expect(logaddexp(tensor([1, 2]), 0.5).dtype).toBe("float32");
  });
});

describe("lerp", () => {
  const start = tensor([0, 10, -4], { dtype: "float64" });
  const end = tensor([10, 0, 4], { dtype: "float64" });

  it("interpolates with a number or a tensor weight, exact at both ends", () => {
    expect(start.lerp(end, 0.25).toArray()).toEqual([2.5, 7.5, -2]);
    expect(start.lerp(end, 1).toArray()).toEqual(end.toArray());
    expect(start.lerp(end, 0).toArray()).toEqual(start.toArray());
    const w = tensor([0, 0.75, 2], { dtype: "float64" });
    expect(start.lerp(end, w).toArray()).toEqual([0, 2.5, 12]);
    expect(lerp(start, end, tensor([[0.5], [1]], { dtype: "float64" })).shape).toEqual([2, 3]);
  });

  it("refuses mixed dtypes and integers, as PyTorch", () => {
    expect(() => start.lerp(end.float(), 0.5)).toThrow(
      new DTypeError("lerp: expected dtype float64 for end, but got dtype float32"),
    );
    expect(() => start.lerp(end, tensor([0.5]))).toThrow(DTypeError);
    expect(() => tensor([1, 2]).lerp(tensor([3, 4]), 0.5)).toThrow(DTypeError);
    expect(() => start.lerp(end, "0.5" as never)).toThrow(ValueError);
    expect(() => start.lerp(end, Number.POSITIVE_INFINITY)).toThrow(
      new ValueError("lerp: weight must be a finite number, got Infinity"),
    );
  });
});
