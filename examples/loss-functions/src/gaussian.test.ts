// d2l's normal densities against the closed form, on d2l's grid.
import { describe, expect, it } from "vitest";
import { NORMAL_PARAMS, normalCurves } from "./gaussian.js";

describe("normalCurves", () => {
  const { x, curves } = normalCurves();

  it("samples d2l's np.arange(-7, 7, 0.01)", () => {
    expect(x).toHaveLength(1400);
    expect(x[0]).toBe(-7);
    expect(x.at(-1)).toBeCloseTo(6.99, 12);
  });

  it("is 1/√(2πσ²) · exp(−(x − μ)²/(2σ²)) at every point, in float64", () => {
    expect(curves.map((c) => [c.mu, c.sigma])).toEqual(NORMAL_PARAMS);
    expect(curves.map((c) => c.label)).toEqual(["mean 0, std 1", "mean 0, std 2", "mean 3, std 1"]);
    for (const { mu, sigma, pdf } of curves) {
      for (const [i, xi] of x.entries()) {
        const p = Math.exp(-((xi - mu) ** 2) / (2 * sigma ** 2)) / Math.sqrt(2 * Math.PI * sigma ** 2);
        expect(Math.abs(pdf[i]! - p)).toBeLessThanOrEqual(1e-15);
      }
    }
  });

  it("integrates to about 1 and peaks at x = μ", () => {
    for (const { mu, pdf } of curves) {
      expect(pdf.reduce((s, p) => s + p, 0) * 0.01).toBeCloseTo(1, 3);
      expect(x[pdf.indexOf(Math.max(...pdf))]).toBeCloseTo(mu, 12);
    }
  });
});
