// fromStorage builds ndarray's own View objects without calling ndarray() (storage.ts): the
// same class, shape, strides, offset and data as ndarray() gives, for every dtype and ndim.
import fc from "fast-check";
import ndarray from "ndarray";
import { describe, expect, it } from "vitest";
import { allocate, DTYPES } from "./dtype.js";
import { fromStorage } from "./storage.js";

describe("fromStorage", () => {
  it("gives the View that ndarray() gives, for every dtype and 0 to 6 dims", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DTYPES),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 6 }),
        fc.integer({ min: 0, max: 5 }),
        fc.boolean(),
        (dtype, shape, offset, reversed) => {
          const n = shape.reduce((p, s) => p * s, 1);
          const data = allocate(dtype, n + offset + 8);
          // Strides of a contiguous layout, or of its reversed dims (a permuted view).
          const strides: number[] = new Array(shape.length);
          let step = 1;
          const order = shape.map((_, i) => (reversed ? i : shape.length - 1 - i));
          for (const d of order) {
            strides[d] = step;
            step *= shape[d]!;
          }
          const t = fromStorage(data, dtype, shape, strides, offset);
          const want = ndarray(data, shape.slice(), strides.slice(), offset);
          expect(t.nd.constructor).toBe(want.constructor);
          expect(t.nd.data).toBe(data);
          expect(t.nd.shape).toEqual(want.shape);
          expect(t.nd.stride).toEqual(want.stride);
          expect(t.nd.offset).toBe(want.offset);
          expect(t.nd.size).toBe(want.size);
          // The View's arrays are its own: changing the caller's shape changes nothing.
          if (shape.length > 0) {
            expect(t.nd.shape).not.toBe(shape);
            expect(t.nd.stride).not.toBe(strides);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
