// Checks of a public entry point's arguments, for callers with no type checker (plain
// JavaScript): a string where a tensor goes would otherwise become NaN, or a TypeError from
// deep inside. Each check costs one typeof or instanceof per call, never per element.
import { fmtValue, ValueError } from "./errors.js";
import { Tensor, type TensorLike } from "./tensor.js";

/** The error `fn: arg must be <what>, got <value>`. */
export function argError(fn: string, arg: string, what: string, got: unknown): ValueError {
  return new ValueError(`${fn}: ${arg} must be ${what}, got ${fmtValue(got)}`);
}

/** `v` is a tensor. */
export function checkTensor(fn: string, arg: string, v: unknown): asserts v is Tensor {
  if (!(v instanceof Tensor)) throw argError(fn, arg, "a tensor", v);
}

/** `v` is a tensor, a number or a boolean (what broadcasting ops take as an operand). */
export function checkTensorLike(fn: string, arg: string, v: unknown): asserts v is TensorLike {
  if (!(v instanceof Tensor) && typeof v !== "number" && typeof v !== "boolean") {
    throw argError(fn, arg, "a tensor or a number", v);
  }
}

/** `v` is an array of tensors. */
export function checkTensors(fn: string, arg: string, v: unknown): asserts v is Tensor[] {
  if (!Array.isArray(v) || !v.every((t) => t instanceof Tensor)) {
    throw argError(fn, arg, "an array of tensors", v);
  }
}

/** `v` is a number (NaN and infinities included: they are numbers PyTorch takes too). */
export function checkNumber(fn: string, arg: string, v: unknown): asserts v is number {
  if (typeof v !== "number") throw argError(fn, arg, "a number", v);
}

/** `v` is a finite number of at least `min` (learning rates, probabilities, stds...). */
export function checkFinite(
  fn: string,
  arg: string,
  v: unknown,
  min = Number.NEGATIVE_INFINITY,
): asserts v is number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < min) {
    throw argError(
      fn,
      arg,
      min === Number.NEGATIVE_INFINITY ? "a finite number" : `a finite number >= ${min}`,
      v,
    );
  }
}

/** `v` is a safe integer of at least `min`. */
export function checkInt(
  fn: string,
  arg: string,
  v: unknown,
  min = Number.MIN_SAFE_INTEGER,
): asserts v is number {
  if (!Number.isSafeInteger(v) || (v as number) < min) {
    throw argError(fn, arg, min === Number.MIN_SAFE_INTEGER ? "an integer" : `an integer >= ${min}`, v);
  }
}

/** `v` is a boolean. */
export function checkBoolean(fn: string, arg: string, v: unknown): asserts v is boolean {
  if (typeof v !== "boolean") throw argError(fn, arg, "true or false", v);
}

/** `v` is a function. */
// biome-ignore lint/complexity/noBannedTypes: any callable passes; callers narrow the type
export function checkFunction(fn: string, arg: string, v: unknown): asserts v is Function {
  if (typeof v !== "function") throw argError(fn, arg, "a function", v);
}

/** `v` is a string. */
export function checkString(fn: string, arg: string, v: unknown): asserts v is string {
  if (typeof v !== "string") throw argError(fn, arg, "a string", v);
}

/** `v` is one of `choices` (strings such as a reduction or a mode). */
export function checkChoice<C extends string>(
  fn: string,
  arg: string,
  v: unknown,
  choices: readonly C[],
): asserts v is C {
  if (!Array.isArray(choices)) throw argError("checkChoice", "choices", "an array of strings", choices);
  if (!(choices as readonly unknown[]).includes(v)) {
    throw argError(fn, arg, `one of ${choices.map((c) => JSON.stringify(c)).join(", ")}`, v);
  }
}
