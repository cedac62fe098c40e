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

/** `[2, 3]`, the way every tsgrad message prints a shape. */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}
