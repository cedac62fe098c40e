// Reading a tensor's values out: contiguous copies, `item()`, `toArray()`. Not ops (nothing is
// dispatched): every kernel and the printer use them.
import { allocate, type DType, type TypedArray } from "./dtype.js";
import { fmtShape, ValueError } from "./errors.js";
import { planRows, walkRows } from "./iter.js";
import { contiguousStrides } from "./shape.js";
import type { NestedArray, Tensor } from "./tensor.js";

/**
 * Copies `src` (any strides, any dtype) into the contiguous array `dst` starting at `dstOffset`,
 * converting as typed-array stores do; `toBool` stores x != 0 as 0/1 instead (a bool `dst`).
 */
export function copyInto(src: Tensor, dst: TypedArray, dstOffset = 0, toBool = false): void {
  const s = src.storage;
  const plan = planRows(src.shape, [src.strides, contiguousStrides(src.shape)]);
  const n = plan.n;
  const is = plan.inner[0]!;
  walkRows(plan, [src.offset, dstOffset], (o) => {
    const a = o[0]!;
    const b = o[1]!;
    if (toBool) for (let i = 0; i < n; i++) dst[b + i] = s[a + i * is]! !== 0 ? 1 : 0;
    else if (is === 1 && s.constructor === dst.constructor) dst.set(s.subarray(a, a + n), b);
    else for (let i = 0; i < n; i++) dst[b + i] = s[a + i * is]!;
  });
}

/** A contiguous copy of the values; the storage itself is never returned. */
export function contiguousData(t: Tensor, dtype: DType = t.dtype): TypedArray {
  const out = allocate(dtype, t.numel());
  copyInto(t, out, 0, dtype === "bool" && t.dtype !== "bool");
  return out;
}

export function item(t: Tensor): number {
  t.assertLive("item");
  if (t.numel() !== 1) {
    throw new ValueError(
      `item: a Tensor with ${t.numel()} elements cannot be converted to Scalar (shape ${fmtShape(t.shape)})`,
    );
  }
  return t.storage[t.offset]!;
}

export function toArray(t: Tensor): NestedArray {
  t.assertLive("toArray");
  const data = contiguousData(t);
  const asBool = t.dtype === "bool";
  let pos = 0;
  const build = (d: number): NestedArray => {
    if (d === t.shape.length) {
      const v = data[pos++]!;
      return asBool ? v !== 0 : v;
    }
    const out: NestedArray[] = [];
    for (let i = 0; i < t.shape[d]!; i++) out.push(build(d + 1));
    return out;
  };
  return build(0);
}
