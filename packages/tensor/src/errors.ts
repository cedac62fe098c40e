/**
 * Error classes of tsgrad. Messages follow PyTorch's: they start with the op's name and
 * name the argument and the shapes involved, shapes written in brackets (`[2, 3]`).
 */
export class TsgradError extends Error {
  override name = "TsgradError";
}

/** Shapes that do not fit together (broadcasting, views, matmul, cat...). */
export class ShapeError extends TsgradError {
  override name = "ShapeError";
}

/** An operand of a dtype the op does not accept. */
export class DTypeError extends TsgradError {
  override name = "DTypeError";
}

/** An index or dimension out of range. */
export class IndexError extends TsgradError {
  override name = "IndexError";
}

/** A bad argument value (negative size, empty range, wrong option...). */
export class ValueError extends TsgradError {
  override name = "ValueError";
}

/**
 * A rule of automatic differentiation broken (PyTorch raises RuntimeError): an in-place op on
 * a leaf that requires grad or on a view of one, backward twice through a freed graph, a saved
 * tensor modified in place, backward of a result that does not require grad.
 */
export class AutogradError extends TsgradError {
  override name = "AutogradError";
}

/** A value as a message shows what a caller passed: `"2"`, `null`, `[2, 3]`, `a Linear`, `an object`. */
export function fmtValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint" || v == null) return String(v);
  if (Array.isArray(v)) return `[${v.map(fmtValue).join(", ")}]`;
  if (typeof v === "function") return "a function";
  const shape = (v as { shape?: unknown }).shape;
  if (Array.isArray(shape)) return `a tensor of shape ${fmtShape(shape)}`;
  // A class instance by its class (`a Linear`, `a Float32Array`), an object literal as one.
  const name = (v as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === "string" && name !== "" && name !== "Object"
    ? `${/^[AEIOU]/.test(name) ? "an" : "a"} ${name}`
    : "an object";
}

/** `[2, 3]`, the way every tsgrad message prints a shape. */
export function fmtShape(shape: readonly number[]): string {
  return Array.isArray(shape) ? `[${shape.join(", ")}]` : fmtValue(shape);
}
