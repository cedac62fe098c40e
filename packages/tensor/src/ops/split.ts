// split and chunk: a tensor cut along one dim into views (narrow's slices), as PyTorch's, so
// gradients flow back through the slice op and writes through a piece reach the input.
import { argError, checkInt } from "../args.js";
import { fmtShape, ShapeError, ValueError } from "../errors.js";
import { installMethods } from "../methods.js";
import { normalizeDim } from "../shape.js";
import type { Tensor } from "../tensor.js";
import { slice } from "./views.js";

declare module "../tensor.js" {
  interface Tensor {
    /**
     * Views of `splitSize` elements along `dim` (the last one smaller), or of the given sizes
     * when `sizeOrSections` is an array (torch.split).
     */
    split(sizeOrSections: number | readonly number[], dim?: number): Tensor[];
    /** `chunks` views along `dim` of ⌈size / chunks⌉ elements; fewer when they run out (torch.chunk). */
    chunk(chunks: number, dim?: number): Tensor[];
  }
}

/** The most elements a JavaScript array holds. */
const MAX_PIECES = 2 ** 32 - 1;

/** The views of `x` along `d` of the given sizes (which sum to its size there). */
function pieces(x: Tensor, d: number, sizes: readonly number[]): Tensor[] {
  let at = 0;
  return sizes.map((n) => {
    const piece = slice(x, d, at, at + n, 1);
    at += n;
    return piece;
  });
}

function splitDim(op: string, x: Tensor, dim: number): number {
  if (x.ndim === 0)
    throw new ShapeError(`${op}: expects at least a 1-dimensional tensor, got a 0-dim tensor`);
  return normalizeDim(op, dim, x.ndim);
}

/** Pieces of `size` along `d`, the last one smaller (one empty piece of an empty dim). */
function splitBySize(op: string, x: Tensor, d: number, size: number): Tensor[] {
  const n = x.shape[d]!;
  if (size === 0 && n !== 0) {
    throw new ValueError(
      `${op}: split size can only be 0 if dimension size is 0, but got dimension size of ${n}`,
    );
  }
  const count = size === 0 ? 1 : Math.max(Math.ceil(n / size), 1);
  const sizes = Array.from({ length: count }, (_, i) => Math.min(size, n - i * size));
  return pieces(x, d, sizes);
}

export function split(x: Tensor, sizeOrSections: number | readonly number[], dim = 0): Tensor[] {
  if (typeof sizeOrSections === "number") {
    checkInt("split", "splitSize", sizeOrSections, 0);
    return splitBySize("split", x, splitDim("split", x, dim), sizeOrSections);
  }
  if (!Array.isArray(sizeOrSections) || !sizeOrSections.every((s) => Number.isSafeInteger(s) && s >= 0)) {
    throw argError("split", "sizeOrSections", "an integer >= 0 or an array of them", sizeOrSections);
  }
  const d = splitDim("split", x, dim);
  const total = sizeOrSections.reduce((a, b) => a + b, 0);
  if (total !== x.shape[d]) {
    throw new ShapeError(
      `split: split sizes must sum exactly to ${x.shape[d]} (the size of dim ${d} of the input of shape ${fmtShape(x.shape)}), but got sizes ${fmtShape(sizeOrSections)}`,
    );
  }
  return pieces(x, d, sizeOrSections);
}

export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  checkInt("chunk", "chunks", chunks, 1);
  const d = splitDim("chunk", x, dim);
  const n = x.shape[d]!;
  // An empty dim still gives `chunks` empty pieces, as PyTorch's chunk (within an array's length).
  if (n === 0) {
    if (chunks > MAX_PIECES)
      throw new ValueError(`chunk: cannot make ${chunks} pieces (at most ${MAX_PIECES})`);
    return pieces(x, d, new Array<number>(chunks).fill(0));
  }
  return splitBySize("chunk", x, d, Math.ceil(n / chunks));
}

installMethods({
  split(sizeOrSections, dim = 0) {
    return split(this, sizeOrSections, dim);
  },
  chunk(chunks, dim = 0) {
    return chunk(this, chunks, dim);
  },
});
