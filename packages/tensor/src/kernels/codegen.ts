/**
 * Elementwise and reduction loops, generated once per (element function, array types) and cached.
 *
 * Why generate code: a loop that calls a per-op callback is megamorphic in V8 and 3-10x
 * slower than a loop with the arithmetic written inline; writing every op x layout x dtype
 * by hand would be hundreds of loops. Each generated loop is monomorphic (one typed-array
 * class per operand) and has fast paths for unit and zero strides. scijs ndarray compiles its
 * accessors the same way, so this adds no new requirement (the page must allow `eval`).
 *
 * The element functions are typed arrow functions from the op catalogue (`(x, y) => x + y`,
 * `(acc, x) => acc + x`, `(x, p, q) => ...` with scalar parameters such as clamp's bounds): the
 * type checker sees them, and each generated loop embeds the function's source as a local
 * constant, which V8 inlines at the loop's one call site (measured: the same speed as the
 * expression written inline). So such a function may use only its parameters and globals
 * (Math, Number), never a variable of its module.
 *
 * Every loop is 2-D: `m` rows of `n` elements, each operand's rows `*1` apart (see planBlocks),
 * so a small inner dim ([256, 10] + [10]) costs one call, not one per row.
 */
import type { TypedArray } from "../dtype.js";

/** How a loop stores a result: as is, or as 0/1 (arithmetic into a bool output). */
export type Store = "value" | "bool";

export type BinaryFn = (x: number, y: number) => number | boolean;
export type UnaryFn = (x: number, p: number, q: number) => number;
export type ReduceFn = (acc: number, x: number) => number;

export type BinaryLoop = (
  o: TypedArray,
  oo: number,
  os: number,
  os1: number,
  a: TypedArray,
  ao: number,
  as: number,
  as1: number,
  b: TypedArray,
  bo: number,
  bs: number,
  bs1: number,
  n: number,
  m: number,
) => void;

export type UnaryLoop = (
  o: TypedArray,
  oo: number,
  os: number,
  os1: number,
  a: TypedArray,
  ao: number,
  as: number,
  as1: number,
  n: number,
  m: number,
  p: number,
  q: number,
) => void;

/** `acc[ao + r*as1 + i*as] = combine(acc[...], a[io + r*is1 + i*is])` for r < m, i < n. */
export type ReduceLoop = (
  acc: TypedArray,
  ao: number,
  as: number,
  as1: number,
  a: TypedArray,
  io: number,
  is: number,
  is1: number,
  n: number,
  m: number,
) => void;

/**
 * Compiled loops by element function and store mode, then by each operand's typed-array class.
 * Looked up on every op call, so the keys are the objects themselves: building a string key
 * per call cost ~6% of a small training step.
 */
type Level = Map<unknown, unknown>;
const binaryCache: Level = new Map();
const unaryCache: Level = new Map();
const reduceCache: Level = new Map();

function child(level: Level, key: unknown): Level {
  let next = level.get(key) as Level | undefined;
  if (next === undefined) {
    next = new Map();
    level.set(key, next);
  }
  return next;
}

/** The loop cached under `key` in `level`, compiled from params and body(expr) on first use. */
function compile<T>(
  level: Level,
  key: unknown,
  params: string[],
  body: (expr: string) => string,
  fn: (...args: never[]) => unknown,
  expr: string,
): T {
  let f = level.get(key);
  if (f === undefined) {
    const source = fn.toString();
    if (!/^(\([^)]*\)|[\w$]+)\s*=>/.test(source)) {
      throw new Error(`codegen: element functions must be arrow functions, got ${source}`);
    }
    f = new Function(...params, `"use strict";\nconst f = ${source};\n${body(expr)}`);
    level.set(key, f);
  }
  return f as T;
}

/** `for (r < m) { row; advance offsets }`: the 2-D nest around one inner-loop variant. */
function rows(row: string, advance: string): string {
  return `for (let r = 0; r < m; r++) { ${row} ${advance} }`;
}

export function binaryLoop(
  fn: BinaryFn,
  store: Store,
  o: TypedArray,
  a: TypedArray,
  b: TypedArray,
): BinaryLoop {
  const level = child(child(child(child(binaryCache, fn), store), o.constructor), a.constructor);
  return compile(
    level,
    b.constructor,
    BINARY_PARAMS,
    binaryBody,
    fn,
    store === "bool" ? "f(x, y) ? 1 : 0" : "f(x, y)",
  );
}

const BINARY_PARAMS = ["o", "oo", "os", "os1", "a", "ao", "as", "as1", "b", "bo", "bs", "bs1", "n", "m"];

function binaryBody(expr: string): string {
  const next = "oo += os1; ao += as1; bo += bs1;";
  return `
    if (os === 1 && as === 1 && bs === 1) {
      ${rows(`for (let i = 0; i < n; i++) { const x = a[ao + i], y = b[bo + i]; o[oo + i] = ${expr}; }`, next)}
    } else if (os === 1 && as === 1 && bs === 0) {
      ${rows(`const y = b[bo]; for (let i = 0; i < n; i++) { const x = a[ao + i]; o[oo + i] = ${expr}; }`, next)}
    } else if (os === 1 && as === 0 && bs === 1) {
      ${rows(`const x = a[ao]; for (let i = 0; i < n; i++) { const y = b[bo + i]; o[oo + i] = ${expr}; }`, next)}
    } else {
      ${rows(`for (let i = 0; i < n; i++) { const x = a[ao + i * as], y = b[bo + i * bs]; o[oo + i * os] = ${expr}; }`, next)}
    }`;
}

export function unaryLoop(fn: UnaryFn, store: Store, o: TypedArray, a: TypedArray): UnaryLoop {
  const level = child(child(child(unaryCache, fn), store), o.constructor);
  return compile(
    level,
    a.constructor,
    UNARY_PARAMS,
    unaryBody,
    fn,
    store === "bool" ? "f(x, p, q) ? 1 : 0" : "f(x, p, q)",
  );
}

const UNARY_PARAMS = ["o", "oo", "os", "os1", "a", "ao", "as", "as1", "n", "m", "p", "q"];

function unaryBody(expr: string): string {
  const next = "oo += os1; ao += as1;";
  return `
    if (os === 1 && as === 1) {
      ${rows(`for (let i = 0; i < n; i++) { const x = a[ao + i]; o[oo + i] = ${expr}; }`, next)}
    } else {
      ${rows(`for (let i = 0; i < n; i++) { const x = a[ao + i * as]; o[oo + i * os] = ${expr}; }`, next)}
    }`;
}

export function reduceLoop(fn: ReduceFn, acc: TypedArray, a: TypedArray): ReduceLoop {
  const level = child(child(reduceCache, fn), acc.constructor);
  return compile(level, a.constructor, REDUCE_PARAMS, reduceBody, fn, "f(acc, x)");
}

const REDUCE_PARAMS = ["accArr", "ao", "as", "as1", "a", "io", "is", "is1", "n", "m"];

function reduceBody(expr: string): string {
  const next = "ao += as1; io += is1;";
  // Row k of a four-row group: its own accumulator s<k>, folded over its elements in order.
  const step = (k: number, at: string) => `{ const x = a[${at} + i], acc = s${k}; s${k} = ${expr}; }`;
  return `
    if (as === 0) {
      let r = 0;
      if (is === 1 && as1 !== 0) {
        // Rows reduced along their contiguous elements (x.sum(1)), four at a time: four
        // independent chains of adds instead of one, each row still summed in order, so the
        // bits are those of the row-at-a-time loop below.
        for (; r + 4 <= m; r += 4) {
          let s0 = accArr[ao], s1 = accArr[ao + as1], s2 = accArr[ao + 2 * as1], s3 = accArr[ao + 3 * as1];
          const i1 = io + is1, i2 = io + 2 * is1, i3 = io + 3 * is1;
          for (let i = 0; i < n; i++) { ${step(0, "io")} ${step(1, "i1")} ${step(2, "i2")} ${step(3, "i3")} }
          accArr[ao] = s0; accArr[ao + as1] = s1; accArr[ao + 2 * as1] = s2; accArr[ao + 3 * as1] = s3;
          ao += 4 * as1; io += 4 * is1;
        }
      }
      for (; r < m; r++) {
        let acc = accArr[ao];
        if (is === 1) for (let i = 0; i < n; i++) { const x = a[io + i]; acc = ${expr}; }
        else for (let i = 0; i < n; i++) { const x = a[io + i * is]; acc = ${expr}; }
        accArr[ao] = acc;
        ${next}
      }
    } else if (as1 === 0 && m <= 512) {
      // Reducing over the rows (x.sum(0) of [256, 10]): column by column, so each accumulator
      // stays in a register instead of a load and a store per element. Same order of terms.
      for (let i = 0; i < n; i++) {
        const k = ao + i * as;
        let acc = accArr[k];
        let p = io + i * is;
        for (let r = 0; r < m; r++) { const x = a[p]; acc = ${expr}; p += is1; }
        accArr[k] = acc;
      }
    } else {
      ${rows(`for (let i = 0; i < n; i++) { const k = ao + i * as; const acc = accArr[k]; const x = a[io + i * is]; accArr[k] = ${expr}; }`, next)}
    }`;
}
