import type { DType, TypedArray } from "./dtype.js";
import { isDType, isFloating } from "./dtype.js";
import { DTypeError, fmtValue, ValueError } from "./errors.js";
import { formatTensor } from "./format.js";
import { disposedError, track } from "./scope.js";
import { isContiguous, normalizeDim, numelOf } from "./shape.js";
import { contiguousData, item, toArray } from "./values.js";

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
  /**
   * Keep the graph after the backward pass, so that `backward()` may run through it again (default
   * false).
   */
  retainGraph?: boolean;
}

/** The backward engine that @tsgrad/autograd registers with `setBackwardEngine`. */
export interface BackwardEngine {
  /**
   * Runs backpropagation from `t` (what `t.backward(gradient, options)` calls); `gradient` is
   * undefined for a scalar `t` (an implicit 1).
   */
  backward(t: Tensor, gradient: Tensor | undefined, options: BackwardOptions): void;
}

let engine: BackwardEngine | null = null;

/** Version counters by storage (see Tensor.version); weak, so storages are still collected. */
const versionCounters = new WeakMap<TypedArray, { value: number }>();

/**
 * Called once by @tsgrad/autograd; the tensor package itself knows no gradient math. Returns
 * the engine it replaces (null unloads autograd: tests restore the previous one with it).
 */
export function setBackwardEngine(e: BackwardEngine | null): BackwardEngine | null {
  // A tensor has a backward method too, and would call itself forever.
  if (e !== null && (typeof e !== "object" || e instanceof Tensor || typeof e.backward !== "function")) {
    throw new ValueError(
      `setBackwardEngine: engine must be null or an object with a backward function, got ${fmtValue(e)}`,
    );
  }
  const previous = engine;
  engine = e;
  return previous;
}

/**
 * @internal The strided view a tensor holds: the members of scijs ndarray's NdArray that tsgrad
 * uses. Declared here so that the public declarations never name ndarray's types (its @types
 * package is only a devDependency); storage.ts passes real NdArrays, so tsc checks they fit.
 */
interface StridedView {
  data: TypedArray;
  readonly shape: number[];
  readonly stride: number[];
  readonly offset: number;
  readonly size: number;
  transpose(...axes: number[]): StridedView;
  pick(...indices: (number | null)[]): StridedView;
}

/**
 * A multi-dimensional array of one dtype: a strided view (scijs ndarray) on a typed array.
 * Views share storage; ops return new tensors. PyTorch's Tensor API in camelCase.
 *
 * This class holds the tensor's state; its op methods (`add`, `sum`, `view`...) are installed
 * by the op modules (ops/*.ts, each declaring its methods on this interface), so this file
 * imports no op.
 */
export class Tensor {
  /** The element type (`torch.Tensor.dtype`): float32, float64, int32, uint8 or bool. */
  readonly dtype: DType;
  /** The size of each dim (`torch.Tensor.shape`); [] for a scalar. */
  readonly shape: readonly number[];
  /** @internal The strided storage view. Users never see ndarray. */
  readonly nd: StridedView;
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
  constructor(nd: StridedView, dtype: DType) {
    // Plain JavaScript's `new Tensor([1, 2])` (torch.Tensor's habit) gets a pointer, not a TypeError.
    if (
      !Array.isArray(nd?.shape) ||
      !Array.isArray(nd.stride) ||
      !ArrayBuffer.isView(nd.data) ||
      !isDType(dtype)
    ) {
      throw new ValueError(
        `Tensor: create tensors with tensor(), zeros(), randn()...; the constructor takes an internal strided view, got ${fmtValue(nd)}`,
      );
    }
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
  /** The step in `storage` between neighbours along each dim, in elements (`torch.Tensor.stride()`). */
  get strides(): readonly number[] {
    return this.nd.stride;
  }
  /** Where this tensor's first element sits in `storage` (`torch.Tensor.storage_offset()`). */
  get offset(): number {
    return this.nd.offset;
  }
  /** Number of dimensions (`ndim` in PyTorch). */
  get ndim(): number {
    return this.shape.length;
  }
  /** Number of dimensions, as `torch.Tensor.dim()` (the same as `ndim`). */
  dim(): number {
    return this.shape.length;
  }
  /** Number of elements: the product of the shape (1 for a scalar), as `torch.Tensor.numel`. */
  numel(): number {
    return numelOf(this.shape);
  }
  /** The shape, or the size of one (possibly negative) dim. */
  size(): readonly number[];
  size(dim: number): number;
  size(dim?: number): number | readonly number[] {
    return dim === undefined ? this.shape : this.shape[normalizeDim("size", dim, this.ndim)]!;
  }
  /**
   * Whether the elements lie in row-major order without gaps, as `torch.Tensor.is_contiguous`
   * (views from `transpose`, `permute`, `expand`... usually are not; `contiguous()` copies).
   */
  isContiguous(): boolean {
    return isContiguous(this.shape, this.nd.stride);
  }
  /**
   * Whether no recorded op made this tensor (`torch.Tensor.is_leaf`): leaves that require
   * grad get `.grad` from `backward()`.
   */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  /** The single value of a one-element tensor, as a JS number (booleans as 0/1 → boolean). */
  item(): number {
    return item(this);
  }
  /** Nested JS arrays (`tolist()` in PyTorch); bool tensors give booleans. */
  toArray(): NestedArray {
    return toArray(this);
  }
  /** A contiguous copy of the values as a typed array of this dtype. */
  toTypedArray(): TypedArray {
    this.assertLive("toTypedArray");
    return contiguousData(this);
  }

  // ---- graph -----------------------------------------------------------------------------

  /** A view that shares storage but is cut from the graph. */
  detach(): Tensor {
    this.assertLive("detach");
    return new Tensor(this.nd, this.dtype);
  }
  /** Cuts this tensor from the graph in place. */
  detach_(): this {
    this.gradFn = null;
    this.requiresGrad = false;
    return this;
  }
  /**
   * Sets `requiresGrad` in place and returns this tensor, as `torch.Tensor.requires_grad_`.
   * Throws a `DTypeError` for a tensor that is not floating point, and a `ValueError` when
   * turning it off on a non-leaf (use `detach()`) or for a value that is not a boolean.
   */
  requiresGrad_(requiresGrad = true): this {
    if (typeof requiresGrad !== "boolean") {
      throw new ValueError(
        `requiresGrad_: requiresGrad must be true or false, got ${fmtValue(requiresGrad)}`,
      );
    }
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
    if (gradient !== undefined && !(gradient instanceof Tensor)) {
      throw new ValueError(`backward: gradient must be a tensor, got ${fmtValue(gradient)}`);
    }
    engine.backward(this, gradient, options);
  }

  // ---- printing -------------------------------------------------------------------------

  /**
   * The tensor printed as PyTorch prints it, `tensor([[1., 2.]], requiresGrad=true)`: shared
   * element width, summarized beyond the threshold (see `setPrintOptions`).
   */
  toString(): string {
    return formatTensor(this);
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return formatTensor(this);
  }
}
