// Views: O(1) stride tricks that share storage. Each goes through dispatch so that
// autograd can route gradients back through it.
import { dispatch } from "../dispatch.js";
import { fmtShape, IndexError, ShapeError, ValueError } from "../errors.js";
import { inferShape, normalizeDim, viewStrides } from "../shape.js";
import { fromStorage, restride } from "../storage.js";
import { Tensor } from "../tensor.js";
import { contiguousData } from "./convert.js";

/** Accepts `f(2, 3)` and `f([2, 3])` alike. */
export function shapeArgs(args: readonly (number | readonly number[])[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return [...(args[0] as readonly number[])];
  return args.map((a) => {
    if (typeof a !== "number")
      throw new ValueError(`expected a shape as numbers or one array, got ${JSON.stringify(args)}`);
    return a;
  });
}

export function sizeAt(t: Tensor, dim: number): number {
  return t.shape[normalizeDim("size", dim, t.ndim)]!;
}

function viewOf(t: Tensor, shape: readonly number[], strides: readonly number[], offset: number): Tensor {
  return restride(t, shape, strides, offset);
}

/** A view with a new shape; throws when the strides make that impossible without a copy. */
export function view(t: Tensor, requested: readonly number[], op = "view"): Tensor {
  const shape = inferShape(op, requested, t.numel(), t.shape);
  const strides = t.ndim === 0 ? shape.map(() => 1) : viewStrides(t.shape, t.strides, shape);
  if (strides === null) {
    throw new ShapeError(
      `${op}: view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces); input shape ${fmtShape(t.shape)}, requested ${fmtShape(requested)}. Use .reshape(...) instead.`,
    );
  }
  return dispatch("view", [t], { shape }, () => viewOf(t, shape, strides, t.offset));
}

/** A view when the strides allow one, else a contiguous copy, like torch.reshape. */
export function reshape(t: Tensor, requested: readonly number[]): Tensor {
  const shape = inferShape("reshape", requested, t.numel(), t.shape);
  const strides = t.ndim === 0 ? shape.map(() => 1) : viewStrides(t.shape, t.strides, shape);
  if (strides !== null) return dispatch("view", [t], { shape }, () => viewOf(t, shape, strides, t.offset));
  return dispatch("reshape", [t], { shape }, () => fromStorage(contiguousData(t), t.dtype, shape));
}

export function permute(t: Tensor, dims: readonly number[]): Tensor {
  const nd = t.ndim;
  if (dims.length !== nd) {
    throw new ShapeError(
      `permute: number of dims don't match in permute: input shape ${fmtShape(t.shape)} has ${nd} dims but dims ${fmtShape(dims)} has ${dims.length}`,
    );
  }
  const norm = dims.map((d) => normalizeDim("permute", d, nd));
  if (new Set(norm).size !== nd) throw new ValueError(`permute: repeated dim in permute ${fmtShape(dims)}`);
  return dispatch("permute", [t], { dims: norm }, () => new Tensor(t.nd.transpose(...norm), t.dtype));
}

export function transpose(t: Tensor, dim0: number, dim1: number): Tensor {
  const nd = t.ndim;
  const a = normalizeDim("transpose", dim0, nd);
  const b = normalizeDim("transpose", dim1, nd);
  const dims = t.shape.map((_, i) => i);
  dims[a] = b;
  dims[b] = a;
  if (nd === 0) return permute(t, []);
  return permute(t, dims);
}

export function t(x: Tensor): Tensor {
  if (x.ndim > 2)
    throw new ShapeError(
      `t: expects a tensor with <= 2 dimensions, but self is ${x.ndim}D (shape ${fmtShape(x.shape)})`,
    );
  return x.ndim < 2
    ? permute(
        x,
        x.shape.map((_, i) => i),
      )
    : permute(x, [1, 0]);
}

export function flatten(x: Tensor, startDim: number, endDim: number): Tensor {
  if (x.ndim === 0) return reshape(x, [1]);
  const s = normalizeDim("flatten", startDim, x.ndim);
  const e = normalizeDim("flatten", endDim, x.ndim);
  if (s > e) throw new ValueError(`flatten: start_dim (${startDim}) cannot come after end_dim (${endDim})`);
  let n = 1;
  for (let i = s; i <= e; i++) n *= x.shape[i]!;
  return reshape(x, [...x.shape.slice(0, s), n, ...x.shape.slice(e + 1)]);
}

export function squeeze(x: Tensor, dim?: number): Tensor {
  if (dim === undefined)
    return view(
      x,
      x.shape.filter((s) => s !== 1),
      "squeeze",
    );
  if (x.ndim === 0) return view(x, [], "squeeze");
  const d = normalizeDim("squeeze", dim, x.ndim);
  if (x.shape[d] !== 1) return view(x, x.shape, "squeeze");
  return view(x, [...x.shape.slice(0, d), ...x.shape.slice(d + 1)], "squeeze");
}

export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = normalizeDim("unsqueeze", dim, x.ndim + 1);
  return view(x, [...x.shape.slice(0, d), 1, ...x.shape.slice(d)], "unsqueeze");
}

export function expand(x: Tensor, sizes: readonly number[]): Tensor {
  const nd = sizes.length;
  if (nd < x.ndim) {
    throw new ShapeError(
      `expand: the number of sizes provided (${nd}) must be greater or equal to the number of dimensions in the tensor (${x.ndim}); shape ${fmtShape(x.shape)}, sizes ${fmtShape(sizes)}`,
    );
  }
  const off = nd - x.ndim;
  const shape = new Array<number>(nd);
  const strides = new Array<number>(nd);
  for (let i = 0; i < nd; i++) {
    const want = sizes[i]!;
    const j = i - off;
    if (j < 0) {
      if (want < 0)
        throw new ValueError(
          `expand: -1 is not allowed in a leading, non-existing dimension (sizes ${fmtShape(sizes)})`,
        );
      shape[i] = want;
      strides[i] = 0;
      continue;
    }
    const have = x.shape[j]!;
    if (want === -1 || want === have) {
      shape[i] = have;
      strides[i] = x.strides[j]!;
    } else if (have === 1) {
      shape[i] = want;
      strides[i] = 0;
    } else {
      throw new ShapeError(
        `expand: the expanded size of the tensor (${want}) must match the existing size (${have}) at non-singleton dimension ${i}. Target sizes: ${fmtShape(sizes)}. Tensor sizes: ${fmtShape(x.shape)}`,
      );
    }
  }
  return dispatch("expand", [x], { shape }, () => viewOf(x, shape, strides, x.offset));
}

/** Python-style slice along one dim (bounds clamp, negatives count from the end). */
export function slice(
  x: Tensor,
  dim: number,
  start: number | undefined,
  end: number | undefined,
  step: number,
): Tensor {
  const d = normalizeDim("slice", dim, x.ndim);
  if (!Number.isInteger(step) || step <= 0)
    throw new ValueError(`slice: step must be a positive integer, got ${step}`);
  const n = x.shape[d]!;
  const clampIdx = (i: number) => Math.min(Math.max(i < 0 ? i + n : i, 0), n);
  const s = start === undefined ? 0 : clampIdx(start);
  const e = Math.max(end === undefined ? n : clampIdx(end), s);
  const len = Math.ceil((e - s) / step);
  const shape = x.shape.slice();
  shape[d] = len;
  const strides = x.strides.slice();
  strides[d] = x.strides[d]! * step;
  const offset = x.offset + s * x.strides[d]!;
  return dispatch("slice", [x], { dim: d, start: s, end: e, step }, () => viewOf(x, shape, strides, offset));
}

export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  const d = normalizeDim("narrow", dim, x.ndim);
  const n = x.shape[d]!;
  const s = start < 0 ? start + n : start;
  if (s < 0 || s > n)
    throw new IndexError(
      `narrow: start (${start}) out of range for dimension ${d} of size ${n} (shape ${fmtShape(x.shape)})`,
    );
  if (length < 0 || s + length > n) {
    throw new IndexError(
      `narrow: start (${s}) + length (${length}) exceeds dimension size (${n}) (shape ${fmtShape(x.shape)})`,
    );
  }
  return slice(x, d, s, s + length, 1);
}

export function select(x: Tensor, dim: number, index: number): Tensor {
  if (x.ndim === 0) throw new IndexError("select: select() cannot be applied to a 0-dim tensor");
  const d = normalizeDim("select", dim, x.ndim);
  const n = x.shape[d]!;
  if (!Number.isInteger(index) || index < -n || index >= n) {
    throw new IndexError(
      `select: index ${index} is out of bounds for dimension ${d} with size ${n} (shape ${fmtShape(x.shape)})`,
    );
  }
  const i = index < 0 ? index + n : index;
  const args = x.shape.map((_, k) => (k === d ? i : null));
  return dispatch("select", [x], { dim: d, index: i }, () => new Tensor(x.nd.pick(...args), x.dtype));
}
