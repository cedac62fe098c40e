// Reductions over one or more dims, with keepdim: sum, mean, prod, amax, amin, var/std,
// logsumexp, all, any, argmax, argmin, max/min with a dim. Sums accumulate in float64.
import { argError, checkBoolean, checkFinite, checkTensor } from "../args.js";
import { dispatch } from "../dispatch.js";
import { type DType, floatResult, isFloating, requireDType } from "../dtype.js";
import { DTypeError, fmtShape, fmtValue, IndexError, ShapeError, ValueError } from "../errors.js";
import { registerKernel } from "../kernel-registry.js";
import { accumulate, argInput, argLanes, argShape, type ReduceFn, sumShifted } from "../kernels/reduce-js.js";
import { installMethods } from "../methods.js";
import { defineOp, type GradRule } from "../op.js";
import { checkOptions } from "../options.js";
import { normalizeDim } from "../shape.js";
import { empty } from "../storage.js";
import { Tensor } from "../tensor.js";
import { where } from "./where.js";

/**
 * Attributes of a reduction: the reduced dims (normalized, sorted) and keepdim.
 *
 * @inline
 */
export interface ReduceAttrs {
  readonly dims: readonly number[];
  readonly keepdim: boolean;
}

/**
 * var's attributes: a reduction's, and the correction subtracted from the count.
 *
 * @inline
 */
interface VarAttrs extends ReduceAttrs {
  readonly correction: number;
}

/**
 * argmax/argmin: one dim, or undefined for the index into the flattened tensor.
 *
 * @inline
 */
interface ArgAttrs {
  readonly dim: number | undefined;
  readonly keepdim: boolean;
}

/**
 * The dims a reduction runs over: one dim, several, or null (or omitted, or `[]`) for all of
 * them; negative dims count from the end.
 *
 * @inline
 */
type Dims = number | readonly number[] | null;

/** sum's and mean's options, as their `dtype` keyword in PyTorch. */
export interface SumOptions {
  /** The result's dtype: the input is converted to it first (an int32 mean as float32, a float32 sum as float64). */
  dtype?: DType;
}

declare module "../op.js" {
  interface OpAttrs {
    sum: ReduceAttrs;
    mean: ReduceAttrs;
    prod: ReduceAttrs;
    amax: ReduceAttrs;
    amin: ReduceAttrs;
    var: VarAttrs;
    logsumexp: ReduceAttrs;
    all: ReduceAttrs;
    any: ReduceAttrs;
    argmax: ArgAttrs;
    argmin: ArgAttrs;
  }
}

declare module "../tensor.js" {
  interface Tensor {
    /**
     * The sum over `dim` (all elements by default), as `torch.sum`; `keepdim` keeps the reduced
     * dims with size 1. Bool and uint8 inputs sum in int32 (PyTorch: int64); `options.dtype`
     * converts the input first.
     *
     * @example
     * ```ts
     * const x = tensor([[1, 2], [3, 4]]);
     * x.sum(); // tensor(10)
     * x.sum(0); // tensor([4, 6])
     * x.sum(1, true); // tensor([[3], [7]])
     * ```
     */
    sum(dim?: Dims, keepdim?: boolean, options?: SumOptions): Tensor;
    /**
     * The mean over `dim` (all elements by default), as `torch.mean`; `keepdim` keeps the reduced
     * dims with size 1. Integer inputs are a `DTypeError` (as in PyTorch): convert them with
     * `.float()` or `options.dtype` first.
     */
    mean(dim?: Dims, keepdim?: boolean, options?: SumOptions): Tensor;
    /**
     * The product over one dim (all elements by default), as `torch.prod`; bool and uint8 inputs
     * multiply in int32. Its gradient is exact with zeros in the input.
     */
    prod(dim?: number | null, keepdim?: boolean): Tensor;
    /** Variance with Bessel's correction by default (`correction: 1`), as `torch.var`. */
    var(dim?: Dims, options?: { keepdim?: boolean; correction?: number }): Tensor;
    /**
     * The standard deviation, √var, with Bessel's correction by default (`correction: 1`), as
     * `torch.std`; floating-point inputs only (a `DTypeError` otherwise).
     */
    std(dim?: Dims, options?: { keepdim?: boolean; correction?: number }): Tensor;
    /**
     * log(Σ exp(x)) over `dim`, computed stably (the maximum subtracted first), as
     * `torch.logsumexp`; integers compute in float32.
     */
    logsumexp(dim: number | readonly number[], keepdim?: boolean): Tensor;
    /**
     * The largest value; with a dim, the largest values along it and their indices; with a
     * tensor, the elementwise maximum (torch.max(input, other) is torch.maximum).
     */
    max(): Tensor;
    /**
     * The largest values along `dim` and their int32 indices (the first on ties), as
     * `torch.max(input, dim)`.
     */
    max(dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
    /**
     * The elementwise maximum with `other`, broadcasting: `torch.max(input, other)`, i.e. {@link
     * Tensor.maximum}.
     */
    max(other: Tensor): Tensor;
    /** The smallest value of all elements, as a 0-dim tensor (`torch.min(input)`). */
    min(): Tensor;
    /**
     * The smallest values along `dim` and their int32 indices (the first on ties), as
     * `torch.min(input, dim)`.
     */
    min(dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
    /**
     * The elementwise minimum with `other`, broadcasting: `torch.min(input, other)`, i.e. {@link
     * Tensor.minimum}.
     */
    min(other: Tensor): Tensor;
    /**
     * The largest values over `dim` (all by default), without indices (`torch.amax`); the gradient
     * is split evenly among tied maxima.
     */
    amax(dim?: Dims, keepdim?: boolean): Tensor;
    /**
     * The smallest values over `dim` (all by default), without indices (`torch.amin`); the
     * gradient is split evenly among tied minima.
     */
    amin(dim?: Dims, keepdim?: boolean): Tensor;
    /** Index of the largest value (first one on ties), over the flattened tensor without a dim. */
    argmax(dim?: number, keepdim?: boolean): Tensor;
    /**
     * Index of the smallest value (first one on ties), int32, over the flattened tensor without a
     * dim (`torch.argmin`).
     */
    argmin(dim?: number, keepdim?: boolean): Tensor;
    /** Whether every element (along `dim`, or all of them) is nonzero, as a bool tensor (`torch.all`). */
    all(dim?: number, keepdim?: boolean): Tensor;
    /** Whether any element (along `dim`, or all of them) is nonzero, as a bool tensor (`torch.any`). */
    any(dim?: number, keepdim?: boolean): Tensor;
  }
}

/** Normalized, sorted, unique dims; null, undefined and [] mean all dims (PyTorch's dim=[]). */
export function reduceDims(op: string, t: Tensor, dim: Dims | undefined): number[] {
  if (dim === null || dim === undefined || (Array.isArray(dim) && dim.length === 0)) {
    return t.shape.map((_, i) => i);
  }
  if (typeof dim !== "number" && !Array.isArray(dim)) {
    // Plain JavaScript's sum({ dim: 1 }): PyTorch's keywords are positional here.
    throw new ValueError(
      `${op}: dim must be a number or an array of numbers, got ${fmtValue(dim)}; write ${op}(dim, keepdim), e.g. ${op}(1, true)`,
    );
  }
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
  // Loops, not map/filter with includes: this runs twice per reduction, on every small sum.
  const kept: number[] = [];
  const dropped: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    let reduced = false;
    for (let k = 0; k < dims.length; k++) if (dims[k] === i) reduced = true;
    kept.push(reduced ? 1 : shape[i]!);
    if (!reduced) dropped.push(shape[i]!);
  }
  return { kept, dropped };
}

function countOf(x: Tensor, dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= x.shape[d]!;
  return n;
}

/**
 * Sums a gradient of a broadcast shape back to `shape` (leading dims, and dims where `shape`
 * has 1): autograd's engine does it once for every op, and batched matmul's rule for its operands.
 */
export function sumToShape(g: Tensor, shape: readonly number[]): Tensor {
  checkTensor("sumToShape", "g", g);
  if (!Array.isArray(shape)) throw argError("sumToShape", "shape", "an array of sizes", shape);
  if (g.shape.length === shape.length && g.shape.every((s, i) => s === shape[i])) return g;
  const lead = g.ndim - shape.length;
  if (lead < 0 || shape.some((s, i) => s !== 1 && s !== g.shape[i + lead])) {
    throw new ShapeError(
      `sumToShape: a gradient of shape ${fmtShape(g.shape)} does not sum to shape ${fmtShape(shape)}`,
    );
  }
  const dims: number[] = [];
  for (let i = 0; i < g.ndim; i++) {
    if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) dims.push(i);
  }
  let out = dims.length > 0 ? g.sum(dims, true) : g;
  if (lead > 0) out = out.reshape(shape);
  return out;
}

/** Re-inserts reduced dims (as size 1) into a gradient computed without keepdim. */
function keepDims(g: Tensor, dims: readonly number[], keepdim: boolean): Tensor {
  if (keepdim) return g;
  let out = g;
  for (const d of dims) out = out.unsqueeze(d);
  return out;
}

/** amax/amin: the gradient is shared evenly among the elements equal to the extremum. */
const extremumGrad: GradRule<ReduceAttrs> = (c) => {
  const [x, out] = c.save(c.inputs[0]!, c.output);
  const { dims, keepdim } = c.attrs;
  return (g) => {
    const mask = x.eq(keepDims(out, dims, keepdim)).to(x.dtype);
    const count = mask.sum(dims, true);
    return [keepDims(g, dims, keepdim).mul(mask).div(count)];
  };
};

/** For each element, the product of the other elements of its reduction group. */
function productOfOthers(x: Tensor, dims: readonly number[]): Tensor {
  // prod(others) = prod(nonzero others) when there is at most one zero in the group.
  const isZero = x.eq(0);
  const zerosInGroup = isZero.to("int32").sum(dims, true);
  const safe = where(isZero, 1, x);
  const prodNonzero = safe.prod(dims.length === 1 ? dims[0]! : null, dims.length === 1);
  const prodKept =
    dims.length === 1 ? prodNonzero : prodNonzero.reshape(x.shape.map((s, i) => (dims.includes(i) ? 1 : s)));
  // An element that is the only zero of its group gets prod(nonzero others); a non-zero
  // element of a group with a zero gets 0; without zeros, prod / x.
  const onlyZero = isZero.mul(zerosInGroup.eq(1)).bool();
  return where(onlyZero, prodKept, where(zerosInGroup.gt(0), 0, prodKept.div(safe)));
}

const sameDtype = (inputs: readonly Tensor[]): DType => inputs[0]!.dtype;
// Sums and products of bools and bytes count in int32 (PyTorch: int64).
const sumDtype = (inputs: readonly Tensor[]): DType => {
  const d = inputs[0]!.dtype;
  return d === "bool" || d === "uint8" ? "int32" : d;
};

const sumOp = defineOp({
  name: "sum",
  inputs: ["self"],
  dtype: sumDtype,
  grad: (c) => {
    const shape = c.inputs[0]!.shape;
    const { dims, keepdim } = c.attrs;
    return (g) => [keepDims(g, dims, keepdim).expand(shape)];
  },
});
const meanOp = defineOp({
  name: "mean",
  inputs: ["self"],
  dtype: sameDtype,
  grad: (c) => {
    const x = c.inputs[0]!;
    const { dims, keepdim } = c.attrs;
    const n = countOf(x, dims);
    return (g) => [keepDims(g, dims, keepdim).div(n).expand(x.shape)];
  },
});
const prodOp = defineOp({
  name: "prod",
  inputs: ["self"],
  dtype: sumDtype,
  grad: (c) => {
    const [x, out] = c.save(c.inputs[0]!, c.output);
    const { dims, keepdim } = c.attrs;
    return (g) => {
      const gk = keepDims(g, dims, keepdim);
      const ok = keepDims(out, dims, keepdim);
      if (!x.eq(0).any().item()) return [gk.mul(ok).div(x)];
      // With zeros, out / x is undefined: the product of the others is computed per element.
      return [gk.mul(productOfOthers(x, dims))];
    };
  },
});
const amaxOp = defineOp({ name: "amax", inputs: ["self"], dtype: sameDtype, grad: extremumGrad });
const aminOp = defineOp({ name: "amin", inputs: ["self"], dtype: sameDtype, grad: extremumGrad });
const varOp = defineOp({
  name: "var",
  inputs: ["self"],
  dtype: sameDtype,
  grad: (c) => {
    const [x] = c.save(c.inputs[0]!);
    const { dims, keepdim, correction } = c.attrs;
    return (g) => {
      const centered = x.sub(x.mean(dims, true));
      const scale = 2 / Math.max(countOf(x, dims) - correction, 0);
      return [keepDims(g, dims, keepdim).mul(centered).mul(scale)];
    };
  },
});
const logsumexpOp = defineOp({
  name: "logsumexp",
  inputs: ["self"],
  dtype: (inputs) => floatResult(inputs[0]!.dtype),
  grad: (c) => {
    const [x, out] = c.save(c.inputs[0]!, c.output);
    const { dims, keepdim } = c.attrs;
    return (g) => [keepDims(g, dims, keepdim).mul(x.sub(keepDims(out, dims, keepdim)).exp())];
  },
});
const allOp = defineOp({ name: "all", inputs: ["self"], dtype: () => "bool", grad: null });
const anyOp = defineOp({ name: "any", inputs: ["self"], dtype: () => "bool", grad: null });
const argmaxOp = defineOp({ name: "argmax", inputs: ["self"], dtype: () => "int32", grad: null });
const argminOp = defineOp({ name: "argmin", inputs: ["self"], dtype: () => "int32", grad: null });

// ---- js kernels ---------------------------------------------------------------------------

/** The group of each reduction: how elements combine, and the accumulator's start. */
const FOLD = {
  sum: { fn: ((acc, x) => acc + x) as ReduceFn, init: 0 },
  prod: { fn: ((acc, x) => acc * x) as ReduceFn, init: 1 },
  // NaN wins, as in PyTorch (x !== x: the NaN test, one comparison in the generated loop).
  // biome-ignore lint/suspicious/noSelfCompare: see above
  amax: { fn: ((acc, x) => (x > acc || x !== x ? x : acc)) as ReduceFn, init: Number.NEGATIVE_INFINITY },
  // biome-ignore lint/suspicious/noSelfCompare: see above
  amin: { fn: ((acc, x) => (x < acc || x !== x ? x : acc)) as ReduceFn, init: Number.POSITIVE_INFINITY },
  // NaN counts as true, as in PyTorch.
  all: { fn: ((acc, x) => (acc === 0 || x === 0 ? 0 : 1)) as ReduceFn, init: 1 },
  any: { fn: ((acc, x) => (acc !== 0 || x !== 0 ? 1 : 0)) as ReduceFn, init: 0 },
};

/** Writes a float64 accumulator into a new tensor of `dtype` with the op's output shape. */
function output(acc: Float64Array, dtype: DType, t: Tensor, a: ReduceAttrs): Tensor {
  const { kept, dropped } = reducedShapes(t.shape, a.dims);
  const out = empty(dtype, a.keepdim ? kept : dropped);
  out.storage.set(acc);
  return out;
}

function registerFold(name: "sum" | "prod" | "amax" | "amin" | "all" | "any", mean = false): void {
  const { fn, init } = FOLD[name];
  registerKernel(mean ? "mean" : name, {
    backend: "js",
    name: `js-${mean ? "mean" : name}`,
    accepts: () => true,
    run(c) {
      const t = c.inputs[0]!;
      const acc = accumulate(fn, t, reducedShapes(t.shape, c.attrs.dims).kept, init);
      if (mean) {
        const count = countOf(t, c.attrs.dims);
        for (let i = 0; i < acc.length; i++) acc[i] = acc[i]! / count;
      }
      return output(acc, c.def.dtype(c.inputs, c.attrs), t, c.attrs);
    },
  });
}
registerFold("sum");
registerFold("sum", true);
registerFold("prod");
registerFold("amax");
registerFold("amin");
registerFold("all");
registerFold("any");

registerKernel("var", {
  backend: "js",
  name: "js-var",
  accepts: () => true,
  run(c) {
    // Two passes for accuracy: the mean of each group, then the squared deviations from it.
    const t = c.inputs[0]!;
    const { kept } = reducedShapes(t.shape, c.attrs.dims);
    const count = countOf(t, c.attrs.dims);
    const mean = accumulate(FOLD.sum.fn, t, kept, 0);
    for (let i = 0; i < mean.length; i++) mean[i] = mean[i]! / count;
    const acc = sumShifted(t, kept, mean, (d) => d * d);
    const denom = Math.max(count - c.attrs.correction, 0);
    for (let i = 0; i < acc.length; i++) acc[i] = acc[i]! / denom;
    return output(acc, t.dtype, t, c.attrs);
  },
});

registerKernel("logsumexp", {
  backend: "js",
  name: "js-logsumexp",
  accepts: () => true,
  run(c) {
    const t = c.inputs[0]!;
    const { kept } = reducedShapes(t.shape, c.attrs.dims);
    const m = accumulate(FOLD.amax.fn, t, kept, Number.NEGATIVE_INFINITY);
    // Shift by the max for stability; an infinite max shifts by 0 instead (all -inf stays -inf).
    for (let i = 0; i < m.length; i++) if (!Number.isFinite(m[i]!)) m[i] = 0;
    const acc = sumShifted(t, kept, m, Math.exp);
    for (let i = 0; i < acc.length; i++) acc[i] = Math.log(acc[i]!) + m[i]!;
    return output(acc, c.def.dtype(c.inputs, c.attrs), t, c.attrs);
  },
});

for (const name of ["argmax", "argmin"] as const) {
  registerKernel(name, {
    backend: "js",
    name: `js-${name}`,
    accepts: () => true,
    run(c) {
      const t = c.inputs[0]!;
      const x = argInput(t, c.attrs.dim);
      const out = empty("int32", x.ndim === 0 ? [] : argShape(t, c.attrs.dim, c.attrs.keepdim));
      if (x.ndim > 0) argLanes(x, c.attrs.dim ?? 0, out.storage as Int32Array, name === "argmax");
      return out;
    },
  });
}

// ---- the ops --------------------------------------------------------------------------------

function meanDtypeCheck(d: DType): void {
  if (!isFloating(d)) {
    throw new DTypeError(
      `mean: could not infer output dtype. Input dtype must be a floating point dtype, but got ${d}; use .float() first`,
    );
  }
}

type FoldDef = typeof sumOp;

function reduce(def: FoldDef, t: Tensor, dim: Dims | undefined, keepdim: boolean): Tensor {
  const op = def.name;
  const dims = reduceDims(op, t, dim);
  checkBoolean(op, "keepdim", keepdim);
  if (def === meanOp) meanDtypeCheck(t.dtype);
  if (def === amaxOp || def === aminOp) {
    const emptyDim = dims.find((d) => t.shape[d] === 0);
    if (emptyDim !== undefined || (t.numel() === 0 && dims.length === t.ndim)) {
      throw new IndexError(
        `${op}: expected reduction dim ${emptyDim ?? 0} to have non-zero size (shape ${fmtShape(t.shape)})`,
      );
    }
  }
  return dispatch(def, [t], { dims, keepdim });
}

/** var over `dim` with its checks, errors naming `op` (var, std, varMean, stdMean). */
export function variance(
  t: Tensor,
  dim: Dims | undefined,
  keepdim: boolean,
  correction: number,
  op: string,
): Tensor {
  const dims = reduceDims(op, t, dim);
  checkBoolean(op, "keepdim", keepdim);
  checkFinite(op, "correction", correction);
  if (!isFloating(t.dtype)) throw new DTypeError(`${op}: expected a floating point tensor, got ${t.dtype}`);
  return dispatch(varOp, [t], { dims, keepdim, correction });
}

function argMaxMin(def: typeof argmaxOp, t: Tensor, dim: number | undefined, keepdim: boolean): Tensor {
  const op = def.name;
  checkBoolean(op, "keepdim", keepdim);
  if (t.numel() === 0 && dim === undefined)
    throw new IndexError(
      `${op}: expected reduction dim to be specified for input.numel() == 0 (shape ${fmtShape(t.shape)})`,
    );
  const d = dim === undefined ? undefined : normalizeDim(op, dim, t.ndim);
  if (t.ndim > 0 && d !== undefined && t.shape[d] === 0)
    throw new IndexError(
      `${op}: expected reduction dim ${d} to have non-zero size (shape ${fmtShape(t.shape)})`,
    );
  // A 0-dim tensor keeps the dim as given (0 or -1), as before.
  return dispatch(def, [t], { dim: t.ndim === 0 ? dim : d, keepdim });
}

/** torch.max(x, dim): values are gathered at the indices, so their gradient is gather's. */
function maxMin(
  op: "max" | "min",
  t: Tensor,
  dim: number,
  keepdim: boolean,
): { values: Tensor; indices: Tensor } {
  const d = normalizeDim(op, dim, t.ndim);
  checkBoolean(op, "keepdim", keepdim);
  const idx = argMaxMin(op === "max" ? argmaxOp : argminOp, t, d, true);
  const values = t.ndim === 0 ? t.clone() : t.gather(d, idx);
  return keepdim || t.ndim === 0
    ? { values, indices: idx }
    : { values: values.squeeze(d), indices: idx.squeeze(d) };
}

function allAny(def: typeof allOp, t: Tensor, dim: number | undefined, keepdim: boolean): Tensor {
  checkBoolean(def.name, "keepdim", keepdim);
  return dispatch(def, [t], { dims: reduceDims(def.name, t, dim), keepdim });
}

const VAR_OPTIONS = ["keepdim", "correction"];

function max(this: Tensor): Tensor;
function max(this: Tensor, dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
function max(this: Tensor, other: Tensor): Tensor;
function max(
  this: Tensor,
  dim?: number | Tensor,
  keepdim = false,
): Tensor | { values: Tensor; indices: Tensor } {
  if (dim instanceof Tensor) return this.maximum(dim);
  return dim === undefined ? reduce(amaxOp, this, null, false) : maxMin("max", this, dim, keepdim);
}
function min(this: Tensor): Tensor;
function min(this: Tensor, dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
function min(this: Tensor, other: Tensor): Tensor;
function min(
  this: Tensor,
  dim?: number | Tensor,
  keepdim = false,
): Tensor | { values: Tensor; indices: Tensor } {
  if (dim instanceof Tensor) return this.minimum(dim);
  return dim === undefined ? reduce(aminOp, this, null, false) : maxMin("min", this, dim, keepdim);
}

/**
 * sum/mean with PyTorch's `dtype`: the input converted first; a result the reduction widens
 * (an int32 sum of a bool or uint8 input) is converted back to the requested dtype.
 */
function reduceAs(
  def: FoldDef,
  t: Tensor,
  dim: Dims | undefined,
  keepdim: boolean,
  options: unknown,
): Tensor {
  checkOptions(def.name, "options", options, ["dtype"]);
  const requested = (options as SumOptions | undefined)?.dtype;
  if (requested === undefined) return reduce(def, t, dim, keepdim);
  const dtype = requireDType(def.name, requested);
  const out = reduce(def, t.dtype === dtype ? t : t.to(dtype), dim, keepdim);
  return out.dtype === dtype ? out : out.to(dtype);
}

installMethods({
  sum(dim, keepdim = false, options) {
    return reduceAs(sumOp, this, dim, keepdim, options);
  },
  mean(dim, keepdim = false, options) {
    return reduceAs(meanOp, this, dim, keepdim, options);
  },
  prod(dim, keepdim = false) {
    return reduce(prodOp, this, dim, keepdim);
  },
  var(dim, options = {}) {
    checkOptions("var", "options", options, VAR_OPTIONS);
    return variance(this, dim, options.keepdim ?? false, options.correction ?? 1, "var");
  },
  std(dim, options = {}) {
    checkOptions("std", "options", options, VAR_OPTIONS);
    return variance(this, dim, options.keepdim ?? false, options.correction ?? 1, "std").sqrt();
  },
  logsumexp(dim, keepdim = false) {
    checkBoolean("logsumexp", "keepdim", keepdim);
    return dispatch(logsumexpOp, [this], { dims: reduceDims("logsumexp", this, dim), keepdim });
  },
  max,
  min,
  amax(dim, keepdim = false) {
    return reduce(amaxOp, this, dim, keepdim);
  },
  amin(dim, keepdim = false) {
    return reduce(aminOp, this, dim, keepdim);
  },
  argmax(dim, keepdim = false) {
    return argMaxMin(argmaxOp, this, dim, keepdim);
  },
  argmin(dim, keepdim = false) {
    return argMaxMin(argminOp, this, dim, keepdim);
  },
  all(dim, keepdim = false) {
    return allAny(allOp, this, dim, keepdim);
  },
  any(dim, keepdim = false) {
    return allAny(anyOp, this, dim, keepdim);
  },
});
