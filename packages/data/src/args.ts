// Checks at the data package's entry points, for callers without a type checker (plain
// JavaScript): a string where a dataset goes would otherwise be a TypeError from inside, and a
// length of "abc" an empty loader. One typeof or instanceof per call, never per item.
import { argError, Generator } from "@tsgrad/tensor";
import type { Dataset } from "./dataset.js";

/** The most items a data set may have: indices are int32 (Int32Array, randperm). */
export const MAX_ITEMS = 2 ** 31 - 1;

/** `v` is a Generator, or undefined or null (the default generator, as PyTorch's None). */
export function checkGenerator(fn: string, arg: string, v: unknown): asserts v is Generator | undefined {
  if (v != null && !(v instanceof Generator)) throw argError(fn, arg, "a Generator", v);
}

/** `v` is undefined or a boolean. */
export function checkOptionalBoolean(fn: string, arg: string, v: unknown): asserts v is boolean | undefined {
  if (v !== undefined && typeof v !== "boolean") throw argError(fn, arg, "true or false", v);
}

/** `v` is a number of items: an integer in [0, MAX_ITEMS]. */
export function checkLength(fn: string, arg: string, v: unknown): number {
  if (!Number.isSafeInteger(v) || (v as number) < 0 || (v as number) > MAX_ITEMS) {
    throw argError(fn, arg, `an integer in [0, ${MAX_ITEMS}]`, v);
  }
  return v as number;
}

/** `v` is an object with a `getItem` method. */
export function hasGetItem(v: unknown): boolean {
  return typeof v === "object" && v !== null && typeof (v as { getItem?: unknown }).getItem === "function";
}

/** `v` is a map-style data set: `getItem` and an integer `length`. */
export function checkDataset(fn: string, arg: string, v: unknown): asserts v is Dataset<unknown> {
  if (!hasGetItem(v)) {
    const hint =
      typeof v === "object" && v !== null && "shape" in v ? " (wrap tensors in a TensorDataset)" : "";
    throw argError(fn, arg, `a dataset (an object with length and getItem)${hint}`, v);
  }
  checkLength(fn, `${arg}.length`, (v as Dataset<unknown>).length);
}

/**
 * Indices as an Int32Array: the array itself, or a copy of an array (or typed array) of
 * integers. `fn` and `arg` name a non-integer; ranges are the caller's to check.
 */
export function indexArray(fn: string, arg: string, v: unknown): Int32Array {
  if (v instanceof Int32Array) return v;
  if (!Array.isArray(v) && !(ArrayBuffer.isView(v) && !(v instanceof DataView))) {
    throw argError(fn, arg, "an Int32Array or an array of integers", v);
  }
  const values = v as ArrayLike<unknown>;
  const out = new Int32Array(values.length);
  for (let k = 0; k < values.length; k++) {
    const i = values[k];
    if (typeof i !== "number" || !Number.isInteger(i) || Math.abs(i) > MAX_ITEMS) {
      throw argError(fn, `${arg}[${k}]`, "an integer", i);
    }
    out[k] = i;
  }
  return out;
}

/** `v` is something a DataLoader reads: a map-style data set, or an (async) iterable of items. */
export function checkDatasetLike(fn: string, arg: string, v: unknown): void {
  if (hasGetItem(v)) {
    checkDataset(fn, arg, v);
    return;
  }
  const o = v as { [Symbol.iterator]?: unknown; [Symbol.asyncIterator]?: unknown; length?: unknown };
  const iterable =
    typeof v === "object" &&
    v !== null &&
    (typeof o[Symbol.iterator] === "function" || typeof o[Symbol.asyncIterator] === "function");
  if (!iterable) {
    const hint =
      typeof v === "object" && v !== null && "shape" in v ? " (wrap tensors in a TensorDataset)" : "";
    throw argError(
      fn,
      arg,
      `a dataset (an object with length and getItem) or an iterable of items${hint}`,
      v,
    );
  }
  if (o.length !== undefined) checkLength(fn, `${arg}.length`, o.length);
}
