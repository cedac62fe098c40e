import { dispatch } from "../dispatch.js";
import { allocate, type DType, type TypedArray } from "../dtype.js";
import { fmtShape, ValueError } from "../errors.js";
import { planRows, walkRows } from "../iter.js";
import { contiguousStrides, isContiguous, numelOf } from "../shape.js";
import { empty, fromStorage } from "../storage.js";
import type { NestedArray, Tensor } from "../tensor.js";

/** Copies `src` (any strides, any dtype) into the contiguous array `dst` starting at `dstOffset`. */
export function copyInto(src: Tensor, dst: TypedArray, dstOffset = 0): void {
  const s = src.storage;
  const plan = planRows(src.shape, [src.strides, contiguousStrides(src.shape)]);
  const n = plan.n;
  const is = plan.inner[0]!;
  const toBool = dst instanceof Uint8Array && !(s instanceof Uint8Array);
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
  copyInto(t, out, 0);
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

export function to(t: Tensor, dtype: DType): Tensor {
  if (dtype === t.dtype) return t;
  return dispatch("to", [t], { dtype }, () => fromStorage(contiguousData(t, dtype), dtype, t.shape));
}

export function clone(t: Tensor): Tensor {
  return dispatch("clone", [t], {}, () => fromStorage(contiguousData(t), t.dtype, t.shape));
}

export function contiguous(t: Tensor): Tensor {
  if (isContiguous(t.shape, t.strides)) return t;
  return dispatch("contiguous", [t], {}, () => fromStorage(contiguousData(t), t.dtype, t.shape));
}

/** Shape of nested JS arrays, checking that they are rectangular. */
export function nestedShape(op: string, data: NestedArray): number[] {
  const shape: number[] = [];
  let cur: NestedArray = data;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    if (cur.length === 0) break;
    cur = cur[0] as NestedArray;
  }
  const check = (x: NestedArray, d: number, path: string): void => {
    if (d === shape.length) {
      if (Array.isArray(x))
        throw new ValueError(`${op}: ragged nested sequence at ${path}: expected a number, got an array`);
      if (typeof x !== "number" && typeof x !== "boolean") {
        throw new ValueError(`${op}: expected numbers or booleans, got ${typeof x} at ${path}`);
      }
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[d]) {
      throw new ValueError(
        `${op}: ragged nested sequence: expected length ${shape[d]} at ${path}, got ${Array.isArray(x) ? x.length : "a scalar"}`,
      );
    }
    (x as readonly NestedArray[]).forEach((v, i) => {
      check(v, d + 1, `${path}[${i}]`);
    });
  };
  check(data, 0, "data");
  return shape;
}

/** Flattens rectangular nested arrays into a typed array of `dtype`. */
export function fromNested(data: NestedArray, shape: readonly number[], dtype: DType): Tensor {
  const out = empty(dtype, shape);
  const buf = out.storage;
  let pos = 0;
  const fill = (x: NestedArray): void => {
    if (Array.isArray(x)) for (const v of x as readonly NestedArray[]) fill(v);
    else buf[pos++] = typeof x === "boolean" || dtype === "bool" ? (x ? 1 : 0) : (x as number);
  };
  fill(data);
  if (pos !== numelOf(shape))
    throw new ValueError(`tensor: internal size mismatch ${pos} vs ${fmtShape(shape)}`);
  return out;
}
