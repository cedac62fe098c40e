// isclose and allclose: tolerances, infinities, NaN with and without equalNan, dtypes, errors.
import { describe, expect, it } from "vitest";
import { allclose, DTypeError, isclose, tensor, ValueError } from "../index.js";

const INF = Number.POSITIVE_INFINITY;
const NAN = Number.NaN;

describe("isclose", () => {
  it("uses |a - b| <= atol + rtol |b|", () => {
    const a = tensor([1, 1, 100, 0], { dtype: "float64" });
    const b = tensor([1 + 1e-6, 1 + 1e-4, 100.0005, 1e-9], { dtype: "float64" });
    expect(a.isclose(b).toArray()).toEqual([true, false, true, true]);
    expect(a.isclose(b, { rtol: 0, atol: 0 }).toArray()).toEqual([false, false, false, false]);
    expect(a.isclose(b, { rtol: 1e-3 }).toArray()).toEqual([true, true, true, true]);
  });

  it("treats equal infinities as close, NaN only with equalNan", () => {
    const a = tensor([INF, INF, -INF, NAN, NAN]);
    const b = tensor([INF, -INF, 1, NAN, 1]);
    expect(a.isclose(b).toArray()).toEqual([true, false, false, false, false]);
    expect(isclose(a, b, { equalNan: true }).toArray()).toEqual([true, false, false, true, false]);
  });

  it("compares integers and bools", () => {
    expect(
      tensor([1, 2])
        .isclose(tensor([1, 3]), { atol: 0.5 })
        .toArray(),
    ).toEqual([true, false]);
    expect(
      tensor([true, false])
        .isclose(tensor([true, true]))
        .toArray(),
    ).toEqual([true, false]);
  });

  it("refuses mixed dtypes, negative tolerances and unknown options", () => {
    expect(() => tensor([1]).isclose(tensor([1.5]))).toThrow(
      new DTypeError("isclose: expected self and other to have the same dtype, but got int32 and float32"),
    );
    expect(() => tensor([1.5]).isclose(tensor([1.5]), { rtol: -1 })).toThrow(
      new ValueError("isclose: rtol must be a finite number >= 0, got -1"),
    );
    expect(() => tensor([1.5]).isclose(tensor([1.5]), { atoll: 1 } as never)).toThrow(/did you mean "atol"/);
  });
});

describe("allclose", () => {
  it("is whether every element is close", () => {
    const a = tensor([1, 2, 3], { dtype: "float64" });
    expect(a.allclose(a.add(1e-9))).toBe(true);
    expect(allclose(a, a.add(tensor([0, 0, 1e-3], { dtype: "float64" })))).toBe(false);
    expect(allclose(tensor([NAN]), tensor([NAN]), { equalNan: true })).toBe(true);
    expect(() => a.allclose(a, { equalNan: 1 } as never)).toThrow(
      new ValueError("allclose: equalNan must be true or false, got 1"),
    );
  });
});
