import type ndarray from "ndarray";
import type { DType, TypedArray } from "./dtype.js";
import { isFloating } from "./dtype.js";
import { DTypeError, ValueError } from "./errors.js";
import { formatTensor } from "./format.js";
import * as conv from "./ops/convert.js";
import * as ew from "./ops/elementwise.js";
import * as idx from "./ops/indexing.js";
import * as mm from "./ops/matmul.js";
import * as red from "./ops/reduce.js";
import * as sm from "./ops/softmax.js";
import * as vw from "./ops/views.js";
import { disposedError, track } from "./scope.js";
import { isContiguous, numelOf } from "./shape.js";

/** Nested arrays of numbers or booleans, as `tensor()` takes and `toArray()` returns. */
export type NestedArray = number | boolean | readonly NestedArray[];

/** A shape, or a single dimension. */
export type ShapeLike = number | readonly number[];

/** A tensor or a plain number where an op accepts either (a "wrapped scalar"). */
export type TensorLike = Tensor | number;

/** What autograd attaches to a tensor produced by a recorded op. */
export interface GradFn {
  readonly name: string;
}

/** Options of `backward()`; see @tsgrad/autograd. */
export interface BackwardOptions {
  retainGraph?: boolean;
}

/** The backward engine that @tsgrad/autograd registers with `setBackwardEngine`. */
export interface BackwardEngine {
  backward(t: Tensor, gradient: Tensor | undefined, options: BackwardOptions): void;
}

let engine: BackwardEngine | null = null;

/** Version counters by storage (see Tensor.version); weak, so storages are still collected. */
const versionCounters = new WeakMap<TypedArray, { value: number }>();

/** Called once by @tsgrad/autograd; the tensor package itself knows no gradient math. */
export function setBackwardEngine(e: BackwardEngine | null): void {
  engine = e;
}

type Nd = ndarray.NdArray<TypedArray>;

/**
 * A multi-dimensional array of one dtype: a strided view (scijs ndarray) on a typed array.
 * Views share storage; ops return new tensors. PyTorch's Tensor API in camelCase.
 */
export class Tensor {
  readonly dtype: DType;
  readonly shape: readonly number[];
  /** @internal The strided storage view. Users never see ndarray. */
  readonly nd: Nd;
  /** Set on leaves by the user; on results by autograd when an input requires grad. */
  requiresGrad = false;
  #grad: Tensor | null = null;
  /**
   * The accumulated gradient after `backward()`; null until then. A tensor assigned here is
   * kept (see `keep`): it belongs to this tensor, whichever `tidy` scope made it.
   */
  get grad(): Tensor | null {
    return this.#grad;
  }
  set grad(g: Tensor | null) {
    if (g !== null) g.kept = true;
    this.#grad = g;
  }
  /** The graph node that made this tensor (set by autograd), null for leaves. */
  gradFn: GradFn | null = null;
  /**
   * @internal Bumped by every in-place op; autograd compares it to catch stale saved tensors.
   * One counter per storage, shared by every view of it (as PyTorch's views share theirs), so
   * writing through the base is seen by a saved view and the other way round.
   */
  get version(): number {
    return versionCounters.get(this.nd.data)?.value ?? 0;
  }
  set version(value: number) {
    const counter = versionCounters.get(this.nd.data);
    if (counter === undefined) versionCounters.set(this.nd.data, { value });
    else counter.value = value;
  }

  /** @internal Use `tensor()`, `zeros()`... to create tensors. */
  constructor(nd: Nd, dtype: DType) {
    this.nd = nd;
    this.dtype = dtype;
    this.shape = Object.freeze(nd.shape.slice());
    track(this);
  }

  // ---- lifetime (see tidy) --------------------------------------------------------------

  private disposed = false;
  /** @internal Exempt from disposal by tidy (set by `keep`). */
  kept = false;
  /** Whether `tidy()` or `dispose()` released this tensor: every op on it then throws. */
  get isDisposed(): boolean {
    return this.disposed;
  }
  /**
   * Marks this tensor unusable. Inside `tidy()` its memory is reused once the scope ends (unless
   * a surviving view shares it); outside, the garbage collector frees it as usual. Optional:
   * tensors never need disposing.
   */
  dispose(): void {
    this.disposed = true;
  }
  /**
   * @internal Points this tensor at a copy of its storage (tidy moving a survivor out of arena
   * memory). The version counter moves along, so autograd's saved-tensor checks still hold.
   */
  moveStorage(copy: TypedArray): void {
    const counter = versionCounters.get(this.nd.data);
    if (counter !== undefined) versionCounters.set(copy, counter);
    this.nd.data = copy;
  }
  /** @internal Throws the disposed-tensor error for `op` when this tensor was disposed. */
  assertLive(op: string): void {
    if (this.disposed) throw disposedError(op, this);
  }

  // ---- metadata -------------------------------------------------------------------------

  /** The underlying typed array (shared with views); read with `strides` and `offset`. */
  get storage(): TypedArray {
    return this.nd.data;
  }
  get strides(): readonly number[] {
    return this.nd.stride;
  }
  get offset(): number {
    return this.nd.offset;
  }
  /** Number of dimensions (`ndim` in PyTorch). */
  get ndim(): number {
    return this.shape.length;
  }
  dim(): number {
    return this.shape.length;
  }
  numel(): number {
    return numelOf(this.shape);
  }
  /** The shape, or the size of one (possibly negative) dim. */
  size(): readonly number[];
  size(dim: number): number;
  size(dim?: number): number | readonly number[] {
    return dim === undefined ? this.shape : vw.sizeAt(this, dim);
  }
  isContiguous(): boolean {
    return isContiguous(this.shape, this.nd.stride);
  }
  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  /** The single value of a one-element tensor, as a JS number (booleans as 0/1 → boolean). */
  item(): number {
    return conv.item(this);
  }
  /** Nested JS arrays (`tolist()` in PyTorch); bool tensors give booleans. */
  toArray(): NestedArray {
    return conv.toArray(this);
  }
  /** A contiguous copy of the values as a typed array of this dtype. */
  toTypedArray(): TypedArray {
    this.assertLive("toTypedArray");
    return conv.contiguousData(this);
  }

  // ---- conversion and copies ------------------------------------------------------------

  to(dtype: DType): Tensor {
    return conv.to(this, dtype);
  }
  float(): Tensor {
    return conv.to(this, "float32");
  }
  double(): Tensor {
    return conv.to(this, "float64");
  }
  int(): Tensor {
    return conv.to(this, "int32");
  }
  bool(): Tensor {
    return conv.to(this, "bool");
  }
  clone(): Tensor {
    return conv.clone(this);
  }
  /** This tensor when already contiguous, else a contiguous copy. */
  contiguous(): Tensor {
    return conv.contiguous(this);
  }
  /** A view that shares storage but is cut from the graph. */
  detach(): Tensor {
    this.assertLive("detach");
    const t = new Tensor(this.nd, this.dtype);
    return t;
  }
  /** Cuts this tensor from the graph in place. */
  detach_(): this {
    this.gradFn = null;
    this.requiresGrad = false;
    return this;
  }
  requiresGrad_(requiresGrad = true): this {
    if (requiresGrad && !isFloating(this.dtype)) {
      throw new DTypeError(
        `requiresGrad_: only tensors of floating point dtype can require gradients, got ${this.dtype}`,
      );
    }
    if (!requiresGrad && this.gradFn !== null) {
      throw new ValueError(
        "requiresGrad_: you can only change requiresGrad flags of leaf variables; use detach() for a non-leaf",
      );
    }
    this.requiresGrad = requiresGrad;
    return this;
  }
  /** Computes gradients of this tensor with respect to graph leaves (needs @tsgrad/autograd). */
  backward(gradient?: Tensor, options: BackwardOptions = {}): void {
    if (engine === null) {
      throw new ValueError(
        "backward: no autograd engine is loaded; import @tsgrad/autograd (or tsgrad) before calling backward()",
      );
    }
    engine.backward(this, gradient, options);
  }

  // ---- views ----------------------------------------------------------------------------

  view(...shape: number[]): Tensor;
  view(shape: readonly number[]): Tensor;
  view(...shape: (number | readonly number[])[]): Tensor {
    return vw.view(this, vw.shapeArgs(shape), "view");
  }
  reshape(...shape: number[]): Tensor;
  reshape(shape: readonly number[]): Tensor;
  reshape(...shape: (number | readonly number[])[]): Tensor {
    return vw.reshape(this, vw.shapeArgs(shape));
  }
  viewAs(other: Tensor): Tensor {
    return vw.view(this, other.shape, "viewAs");
  }
  transpose(dim0: number, dim1: number): Tensor {
    return vw.transpose(this, dim0, dim1);
  }
  /** Transpose of a tensor of at most 2 dims. */
  t(): Tensor {
    return vw.t(this);
  }
  /** All dims reversed (PyTorch's deprecated `.T` for ≥ 3 dims, `.mT` semantics aside). */
  get T(): Tensor {
    return vw.permute(
      this,
      this.shape.map((_, i) => this.shape.length - 1 - i),
    );
  }
  permute(...dims: number[]): Tensor;
  permute(dims: readonly number[]): Tensor;
  permute(...dims: (number | readonly number[])[]): Tensor {
    return vw.permute(this, vw.shapeArgs(dims));
  }
  flatten(startDim = 0, endDim = -1): Tensor {
    return vw.flatten(this, startDim, endDim);
  }
  squeeze(dim?: number): Tensor {
    return vw.squeeze(this, dim);
  }
  unsqueeze(dim: number): Tensor {
    return vw.unsqueeze(this, dim);
  }
  /** Broadcast view to a bigger shape (`-1` keeps a dim); stride 0, no copy. */
  expand(...shape: number[]): Tensor;
  expand(shape: readonly number[]): Tensor;
  expand(...shape: (number | readonly number[])[]): Tensor {
    return vw.expand(this, vw.shapeArgs(shape));
  }
  expandAs(other: Tensor): Tensor {
    return vw.expand(this, other.shape);
  }
  narrow(dim: number, start: number, length: number): Tensor {
    return vw.narrow(this, dim, start, length);
  }
  select(dim: number, index: number): Tensor {
    return vw.select(this, dim, index);
  }
  /** `x[..., start:end:step, ...]` along one dim; negative and out-of-range bounds clamp like Python. */
  slice(dim: number, start?: number, end?: number, step = 1): Tensor {
    return vw.slice(this, dim, start, end, step);
  }

  // ---- elementwise arithmetic -----------------------------------------------------------

  add(other: TensorLike): Tensor {
    return ew.binary("add", this, other);
  }
  sub(other: TensorLike): Tensor {
    return ew.binary("sub", this, other);
  }
  mul(other: TensorLike): Tensor {
    return ew.binary("mul", this, other);
  }
  /** True division: integer operands give a float result, as in PyTorch. */
  div(other: TensorLike): Tensor {
    return ew.binary("div", this, other);
  }
  pow(exponent: TensorLike): Tensor {
    return ew.binary("pow", this, exponent);
  }
  maximum(other: TensorLike): Tensor {
    return ew.binary("maximum", this, other);
  }
  minimum(other: TensorLike): Tensor {
    return ew.binary("minimum", this, other);
  }
  neg(): Tensor {
    return ew.unary("neg", this);
  }
  exp(): Tensor {
    return ew.unary("exp", this);
  }
  log(): Tensor {
    return ew.unary("log", this);
  }
  log1p(): Tensor {
    return ew.unary("log1p", this);
  }
  sqrt(): Tensor {
    return ew.unary("sqrt", this);
  }
  abs(): Tensor {
    return ew.unary("abs", this);
  }
  sigmoid(): Tensor {
    return ew.unary("sigmoid", this);
  }
  tanh(): Tensor {
    return ew.unary("tanh", this);
  }
  relu(): Tensor {
    return ew.unary("relu", this);
  }
  square(): Tensor {
    return ew.binary("mul", this, this);
  }
  /** Clamps into [min, max]; either bound may be omitted (null or undefined). */
  clamp(min?: number | null, max?: number | null): Tensor {
    return ew.clamp(this, min ?? null, max ?? null);
  }

  // ---- comparisons and selection (not differentiable) -------------------------------------

  eq(other: TensorLike): Tensor {
    return ew.binary("eq", this, other);
  }
  ne(other: TensorLike): Tensor {
    return ew.binary("ne", this, other);
  }
  lt(other: TensorLike): Tensor {
    return ew.binary("lt", this, other);
  }
  le(other: TensorLike): Tensor {
    return ew.binary("le", this, other);
  }
  gt(other: TensorLike): Tensor {
    return ew.binary("gt", this, other);
  }
  ge(other: TensorLike): Tensor {
    return ew.binary("ge", this, other);
  }
  /** `condition ? this : other`, elementwise with broadcasting (`Tensor.where` in PyTorch). */
  where(condition: Tensor, other: TensorLike): Tensor {
    return ew.where(condition, this, other);
  }

  // ---- in-place ---------------------------------------------------------------------------

  add_(other: TensorLike): this {
    ew.binaryInplace("add_", this, other);
    return this;
  }
  sub_(other: TensorLike): this {
    ew.binaryInplace("sub_", this, other);
    return this;
  }
  mul_(other: TensorLike): this {
    ew.binaryInplace("mul_", this, other);
    return this;
  }
  div_(other: TensorLike): this {
    ew.binaryInplace("div_", this, other);
    return this;
  }
  clamp_(min?: number | null, max?: number | null): this {
    ew.clampInplace(this, min ?? null, max ?? null);
    return this;
  }
  zero_(): this {
    ew.fillInplace("zero_", this, 0);
    return this;
  }
  fill_(value: number | boolean): this {
    ew.fillInplace("fill_", this, value);
    return this;
  }
  /** Copies `src` (broadcast to this shape, converted to this dtype) into this tensor. */
  copy_(src: TensorLike): this {
    ew.binaryInplace("copy_", this, src);
    return this;
  }

  // ---- reductions -------------------------------------------------------------------------

  sum(dim?: number | readonly number[] | null, keepdim = false): Tensor {
    return red.reduce("sum", this, dim, keepdim);
  }
  mean(dim?: number | readonly number[] | null, keepdim = false): Tensor {
    return red.reduce("mean", this, dim, keepdim);
  }
  prod(dim?: number | null, keepdim = false): Tensor {
    return red.reduce("prod", this, dim, keepdim);
  }
  /** Variance with Bessel's correction by default (`correction: 1`), as `torch.var`. */
  var(
    dim?: number | readonly number[] | null,
    options: { keepdim?: boolean; correction?: number } = {},
  ): Tensor {
    return red.variance(this, dim, options.keepdim ?? false, options.correction ?? 1);
  }
  std(
    dim?: number | readonly number[] | null,
    options: { keepdim?: boolean; correction?: number } = {},
  ): Tensor {
    return red.variance(this, dim, options.keepdim ?? false, options.correction ?? 1, "std").sqrt();
  }
  logsumexp(dim: number | readonly number[], keepdim = false): Tensor {
    return red.logsumexp(this, dim, keepdim);
  }
  /** The largest value; with a dim, the largest values along it and their indices. */
  max(): Tensor;
  max(dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
  max(dim?: number, keepdim = false): Tensor | { values: Tensor; indices: Tensor } {
    return dim === undefined ? red.reduce("amax", this, null, false) : red.maxMin("max", this, dim, keepdim);
  }
  min(): Tensor;
  min(dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
  min(dim?: number, keepdim = false): Tensor | { values: Tensor; indices: Tensor } {
    return dim === undefined ? red.reduce("amin", this, null, false) : red.maxMin("min", this, dim, keepdim);
  }
  amax(dim?: number | readonly number[] | null, keepdim = false): Tensor {
    return red.reduce("amax", this, dim, keepdim);
  }
  amin(dim?: number | readonly number[] | null, keepdim = false): Tensor {
    return red.reduce("amin", this, dim, keepdim);
  }
  /** Index of the largest value (first one on ties), over the flattened tensor without a dim. */
  argmax(dim?: number, keepdim = false): Tensor {
    return red.argMaxMin("argmax", this, dim, keepdim);
  }
  argmin(dim?: number, keepdim = false): Tensor {
    return red.argMaxMin("argmin", this, dim, keepdim);
  }
  all(dim?: number, keepdim = false): Tensor {
    return red.allAny("all", this, dim, keepdim);
  }
  any(dim?: number, keepdim = false): Tensor {
    return red.allAny("any", this, dim, keepdim);
  }

  // ---- softmax --------------------------------------------------------------------------

  /** Numerically stable softmax along `dim` (max subtracted first). */
  softmax(dim: number): Tensor {
    return sm.softmax(this, dim, false);
  }
  logSoftmax(dim: number): Tensor {
    return sm.softmax(this, dim, true);
  }

  // ---- linear algebra -------------------------------------------------------------------

  /** Matrix product with PyTorch's rules: 1-D operands, broadcast batch dims. */
  matmul(other: Tensor): Tensor {
    return mm.matmul(this, other);
  }
  /** 2-D matrix product, `[n, k] @ [k, m]`. */
  mm(other: Tensor): Tensor {
    return mm.mm(this, other);
  }

  // ---- indexing -------------------------------------------------------------------------

  /** `out[i][j] = this[i][index[i][j]]` for dim 1 (torch.gather). */
  gather(dim: number, index: Tensor): Tensor {
    return idx.gather(this, dim, index);
  }
  /** A copy with `src` added at `index` along `dim` (torch.scatter_add). */
  scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor {
    return idx.scatterAdd(this, dim, index, src);
  }
  indexSelect(dim: number, index: Tensor): Tensor {
    return idx.indexSelect(this, dim, index);
  }
  /**
   * Advanced indexing with one index tensor (or null for `:`) per leading dim, broadcast
   * together: `yHat.index([arange(n), y])` is `y_hat[range(n), y]`.
   */
  index(indices: readonly (Tensor | null)[]): Tensor {
    return idx.index(this, indices);
  }

  // ---- printing -------------------------------------------------------------------------

  toString(): string {
    return formatTensor(this);
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return formatTensor(this);
  }
}
