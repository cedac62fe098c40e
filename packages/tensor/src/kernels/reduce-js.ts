/**
 * The JavaScript reduction kernels: a generated fold per combine function (codegen.ts) into a
 * float64 accumulator of the keepdim shape, the shifted second pass of var and logsumexp, and
 * the lanes of argmax/argmin.
 */
import type { TypedArray } from "../dtype.js";
import { planBlocks, planRows, walkBlocks, walkRows } from "../iter.js";
import { forEachLane } from "../lanes.js";
import { contiguousStrides } from "../shape.js";
import { fromStorage } from "../storage.js";
import type { Tensor } from "../tensor.js";
import { contiguousData } from "../values.js";
import { type ReduceFn, reduceLoop } from "./codegen.js";

export type { ReduceFn };

/**
 * Strides that map each element of `t` to its group in a contiguous buffer of the keepdim
 * shape `kept` (0 along the reduced dims).
 */
function groupStrides(t: Tensor, kept: readonly number[]): number[] {
  return contiguousStrides(kept).map((s, i) => (kept[i] === 1 && t.shape[i] !== 1 ? 0 : s));
}

/** Folds `t` with `fn` into a float64 buffer of the keepdim shape, starting from `init`. */
export function accumulate(fn: ReduceFn, t: Tensor, kept: readonly number[], init: number): Float64Array {
  let groups = 1;
  for (const s of kept) groups *= s;
  const acc = new Float64Array(groups).fill(init);
  const plan = planBlocks(t.shape, [groupStrides(t, kept), t.strides]);
  const loop = reduceLoop(fn, acc, t.storage);
  const [as, is] = plan.inner as [number, number];
  const [as1, is1] = plan.mid as [number, number];
  const data = t.storage;
  const { n, m } = plan;
  walkBlocks(plan, [0, t.offset], (o) => loop(acc, o[0]!, as, as1, data, o[1]!, is, is1, n, m));
  return acc;
}

/** The second pass of var and logsumexp: per group, the sum of f(x - c[group]). */
export function sumShifted(
  t: Tensor,
  kept: readonly number[],
  c: Float64Array,
  f: (d: number) => number,
): Float64Array {
  const acc = new Float64Array(c.length);
  const plan = planRows(t.shape, [groupStrides(t, kept), t.strides]);
  const [as, is] = plan.inner as [number, number];
  const data = t.storage;
  const n = plan.n;
  walkRows(plan, [0, t.offset], (o) => {
    const a0 = o[0]!;
    const i0 = o[1]!;
    for (let i = 0; i < n; i++) {
      const k = a0 + i * as;
      acc[k] = acc[k]! + f(data[i0 + i * is]! - c[k]!);
    }
  });
  return acc;
}

/** Index of the largest (`greater`) or smallest of `size` values; the first NaN wins, as in PyTorch. */
function argLane(data: TypedArray, off: number, stride: number, size: number, greater: boolean): number {
  let best = data[off]!;
  if (Number.isNaN(best)) return 0;
  let bi = 0;
  for (let j = 1; j < size; j++) {
    const v = data[off + j * stride]!;
    if (Number.isNaN(v)) return j;
    if (greater ? v > best : v < best) {
      best = v;
      bi = j;
    }
  }
  return bi;
}

/** out (contiguous, x's shape with `dim` reduced) = argmax (`greater`) or argmin of x along dim. */
export function argLanes(x: Tensor, dim: number, out: Int32Array, greater: boolean): void {
  const data = x.storage;
  const size = x.shape[dim]!;
  if (dim === x.ndim - 1 && x.isContiguous()) {
    // Rows of a contiguous last dim (argmax over classes): no per-lane callback.
    for (let r = 0; r < out.length; r++) out[r] = argLane(data, x.offset + r * size, 1, size, greater);
    return;
  }
  const stride = x.strides[dim]!;
  const keptStrides = contiguousStrides(x.shape.map((s, i) => (i === dim ? 1 : s)));
  forEachLane(x.shape, dim, [x.strides, keptStrides], [x.offset, 0], (offs) => {
    out[offs[1]!] = argLane(data, offs[0]!, stride, size, greater);
  });
}

/** argmax/argmin's input as their kernels see it: flattened (a copy) when no dim is given. */
export function argInput(t: Tensor, dim: number | undefined): Tensor {
  return dim === undefined ? fromStorage(contiguousData(t), t.dtype, [t.numel()]) : t;
}

/** argmax/argmin's output shape along `dim` (undefined: over all values). */
export function argShape(t: Tensor, dim: number | undefined, keepdim: boolean): number[] {
  if (dim === undefined) return keepdim ? t.shape.map(() => 1) : [];
  return keepdim ? t.shape.map((s, i) => (i === dim ? 1 : s)) : t.shape.filter((_, i) => i !== dim);
}
