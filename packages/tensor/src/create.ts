// Creating tensors: from data, filled, ranges, and random (seeded).
import { argError, checkBoolean, checkFinite, checkNumber, checkTensor } from "./args.js";
import { type DType, dtypeOfArray, holds, isFloating, requireDType, type TypedArray } from "./dtype.js";
import { DTypeError, fmtShape, fmtValue, ValueError } from "./errors.js";
import { fromNested, nestedShape } from "./nested.js";
import { checkOptions } from "./options.js";
import { defaultGenerator, Generator } from "./random.js";
import { numelOf } from "./shape.js";
import { empty, fromStorage } from "./storage.js";
import type { NestedArray, ShapeLike, Tensor } from "./tensor.js";

/** Options of the creation functions, PyTorch's `dtype` and `requires_grad` keyword arguments. */
export interface CreateOptions {
  /** The dtype (default: float32, or as the function says, e.g. int32 for integer data). */
  dtype?: DType;
  /** Record operations on the tensor for autograd (floating-point dtypes only; default false). */
  requiresGrad?: boolean;
}

/** Options of the random creation functions: {@link CreateOptions} and the generator to draw from. */
export interface RandomOptions extends CreateOptions {
  /** Defaults to the generator that `manualSeed` seeds. */
  generator?: Generator;
}

const CREATE_KEYS = ["dtype", "requiresGrad"];
const RANDOM_KEYS = ["dtype", "requiresGrad", "generator"];

/** Checks a creation function's options object (keys, dtype, requiresGrad, generator). */
function checkCreate(op: string, options: RandomOptions | undefined, random = false): void {
  if (options === undefined) return;
  checkOptions(op, "options", options, random ? RANDOM_KEYS : CREATE_KEYS);
  if (options.dtype !== undefined) requireDType(op, options.dtype);
  if (options.requiresGrad !== undefined) checkBoolean(op, "requiresGrad", options.requiresGrad);
  if (options.generator !== undefined && !(options.generator instanceof Generator)) {
    throw argError(op, "generator", "a Generator", options.generator);
  }
}

function finish(t: Tensor, options: CreateOptions | undefined): Tensor {
  if (options?.requiresGrad) t.requiresGrad_(true);
  return t;
}

function toShape(op: string, shape: ShapeLike): number[] {
  if (typeof shape !== "number" && !Array.isArray(shape)) {
    throw new ValueError(`${op}: expected a shape as numbers or one array, got ${fmtValue(shape)}`);
  }
  const s = typeof shape === "number" ? [shape] : [...shape];
  for (const d of s) {
    if (!Number.isInteger(d) || d < 0)
      throw new ValueError(`${op}: negative or non-integer dimension ${fmtValue(d)} in shape ${fmtValue(s)}`);
  }
  return s;
}

/**
 * Sizes as PyTorch takes them, `zeros(2, 3)` or `zeros([2, 3])`, then the options: a call's
 * arguments with a number, a shape array, numbers and an options object at the end.
 */
export type SizeArgs<O> = [shape: ShapeLike, options?: O] | number[] | [...sizes: number[], options: O];

function sizeArgs<O extends object>(
  op: string,
  args: readonly unknown[],
): { shape: number[]; options: O | undefined } {
  const last = args[args.length - 1];
  const hasOptions =
    args.length > 1 &&
    (last === undefined || (typeof last === "object" && last !== null && !Array.isArray(last)));
  const sizes = hasOptions ? args.slice(0, -1) : args;
  const options = hasOptions ? (last as O | undefined) : undefined;
  checkCreate(op, options, true);
  if (sizes.length === 1 && (typeof sizes[0] === "number" || Array.isArray(sizes[0]))) {
    return { shape: toShape(op, sizes[0] as ShapeLike), options };
  }
  if (sizes.length > 1 && sizes.every((s) => typeof s === "number")) {
    return { shape: toShape(op, sizes as number[]), options };
  }
  throw new ValueError(
    `${op}: expected sizes as numbers or one array, then options, got (${args.map(fmtValue).join(", ")})`,
  );
}

/** A fill value: a number or a boolean (a string would fill with NaN). */
function checkFillValue(op: string, value: unknown): void {
  if (typeof value !== "number" && typeof value !== "boolean") {
    throw argError(op, "fill_value", "a number or a boolean", value);
  }
}

/** A new tensor for a creation function: its dtype checked, too large a size named. */
function allocateFor(op: string, requested: unknown, shape: readonly number[]): Tensor {
  const dtype = requireDType(op, requested);
  try {
    return empty(dtype, shape);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new ValueError(
      `${op}: cannot allocate a ${dtype} tensor of shape ${fmtShape(shape)} (${numelOf(shape)} elements): ${e.message}`,
    );
  }
}

/** The dtype JS values suggest: booleans → bool, all integers → int32, otherwise float32. */
function inferDtype(data: NestedArray): DType {
  let sawBool = false;
  let sawFloat = false;
  let sawNumber = false;
  const visit = (x: NestedArray): void => {
    if (Array.isArray(x)) for (const v of x as readonly NestedArray[]) visit(v);
    else if (typeof x === "boolean") sawBool = true;
    else {
      sawNumber = true;
      if (!Number.isInteger(x)) sawFloat = true;
    }
  };
  visit(data);
  if (sawFloat) return "float32";
  if (sawNumber) return "int32";
  return sawBool ? "bool" : "float32";
}

/**
 * A tensor from (nested) numbers or booleans, like `torch.tensor`. JS has one number type,
 * so all-integer data gives int32 unless `dtype` says otherwise, or `requiresGrad` is set
 * (then float32): `tensor(1, { requiresGrad: true })` is a float. A typed array gives a 1-D
 * copy of its dtype. Ragged nesting is a `ValueError`.
 *
 * @example
 * ```ts
 * tensor([[0.1, 1.2], [2.2, 3.1]]); // float32 [2, 2]
 * tensor([0, 1]); // int32
 * tensor([0, 1], { dtype: "float64" });
 * tensor([[1, -1], [1, -1]], { requiresGrad: true }); // float32, records ops for autograd
 * ```
 */
export function tensor(data: NestedArray | TypedArray, options?: CreateOptions): Tensor {
  checkCreate("tensor", options);
  if (ArrayBuffer.isView(data)) {
    const src = data as TypedArray;
    const dtype = options?.dtype ?? dtypeOfArray(src);
    const out = empty(dtype, [src.length]);
    out.storage.set(dtype === "bool" ? src.map((v) => (v ? 1 : 0)) : src);
    return finish(out, options);
  }
  const dtype = options?.dtype ?? (options?.requiresGrad ? "float32" : inferDtype(data));
  const shape = nestedShape("tensor", data);
  return finish(fromNested(data, shape, dtype), options);
}

/**
 * A tensor over an existing typed array, sharing its memory (like `torch.from_numpy`); the
 * shape defaults to 1-D. Float32Array → float32, Float64Array → float64, Int32Array →
 * int32, Uint8Array → bool, or uint8 with `{ dtype: "uint8" }`.
 */
export function fromTypedArray(data: TypedArray, shape?: ShapeLike, options?: CreateOptions): Tensor {
  if (!ArrayBuffer.isView(data) || data instanceof DataView) {
    throw argError("fromTypedArray", "data", "a typed array", data);
  }
  checkCreate("fromTypedArray", options);
  const s = toShape("fromTypedArray", shape ?? [data.length]);
  if (numelOf(s) !== data.length) {
    throw new ValueError(
      `fromTypedArray: shape ${fmtShape(s)} needs ${numelOf(s)} elements, but the array has ${data.length}`,
    );
  }
  const dtype = options?.dtype ?? dtypeOfArray(data);
  if (!holds(data, dtype)) {
    throw new DTypeError(
      `fromTypedArray: a ${data.constructor.name} holds ${dtypeOfArray(data)}${data instanceof Uint8Array ? " or uint8" : ""}, not ${dtype}`,
    );
  }
  return finish(fromStorage(data, dtype, s), options);
}

/**
 * A tensor of `shape` filled with `value`, like `torch.full`. The dtype follows the value: bool
 * for a boolean, int32 for an integer (float32 with `requiresGrad`), float32 otherwise.
 * Throws a `ValueError` for a value that is not a number or boolean, or a bad shape.
 *
 * @example
 * ```ts
 * full([2, 3], 3.14); // tensor([[3.1400, 3.1400, 3.1400], [3.1400, 3.1400, 3.1400]])
 * ```
 */
export function full(shape: ShapeLike, value: number | boolean, options?: CreateOptions): Tensor {
  checkFillValue("full", value);
  checkCreate("full", options);
  const dtype =
    options?.dtype ??
    (typeof value === "boolean"
      ? "bool"
      : Number.isInteger(value) && !options?.requiresGrad
        ? "int32"
        : "float32");
  const t = allocateFor("full", dtype, toShape("full", shape));
  t.storage.fill(typeof value === "boolean" ? (value ? 1 : 0) : value);
  return finish(t, options);
}

/** Zeros of the given sizes: `zeros(2, 3)`, `zeros([2, 3])`, `zeros(2, 3, { dtype: "int32" })`. */
export function zeros(...args: SizeArgs<CreateOptions>): Tensor {
  const { shape, options } = sizeArgs<CreateOptions>("zeros", args);
  return finish(allocateFor("zeros", options?.dtype ?? "float32", shape), options);
}

/** Ones of the given sizes, taken as `zeros` takes them. */
export function ones(...args: SizeArgs<CreateOptions>): Tensor {
  const { shape, options } = sizeArgs<CreateOptions>("ones", args);
  const t = allocateFor("ones", options?.dtype ?? "float32", shape);
  t.storage.fill(1);
  return finish(t, options);
}

/** Zeros of `t`'s shape and dtype (unless `options` say otherwise), like `torch.zeros_like`. */
export function zerosLike(t: Tensor, options?: CreateOptions): Tensor {
  checkTensor("zerosLike", "input", t);
  return zeros(t.shape, { dtype: t.dtype, ...options });
}

/** Ones of `t`'s shape and dtype (unless `options` say otherwise), like `torch.ones_like`. */
export function onesLike(t: Tensor, options?: CreateOptions): Tensor {
  checkTensor("onesLike", "input", t);
  return ones(t.shape, { dtype: t.dtype, ...options });
}

/** `value` in `t`'s shape and dtype (unless `options` say otherwise), like `torch.full_like`. */
export function fullLike(t: Tensor, value: number | boolean, options?: CreateOptions): Tensor {
  checkTensor("fullLike", "input", t);
  return full(t.shape, value, { dtype: t.dtype, ...options });
}

/**
 * `arange(end)`, `arange(start, end, step = 1)`: [start, end) in steps. Integer arguments
 * give int32, otherwise float32.
 */
export function arange(start: number, end?: number, step = 1, options?: CreateOptions): Tensor {
  checkNumber("arange", end === undefined ? "end" : "start", start);
  if (end !== undefined) checkNumber("arange", "end", end);
  checkNumber("arange", "step", step);
  checkCreate("arange", options);
  if (end === undefined) {
    end = start;
    start = 0;
  }
  if (step === 0) throw new ValueError("arange: step must be nonzero");
  if ((end - start) / step < 0) {
    throw new ValueError(
      `arange: upper bound and larger bound inconsistent with step sign (start ${start}, end ${end}, step ${step})`,
    );
  }
  const allInt = Number.isInteger(start) && Number.isInteger(end) && Number.isInteger(step);
  const dtype = options?.dtype ?? (allInt && !options?.requiresGrad ? "int32" : "float32");
  // max with 0 also turns an empty descending range's -0 into 0.
  const n = Math.max(0, Math.ceil((end - start) / step));
  if (!Number.isSafeInteger(n)) {
    throw new ValueError(`arange: the range from ${start} to ${end} in steps of ${step} has no finite size`);
  }
  const t = allocateFor("arange", dtype, [n]);
  for (let i = 0; i < n; i++) t.storage[i] = start + i * step;
  return finish(t, options);
}

/** `steps` evenly spaced values from start to end inclusive (float32). */
export function linspace(start: number, end: number, steps: number, options?: CreateOptions): Tensor {
  checkNumber("linspace", "start", start);
  checkNumber("linspace", "end", end);
  if (!Number.isInteger(steps) || steps < 0)
    throw new ValueError(`linspace: number of steps must be non-negative, got ${fmtValue(steps)}`);
  checkCreate("linspace", options);
  const t = allocateFor("linspace", options?.dtype ?? "float32", [steps]);
  const step = steps > 1 ? (end - start) / (steps - 1) : 0;
  // Fill from both ends, as PyTorch does, so that the last value is exactly `end`.
  const half = Math.floor(steps / 2);
  if (steps === 1) t.storage[0] = start;
  else
    for (let i = 0; i < steps; i++) t.storage[i] = i < half ? start + step * i : end - step * (steps - 1 - i);
  return finish(t, options);
}

/** Identity matrix [n, m] (m defaults to n). */
export function eye(n: number, m = n, options?: CreateOptions): Tensor {
  checkCreate("eye", options);
  const t = allocateFor("eye", options?.dtype ?? "float32", toShape("eye", [n, m]));
  for (let i = 0; i < Math.min(n, m); i++) t.storage[i * m + i] = 1;
  return finish(t, options);
}

function floatDtype(op: string, options: CreateOptions | undefined): DType {
  const dtype = requireDType(op, options?.dtype ?? "float32");
  if (!isFloating(dtype)) throw new DTypeError(`${op}: expected a floating point dtype, got ${dtype}`);
  return dtype;
}

/** Uniform samples in [0, 1), of sizes taken as `zeros` takes them. */
export function rand(...args: SizeArgs<RandomOptions>): Tensor {
  const { shape, options } = sizeArgs<RandomOptions>("rand", args);
  const g = options?.generator ?? defaultGenerator;
  const t = allocateFor("rand", floatDtype("rand", options), shape);
  const d = t.storage;
  for (let i = 0; i < d.length; i++) d[i] = g.random();
  // float32 rounding can turn values just below 1 into 1: keep the interval half-open.
  if (d instanceof Float32Array) for (let i = 0; i < d.length; i++) if (d[i] === 1) d[i] = 0.99999994;
  return finish(t, options);
}

/** Uniform samples in [low, high). */
export function uniform(low: number, high: number, shape: ShapeLike, options?: RandomOptions): Tensor {
  checkFinite("uniform", "low", low);
  checkFinite("uniform", "high", high);
  if (!(low <= high)) throw new ValueError(`uniform: expects low <= high, got low=${low}, high=${high}`);
  checkCreate("uniform", options, true);
  const g = options?.generator ?? defaultGenerator;
  const t = allocateFor("uniform", floatDtype("uniform", options), toShape("uniform", shape));
  const d = t.storage;
  for (let i = 0; i < d.length; i++) d[i] = low + (high - low) * g.random();
  return finish(t, options);
}

/** Standard normal samples, of sizes taken as `zeros` takes them: `randn(4, 2)`, `randn([4, 2])`. */
export function randn(...args: SizeArgs<RandomOptions>): Tensor {
  const { shape, options } = sizeArgs<RandomOptions>("randn", args);
  return normalSamples("randn", 0, 1, shape, options);
}

/** Normal samples with the given mean and standard deviation. */
export function normal(mean: number, std: number, shape: ShapeLike, options?: RandomOptions): Tensor {
  checkNumber("normal", "mean", mean);
  checkNumber("normal", "std", std);
  if (!(std >= 0)) throw new ValueError(`normal: expects std >= 0.0, but found std ${std}`);
  checkCreate("normal", options, true);
  return normalSamples("normal", mean, std, toShape("normal", shape), options);
}

function normalSamples(
  op: string,
  mean: number,
  std: number,
  shape: number[],
  options?: RandomOptions,
): Tensor {
  const g = options?.generator ?? defaultGenerator;
  const t = allocateFor(op, floatDtype(op, options), shape);
  const d = t.storage;
  for (let i = 0; i < d.length; i++) d[i] = mean + std * g.normal();
  return finish(t, options);
}

/** Uniform integers in [low, high), int32. */
export function randint(low: number, high: number, shape: ShapeLike, options?: RandomOptions): Tensor {
  if (!Number.isInteger(low) || !Number.isInteger(high))
    throw new ValueError(
      `randint: low and high must be integers, got ${fmtValue(low)} and ${fmtValue(high)}`,
    );
  if (high <= low)
    throw new ValueError(
      `randint: random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`,
    );
  checkCreate("randint", options, true);
  const g = options?.generator ?? defaultGenerator;
  const t = allocateFor("randint", options?.dtype ?? "int32", toShape("randint", shape));
  const d = t.storage;
  for (let i = 0; i < d.length; i++) d[i] = low + g.below(high - low);
  return finish(t, options);
}

/** A random permutation of 0..n-1 (int32), Fisher-Yates. */
export function randperm(n: number, options?: RandomOptions): Tensor {
  if (!Number.isInteger(n) || n < 0)
    throw new ValueError(`randperm: n must be a non-negative integer, got ${fmtValue(n)}`);
  checkCreate("randperm", options, true);
  const g = options?.generator ?? defaultGenerator;
  const t = allocateFor("randperm", options?.dtype ?? "int32", [n]);
  const d = t.storage;
  for (let i = 0; i < n; i++) d[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = g.below(i + 1);
    const tmp = d[i]!;
    d[i] = d[j]!;
    d[j] = tmp;
  }
  return finish(t, options);
}

/**
 * Uniform samples in [0, 1) of `t`'s shape and dtype (unless `options` say otherwise), like
 * `torch.rand_like`; the dtype must be floating point (a `DTypeError` otherwise).
 */
export function randLike(t: Tensor, options?: RandomOptions): Tensor {
  checkTensor("randLike", "input", t);
  return rand(t.shape, { dtype: t.dtype, ...options });
}

/**
 * Standard normal samples of `t`'s shape and dtype (unless `options` say otherwise), like
 * `torch.randn_like`; the dtype must be floating point (a `DTypeError` otherwise).
 */
export function randnLike(t: Tensor, options?: RandomOptions): Tensor {
  checkTensor("randnLike", "input", t);
  return randn(t.shape, { dtype: t.dtype, ...options });
}
