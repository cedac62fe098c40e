import {
  argError,
  checkTensor,
  fmtShape,
  fmtValue,
  fromTypedArray,
  IndexError,
  ShapeError,
  type Tensor,
  ValueError,
} from "@tsgrad/tensor";
import { checkDataset, indexArray, MAX_ITEMS } from "./args.js";
import { BatchBuffers, batchArray, ctorOf } from "./buffers.js";
import type { Collated } from "./collate.js";

/**
 * A map-style data set, like `torch.utils.data.Dataset`: a length and the item at an index
 * (PyTorch's `__len__` and `__getitem__`). `getItem` may return a promise: such a data set is
 * read with `for await` over a `DataLoader`.
 */
export interface Dataset<T> {
  /** The number of items (PyTorch's `__len__`). */
  readonly length: number;
  /**
   * The item at `index` (PyTorch's `__getitem__`), in 0..length-1; implementations may accept
   * negative indices from the end, and throw an `IndexError` out of range.
   */
  getItem(index: number): T | Promise<T>;
  /**
   * Optional fast path: the already collated batch of the items at `indices`, in that order,
   * equal to `defaultCollate(indices.map(getItem))`. A `DataLoader` without a custom `collate`
   * calls it once per batch instead of building one object per sample. With `buffers` it may
   * write into (and return views of) arrays reused from the previous batch.
   */
  getBatch?(indices: Int32Array, buffers?: BatchBuffers): Collated<T>;
}

/** A data set that is a stream of items (PyTorch's `IterableDataset`); `length` if known. */
export interface IterableDataset<T> extends Iterable<T> {
  readonly length?: number;
}

/** A stream of items that arrive asynchronously (read with `for await` over a DataLoader). */
export interface AsyncIterableDataset<T> extends AsyncIterable<T> {
  readonly length?: number;
}

/** Anything a `DataLoader` can read. */
export type DatasetLike<T> = Dataset<T> | IterableDataset<T> | AsyncIterableDataset<T>;

export function isMapDataset<T>(d: DatasetLike<T>): d is Dataset<T> {
  return typeof (d as Partial<Dataset<T>>).getItem === "function";
}

/** Resolves a possibly negative index against `length`, or throws IndexError naming `op`. */
export function checkIndex(op: string, index: number, length: number): number {
  // PyTorch's indexing answers a non-integer index with IndexError too.
  if (!Number.isInteger(index))
    throw new IndexError(`${op}: index must be an integer, got ${fmtValue(index)}`);
  if (index < -length || index >= length) {
    throw new IndexError(`${op}: index ${index} is out of range for a dataset of length ${length}`);
  }
  return index < 0 ? index + length : index;
}

/**
 * A data set of tensors that share their first dimension, like `torch.utils.data.TensorDataset`:
 * item `i` is `[t0[i], t1[i], ...]` (views). Batches from a `DataLoader` come from its fast path:
 * one gather per tensor into a contiguous typed array, no per-sample objects.
 */
export class TensorDataset<T extends Tensor[] = Tensor[]> implements Dataset<T> {
  /** The tensors, in order. */
  readonly tensors: T;
  private contiguousCache: Tensor[] | null = null;

  constructor(...tensors: T) {
    if (tensors.length === 0) throw new ValueError("TensorDataset: expected at least one tensor");
    tensors.forEach((t, i) => {
      checkTensor("TensorDataset", `tensors[${i}]`, t);
    });
    const first = tensors[0]!;
    tensors.forEach((t, i) => {
      if (t.ndim === 0) {
        throw new ShapeError(
          `TensorDataset: tensor ${i} is zero-dimensional (shape ${fmtShape(t.shape)}); every tensor needs a first dimension`,
        );
      }
      if (t.shape[0] !== first.shape[0]) {
        throw new ShapeError(
          `TensorDataset: size mismatch between tensors: tensor 0 has shape ${fmtShape(first.shape)} and tensor ${i} has shape ${fmtShape(t.shape)}; the first dimensions must agree`,
        );
      }
    });
    this.tensors = tensors;
  }

  get length(): number {
    return this.tensors[0]!.shape[0]!;
  }

  /**
   * Item `index` as `[t0[index], t1[index], ...]`, views sharing storage with the tensors; a
   * negative index counts from the end. Throws an `IndexError` out of range or for a non-integer.
   */
  getItem(index: number): T {
    const i = checkIndex("TensorDataset.getItem", index, this.length);
    return this.tensors.map((t) => t.select(0, i)) as T;
  }

  /** One gather per tensor: rows `indices` copied into a contiguous array (reused with `buffers`). */
  getBatch(indices: Int32Array, buffers?: BatchBuffers): Collated<T> {
    indices = indexArray("TensorDataset.getBatch", "indices", indices);
    checkBuffers("TensorDataset.getBatch", buffers);
    const n = this.length;
    for (const i of indices) {
      if (i < 0 || i >= n) {
        throw new IndexError(
          `TensorDataset.getBatch: index ${i} is out of range for a dataset of length ${n}`,
        );
      }
    }
    if (this.tensors.some((t) => t.requiresGrad)) {
      // Gradients must flow back to the data set's tensors: gather through the recorded op.
      const index = fromTypedArray(Int32Array.from(indices));
      return this.tensors.map((t) => t.indexSelect(0, index)) as unknown as Collated<T>;
    }
    if (this.contiguousCache === null) this.contiguousCache = this.tensors.map((t) => t.contiguous());
    const b = indices.length;
    const batch = this.contiguousCache.map((t, slot) => {
      const src = t.storage;
      const off = t.offset;
      const row = n === 0 ? 0 : t.numel() / n;
      const out = batchArray(buffers, slot, ctorOf(src), b * row);
      if (row === 1) {
        for (let k = 0; k < b; k++) out[k] = src[off + indices[k]!]!;
      } else if (row < 32) {
        for (let k = 0, o = 0; k < b; k++) {
          const s = off + indices[k]! * row;
          for (let j = 0; j < row; j++) out[o++] = src[s + j]!;
        }
      } else {
        for (let k = 0; k < b; k++) {
          const s = off + indices[k]! * row;
          out.set(src.subarray(s, s + row), k * row);
        }
      }
      return fromTypedArray(out, [b, ...t.shape.slice(1)]);
    });
    // A tuple of tensors collates to a tuple of tensors of the same length.
    return batch as unknown as Collated<T>;
  }
}

/** `buffers` is undefined or a BatchBuffers. */
function checkBuffers(fn: string, buffers: unknown): void {
  if (buffers !== undefined && !(buffers instanceof BatchBuffers)) {
    throw argError(fn, "buffers", "a BatchBuffers", buffers);
  }
}

/** The items of `dataset` at `indices`, like `torch.utils.data.Subset`. */
export class Subset<T> implements Dataset<T> {
  readonly dataset: Dataset<T>;
  readonly indices: Int32Array;
  /** Present when the underlying data set has a batch fast path. */
  readonly getBatch?: (indices: Int32Array, buffers?: BatchBuffers) => Collated<T>;

  constructor(dataset: Dataset<T>, indices: ArrayLike<number>) {
    checkDataset("Subset", "dataset", dataset);
    if (
      typeof indices !== "object" ||
      indices === null ||
      !Number.isSafeInteger(indices.length) ||
      indices.length > MAX_ITEMS
    ) {
      throw argError("Subset", "indices", "an array of integers", indices);
    }
    this.dataset = dataset;
    this.indices = Int32Array.from(indices, (i) => checkIndex("Subset", i, dataset.length));
    const base = dataset.getBatch;
    if (typeof base === "function") {
      this.getBatch = (idx, buffers) => {
        idx = indexArray("Subset.getBatch", "indices", idx);
        checkBuffers("Subset.getBatch", buffers);
        const mapped = new Int32Array(idx.length);
        for (let k = 0; k < idx.length; k++) {
          mapped[k] = this.indices[checkIndex("Subset.getBatch", idx[k]!, this.indices.length)]!;
        }
        return base.call(dataset, mapped, buffers);
      };
    }
  }

  get length(): number {
    return this.indices.length;
  }

  /**
   * Item `index` of the subset, i.e. `dataset.getItem(indices[index])`; a negative index counts
   * from the end. Throws an `IndexError` out of range.
   */
  getItem(index: number): T | Promise<T> {
    return this.dataset.getItem(this.indices[checkIndex("Subset.getItem", index, this.indices.length)]!);
  }
}
