import { fmtShape, fmtValue, IndexError, ShapeError, ValueError } from "./errors.js";

/**
 * A tensor's shape: one size per dim.
 *
 * @inline
 */
export type Shape = readonly number[];

export function numelOf(shape: Shape): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

export function isContiguous(shape: Shape, strides: readonly number[]): boolean {
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const n = shape[i]!;
    if (n !== 1 && strides[i] !== s) return false;
    s *= n;
  }
  return true;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Wraps a possibly negative dim into [0, ndim); PyTorch's message when out of range. */
export function normalizeDim(op: string, dim: number, ndim: number): number {
  if (!Number.isInteger(dim)) throw new ValueError(`${op}: dim must be an integer, got ${fmtValue(dim)}`);
  const lo = ndim === 0 ? -1 : -ndim;
  const hi = ndim === 0 ? 0 : ndim - 1;
  if (!Number.isInteger(dim) || dim < lo || dim > hi) {
    throw new IndexError(
      `${op}: Dimension out of range (expected to be in range of [${lo}, ${hi}], but got ${fmtValue(dim)})`,
    );
  }
  return dim < 0 ? dim + Math.max(ndim, 1) : dim;
}

/** Broadcast shape of several shapes, numpy rules; the error names the op and both shapes. */
export function broadcastShapes(op: string, ...shapes: Shape[]): number[] {
  let ndim = 0;
  for (const s of shapes) {
    if (!Array.isArray(s))
      throw new ValueError(`${op}: expected shapes as arrays of sizes, got ${fmtValue(s)}`);
    ndim = Math.max(ndim, s.length);
  }
  // Pushed, not `new Array(ndim).fill(1)`: a packed array, half the time of an op on [10, 1].
  const out: number[] = [];
  for (let i = 0; i < ndim; i++) out.push(1);
  for (const s of shapes) {
    const off = ndim - s.length;
    for (let i = 0; i < s.length; i++) {
      const d = s[i]!;
      const o = out[off + i]!;
      if (d === o || d === 1) continue;
      if (o === 1) out[off + i] = d;
      else {
        throw new ShapeError(
          `${op}: the size of tensor a (${o}) must match the size of tensor b (${d}) at non-singleton dimension ${i + off} (shapes ${shapes.map(fmtShape).join(" and ")})`,
        );
      }
    }
  }
  return out;
}

/** Strides that read a tensor of `shape`/`strides` as if it had the (broadcast) shape `to`. */
export function broadcastStrides(shape: Shape, strides: readonly number[], to: Shape): number[] {
  const off = to.length - shape.length;
  const out = new Array<number>(to.length).fill(0);
  for (let i = 0; i < shape.length; i++) out[off + i] = shape[i] === 1 ? 0 : strides[i]!;
  return out;
}

/** Resolves one `-1` in a requested view shape and checks the element count. */
export function inferShape(op: string, requested: readonly number[], numel: number, from: Shape): number[] {
  let infer = -1;
  let known = 1;
  for (let i = 0; i < requested.length; i++) {
    const d = requested[i]!;
    if (d === -1) {
      if (infer >= 0) throw new ValueError(`${op}: only one dimension can be inferred`);
      infer = i;
    } else if (!Number.isInteger(d) || d < 0) {
      throw new ValueError(`${op}: invalid shape dimension ${d} in ${fmtShape(requested)}`);
    } else known *= d;
  }
  const out = [...requested];
  if (infer >= 0) {
    if (known === 0 || numel % known !== 0) {
      throw new ShapeError(
        `${op}: shape '${fmtShape(requested)}' is invalid for input of size ${numel} (input shape ${fmtShape(from)})`,
      );
    }
    out[infer] = numel / known;
  } else if (known !== numel) {
    throw new ShapeError(
      `${op}: shape '${fmtShape(requested)}' is invalid for input of size ${numel} (input shape ${fmtShape(from)})`,
    );
  }
  return out;
}

/**
 * Strides for viewing memory laid out as (shape, strides) with a new shape, without copying,
 * or null when that needs a copy (PyTorch's computeStride). Groups of old dims that are
 * contiguous among themselves can be split or merged freely.
 */
export function viewStrides(shape: Shape, strides: readonly number[], newShape: Shape): number[] | null {
  const out = new Array<number>(newShape.length);
  if (numelOf(shape) === 0) return contiguousStrides(newShape);
  let viewD = newShape.length - 1;
  let chunkBase = strides[strides.length - 1] ?? 1;
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    tensorNumel *= shape[d]!;
    if (d === 0 || (shape[d - 1] !== 1 && strides[d - 1] !== tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        out[viewD] = viewNumel * chunkBase;
        viewNumel *= newShape[viewD]!;
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBase = strides[d - 1]!;
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD !== -1) return null;
  return out;
}
