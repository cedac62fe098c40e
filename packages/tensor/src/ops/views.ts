// Views: O(1) stride tricks that share storage. Each goes through dispatch so that
// autograd can route gradients back through it.

import { checkTensor } from "../args.js";
import { zeros } from "../create.js";
import { dispatch } from "../dispatch.js";
import { fmtShape, fmtValue, IndexError, ShapeError, ValueError } from "../errors.js";
import { registerKernel } from "../kernel-registry.js";
import { installMethods } from "../methods.js";
import { defineOp } from "../op.js";
import { inferShape, normalizeDim, viewStrides } from "../shape.js";
import { fromStorage, restride } from "../storage.js";
import { Tensor } from "../tensor.js";
import { contiguousData } from "../values.js";

/**
 * view's, reshape's and expand's attribute: the target shape.
 *
 * @inline
 */
interface ShapeAttrs {
  readonly shape: readonly number[];
}

/**
 * slice's attributes: the dim and the start, end and step along it (normalized).
 *
 * @inline
 */
interface SliceAttrs {
  readonly dim: number;
  readonly start: number;
  readonly end: number;
  readonly step: number;
}

declare module "../op.js" {
  interface OpAttrs {
    view: ShapeAttrs;
    reshape: ShapeAttrs;
    permute: { readonly dims: readonly number[] };
    expand: ShapeAttrs;
    slice: SliceAttrs;
    select: { readonly dim: number; readonly index: number };
  }
}

declare module "../tensor.js" {
  interface Tensor {
    /**
     * A view of the same data with another shape, as `torch.Tensor.view`; one size may be -1
     * (inferred). It shares storage with this tensor; a shape the strides cannot give without a
     * copy (a transposed tensor, say) is a `ShapeError`: use `reshape`.
     *
     * @example
     * ```ts
     * const x = randn(4, 4);
     * x.view(16).shape; // [16]
     * x.view(-1, 8).shape; // [2, 8]
     * ```
     */
    view(...shape: number[]): Tensor;
    /** `view` with the shape as one array: `x.view([2, 8])`. */
    view(shape: readonly number[]): Tensor;
    /**
     * This tensor with another shape, as `torch.reshape`: a view when the strides allow one, else a
     * contiguous copy; one size may be -1 (inferred).
     */
    reshape(...shape: number[]): Tensor;
    /** `reshape` with the shape as one array: `x.reshape([2, -1])`. */
    reshape(shape: readonly number[]): Tensor;
    /** `view(other.shape)`, as `torch.Tensor.view_as`. */
    viewAs(other: Tensor): Tensor;
    /** A view with dims `dim0` and `dim1` swapped, as `torch.transpose` (no copy; usually not contiguous). */
    transpose(dim0: number, dim1: number): Tensor;
    /** Transpose of a tensor of at most 2 dims. */
    t(): Tensor;
    /** All dims reversed (PyTorch's deprecated `.T` for ≥ 3 dims, `.mT` semantics aside). */
    readonly T: Tensor;
    /**
     * A view with the dims reordered (`x.permute(2, 0, 1)`), as `torch.permute`; `dims` must name
     * every dim once.
     */
    permute(...dims: number[]): Tensor;
    /** `permute` with the dims as one array: `x.permute([2, 0, 1])`. */
    permute(dims: readonly number[]): Tensor;
    /**
     * Dims `startDim`..`endDim` (default: all) merged into one, as `torch.flatten`: a view when
     * possible, else a copy; a 0-dim tensor becomes [1].
     */
    flatten(startDim?: number, endDim?: number): Tensor;
    /** A view without size-1 dims (all of them, or `dim` if it has size 1), as `torch.squeeze`. */
    squeeze(dim?: number): Tensor;
    /** A view with a size-1 dim inserted at `dim` (−ndim − 1 ≤ dim ≤ ndim), as `torch.unsqueeze`. */
    unsqueeze(dim: number): Tensor;
    /** Broadcast view to a bigger shape (`-1` keeps a dim); stride 0, no copy. */
    expand(...shape: number[]): Tensor;
    /** `expand` with the shape as one array: `x.expand([3, -1])`. */
    expand(shape: readonly number[]): Tensor;
    /** `expand(other.shape)`, as `torch.Tensor.expand_as`. */
    expandAs(other: Tensor): Tensor;
    /**
     * A view of `length` elements of `dim` from `start` (negative counts from the end), as
     * `torch.narrow`; throws an `IndexError` out of range.
     */
    narrow(dim: number, start: number, length: number): Tensor;
    /**
     * A view of the slice at `index` of `dim`, which it removes (`x.select(0, i)` is `x[i]`), as
     * `torch.select`; throws an `IndexError` out of range.
     */
    select(dim: number, index: number): Tensor;
    /** `x[..., start:end:step, ...]` along one dim; negative and out-of-range bounds clamp like Python. */
    slice(dim: number, start?: number, end?: number, step?: number): Tensor;
  }
}

/** A zero gradient of `shape` with `g` written into the view that `place` selects. */
function scatterInto(g: Tensor, shape: readonly number[], place: (z: Tensor) => Tensor): Tensor {
  const z = zeros(shape, { dtype: g.dtype });
  place(z).copy_(g);
  return z;
}

// Every view keeps its input's dtype; the gradient takes the inverse shape change.
const viewOp = defineOp({
  name: "view",
  inputs: ["self"],
  dtype: (inputs) => inputs[0]!.dtype,
  grad: (c) => {
    const shape = c.inputs[0]!.shape;
    return (g) => [g.reshape(shape)];
  },
});
const reshapeOp = defineOp({
  name: "reshape",
  inputs: ["self"],
  dtype: (inputs) => inputs[0]!.dtype,
  grad: (c) => {
    const shape = c.inputs[0]!.shape;
    return (g) => [g.reshape(shape)];
  },
});
const permuteOp = defineOp({
  name: "permute",
  inputs: ["self"],
  dtype: (inputs) => inputs[0]!.dtype,
  grad: (c) => {
    const dims = c.attrs.dims;
    const inverse = new Array<number>(dims.length);
    dims.forEach((d, i) => {
      inverse[d] = i;
    });
    return (g) => [g.permute(inverse)];
  },
});
const expandOp = defineOp({
  name: "expand",
  inputs: ["self"],
  dtype: (inputs) => inputs[0]!.dtype,
  // The engine's un-broadcasting sums the expanded dims back.
  grad: () => (g) => [g],
});
const sliceOp = defineOp({
  name: "slice",
  inputs: ["self"],
  dtype: (inputs) => inputs[0]!.dtype,
  grad: (c) => {
    const shape = c.inputs[0]!.shape;
    const { dim, start, end, step } = c.attrs;
    return (g) => [scatterInto(g, shape, (z) => z.slice(dim, start, end, step))];
  },
});
const selectOp = defineOp({
  name: "select",
  inputs: ["self"],
  dtype: (inputs) => inputs[0]!.dtype,
  grad: (c) => {
    const shape = c.inputs[0]!.shape;
    const { dim, index } = c.attrs;
    return (g) => [scatterInto(g, shape, (z) => z.select(dim, index))];
  },
});

/** The strides of `t` viewed as `shape`, null when that needs a copy. */
function stridesFor(t: Tensor, shape: readonly number[]): number[] | null {
  return t.ndim === 0 ? shape.map(() => 1) : viewStrides(t.shape, t.strides, shape);
}

// The kernels recompute strides and offsets from the attributes (checked before dispatch).
registerKernel("view", {
  backend: "js",
  name: "js-view",
  accepts: () => true,
  run(c) {
    const t = c.inputs[0]!;
    return restride(t, c.attrs.shape, stridesFor(t, c.attrs.shape)!, t.offset);
  },
});

registerKernel("reshape", {
  backend: "js",
  name: "js-reshape",
  accepts: () => true,
  run(c) {
    const t = c.inputs[0]!;
    return fromStorage(contiguousData(t), t.dtype, c.attrs.shape);
  },
});

registerKernel("permute", {
  backend: "js",
  name: "js-permute",
  accepts: () => true,
  run(c) {
    const t = c.inputs[0]!;
    return new Tensor(t.nd.transpose(...c.attrs.dims), t.dtype);
  },
});

registerKernel("expand", {
  backend: "js",
  name: "js-expand",
  accepts: () => true,
  run(c) {
    const x = c.inputs[0]!;
    const shape = c.attrs.shape;
    const off = shape.length - x.ndim;
    // Kept dims keep their stride; new and broadcast size-1 dims get stride 0.
    const strides = shape.map((n, i) => (i >= off && n === x.shape[i - off] ? x.strides[i - off]! : 0));
    return restride(x, shape, strides, x.offset);
  },
});

registerKernel("slice", {
  backend: "js",
  name: "js-slice",
  accepts: () => true,
  run(c) {
    const x = c.inputs[0]!;
    const { dim, start, end, step } = c.attrs;
    const shape = x.shape.slice();
    shape[dim] = Math.ceil((end - start) / step);
    const strides = x.strides.slice();
    strides[dim] = x.strides[dim]! * step;
    return restride(x, shape, strides, x.offset + start * x.strides[dim]!);
  },
});

registerKernel("select", {
  backend: "js",
  name: "js-select",
  accepts: () => true,
  run(c) {
    const x = c.inputs[0]!;
    const { dim, index } = c.attrs;
    const args = x.shape.map((_, k) => (k === dim ? index : null));
    return new Tensor(x.nd.pick(...args), x.dtype);
  },
});

/** Accepts `f(2, 3)` and `f([2, 3])` alike. */
export function shapeArgs(op: string, args: readonly (number | readonly number[])[]): number[] {
  const list = args.length === 1 && Array.isArray(args[0]) ? (args[0] as readonly unknown[]) : args;
  if (!list.every((a) => typeof a === "number")) {
    throw new ValueError(`${op}: expected a shape as numbers or one array, got ${fmtValue(args)}`);
  }
  return [...(list as number[])];
}

/** A view with a new shape; throws when the strides make that impossible without a copy. */
export function view(t: Tensor, requested: readonly number[], op = "view"): Tensor {
  const shape = inferShape(op, requested, t.numel(), t.shape);
  if (stridesFor(t, shape) === null) {
    throw new ShapeError(
      `${op}: view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces); input shape ${fmtShape(t.shape)}, requested ${fmtShape(requested)}. Use .reshape(...) instead.`,
    );
  }
  return dispatch(viewOp, [t], { shape });
}

/** A view when the strides allow one, else a contiguous copy, like torch.reshape. */
export function reshape(t: Tensor, requested: readonly number[]): Tensor {
  const shape = inferShape("reshape", requested, t.numel(), t.shape);
  if (stridesFor(t, shape) !== null) return dispatch(viewOp, [t], { shape });
  return dispatch(reshapeOp, [t], { shape });
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
  return dispatch(permuteOp, [t], { dims: norm });
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
  const d = normalizeDim("squeeze", dim, x.ndim);
  if (x.ndim === 0) return view(x, [], "squeeze");
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
  for (let i = 0; i < nd; i++) {
    const want = sizes[i]!;
    const j = i - off;
    if (j < 0) {
      if (want < 0)
        throw new ValueError(
          `expand: -1 is not allowed in a leading, non-existing dimension (sizes ${fmtShape(sizes)})`,
        );
      shape[i] = want;
      continue;
    }
    const have = x.shape[j]!;
    if (want === -1 || want === have) {
      shape[i] = have;
    } else if (have === 1) {
      shape[i] = want;
    } else {
      throw new ShapeError(
        `expand: the expanded size of the tensor (${want}) must match the existing size (${have}) at non-singleton dimension ${i}. Target sizes: ${fmtShape(sizes)}. Tensor sizes: ${fmtShape(x.shape)}`,
      );
    }
  }
  return dispatch(expandOp, [x], { shape });
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
  return dispatch(sliceOp, [x], { dim: d, start: s, end: e, step });
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
  return dispatch(selectOp, [x], { dim: d, index: i });
}

installMethods({
  view(...shape: (number | readonly number[])[]) {
    return view(this, shapeArgs("view", shape), "view");
  },
  reshape(...shape: (number | readonly number[])[]) {
    return reshape(this, shapeArgs("reshape", shape));
  },
  viewAs(other) {
    checkTensor("viewAs", "other", other);
    return view(this, other.shape, "viewAs");
  },
  transpose(dim0, dim1) {
    return transpose(this, dim0, dim1);
  },
  t() {
    return t(this);
  },
  get T(): Tensor {
    return permute(
      this,
      this.shape.map((_, i) => this.shape.length - 1 - i),
    );
  },
  permute(...dims: (number | readonly number[])[]) {
    return permute(this, shapeArgs("permute", dims));
  },
  flatten(startDim = 0, endDim = -1) {
    return flatten(this, startDim, endDim);
  },
  squeeze(dim) {
    return squeeze(this, dim);
  },
  unsqueeze(dim) {
    return unsqueeze(this, dim);
  },
  expand(...shape: (number | readonly number[])[]) {
    return expand(this, shapeArgs("expand", shape));
  },
  expandAs(other) {
    checkTensor("expandAs", "other", other);
    return expand(this, other.shape);
  },
  narrow(dim, start, length) {
    return narrow(this, dim, start, length);
  },
  select(dim, index) {
    return select(this, dim, index);
  },
  slice(dim, start, end, step = 1) {
    return slice(this, dim, start, end, step);
  },
});
