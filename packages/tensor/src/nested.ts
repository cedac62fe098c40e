// Nested JS arrays → tensors: the shape check and the flattening behind `tensor()`.
import type { DType } from "./dtype.js";
import { fmtShape, fmtValue, ValueError } from "./errors.js";
import { numelOf } from "./shape.js";
import { empty } from "./storage.js";
import type { NestedArray, Tensor } from "./tensor.js";

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
        throw new ValueError(`${op}: expected numbers or booleans, got ${fmtValue(x)} at ${path}`);
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
