// Float32 add, sub, mul and div on the wasm kernel (asm/binary.ts) give the JS loop's bits for
// every broadcast form the kernel takes (same shape, a row [n], a column [m, 1], a scalar),
// with offsets, special values and layouts it must leave to the JS loop (transposed operands).
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { getBackend, setBackend } from "./backend.js";
import { fromTypedArray } from "./create.js";
import type { Tensor } from "./tensor.js";

const projectBackend = getBackend();
afterEach(() => setBackend(projectBackend));

const value = fc.oneof(
  { weight: 8, arbitrary: fc.float({ noNaN: true, min: -1e3, max: 1e3 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, 1e-40),
  },
);

/** A float32 tensor of `shape` whose values come from `pool`, starting `skip` elements in. */
function make(shape: number[], pool: number[], salt: number, skip: number): Tensor {
  const n = shape.reduce((p, s) => p * s, 1);
  const data = Float32Array.from({ length: n + skip }, (_, i) => pool[(i * 31 + salt) % pool.length]!);
  return fromTypedArray(data.subarray(skip), shape);
}

const forms = ["same", "row", "column", "scalar", "transposed"] as const;

describe("float32 arithmetic on the wasm kernel", () => {
  it("gives the JS loop's bits for every broadcast form, offset and special value", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 48 }),
        fc.integer({ min: 1, max: 48 }),
        fc.constantFrom("add", "sub", "mul", "div"),
        fc.constantFrom(...forms),
        fc.boolean(),
        fc.integer({ min: 0, max: 3 }),
        fc.array(value, { minLength: 1, maxLength: 64 }),
        (m, n, op, form, swap, skip, pool) => {
          const a = make([m, n], pool, 1, skip);
          const b =
            form === "same"
              ? make([m, n], pool, 7, 0)
              : form === "row"
                ? make([n], pool, 7, 1)
                : form === "column"
                  ? make([m, 1], pool, 7, 2)
                  : form === "scalar"
                    ? make([], pool, 7, 3)
                    : make([n, m], pool, 7, 0).t();
          const [x, y] = swap ? [b, a] : [a, b];
          const run = (backend: "js" | "wasm") => {
            setBackend(backend);
            const r = x[op](y);
            return Array.from(r.toTypedArray());
          };
          expect(run("wasm")).toEqual(run("js"));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("adds a bias row to a [256, 10] batch exactly", () => {
    setBackend("wasm");
    const z = fromTypedArray(
      Float32Array.from({ length: 2560 }, (_, i) => i * 0.5),
      [256, 10],
    );
    const bias = fromTypedArray(
      Float32Array.from({ length: 10 }, (_, i) => -i),
      [10],
    );
    const got = z.add(bias).toTypedArray();
    for (let i = 0; i < 2560; i++) expect(got[i]).toBe(Math.fround(i * 0.5 - (i % 10)));
  });
});
