// argmax over contiguous float32 rows on the wasm kernel (asm/argmax.ts) picks the same index
// as the JavaScript lane loop: the first maximum, or the first NaN, with ±0 and ±inf, at any
// row length (tails of 1-3 values) and offset.
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import "../index.js";
import { getBackend, setBackend, wasmKernels } from "../backends/backend.js";
import { fromTypedArray } from "../create.js";

const projectBackend = getBackend();
afterEach(() => setBackend(projectBackend));

/** PyTorch's rule, spelled out: the first NaN, else the first index of the maximum. */
function reference(row: readonly number[]): number {
  const nan = row.findIndex((v) => Number.isNaN(v));
  if (nan >= 0) return nan;
  let best = 0;
  for (let j = 1; j < row.length; j++) if (row[j]! > row[best]!) best = j;
  return best;
}

const value = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -4, max: 4 }).map((v) => v / 2) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0),
  },
);

describe("argmax over contiguous float32 rows", () => {
  for (const backend of ["wasm", "js"] as const) {
    it(`matches PyTorch's first-maximum, first-NaN rule (${backend} backend)`, () => {
      setBackend(backend);
      expect(wasmKernels() !== null).toBe(backend === "wasm");
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 13 }),
          fc.integer({ min: 1, max: 80 }),
          fc.integer({ min: 0, max: 2 }),
          fc.array(value, { minLength: 1, maxLength: 97 }),
          (c, rows, skip, pool) => {
            const total = (rows + skip) * c;
            const data = Float32Array.from(
              { length: total },
              (_, i) => pool[(i * 7 + (i >> 3)) % pool.length]!,
            );
            // Rows after `skip` leading rows: a contiguous tensor with an offset.
            const x = fromTypedArray(data, [rows + skip, c]).narrow(0, skip, rows);
            const got = Array.from(x.argmax(1).toTypedArray());
            const want = Array.from({ length: rows }, (_, r) =>
              reference(Array.from(data.subarray((r + skip) * c, (r + skip + 1) * c))),
            );
            expect(got).toEqual(want);
          },
        ),
        { numRuns: 300 },
      );
    });
  }
});
