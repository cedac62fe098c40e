// The wasm float32 exp (asm/exp.ts) against Math.exp, and sigmoid (asm/sigmoid.ts) against the
// JS loop's formula in float64, over float32's whole range: normal and subnormal results,
// overflow to +inf, underflow to 0 (or 0 and 1 at sigmoid's ends), NaN, every tail length.
import { afterEach, describe, expect, it } from "vitest";
import "../index.js";
import { getBackend, setBackend } from "../backends/backend.js";
import { fromTypedArray } from "../create.js";
import { expWasm, sigmoidWasm } from "./exp-wasm.js";

const projectBackend = getBackend();
afterEach(() => setBackend(projectBackend));

/** Float32 ulps between a and b (same sign, finite). */
function ulps(a: number, b: number): number {
  const f = new Float32Array([a, b]);
  const i = new Int32Array(f.buffer);
  return Math.abs(i[0]! - i[1]!);
}

describe("wasm float32 exp", () => {
  it("is within 3 ulps of Math.exp from -110 to 100, including subnormals, inf and 0", () => {
    setBackend("wasm");
    const n = 200_003; // not a multiple of 4: the scalar tail runs too
    const x = Float32Array.from({ length: n }, (_, i) => -110 + (210 * i) / (n - 1));
    const out = new Float32Array(n + 1).fill(7);
    expect(expWasm(x, 0, n, out, 1)).toBe(true);
    expect(out[0]).toBe(7);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const want = Math.fround(Math.exp(x[i]!));
      const got = out[i + 1]!;
      if (want === Number.POSITIVE_INFINITY || want === 0) {
        if (got !== want) expect.fail(`exp(${x[i]}) is ${got}, expected ${want}`);
        continue;
      }
      worst = Math.max(worst, ulps(got, want));
    }
    expect(worst).toBeLessThanOrEqual(3);
  });

  it("keeps NaN, gives +inf for +inf and 0 for -inf, 1 for ±0", () => {
    setBackend("wasm");
    const x = Float32Array.of(
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      0,
      -0,
      88.7,
      88.8,
    );
    const out = new Float32Array(x.length);
    expWasm(x, 0, x.length, out, 0);
    expect(Number.isNaN(out[0])).toBe(true);
    expect([...out.subarray(1, 5)]).toEqual([Number.POSITIVE_INFINITY, 0, 1, 1]);
    expect(ulps(out[5]!, Math.fround(Math.exp(x[5]!)))).toBeLessThanOrEqual(3);
    expect(out[6]).toBe(Number.POSITIVE_INFINITY);
  });

  it("backs tensor.exp() for contiguous float32 tensors, and leaves the rest to the JS loops", () => {
    setBackend("wasm");
    const t = fromTypedArray(Float32Array.of(0, 1, -1, 2), [2, 2]);
    expect(t.exp().toArray()).toEqual([
      [1, Math.fround(Math.E)],
      [Math.fround(Math.exp(-1)), Math.fround(Math.exp(2))],
    ]);
    setBackend("js");
    expect(expWasm(Float32Array.of(1), 0, 1, new Float32Array(1), 0)).toBe(false);
  });
});

/** The JS loop's sigmoid (ops/elementwise.ts), rounded to float32. */
function sigmoid(x: number): number {
  return Math.fround(x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
}

describe("wasm float32 sigmoid", () => {
  it("is within 3 ulps of the float64 formula from -110 to 110, subnormal results included", () => {
    setBackend("wasm");
    const n = 200_003; // not a multiple of 4: the scalar tail runs too
    const x = Float32Array.from({ length: n }, (_, i) => -110 + (220 * i) / (n - 1));
    const out = new Float32Array(n + 1).fill(7);
    expect(sigmoidWasm(x, 0, n, out, 1)).toBe(true);
    expect(out[0]).toBe(7);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const want = sigmoid(x[i]!);
      const got = out[i + 1]!;
      if (want === 0 || want === 1) {
        // Within a few ulps of 0 or 1 the neighbours are still 0 or 1 in float32 (or subnormal).
        if (Math.abs(got - want) > 1e-7) expect.fail(`sigmoid(${x[i]}) is ${got}, expected ${want}`);
        continue;
      }
      worst = Math.max(worst, ulps(got, want));
    }
    expect(worst).toBeLessThanOrEqual(3);
  });

  it("gives 0.5 for ±0, 1 for +inf, 0 for -inf, and keeps NaN", () => {
    setBackend("wasm");
    const x = Float32Array.of(0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, -100);
    const out = new Float32Array(x.length);
    sigmoidWasm(x, 0, x.length, out, 0);
    expect([...out.subarray(0, 4)]).toEqual([0.5, 0.5, 1, 0]);
    expect(Number.isNaN(out[4])).toBe(true);
    // e^-100: a subnormal float32, not flushed to 0.
    expect(out[5]).toBeGreaterThan(0);
    expect(ulps(out[5]!, sigmoid(-100))).toBeLessThanOrEqual(4);
  });

  it("backs tensor.sigmoid() for contiguous float32 tensors, and leaves the rest to the JS loops", () => {
    setBackend("wasm");
    const t = fromTypedArray(Float32Array.of(0, 1, -1, 2, -3, 30, -30, 5), [2, 4]);
    const got = t.sigmoid().toTypedArray();
    t.toTypedArray().forEach((v, i) => {
      expect(ulps(got[i]!, sigmoid(v))).toBeLessThanOrEqual(4);
    });
    // A transposed view is not contiguous: the JS loop gives the float64 formula's rounding.
    expect(Array.from(t.t().sigmoid().toTypedArray())).toEqual(Array.from(t.t().toTypedArray(), sigmoid));
    setBackend("js");
    expect(sigmoidWasm(Float32Array.of(1), 0, 1, new Float32Array(1), 0)).toBe(false);
  });
});
