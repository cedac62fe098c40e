// The curves against their closed forms at every plotted point, in float64: the losses, and the
// derivatives that autograd computed (squared: ŷ − y; L1: sign(ŷ − y) with PyTorch's
// subgradient 0 at ŷ = y; Huber: ŷ − y clamped to [−δ, δ]).
import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS } from "./cli.js";
import { grid, type LossName, lossCurves } from "./curves.js";

type ClosedForm = (d: number, delta: number) => number;

const LOSS: Record<LossName, ClosedForm> = {
  squared: (d) => 0.5 * d * d,
  l1: (d) => Math.abs(d),
  huber: (d, delta) => (Math.abs(d) <= delta ? 0.5 * d * d : delta * (Math.abs(d) - 0.5 * delta)),
};

const GRAD: Record<LossName, ClosedForm> = {
  squared: (d) => d,
  l1: (d) => (d > 0 ? 1 : d < 0 ? -1 : 0),
  huber: (d, delta) => Math.min(delta, Math.max(-delta, d)),
};

/** float64 agreement: float32 arithmetic would miss by ~1e-8 relative. */
function expectClose(actual: number, expected: number, what: string): void {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    1e-12 * Math.max(1, Math.abs(expected)),
  );
}

function checkAll(xs: readonly number[], y: number, delta: number): void {
  const curves = lossCurves(xs, y, delta);
  expect(curves.map((c) => c.name)).toEqual(["squared", "l1", "huber"]);
  for (const c of curves) {
    expect(c.loss).toHaveLength(xs.length);
    expect(c.grad).toHaveLength(xs.length);
    for (const [i, x] of xs.entries()) {
      const d = x - y;
      expectClose(c.loss[i]!, LOSS[c.name](d, delta), `${c.name} loss at ŷ = ${x}`);
      expectClose(c.grad[i]!, GRAD[c.name](d, delta), `${c.name} dl/dŷ at ŷ = ${x}`);
    }
  }
}

describe("lossCurves", () => {
  it("matches the closed forms at every point of the default plot", () => {
    const [lo, hi] = DEFAULT_OPTIONS.range;
    const xs = grid(lo, hi, DEFAULT_OPTIONS.points);
    expect(xs).toHaveLength(601);
    expect([xs[0], xs.at(-1)]).toEqual([-3, 3]);
    checkAll(xs, DEFAULT_OPTIONS.target, DEFAULT_OPTIONS.delta);
  });

  it("matches them for another target and δ, and off-grid predictions", () => {
    checkAll(grid(-2, 4, 257), 0.5, 0.3);
    checkAll([-1e3, -7.25, 0.1, 2.9, 1e3], 2.5, 4);
  });

  it("has L1's subgradient 0 at ŷ = y, as PyTorch's abs backward", () => {
    const xs = grid(-3, 3, 601);
    expect(xs[300]).toBe(0); // the default plot samples the kink itself
    const l1 = lossCurves([1.25, 1.25 + 1e-9, 1.25 - 1e-9], 1.25, 1).find((c) => c.name === "l1")!;
    expect(l1.grad).toEqual([0, 1, -1]);
    expect(lossCurves(xs, 0, 1).find((c) => c.name === "l1")!.grad[300]).toBe(0);
  });

  it("gives Huber's derivative ±δ exactly at |ŷ − y| = δ, where the quadratic meets the line", () => {
    const huber = lossCurves([0.5, 1.5, 2.5, 3.5, 5], 2, 1.5).find((c) => c.name === "huber")!;
    expect(huber.grad).toEqual([-1.5, -0.5, 0.5, 1.5, 1.5]);
    expect(huber.loss).toEqual([1.125, 0.125, 0.125, 1.125, 3.375]);
  });
});
