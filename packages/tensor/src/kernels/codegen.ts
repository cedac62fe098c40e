/**
 * Elementwise and reduction loops, generated once per (expression, array types) and cached.
 *
 * Why generate code: a loop that calls a per-op callback is megamorphic in V8 and 3-10x
 * slower than a loop with the arithmetic written inline; writing every op x layout x dtype
 * by hand would be hundreds of loops. Each generated loop is monomorphic (one typed-array
 * class per operand) and has fast paths for unit and zero strides. scijs ndarray compiles its
 * accessors the same way, so this adds no new requirement (the page must allow `eval`).
 *
 * Expressions read `x` (first operand), `y` (second operand) and `p`, `q` (scalar
 * parameters, e.g. clamp bounds); reductions read `acc` and `x`.
 */
import type { TypedArray } from "../dtype.js";

export type BinaryLoop = (
  o: TypedArray,
  oo: number,
  os: number,
  a: TypedArray,
  ao: number,
  as: number,
  b: TypedArray,
  bo: number,
  bs: number,
  n: number,
) => void;

export type UnaryLoop = (
  o: TypedArray,
  oo: number,
  os: number,
  a: TypedArray,
  ao: number,
  as: number,
  n: number,
  p: number,
  q: number,
) => void;

/** `acc[ao + i*as] = combine(acc[...], a[io + i*is])` for i < n. */
export type ReduceLoop = (
  acc: TypedArray,
  ao: number,
  as: number,
  a: TypedArray,
  io: number,
  is: number,
  n: number,
) => void;

const cache = new Map<string, BinaryLoop | UnaryLoop | ReduceLoop>();
const tag = (t: TypedArray) => t.constructor.name;

function compile<T>(key: string, params: string[], body: string): T {
  let f = cache.get(key);
  if (f === undefined) {
    f = new Function(...params, `"use strict";\n${body}`) as BinaryLoop;
    cache.set(key, f);
  }
  return f as T;
}

export function binaryLoop(expr: string, o: TypedArray, a: TypedArray, b: TypedArray): BinaryLoop {
  const body = `
    if (os === 1 && as === 1 && bs === 1) {
      for (let i = 0; i < n; i++) { const x = a[ao + i], y = b[bo + i]; o[oo + i] = ${expr}; }
    } else if (os === 1 && as === 1 && bs === 0) {
      const y = b[bo];
      for (let i = 0; i < n; i++) { const x = a[ao + i]; o[oo + i] = ${expr}; }
    } else if (os === 1 && as === 0 && bs === 1) {
      const x = a[ao];
      for (let i = 0; i < n; i++) { const y = b[bo + i]; o[oo + i] = ${expr}; }
    } else {
      for (let i = 0; i < n; i++) { const x = a[ao + i * as], y = b[bo + i * bs]; o[oo + i * os] = ${expr}; }
    }`;
  return compile(
    `b:${expr}:${tag(o)}:${tag(a)}:${tag(b)}`,
    ["o", "oo", "os", "a", "ao", "as", "b", "bo", "bs", "n"],
    body,
  );
}

export function unaryLoop(expr: string, o: TypedArray, a: TypedArray): UnaryLoop {
  const body = `
    if (os === 1 && as === 1) {
      for (let i = 0; i < n; i++) { const x = a[ao + i]; o[oo + i] = ${expr}; }
    } else {
      for (let i = 0; i < n; i++) { const x = a[ao + i * as]; o[oo + i * os] = ${expr}; }
    }`;
  return compile(`u:${expr}:${tag(o)}:${tag(a)}`, ["o", "oo", "os", "a", "ao", "as", "n", "p", "q"], body);
}

export function reduceLoop(expr: string, acc: TypedArray, a: TypedArray): ReduceLoop {
  const body = `
    if (as === 0) {
      let acc = accArr[ao];
      if (is === 1) for (let i = 0; i < n; i++) { const x = a[io + i]; acc = ${expr}; }
      else for (let i = 0; i < n; i++) { const x = a[io + i * is]; acc = ${expr}; }
      accArr[ao] = acc;
    } else {
      for (let i = 0; i < n; i++) { const k = ao + i * as; const acc = accArr[k]; const x = a[io + i * is]; accArr[k] = ${expr}; }
    }`;
  return compile(`r:${expr}:${tag(acc)}:${tag(a)}`, ["accArr", "ao", "as", "a", "io", "is", "n"], body);
}
