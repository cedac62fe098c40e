/**
 * The JavaScript elementwise kernels: a generated loop (codegen.ts) per element function and
 * typed-array classes, walked over the 2-D blocks of a loop plan (iter.ts), for every dtype,
 * layout and broadcast.
 */
import { type BlockPlan, planBlocks, planRows, walkBlocks, walkRows } from "../iter.js";
import { broadcastStrides, contiguousStrides, sameShape } from "../shape.js";
import type { Tensor } from "../tensor.js";
import { type BinaryFn, binaryLoop, type Store, type UnaryFn, unaryLoop } from "./codegen.js";

/** The loop plan of `out` (any strides) from a and b broadcast to out's shape. */
export function binaryPlan(out: Tensor, a: Tensor, b: Tensor): BlockPlan {
  return planWith(out.shape, out.strides, a, b);
}

/** The loop plan of a new contiguous result of `shape` from a and b broadcast to it. */
export function planFor(shape: readonly number[], a: Tensor, b: Tensor): BlockPlan {
  return planWith(shape, contiguousStrides(shape), a, b);
}

function planWith(shape: readonly number[], outStrides: readonly number[], a: Tensor, b: Tensor): BlockPlan {
  const sa = sameShape(a.shape, shape) ? a.strides : broadcastStrides(a.shape, a.strides, shape);
  const sb = sameShape(b.shape, shape) ? b.strides : broadcastStrides(b.shape, b.strides, shape);
  return planBlocks(shape, [outStrides, sa, sb]);
}

/** out = fn(a, b) elementwise, a and b broadcast to out's shape (any strides). */
export function binaryInto(
  fn: BinaryFn,
  store: Store,
  out: Tensor,
  a: Tensor,
  b: Tensor,
  plan: BlockPlan = binaryPlan(out, a, b),
): void {
  const loop = binaryLoop(fn, store, out.storage, a.storage, b.storage);
  const [os, as, bs] = plan.inner as [number, number, number];
  const [os1, as1, bs1] = plan.mid as [number, number, number];
  const o = out.storage;
  const ad = a.storage;
  const bd = b.storage;
  const { n, m } = plan;
  walkBlocks(plan, [out.offset, a.offset, b.offset], (off) =>
    loop(o, off[0]!, os, os1, ad, off[1]!, as, as1, bd, off[2]!, bs, bs1, n, m),
  );
}

const copyValue: BinaryFn = (_x, y) => y;
const copyBool: BinaryFn = (_x, y) => (y ? 1 : 0);

/** Writes `src` (broadcast, converted to dst's dtype) into the view `dst`. */
export function copyValues(dst: Tensor, src: Tensor): void {
  binaryInto(dst.dtype === "bool" ? copyBool : copyValue, "value", dst, dst, src);
}

/** out = fn(a, p, q) elementwise (same shape, any strides). */
export function mapInto(fn: UnaryFn, store: Store, out: Tensor, a: Tensor, p: number, q: number): Tensor {
  const plan = planBlocks(a.shape, [out.strides, a.strides]);
  const loop = unaryLoop(fn, store, out.storage, a.storage);
  const [os, as] = plan.inner as [number, number];
  const [os1, as1] = plan.mid as [number, number];
  const o = out.storage;
  const ad = a.storage;
  const { n, m } = plan;
  walkBlocks(plan, [out.offset, a.offset], (off) =>
    loop(o, off[0]!, os, os1, ad, off[1]!, as, as1, n, m, p, q),
  );
  return out;
}

/** Whether `t` has `out`'s shape and both are contiguous (element i of each at offset + i). */
function sameDense(out: Tensor, t: Tensor): boolean {
  const a = out.shape;
  const b = t.shape;
  if (a.length !== b.length) return false;
  for (let d = 0; d < a.length; d++) if (a[d] !== b[d]) return false;
  return out.isContiguous() && t.isContiguous();
}

/** out = cond ? x : y, all three broadcast to out's shape; cond is a bool tensor. */
export function whereInto(out: Tensor, cond: Tensor, x: Tensor, y: Tensor): void {
  // One pass for the common case (ReLU's gradient: where(out > 0, g, 0)): out, cond and x
  // contiguous and of out's shape, y one value.
  if (y.numel() === 1 && sameDense(out, cond) && sameDense(out, x)) {
    const o = out.storage;
    const xd = x.storage;
    const cd = cond.storage;
    const v = y.storage[y.offset]!;
    const [o0, x0, c0] = [out.offset, x.offset, cond.offset];
    const n = out.numel();
    for (let i = 0; i < n; i++) o[o0 + i] = cd[c0 + i] ? xd[x0 + i]! : v;
    return;
  }
  // Two passes: copy y, then overwrite with x where the condition holds.
  binaryInto(copyValue, "value", out, out, y);
  const shape = out.shape;
  const xs = broadcastStrides(x.shape, x.strides, shape);
  const cs = broadcastStrides(cond.shape, cond.strides, shape);
  const plan = planRows(shape, [out.strides, xs, cs]);
  const [os, xst, cst] = plan.inner as [number, number, number];
  const o = out.storage;
  const xd = x.storage;
  const cd = cond.storage;
  const n = plan.n;
  walkRows(plan, [out.offset, x.offset, cond.offset], (off) => {
    const o0 = off[0]!;
    const x0 = off[1]!;
    const c0 = off[2]!;
    for (let i = 0; i < n; i++) if (cd[c0 + i * cst]) o[o0 + i * os] = xd[x0 + i * xst]!;
  });
}
