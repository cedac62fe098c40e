// Golden values from PyTorch: every case of fixtures/golden.json (written by
// scripts/golden.py, which documents the format) replayed against tsgrad.
// Regenerate with: /usr/bin/python3 packages/tensor/scripts/golden.py
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as tg from "../index.js";
import { type DType, Tensor, type TypedArray } from "../index.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Elem = number | boolean | "nan" | "inf" | "-inf";

interface Spec {
  dtype: DType;
  shape: number[];
  data?: Elem[];
  /** Value i is start + i * step, or start + (i * step) % mod (float64, then cast; bool: != 0). */
  linear?: [number, number] | [number, number, number];
  /** Method calls applied to the base tensor, e.g. ["t"], ["slice", 1, 0, 6, 2]. */
  views?: [string, ...Json[]][];
  requiresGrad?: boolean;
}

interface OpCase {
  name: string;
  /** A Tensor method ("add": args[0].add(...rest)) or "fn:<export>" (cat(...args)). */
  op: string;
  args: Json[];
  /** One tensor, or named tensors (values and indices; split's pieces by position). */
  expected: Spec | Record<string, Spec>;
}

interface PrintCase {
  name: string;
  input: Spec;
  expected: string;
}

interface Golden {
  torch: string;
  cases: OpCase[];
  print: PrintCase[];
}

const golden = JSON.parse(
  readFileSync(new URL("../fixtures/golden.json", import.meta.url), "utf8"),
) as Golden;

// ---- decoding ----------------------------------------------------------------------------

function elem(v: Elem | Json): number {
  if (v === "nan") return Number.NaN;
  if (v === "inf") return Number.POSITIVE_INFINITY;
  if (v === "-inf") return Number.NEGATIVE_INFINITY;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return v;
  throw new Error(`bad element ${JSON.stringify(v)}`);
}

function numel(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** The spec's values as float64 numbers (bools as 0/1), before any view. */
function specValues(spec: Spec): number[] {
  let values: number[];
  if (spec.linear !== undefined) {
    const [start, step, mod] = spec.linear;
    values = Array.from({ length: numel(spec.shape) }, (_, i) =>
      mod === undefined ? start + i * step : start + ((i * step) % mod),
    );
  } else values = (spec.data ?? []).map(elem);
  return spec.dtype === "bool" ? values.map((v) => (v !== 0 ? 1 : 0)) : values;
}

function typedArray(dtype: DType, values: number[]): TypedArray {
  switch (dtype) {
    case "float32":
      return Float32Array.from(values);
    case "float64":
      return Float64Array.from(values);
    case "int32":
      return Int32Array.from(values);
    case "uint8":
    case "bool":
      return Uint8Array.from(values);
  }
}

/** Calls `target[name](...args)`, or reads the property when it is not a method (`T`). */
function callMember(target: object, name: string, args: unknown[]): unknown {
  const member: unknown = Reflect.get(target, name);
  if (typeof member !== "function") {
    if (args.length > 0 || member === undefined) throw new Error(`no method ${name}`);
    return member;
  }
  return Reflect.apply(member, target, args);
}

function makeTensor(spec: Spec): Tensor {
  let t = tg.fromTypedArray(typedArray(spec.dtype, specValues(spec)), spec.shape, { dtype: spec.dtype });
  for (const [name, ...args] of spec.views ?? []) {
    const out = callMember(t, name, args.map(decode));
    if (!(out instanceof Tensor)) throw new Error(`view step ${name} did not return a tensor`);
    t = out;
  }
  if (spec.requiresGrad) t.requiresGrad_(true);
  return t;
}

function isObject(j: Json): j is { [key: string]: Json } {
  return typeof j === "object" && j !== null && !Array.isArray(j);
}

/** A fixture argument as the JS value tsgrad takes. */
function decode(j: Json): unknown {
  if (Array.isArray(j)) return j.map(decode);
  if (!isObject(j)) return j;
  if ("tensor" in j) return makeTensor(j.tensor as unknown as Spec);
  if ("undefined" in j) return undefined;
  if ("float" in j) return elem(j.float as Json);
  const opts = j.opts;
  if (opts !== undefined && isObject(opts))
    return Object.fromEntries(Object.entries(opts).map(([k, v]) => [k, decode(v)]));
  throw new Error(`cannot decode argument ${JSON.stringify(j)}`);
}

function runOp(op: string, args: unknown[]): unknown {
  if (op.startsWith("fn:")) return callMember(tg, op.slice(3), args);
  const [self, ...rest] = args;
  if (!(self instanceof Tensor)) throw new Error(`${op}: first argument is not a tensor`);
  return callMember(self, op, rest);
}

// ---- comparing ---------------------------------------------------------------------------

const TOL: Record<DType, { rtol: number; atol: number }> = {
  float32: { rtol: 1e-5, atol: 1e-6 },
  float64: { rtol: 1e-10, atol: 1e-12 },
  int32: { rtol: 0, atol: 0 },
  uint8: { rtol: 0, atol: 0 },
  bool: { rtol: 0, atol: 0 },
};

function close(got: number, want: number, dtype: DType): boolean {
  if (Number.isNaN(want)) return Number.isNaN(got);
  if (!Number.isFinite(want)) return got === want;
  const { rtol, atol } = TOL[dtype];
  return Math.abs(got - want) <= atol + rtol * Math.abs(want);
}

function checkTensor(actual: unknown, spec: Spec, label: string): void {
  expect(actual, `${label}: result is a Tensor`).toBeInstanceOf(Tensor);
  const t = actual as Tensor;
  expect(t.dtype, `${label}: dtype`).toBe(spec.dtype);
  expect([...t.shape], `${label}: shape`).toEqual(spec.shape);
  // Expected float32 values are the shortest decimals of float32 numbers: fround restores them.
  const want = specValues(spec).map((v) => (spec.dtype === "float32" ? Math.fround(v) : v));
  const got = Array.from(t.toTypedArray());
  expect(got.length, `${label}: numel`).toBe(want.length);
  const bad: string[] = [];
  got.forEach((g, i) => {
    const w = want[i]!;
    if (!close(g, w, spec.dtype)) bad.push(`[${i}] got ${g}, want ${w}`);
  });
  expect(bad.slice(0, 8), `${label}: ${bad.length} of ${want.length} values differ`).toEqual([]);
}

function isSpec(x: Spec | Record<string, Spec>): x is Spec {
  return typeof (x as Spec).dtype === "string" && Array.isArray((x as Spec).shape);
}

// ---- the cases -----------------------------------------------------------------------------

describe(`golden values from PyTorch ${golden.torch}`, () => {
  describe("ops", () => {
    for (const c of golden.cases) {
      it(c.name, () => {
        const result = runOp(c.op, c.args.map(decode));
        if (isSpec(c.expected)) {
          checkTensor(result, c.expected, c.name);
          return;
        }
        expect(typeof result, `${c.name}: result is an object of tensors`).toBe("object");
        // split and chunk: as many pieces as PyTorch's.
        if (Array.isArray(result))
          expect(result.length, `${c.name}: pieces`).toBe(Object.keys(c.expected).length);
        for (const [key, spec] of Object.entries(c.expected)) {
          checkTensor(Reflect.get(result as object, key), spec, `${c.name} .${key}`);
        }
      });
    }
  });

  describe("printing", () => {
    for (const c of golden.print) {
      it(c.name, () => {
        expect(String(makeTensor(c.input))).toBe(c.expected);
      });
    }
  });
});
