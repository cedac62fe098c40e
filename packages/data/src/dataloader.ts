import {
  argError,
  checkOptions,
  defaultGenerator,
  fmtValue,
  type Generator,
  randperm,
  ValueError,
} from "@tsgrad/tensor";
import { checkDatasetLike, checkGenerator, checkLength, checkOptionalBoolean } from "./args.js";
import { BatchBuffers } from "./buffers.js";
import { type Collated, defaultCollate } from "./collate.js";
import { type Dataset, type DatasetLike, isMapDataset } from "./dataset.js";

/**
 * Options of {@link DataLoader}, `torch.utils.data.DataLoader`'s keyword arguments in
 * camelCase (`collate` is `collate_fn`). `T` is the data set's item type, `B` the batch type.
 */
export interface DataLoaderOptions<T, B> {
  /** Items per batch (default 1). */
  batchSize?: number;
  /** Draw a new random order at the start of every pass (default false). */
  shuffle?: boolean;
  /** Drop the last batch when it is smaller than `batchSize` (default false: keep it). */
  dropLast?: boolean;
  /** The generator for shuffling; defaults to the one `manualSeed` seeds. */
  generator?: Generator;
  /** Turns a list of items into a batch; defaults to `defaultCollate`. */
  collate?: (items: T[]) => B;
  /**
   * Write every batch of a pass into the same typed arrays (data sets with a batch fast path
   * only). Saves one allocation per batch, but each batch's tensors are overwritten by the
   * next batch: only for loops that are done with a batch before asking for the next one.
   * Default false: every batch is a fresh tensor that may be kept.
   */
  reuseBuffers?: boolean;
}

function isPromiseLike(x: unknown): x is PromiseLike<unknown> {
  return (
    (typeof x === "object" || typeof x === "function") &&
    x !== null &&
    typeof (x as { then?: unknown }).then === "function"
  );
}

const asyncHint = "iterate with `for await (const batch of loader)`";

const DATALOADER_OPTIONS = ["batchSize", "shuffle", "dropLast", "generator", "collate", "reuseBuffers"];

/**
 * Batches of a data set, like `torch.utils.data.DataLoader`: `for (const [X, y] of loader)`.
 * Shuffling draws a new order from `generator` on every pass, so two loaders seeded alike give
 * the same batches, and a loader gives a different order each epoch. `length` is the number
 * of batches. Data sets that implement `getBatch` (TensorDataset, Fashion-MNIST) are read with
 * one gather per batch. A data set whose items arrive asynchronously is read with `for await`.
 *
 * The second argument is the options or, as PyTorch's second positional argument, the batch
 * size. Throws a `ValueError` for a batch size that is not a positive integer, unknown options,
 * or `shuffle` with an iterable data set.
 *
 * @example
 * ```ts
 * const X = randn([1000, 2]);
 * const y = randn([1000]);
 * const loader = new DataLoader(new TensorDataset(X, y), { batchSize: 10, shuffle: true });
 * loader.length; // 100 batches
 * for (const [Xb, yb] of loader) {
 *   // Xb: [10, 2], yb: [10]
 * }
 * ```
 */
export class DataLoader<T, B = Collated<T>> implements Iterable<B>, AsyncIterable<B> {
  /** The data set read. */
  readonly dataset: DatasetLike<T>;
  /** Items per batch. */
  readonly batchSize: number;
  /** Whether each pass draws a new order. */
  readonly shuffle: boolean;
  /** Whether a last, smaller batch is dropped. */
  readonly dropLast: boolean;
  /** The generator that shuffling draws from. */
  readonly generator: Generator;
  /** Whether batches of a pass share their typed arrays (see {@link DataLoaderOptions.reuseBuffers}). */
  readonly reuseBuffers: boolean;
  private readonly collate: (items: T[]) => B;
  private readonly batchFn: ((indices: Int32Array, buffers?: BatchBuffers) => B) | null;

  /** `options` may be a number, PyTorch's second argument: `new DataLoader(ds, 64)` is batchSize 64. */
  constructor(dataset: DatasetLike<T>, batchSizeOrOptions: DataLoaderOptions<T, B> | number = {}) {
    const fn = "DataLoader";
    checkDatasetLike(fn, "dataset", dataset);
    const options =
      typeof batchSizeOrOptions === "number" ? { batchSize: batchSizeOrOptions } : batchSizeOrOptions;
    if (typeof options !== "object" || options === null) {
      throw argError(fn, "options", "a batch size or an object of options", options);
    }
    checkOptions(fn, "options", options, DATALOADER_OPTIONS);
    // null is not "the default" here: PyTorch's batch_size=None means no batching at all.
    const batchSize = options.batchSize === undefined ? 1 : options.batchSize;
    if (!Number.isInteger(batchSize) || batchSize <= 0) {
      throw new ValueError(
        `DataLoader: batchSize should be a positive integer value, but got batchSize=${fmtValue(batchSize)}`,
      );
    }
    checkOptionalBoolean(fn, "options.shuffle", options.shuffle);
    checkOptionalBoolean(fn, "options.dropLast", options.dropLast);
    checkOptionalBoolean(fn, "options.reuseBuffers", options.reuseBuffers);
    checkGenerator(fn, "options.generator", options.generator);
    // A null collate is the default one, as PyTorch's collate_fn=None.
    if (options.collate != null && typeof options.collate !== "function") {
      throw argError(fn, "options.collate", "a function", options.collate);
    }
    this.dataset = dataset;
    this.batchSize = batchSize;
    this.shuffle = options.shuffle ?? false;
    this.dropLast = options.dropLast ?? false;
    this.generator = options.generator ?? defaultGenerator;
    this.reuseBuffers = options.reuseBuffers ?? false;
    if (!isMapDataset(dataset) && this.shuffle) {
      throw new ValueError(
        "DataLoader: with an iterable dataset, expected unspecified shuffle option, but got shuffle=true (shuffle the stream itself)",
      );
    }
    // The default collate is what turns T into B when no collate is given (B = Collated<T>).
    this.collate = options.collate ?? (defaultCollate as unknown as (items: T[]) => B);
    const getBatch = isMapDataset(dataset) ? dataset.getBatch : undefined;
    this.batchFn =
      options.collate == null && typeof getBatch === "function"
        ? (getBatch.bind(dataset) as (indices: Int32Array, buffers?: BatchBuffers) => B)
        : null;
  }

  /** The number of batches in one pass. */
  get length(): number {
    if (this.dataset.length === undefined) {
      throw new ValueError("DataLoader: length is unknown: the iterable dataset has no length");
    }
    const n = checkLength("DataLoader", "dataset.length", this.dataset.length);
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  /** The order of one pass: a fresh permutation from the generator, or 0..n-1. */
  #order(n: number): Int32Array {
    if (!this.shuffle) {
      const o = new Int32Array(n);
      for (let i = 0; i < n; i++) o[i] = i;
      return o;
    }
    return randperm(n, { generator: this.generator }).storage as Int32Array;
  }

  /** Index batches of one pass (the order is drawn when the pass starts). */
  #indexBatches(dataset: Dataset<T>): Int32Array[] {
    // Read once per pass: a data set's length may change between passes, not to "abc".
    const n = checkLength("DataLoader", "dataset.length", dataset.length);
    const order = this.#order(n);
    const batches: Int32Array[] = [];
    const end = this.dropLast ? n - (n % this.batchSize) : n;
    for (let s = 0; s < end; s += this.batchSize) {
      batches.push(order.subarray(s, Math.min(s + this.batchSize, end)));
    }
    return batches;
  }

  /**
   * One pass over the data set, batch by batch (`for (const batch of loader)`); shuffled loaders
   * draw a new order at each pass. Throws a `ValueError` for an asynchronous data set (iterate it
   * with `for await`).
   */
  [Symbol.iterator](): Iterator<B> {
    const dataset = this.dataset;
    if (isMapDataset(dataset)) return this.#mapBatches(dataset, this.#indexBatches(dataset));
    if (typeof (dataset as Partial<Iterable<T>>)[Symbol.iterator] !== "function") {
      throw new ValueError(`DataLoader: the dataset is asynchronous; ${asyncHint}`);
    }
    return this.#streamBatches(dataset as Iterable<T>);
  }

  *#mapBatches(dataset: Dataset<T>, batches: Int32Array[]): IterableIterator<B> {
    const buffers = this.reuseBuffers ? new BatchBuffers() : undefined;
    for (const idx of batches) {
      if (this.batchFn !== null) {
        yield this.batchFn(idx, buffers);
        continue;
      }
      const items = new Array<T>(idx.length);
      for (let k = 0; k < idx.length; k++) {
        const item = dataset.getItem(idx[k]!);
        if (isPromiseLike(item)) {
          throw new ValueError(
            `DataLoader: the dataset's getItem(${idx[k]}) returned a Promise; ${asyncHint}`,
          );
        }
        items[k] = item;
      }
      yield this.collate(items);
    }
  }

  *#streamBatches(stream: Iterable<T>): IterableIterator<B> {
    let items: T[] = [];
    for (const item of stream) {
      items.push(item);
      if (items.length === this.batchSize) {
        yield this.collate(items);
        items = [];
      }
    }
    if (items.length > 0 && !this.dropLast) yield this.collate(items);
  }

  /**
   * One pass with `for await (const batch of loader)`: for data sets whose `getItem` returns
   * Promises or that are async iterables; works on synchronous data sets too.
   */
  [Symbol.asyncIterator](): AsyncIterator<B> {
    const dataset = this.dataset;
    if (isMapDataset(dataset)) return this.#mapBatchesAsync(dataset, this.#indexBatches(dataset));
    return this.#streamBatchesAsync(dataset);
  }

  async *#mapBatchesAsync(dataset: Dataset<T>, batches: Int32Array[]): AsyncIterableIterator<B> {
    const buffers = this.reuseBuffers ? new BatchBuffers() : undefined;
    for (const idx of batches) {
      if (this.batchFn !== null) yield this.batchFn(idx, buffers);
      else yield this.collate(await Promise.all(Array.from(idx, (i) => dataset.getItem(i))));
    }
  }

  async *#streamBatchesAsync(stream: Iterable<T> | AsyncIterable<T>): AsyncIterableIterator<B> {
    let items: T[] = [];
    for await (const item of stream) {
      items.push(item);
      if (items.length === this.batchSize) {
        yield this.collate(items);
        items = [];
      }
    }
    if (items.length > 0 && !this.dropLast) yield this.collate(items);
  }
}
