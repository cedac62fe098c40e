// Reductions over one or more dims, with keepdim. Sums accumulate in float64.
import { dispatch } from "../dispatch.js";
import { type DType, floatResult, isFloating, type TypedArray } from "../dtype.js";
import { DTypeError, fmtShape, IndexError, ValueError } from "../errors.js";
import { planBlocks, planRows, walkBlocks, walkRows } from "../iter.js";
import { argmaxRowsWasm } from "../kernels/argmax-rows.js";
import { reduceLoop } from "../kernels/codegen.js";
import { forEachLane } from "../lanes.js";
import { contiguousStrides, normalizeDim } from "../shape.js";
import { empty, fromStorage } from "../storage.js";
import type { Tensor } from "../tensor.js";
import { contiguousData } from "./convert.js";

export type ReduceOp = "sum" | "mean" | "prod" | "amax" | "amin";

const COMBINE: Record<ReduceOp, string> = {
  sum: "acc + x",
  mean: "acc + x",
  prod: "acc * x",
  // NaN wins, as in PyTorch.
  amax: "(x > acc || x !== x) ? x : acc",
  amin: "(x < acc || x !== x) ? x : acc",
};
const INIT: Record<ReduceOp, number> = {
  sum: 0,
  mean: 0,
  prod: 1,
  amax: Number.NEGATIVE_INFINITY,
  amin: Number.POSITIVE_INFINITY,
};

/** Normalized, sorted, unique dims; null or undefined means all dims. */
export function reduceDims(
  op: string,
  t: Tensor,
  dim: number | readonly number[] | null | undefined,
): number[] {
  if (dim === null || dim === undefined) return t.shape.map((_, i) => i);
  const list = typeof dim === "number" ? [dim] : dim;
  const out = list.map((d) => normalizeDim(op, d, t.ndim));
  const repeated = out.find((d, i) => out.indexOf(d) !== i);
  if (repeated !== undefined)
    throw new ValueError(`${op}: dim ${repeated} appears multiple times in the list of dims`);
  return t.ndim === 0 ? [] : out.sort((a, b) => a - b);
}

/** Output shape with keepdim (reduced dims as 1) and without. */
export function reducedShapes(
  shape: readonly number[],
  dims: readonly number[],
): { kept: number[]; dropped: number[] } {
  const kept = shape.map((s, i) => (dims.includes(i) ? 1 : s));
  const dropped = shape.filter((_, i) => !dims.includes(i));
  return { kept, dropped };
}

/**
 * Strides that map each element of `t` to its group in a contiguous buffer of the keepdim
 * shape `kept` (0 along the reduced dims).
 */
function groupStrides(t: Tensor, kept: readonly number[]): number[] {
  return contiguousStrides(kept).map((s, i) => (kept[i] === 1 && t.shape[i] !== 1 ? 0 : s));
}

/** The second pass of var and logsumexp: per group, the sum of f(x - c[group]). */
function sumShifted(
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

/** Accumulates `t` into a float64 buffer of the keepdim shape. */
function accumulate(op: ReduceOp, t: Tensor, kept: readonly number[], init: number): Float64Array {
  let groups = 1;
  for (const s of kept) groups *= s;
  const acc = new Float64Array(groups).fill(init);
  const plan = planBlocks(t.shape, [groupStrides(t, kept), t.strides]);
  const loop = reduceLoop(COMBINE[op], acc, t.storage);
  const [as, is] = plan.inner as [number, number];
  const [as1, is1] = plan.mid as [number, number];
  const data = t.storage;
  const { n, m } = plan;
  walkBlocks(plan, [0, t.offset], (o) => loop(acc, o[0]!, as, as1, data, o[1]!, is, is1, n, m));
  return acc;
}

function outDtype(op: ReduceOp, d: DType): DType {
  if (op === "mean") {
    if (!isFloating(d)) {
      throw new DTypeError(
        `mean: could not infer output dtype. Input dtype must be a floating point dtype, but got ${d}; use .float() first`,
      );
    }
    return d;
  }
  if (op === "sum" || op === "prod") return d === "bool" ? "int32" : d;
  return d;
}

export function reduce(
  op: ReduceOp,
  t: Tensor,
  dim: number | readonly number[] | null | undefined,
  keepdim: boolean,
): Tensor {
  const dims = reduceDims(op, t, dim);
  const dtype = outDtype(op, t.dtype);
  const { kept, dropped } = reducedShapes(t.shape, dims);
  const emptyDim = dims.find((d) => t.shape[d] === 0);
  if (
    (op === "amax" || op === "amin") &&
    (emptyDim !== undefined || (t.numel() === 0 && dims.length === t.ndim))
  ) {
    throw new IndexError(
      `${op}: expected reduction dim ${emptyDim ?? 0} to have non-zero size (shape ${fmtShape(t.shape)})`,
    );
  }
  return dispatch(op, [t], { dims, keepdim }, () => {
    const acc = accumulate(op, t, kept, INIT[op]);
    if (op === "mean") {
      let count = 1;
      for (const d of dims) count *= t.shape[d]!;
      for (let i = 0; i < acc.length; i++) acc[i] = acc[i]! / count;
    }
    const out = empty(dtype, keepdim ? kept : dropped);
    out.storage.set(dtype === "bool" ? acc.map((v) => (v !== 0 ? 1 : 0)) : acc);
    return out;
  });
}

/** Variance over dims with `correction` (1 = Bessel's), two-pass for accuracy. */
export function variance(
  t: Tensor,
  dim: number | readonly number[] | null | undefined,
  keepdim: boolean,
  correction: number,
  op: "var" | "std" = "var",
): Tensor {
  const dims = reduceDims(op, t, dim);
  if (!isFloating(t.dtype)) throw new DTypeError(`${op}: expected a floating point tensor, got ${t.dtype}`);
  const { kept, dropped } = reducedShapes(t.shape, dims);
  return dispatch("var", [t], { dims, keepdim, correction }, () => {
    let count = 1;
    for (const d of dims) count *= t.shape[d]!;
    const mean = accumulate("sum", t, kept, 0);
    for (let i = 0; i < mean.length; i++) mean[i] = mean[i]! / count;
    // Second pass: squared deviations from each group's mean.
    const acc = sumShifted(t, kept, mean, (d) => d * d);
    const denom = Math.max(count - correction, 0);
    const out = empty(t.dtype, keepdim ? kept : dropped);
    for (let i = 0; i < acc.length; i++) out.storage[i] = acc[i]! / denom;
    return out;
  });
}

export function argMaxMin(
  op: "argmax" | "argmin",
  t: Tensor,
  dim: number | undefined,
  keepdim: boolean,
): Tensor {
  if (t.numel() === 0 && dim === undefined)
    throw new IndexError(
      `${op}: expected reduction dim to be specified for input.numel() == 0 (shape ${fmtShape(t.shape)})`,
    );
  // Without a dim, argmax runs over the flattened values (a copy, outside dispatch).
  const x = dim === undefined ? fromStorage(contiguousData(t), t.dtype, [t.numel()]) : t;
  const d = dim === undefined ? 0 : normalizeDim(op, dim, t.ndim);
  if (x.ndim === 0) return dispatch(op, [t], { dim, keepdim }, () => empty("int32", []));
  if (x.shape[d] === 0)
    throw new IndexError(
      `${op}: expected reduction dim ${d} to have non-zero size (shape ${fmtShape(t.shape)})`,
    );
  const shape =
    dim === undefined
      ? keepdim
        ? t.shape.map(() => 1)
        : []
      : keepdim
        ? x.shape.map((s, i) => (i === d ? 1 : s))
        : x.shape.filter((_, i) => i !== d);
  const greater = op === "argmax";
  return dispatch(op, [t], { dim, keepdim }, () => {
    const out = empty("int32", shape);
    const o = out.storage;
    const data = x.storage;
    const size = x.shape[d]!;
    const stride = x.strides[d]!;
    if (d === x.ndim - 1 && x.isContiguous()) {
      // Rows of a contiguous last dim (argmax over classes): no per-lane callback, and the
      // wasm kernel for float32 argmax.
      const rows = o.length;
      if (
        greater &&
        data instanceof Float32Array &&
        argmaxRowsWasm(data, x.offset, rows, size, o as Int32Array, 0)
      )
        return out;
      for (let r = 0; r < rows; r++) o[r] = argLane(data, x.offset + r * size, 1, size, greater);
      return out;
    }
    forEachLane(x.shape, d, [x.strides, keptStrides(x.shape, d)], [x.offset, 0], (offs) => {
      o[offs[1]!] = argLane(data, offs[0]!, stride, size, greater);
    });
    return out;
  });
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

/** torch.max(x, dim): values are gathered at the indices, so their gradient is gather's. */
export function maxMin(
  op: "max" | "min",
  t: Tensor,
  dim: number,
  keepdim: boolean,
): { values: Tensor; indices: Tensor } {
  const d = normalizeDim(op, dim, t.ndim);
  const idx = argMaxMin(op === "max" ? "argmax" : "argmin", t, d, true);
  const values = t.ndim === 0 ? t.clone() : t.gather(d, idx);
  return keepdim || t.ndim === 0
    ? { values, indices: idx }
    : { values: values.squeeze(d), indices: idx.squeeze(d) };
}

export function logsumexp(t: Tensor, dim: number | readonly number[], keepdim: boolean): Tensor {
  const dims = reduceDims("logsumexp", t, dim);
  const { kept, dropped } = reducedShapes(t.shape, dims);
  const dtype = floatResult(t.dtype);
  return dispatch("logsumexp", [t], { dims, keepdim }, () => {
    const m = accumulate("amax", t, kept, Number.NEGATIVE_INFINITY);
    // Shift by the max for stability; an infinite max shifts by 0 instead (all -inf stays -inf).
    for (let i = 0; i < m.length; i++) if (!Number.isFinite(m[i]!)) m[i] = 0;
    const acc = sumShifted(t, kept, m, Math.exp);
    const out = empty(dtype, keepdim ? kept : dropped);
    for (let i = 0; i < acc.length; i++) out.storage[i] = Math.log(acc[i]!) + m[i]!;
    return out;
  });
}

export function allAny(op: "all" | "any", t: Tensor, dim: number | undefined, keepdim: boolean): Tensor {
  const dims = reduceDims(op, t, dim);
  const { kept, dropped } = reducedShapes(t.shape, dims);
  return dispatch(op, [t], { dims, keepdim }, () => {
    // all: no zero anywhere (count zeros); any: some non-zero.
    const asBool = fromStorage(t.storage, t.dtype, t.shape, t.strides, t.offset);
    const acc = accumulate(op === "all" ? "amin" : "amax", asBool.ne(0), kept, op === "all" ? 1 : 0);
    const out = empty("bool", keepdim ? kept : dropped);
    for (let i = 0; i < acc.length; i++) out.storage[i] = acc[i]! !== 0 ? 1 : 0;
    return out;
  });
}

/** Contiguous strides of `shape` with `dim` of size 1, as the strides of a reduced output. */
function keptStrides(shape: readonly number[], dim: number): number[] {
  return contiguousStrides(shape.map((s, i) => (i === dim ? 1 : s)));
}
