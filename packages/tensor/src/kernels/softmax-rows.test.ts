// The softmax-rows kernels (wasm f32x4 and JS) against a float64 reference: every row length
// (vector lanes and scalar tail), huge and tiny logits, flushed probabilities, NaN and -inf rows.
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { getBackend, setBackend } from "../backends/backend.js";
import { softmaxRows, softmaxRowsWasm } from "./softmax-rows.js";

const projectBackend = getBackend();
afterEach(() => setBackend(projectBackend));

const FLT_MIN = 1.1754943508222875e-38;

/** Softmax, max and log Σ e^(x − max) of one row in float64, with float32's flush of tiny probabilities. */
function reference(row: readonly number[]): { p: number[]; max: number; logSum: number } {
  const m = Math.max(...row);
  const e = row.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return { p: e.map((v) => (v / s < FLT_MIN ? 0 : v / s)), max: m, logSum: Math.log(s) };
}

/** The probabilities and each row's (max, log Σ) pair. */
function run(rows: number[][], c: number): { p: Float32Array; shift: Float64Array } {
  const x = Float32Array.from(rows.flat());
  // An offset and junk before the rows, so reads outside them would show.
  const padded = new Float32Array(x.length + 3).fill(1e30);
  padded.set(x, 3);
  const p = new Float32Array(x.length + 2).fill(7);
  const shift = new Float64Array(2 * rows.length);
  // The backend under test picks the kernel, as the registry does for float32 rows.
  if (getBackend() === "wasm") expect(softmaxRowsWasm(padded, 3, rows.length, c, p, 2, shift)).toBe(true);
  else softmaxRows(padded, 3, rows.length, c, p, 2, shift);
  return { p: p.subarray(2), shift };
}

function expectRows(rows: number[][], c: number, what: string): void {
  const got = run(rows, c);
  rows.forEach((row, r) => {
    const want = reference(row.map(Math.fround));
    for (let j = 0; j < c; j++) {
      const g = got.p[r * c + j]!;
      const w = want.p[j]!;
      if (!(Math.abs(g - w) <= 4e-7 * w + 1e-45))
        expect.fail(`${what}: row ${r} [${j}] is ${g}, expected ${w}`);
    }
    if (got.shift[2 * r] !== want.max)
      expect.fail(`${what}: row ${r} max is ${got.shift[2 * r]}, expected ${want.max}`);
    const dl = Math.abs(got.shift[2 * r + 1]! - want.logSum);
    if (!(dl <= 1e-6 * Math.max(1, want.logSum))) {
      expect.fail(`${what}: row ${r} log-sum is ${got.shift[2 * r + 1]}, expected ${want.logSum}`);
    }
  });
}

describe("softmaxRows", () => {
  for (const backend of ["wasm", "js"] as const) {
    it(`${backend}: matches float64 on random rows of every length 1..13`, () => {
      setBackend(backend);
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 13 }),
          fc.integer({ min: 1, max: 5 }),
          fc.double({ min: -30, max: 30, noNaN: true }),
          fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 65, maxLength: 65 }),
          (c, n, shift, vals) => {
            const rows = Array.from({ length: n }, (_, r) =>
              Array.from({ length: c }, (_, j) => vals[(r * c + j) % 65]! + shift),
            );
            expectRows(rows, c, `${backend} c=${c}`);
          },
        ),
        { numRuns: 300 },
      );
    });

    it(`${backend}: stays finite for huge logits and flushes probabilities below float32's normal range`, () => {
      setBackend(backend);
      expectRows(
        [
          [1000, -1000, 0, 999, 1000, -50, 3, 7, 1, 2],
          [-1e30, 0, 88, -90, -87, -86, -104, 5, 0.5, -0.5],
          [0, -100, -100, -100, -100, 1e-8, -1e-8, 30, -30, 29.9],
        ],
        10,
        `${backend} extremes`,
      );
      const { p } = run([[0, -100, -100, -100, -100, -100, -100, -100, -100, -100]], 10);
      expect(p[0]).toBe(1);
      expect([...p.subarray(1)].every((v) => v === 0)).toBe(true);
    });

    it(`${backend}: gives NaN for rows with NaN and for rows of all -inf, like PyTorch`, () => {
      setBackend(backend);
      const { p, shift } = run(
        [
          [1, Number.NaN, 2, 3, 4],
          [
            Number.NEGATIVE_INFINITY,
            Number.NEGATIVE_INFINITY,
            Number.NEGATIVE_INFINITY,
            Number.NEGATIVE_INFINITY,
            Number.NEGATIVE_INFINITY,
          ],
          [Number.NEGATIVE_INFINITY, 0, Number.NEGATIVE_INFINITY, 1, 2],
        ],
        5,
      );
      expect([...p.subarray(0, 10)].every(Number.isNaN)).toBe(true);
      expect(Number.isNaN(shift[0]! + shift[1]!)).toBe(true);
      expect(p[10]).toBe(0);
      expect(p[12]).toBe(0);
      expect(p[11]! + p[13]! + p[14]!).toBeCloseTo(1, 6);
    });
  }
});
