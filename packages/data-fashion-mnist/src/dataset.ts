import { BatchBuffers, DataError, DataLoader, type Dataset, indexArray } from "@tsgrad/data";
import {
  argError,
  checkBoolean,
  checkOptions,
  fmtValue,
  fromTypedArray,
  Generator,
  IndexError,
  type Tensor,
  ValueError,
} from "@tsgrad/tensor";
import { checkBytes, checkLocateOptions } from "./args.js";
import { PixelStore } from "./convert.js";
import { FILE_NAMES, type FileKey, splitKeys } from "./files.js";
import { type IdxImages, type IdxLabels, parseIdxImages, parseIdxLabels } from "./idx.js";
import type { LocateOptions } from "./options.js";
import { type ResampleTable, resamplePlane, resampleTable, sizePair } from "./resize.js";
import { isNode } from "./runtime.js";
import { readFromSource } from "./source.js";

/** Fashion-MNIST's images are 28 × 28 and its labels 0..9. */
export const IMAGE_SIZE = 28;
export const NUM_CLASSES = 10;

/** Which split to read and how to shape its images (the dataset part of `FashionMNIST.load`'s options). */
export interface FashionMnistDatasetOptions {
  /** The training split (60000 images) or the test split (10000). Default true. */
  train?: boolean;
  /** Resize every image to `size` × `size` (or `[h, w]`) with bilinear interpolation. */
  resize?: number | readonly [number, number];
  /**
   * Applied to each image tensor `[1, H, W]` (float32 in [0, 1], resized if asked) by
   * `getItem`. A data set with a transform is batched item by item (no batch fast path).
   */
  transform?: (image: Tensor) => Tensor;
}

export interface FashionMnistOptions extends FashionMnistDatasetOptions, LocateOptions {}

/** The keys of `FashionMnistDatasetOptions`. */
const DATASET_KEYS = ["train", "resize", "transform"];

/** Checks the values of the data set options given (undefined is the default). */
function checkDatasetOptions(fn: string, o: FashionMnistDatasetOptions): void {
  if (o.train !== undefined) checkBoolean(fn, "options.train", o.train);
  if (o.resize !== undefined) sizePair(fn, o.resize, "options.resize");
  if (o.transform !== undefined && typeof o.transform !== "function") {
    throw argError(fn, "options.transform", "a function", o.transform);
  }
}

/** `v` is a count of items: an integer >= 0. */
function checkCount(fn: string, arg: string, v: unknown): void {
  if (!Number.isSafeInteger(v) || (v as number) < 0) throw argError(fn, arg, "an integer >= 0", v);
}

/** `images` is parsed IDX images, `labels` parsed IDX labels (as parseIdxImages/Labels give). */
function checkParsed(fn: string, images: unknown, labels: unknown): void {
  if (typeof images !== "object" || images === null) {
    throw argError(fn, "images", "parsed IDX images { count, rows, cols, pixels }", images);
  }
  if (typeof labels !== "object" || labels === null) {
    throw argError(fn, "labels", "parsed IDX labels { count, labels }", labels);
  }
  const im = images as Partial<IdxImages>;
  const lb = labels as Partial<IdxLabels>;
  checkCount(fn, "images.count", im.count);
  checkCount(fn, "images.rows", im.rows);
  checkCount(fn, "images.cols", im.cols);
  checkBytes(fn, "images.pixels", im.pixels);
  checkCount(fn, "labels.count", lb.count);
  checkBytes(fn, "labels.labels", lb.labels);
}

/** The public `loadFashionMnistSplit`: `loadSplit` with its arguments checked. */
export async function loadFashionMnistSplit(
  train: boolean,
  options: LocateOptions = {},
): Promise<{ images: IdxImages; labels: IdxLabels; names: [string, string] }> {
  checkBoolean("loadFashionMnistSplit", "train", train);
  checkLocateOptions("loadFashionMnistSplit", options);
  return loadSplit(train, options);
}

/** Reads, decompresses, verifies and parses the two files of one split. */
export async function loadSplit(
  train: boolean,
  options: LocateOptions = {},
): Promise<{ images: IdxImages; labels: IdxLabels; names: [string, string] }> {
  const [imagesKey, labelsKey] = splitKeys(train);
  const read = async (key: FileKey): Promise<{ name: string; data: Uint8Array }> => {
    if (options.source !== undefined) return readFromSource(options.source, key, options.sha256);
    if (!isNode()) {
      throw new ValueError(
        `FashionMNIST: outside Node there is no file system to search for ${FILE_NAMES[key]}; pass { source } with the files' bytes or URLs`,
      );
    }
    const { locateFile } = await import("./node/locate.js");
    const found = await locateFile(key, options);
    return { name: found.path, data: found.data };
  };
  const [img, lab] = await Promise.all([read(imagesKey), read(labelsKey)]);
  return {
    images: parseIdxImages(img.data, img.name),
    labels: parseIdxLabels(lab.data, lab.name),
    names: [img.name, lab.name],
  };
}

/**
 * The Fashion-MNIST data set, like torchvision's `FashionMNIST` with `ToTensor()`: item `i` is
 * `[image, label]`, the image a float32 tensor `[1, 28, 28]` in [0, 1] (or resized), the label
 * a number 0..9. Pixels stay uint8 in memory (47 MB for the training set); batches from a
 * `DataLoader` are converted on the way out, one gather per batch: `[B, 1, H, W]` float32 and
 * `[B]` int32. `await FashionMNIST.load({ train, root, download, transform })` finds the files.
 */
export class FashionMNIST implements Dataset<[Tensor, number]> {
  readonly train: boolean;
  /** The images, uint8, with the conversion kernel. */
  private readonly store: PixelStore;
  /** All labels, uint8 0..9. */
  readonly targets: Uint8Array;
  readonly rows: number;
  readonly cols: number;
  /** Output image size `[h, w]` (28 × 28 unless resized). */
  readonly size: readonly [number, number];
  /** The `transform` option: applied to each image by `getItem` (undefined: none). */
  readonly transform: ((image: Tensor) => Tensor) | undefined;
  /** The batch fast path; absent when a transform is set. */
  readonly getBatch?: (indices: Int32Array, buffers?: BatchBuffers) => [Tensor, Tensor];
  private readonly tables: [ResampleTable, ResampleTable] | null;

  /** Finds (or downloads), verifies and parses the split's two files. */
  static async load(options: FashionMnistOptions = {}): Promise<FashionMNIST> {
    // Checked before any file is read: a misspelled option should not cost a 26 MB download.
    checkLocateOptions("FashionMNIST.load", options, DATASET_KEYS);
    checkDatasetOptions("FashionMNIST.load", options);
    return loadDataset(options);
  }

  /**
   * A data set over parsed IDX data. The images must be 28 × 28, as many as the labels, and
   * every label in 0..9; `names` (the two files) are named in errors.
   */
  constructor(
    images: IdxImages,
    labels: IdxLabels,
    options: FashionMnistDatasetOptions = {},
    names: readonly [string, string] = ["images", "labels"],
  ) {
    const fn = "FashionMNIST";
    checkParsed(fn, images, labels);
    checkOptions(fn, "options", options, DATASET_KEYS);
    checkDatasetOptions(fn, options);
    if (!Array.isArray(names) || names.length !== 2 || !names.every((n) => typeof n === "string")) {
      throw argError(fn, "names", "two file names [images, labels]", names);
    }
    const [imagesName, labelsName] = names;
    if (images.pixels.length !== images.count * images.rows * images.cols) {
      throw new DataError(
        `FashionMNIST: ${imagesName} has ${images.pixels.length} bytes of pixels, but ${images.count} images of ${images.rows}x${images.cols} pixels need ${images.count * images.rows * images.cols}`,
        { file: imagesName },
      );
    }
    if (labels.labels.length !== labels.count) {
      throw new DataError(
        `FashionMNIST: ${labelsName} has ${labels.labels.length} bytes of labels, but its count is ${labels.count}`,
        { file: labelsName },
      );
    }
    if (images.rows !== IMAGE_SIZE || images.cols !== IMAGE_SIZE) {
      throw new DataError(
        `FashionMNIST: ${imagesName} holds images of ${images.rows}x${images.cols} pixels; Fashion-MNIST's are ${IMAGE_SIZE}x${IMAGE_SIZE}`,
        { file: imagesName },
      );
    }
    if (images.count !== labels.count) {
      throw new DataError(
        `FashionMNIST: ${imagesName} has ${images.count} images but ${labelsName} has ${labels.count} labels`,
        { file: labelsName },
      );
    }
    const bad = labels.labels.findIndex((l) => l >= NUM_CLASSES);
    if (bad >= 0) {
      throw new DataError(
        `FashionMNIST: ${labelsName} has label ${labels.labels[bad]} at index ${bad}; labels are 0..${NUM_CLASSES - 1}`,
        { file: labelsName },
      );
    }
    this.train = options.train ?? true;
    this.store = new PixelStore(images.pixels, images.rows * images.cols);
    this.targets = labels.labels;
    this.rows = images.rows;
    this.cols = images.cols;
    this.transform = options.transform;
    if (options.resize === undefined) {
      this.size = [this.rows, this.cols];
      this.tables = null;
    } else {
      const [h, w] = sizePair("FashionMNIST", options.resize, "options.resize");
      this.size = [h, w];
      this.tables = [resampleTable(this.rows, h, true), resampleTable(this.cols, w, true)];
    }
    if (this.transform === undefined) {
      this.getBatch = (indices, buffers) => {
        indices = indexArray("FashionMNIST.getBatch", "indices", indices);
        if (buffers !== undefined && !(buffers instanceof BatchBuffers)) {
          throw argError("FashionMNIST.getBatch", "buffers", "a BatchBuffers", buffers);
        }
        return this.#batch(indices, buffers);
      };
    }
  }

  get length(): number {
    return this.targets.length;
  }

  /** All images, row-major uint8, `length × 28 × 28` (a view: read it, do not keep it). */
  get pixels(): Uint8Array {
    return this.store.pixels;
  }

  getItem(index: number): [Tensor, number] {
    const n = this.length;
    // PyTorch's indexing answers a non-integer index with IndexError too.
    if (!Number.isInteger(index)) {
      throw new IndexError(`FashionMNIST.getItem: index must be an integer, got ${fmtValue(index)}`);
    }
    if (index < -n || index >= n) {
      throw new IndexError(
        `FashionMNIST.getItem: index ${index} is out of range for a dataset of length ${n}`,
      );
    }
    const i = index < 0 ? index + n : index;
    const [h, w] = this.size;
    const image = new Float32Array(h * w);
    this.#convert(Int32Array.of(i), image);
    const t = fromTypedArray(image, [1, h, w]);
    return [this.transform === undefined ? t : this.transform(t), this.targets[i]!];
  }

  /** Images `indices` as float32 in [0, 1] (resized when asked) into `out`. */
  #convert(indices: Int32Array, out: Float32Array): void {
    if (this.tables === null) {
      this.store.gather(indices, out);
      return;
    }
    const [h, w] = this.size;
    const hw = this.rows * this.cols;
    const plane = new Float32Array(indices.length * hw);
    this.store.gather(indices, plane);
    const tmp = new Float32Array(this.rows * w);
    for (let k = 0; k < indices.length; k++) {
      resamplePlane(plane, k * hw, out, k * h * w, this.tables[0], this.tables[1], tmp);
    }
  }

  #batch(indices: Int32Array, buffers?: BatchBuffers): [Tensor, Tensor] {
    const n = this.length;
    const b = indices.length;
    const [h, w] = this.size;
    const per = h * w;
    const fresh = buffers === undefined && this.tables === null;
    const y = buffers === undefined ? new Int32Array(b) : buffers.get(1, Int32Array, b);
    for (let k = 0; k < b; k++) {
      const i = indices[k]!;
      if (i < 0 || i >= n) {
        throw new IndexError(
          `FashionMNIST.getBatch: index ${i} is out of range for a dataset of length ${n}`,
        );
      }
      y[k] = this.targets[i]!;
    }
    let x: Float32Array | null = null;
    if (fresh) {
      x = this.store.gatherNew(indices);
    } else if (buffers !== undefined && this.tables === null) {
      // Reused buffers: the batch can stay where the kernel wrote it (one copy less).
      x = this.store.gatherView(indices);
    }
    if (x === null) {
      x = buffers === undefined ? new Float32Array(b * per) : buffers.get(0, Float32Array, b * per);
      this.#convert(indices, x);
    }
    return [fromTypedArray(x, [b, 1, h, w]), fromTypedArray(y, [b])];
  }
}

export interface LoadDataFashionMnistOptions extends LocateOptions {
  /** Resize images to this size (d2l's `resize`), bilinear like torchvision. */
  resize?: number | readonly [number, number];
  /** The generator that shuffles the training set (default: the `manualSeed` one). */
  generator?: Generator;
  /**
   * Accepted for d2l's signature (`num_workers`). The data is in memory and a batch is one
   * gather, so there is nothing for worker processes to do: the value is only checked.
   */
  numWorkers?: number;
  /** Reuse the batch arrays from one batch to the next (see `DataLoader`); default false. */
  reuseBuffers?: boolean;
}

/**
 * d2l's `load_data_fashion_mnist(batch_size, resize=None)`: the two splits as DataLoaders,
 * the training set shuffled every epoch, the test set in order. Batches are `[X, y]` with X
 * float32 `[B, 1, 28, 28]` (or resized) in [0, 1] and y int32 `[B]`.
 */
export async function loadDataFashionMnist(
  batchSize: number,
  options: LoadDataFashionMnistOptions = {},
): Promise<{ trainIter: DataLoader<[Tensor, number]>; testIter: DataLoader<[Tensor, number]> }> {
  const fn = "loadDataFashionMnist";
  if (!Number.isInteger(batchSize) || batchSize <= 0) {
    throw new ValueError(
      `loadDataFashionMnist: batchSize should be a positive integer value, but got batchSize=${fmtValue(batchSize)}`,
    );
  }
  checkLocateOptions(fn, options, ["resize", "generator", "numWorkers", "reuseBuffers"]);
  const workers = options.numWorkers === undefined ? 0 : options.numWorkers;
  if (!Number.isInteger(workers) || workers < 0) {
    throw new ValueError(
      `loadDataFashionMnist: numWorkers must be a non-negative integer, got ${fmtValue(workers)}`,
    );
  }
  if (options.resize !== undefined) sizePair(fn, options.resize, "options.resize");
  if (options.generator != null && !(options.generator instanceof Generator)) {
    throw argError(fn, "options.generator", "a Generator", options.generator);
  }
  if (options.reuseBuffers !== undefined) checkBoolean(fn, "options.reuseBuffers", options.reuseBuffers);
  const { resize, generator, numWorkers: _, reuseBuffers: __, ...locate } = options;
  const sized = resize === undefined ? {} : { resize };
  const [train, test] = await Promise.all([
    loadDataset({ ...locate, ...sized, train: true }),
    loadDataset({ ...locate, ...sized, train: false }),
  ]);
  const reuseBuffers = options.reuseBuffers ?? false;
  return {
    trainIter: new DataLoader(train, {
      batchSize,
      shuffle: true,
      reuseBuffers,
      ...(generator == null ? {} : { generator }),
    }),
    testIter: new DataLoader(test, { batchSize, shuffle: false, reuseBuffers }),
  };
}

/** Loads one split's files and builds the data set (options already checked). */
async function loadDataset(options: FashionMnistOptions): Promise<FashionMNIST> {
  const { train = true, resize, transform, ...locate } = options;
  const { images, labels, names } = await loadSplit(train, locate);
  const dataset: FashionMnistDatasetOptions = { train };
  if (resize !== undefined) dataset.resize = resize;
  if (transform !== undefined) dataset.transform = transform;
  return new FashionMNIST(images, labels, dataset, names);
}
