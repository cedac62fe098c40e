// Float32 add, sub, mul and div on the wasm kernel (asm/binary.ts) give the JS loop's bits for
// every broadcast form the kernel takes (same shape, a row [n], a column [m, 1], a scalar),
// with offsets, special values and layouts it must leave to the JS loop (transposed operands);
// and the same bits when operands and result live in a workspace (read and written in place).
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import "../index.js";
import { getBackend, setBackend } from "../backends/backend.js";
import { createWasmWorkspace } from "../backends/workspace.js";
import { fromTypedArray } from "../create.js";
import { ARENA_MIN_ELEMENTS, inArena } from "../pool.js";
import { tidy } from "../scope.js";
import type { Tensor } from "../tensor.js";

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

describe("wasm kernels on workspace memory", () => {
  // Inside tidy a result of ARENA_MIN_ELEMENTS or more is an arena block (a workspace), where
  // the kernels write it in place and read operands of the same workspace in place.
  it("give the same bits whether operands and result are staged or in place", () => {
    setBackend("wasm");
    const ws = createWasmWorkspace(4 * 2 * 41_000 + 64);
    if (ws === null) throw new Error("no wasm workspace in node");
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 90, max: 200 }),
        fc.constantFrom("add", "sub", "mul", "div", "exp", "sigmoid"),
        fc.constantFrom("same", "row", "column"),
        fc.boolean(),
        fc.boolean(),
        fc.array(value, { minLength: 1, maxLength: 64 }),
        (m, n, op, form, aInWs, bInWs, pool) => {
          // a at the start of the data area (1 element in), b after it.
          const bShape = form === "same" ? [m, n] : form === "row" ? [n] : [m, 1];
          const place = (shape: number[], salt: number, inWs: boolean, at: number): Tensor => {
            const t = make(shape, pool, salt, 0);
            if (!inWs) return t;
            const view = new Float32Array(ws.memory.buffer, ws.dataStart + 4 * at, t.numel());
            view.set(t.toTypedArray());
            return fromTypedArray(view, shape);
          };
          const a = place([m, n], 1, aInWs, 1);
          const b = place(bShape, 7, bInWs, 2 + m * n);
          const before = [Array.from(a.toTypedArray()), Array.from(b.toTypedArray())];
          const compute = () => (op === "exp" ? a.exp() : op === "sigmoid" ? a.sigmoid() : a[op](b));
          const staged = Array.from(compute().toTypedArray());
          const inPlace = tidy(() => {
            const r = compute();
            expect(inArena(r.storage)).toBe(m * n >= ARENA_MIN_ELEMENTS);
            return Array.from(r.toTypedArray());
          });
          expect(inPlace).toEqual(staged);
          if (op !== "exp" && op !== "sigmoid") {
            setBackend("js");
            expect(Array.from(compute().toTypedArray())).toEqual(staged);
            setBackend("wasm");
          }
          expect([Array.from(a.toTypedArray()), Array.from(b.toTypedArray())]).toEqual(before);
        },
      ),
      { numRuns: 80 },
    );
  });
});
