import { DTypeError, fmtValue } from "./errors.js";

/**
 * Element types of a tensor. `bool` is stored as one byte per element (0 or 1); `uint8` is an
 * unsigned byte (images), wrapping modulo 256 like PyTorch's.
 */
export type DType = "float32" | "float64" | "int32" | "uint8" | "bool";

/**
 * The typed arrays a tensor's storage can be: Float32Array (float32), Float64Array (float64),
 * Int32Array (int32), Uint8Array (uint8 and bool).
 */
export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

export interface DTypeMap {
  float32: Float32Array;
  float64: Float64Array;
  int32: Int32Array;
  uint8: Uint8Array;
  bool: Uint8Array;
}

/** Every dtype, in promotion order. */
export const DTYPES: readonly DType[] = ["bool", "uint8", "int32", "float32", "float64"];

export function isDType(x: unknown): x is DType {
  return x === "float32" || x === "float64" || x === "int32" || x === "uint8" || x === "bool";
}

export function allocate(dtype: DType, n: number): TypedArray {
  switch (dtype) {
    case "float32":
      return new Float32Array(n);
    case "float64":
      return new Float64Array(n);
    case "int32":
      return new Int32Array(n);
    case "uint8":
    case "bool":
      return new Uint8Array(n);
  }
}

/** The dtype a typed array holds by default (a Uint8Array: bool; it can also hold uint8). */
export function dtypeOfArray(a: TypedArray): DType {
  if (a instanceof Float32Array) return "float32";
  if (a instanceof Float64Array) return "float64";
  if (a instanceof Int32Array) return "int32";
  return "bool";
}

/** Whether `d` is a floating-point dtype (float32 or float64), as `torch.dtype.is_floating_point`. */
export const isFloating = (d: DType): boolean => d === "float32" || d === "float64";

/** Whether `a` can be the storage of a tensor of `dtype`. */
export function holds(a: TypedArray, dtype: DType): boolean {
  return dtype === "uint8" ? a instanceof Uint8Array : dtypeOfArray(a) === dtype;
}

// Promotion follows PyTorch's category order bool < int < float; within a category the wider wins.
const rank: Record<DType, number> = { bool: 0, uint8: 1, int32: 2, float32: 3, float64: 4 };

/** Result dtype of a binary op between two tensors (torch.result_type). */
export function promoteTypes(a: DType, b: DType): DType {
  return rank[a] >= rank[b] ? a : b;
}

/**
 * Result dtype of a tensor op with a JS number (a "wrapped scalar" in PyTorch): a scalar
 * only lifts the category (int tensor + 0.5 is float32), never the width.
 */
export function promoteWithScalar(t: DType, s: number | boolean): DType {
  if (typeof s === "boolean") return t;
  if (Number.isInteger(s)) return t === "bool" ? "int32" : t;
  return isFloating(t) ? t : "float32";
}

/** Ops such as exp, log, sigmoid and mean compute in floating point; integers become float32. */
export function floatResult(d: DType): DType {
  return isFloating(d) ? d : "float32";
}

/** `d` as a DType; a DTypeError naming `op` and the value for anything else ("float", "float16"). */
export function requireDType(op: string, d: unknown): DType {
  if (!isDType(d))
    throw new DTypeError(`${op}: unknown dtype ${fmtValue(d)}; expected one of ${DTYPES.join(", ")}`);
  return d;
}

/** PyTorch implements some ops for floating-point tensors only ("gelu" not implemented for 'Int'). */
export function requireFloatInput(op: string, d: DType): void {
  if (!isFloating(d)) {
    throw new DTypeError(
      `${op}: input must be a floating-point tensor, got ${d} (PyTorch has no ${op} for ${d})`,
    );
  }
}

export function requireFloating(op: string, arg: string, d: DType): void {
  if (!isFloating(d)) {
    throw new DTypeError(`${op}: expected a floating-point tensor for ${arg}, got ${d}`);
  }
}
