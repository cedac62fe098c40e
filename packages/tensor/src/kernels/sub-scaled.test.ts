// Plain SGD's update y ← y − α·x (the sgdStep op): the wasm f64x2 kernel and the JS kernel give
// the bits of the JavaScript expression, at any length and offset, with special values.
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { getBackend, setBackend, wasmKernels } from "../backends/backend.js";
import { fromTypedArray } from "../create.js";
import "../index.js";
import { sgdStep } from "../ops/sgd.js";
import { subScaledWasm } from "./sub-scaled.js";

const PLAIN = {
  momentum: 0,
  dampening: 0,
  weightDecay: 0,
  nesterov: false,
  maximize: false,
  firstStep: false,
};

/** y[yo..yo+n) −= alpha·x[xo..xo+n) through the op, which picks the kernel. */
function subScaled(
  y: Float32Array | Float64Array,
  yo: number,
  x: Float32Array | Float64Array,
  xo: number,
  n: number,
  alpha: number,
): void {
  if (n === 0) return;
  sgdStep(fromTypedArray(y.subarray(yo, yo + n)), fromTypedArray(x.subarray(xo, xo + n)), null, {
    ...PLAIN,
    lr: alpha,
  });
}

const projectBackend = getBackend();
afterEach(() => setBackend(projectBackend));

/** The reference: the expression evaluated by JavaScript, one element at a time. */
function reference(
  y: Float32Array,
  yo: number,
  x: Float32Array,
  xo: number,
  n: number,
  alpha: number,
): Float32Array {
  const out = y.slice();
  for (let i = 0; i < n; i++) out[yo + i] = y[yo + i]! - alpha * x[xo + i]!;
  return out;
}

const f32 = fc.float({ noDefaultInfinity: false, noNaN: false });

describe("sgdStep without momentum (y ← y − α·x)", () => {
  for (const backend of ["wasm", "js"] as const) {
    it(`matches the JavaScript expression bit for bit (${backend} backend)`, () => {
      setBackend(backend);
      // On "wasm" the kernel must really run (lengths from 256 up), not the JS loop.
      expect(wasmKernels() !== null).toBe(backend === "wasm");
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 2000 }),
          fc.integer({ min: 0, max: 9 }),
          fc.integer({ min: 0, max: 9 }),
          fc.oneof(
            fc.double({ noNaN: true, min: -1e3, max: 1e3 }),
            fc.constantFrom(0, 0.1, -0.1, 1e-30, 1e30),
          ),
          fc.array(f32, { minLength: 1, maxLength: 64 }),
          (n, yo, xo, alpha, pool) => {
            const y = Float32Array.from({ length: yo + n + 3 }, (_, i) => pool[(i * 7) % pool.length]!);
            const x = Float32Array.from({ length: xo + n + 1 }, (_, i) => pool[(i * 13 + 5) % pool.length]!);
            const want = reference(y, yo, x, xo, n, alpha);
            subScaled(y, yo, x, xo, n, alpha);
            expect(Array.from(y)).toEqual(Array.from(want));
          },
        ),
        { numRuns: 150 },
      );
    });
  }

  it("the wasm kernel itself matches the expression at every length and offset", () => {
    setBackend("wasm");
    for (const n of [0, 1, 3, 4, 5, 255, 256, 1023, 1024, 1025]) {
      for (const off of [0, 1, 3]) {
        const y = Float32Array.from({ length: n + off + 2 }, (_, i) => Math.sin(i) * 3);
        const x = Float32Array.from({ length: n + off + 1 }, (_, i) => Math.cos(i * 5) * 2);
        const want = reference(y, off, x, 1, n, 0.37);
        expect(subScaledWasm(y, off, x, 1, n, 0.37)).toBe(true);
        expect(Array.from(y)).toEqual(Array.from(want));
      }
    }
  });

  it("updates a [10, 784] weight with SGD's step as the loop does (float64 arrays stay on the loop)", () => {
    setBackend("wasm");
    const n = 7840;
    const w = Float32Array.from({ length: n }, (_, i) => Math.sin(i) * 0.01);
    const g = Float32Array.from({ length: n }, (_, i) => Math.cos(i * 3) * 1e-3);
    const want = reference(w, 0, g, 0, n, 0.1);
    subScaled(w, 0, g, 0, n, 0.1);
    expect(w).toEqual(want);
    const w64 = Float64Array.from(w);
    subScaled(w64, 0, Float64Array.from(g), 0, n, 0.1);
    expect(w64[5]).toBe(w[5]! - 0.1 * g[5]!);
  });
});
