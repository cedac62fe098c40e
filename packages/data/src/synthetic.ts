import {
  argError,
  checkBoolean,
  checkFinite,
  checkOptions,
  checkTensor,
  checkTensors,
  defaultGenerator,
  fmtShape,
  fmtValue,
  type Generator,
  normal,
  randperm,
  ShapeError,
  Tensor,
  tensor,
  uniform,
  ValueError,
} from "@tsgrad/tensor";
import { checkGenerator, MAX_ITEMS } from "./args.js";
import { DataLoader } from "./dataloader.js";
import { TensorDataset } from "./dataset.js";

/** Options of the synthetic-data helpers ({@link syntheticData}, {@link dataIter}, {@link loadArray}). */
export interface SyntheticOptions {
  /** Defaults to the generator that `manualSeed` seeds. */
  generator?: Generator;
}

/** A weight vector given as a 1-D tensor, a column [k, 1], or numbers: a float32 [k] tensor. */
function weightVector(op: string, arg: string, w: Tensor | readonly number[]): Tensor {
  if (Array.isArray(w) ? !w.every((v) => typeof v === "number") : !(w instanceof Tensor)) {
    throw argError(op, arg, "a tensor or an array of numbers", w);
  }
  const t = Array.isArray(w) ? tensor(w as number[], { dtype: "float32" }) : (w as Tensor);
  if (t.ndim === 1) return t.float();
  if (t.ndim === 2 && t.shape[1] === 1) return t.view(-1).float();
  throw new ShapeError(`${op}: w must be 1-D (or a column [k, 1]), got shape ${fmtShape(t.shape)}`);
}

function checkCount(op: string, n: number): void {
  if (!Number.isInteger(n) || n < 0)
    throw new ValueError(`${op}: numExamples must be a non-negative integer, got ${fmtValue(n)}`);
  if (n > MAX_ITEMS) throw new ValueError(`${op}: numExamples must be at most ${MAX_ITEMS}, got ${n}`);
}

/** The options that only hold a generator, checked; the generator. */
function generatorOption(op: string, options: SyntheticOptions): Generator {
  checkOptions(op, "options", options, ["generator"]);
  checkGenerator(op, "options.generator", options.generator);
  return options.generator ?? defaultGenerator;
}

/**
 * d2l's `synthetic_data(w, b, num_examples)`: features `X ~ N(0, 1)` of shape [n, len(w)] and
 * labels `y = X w + b + ε` with `ε ~ N(0, 0.01²)`, as a column [n, 1]. float32.
 */
export function syntheticData(
  w: Tensor | readonly number[],
  b: number,
  numExamples: number,
  options: SyntheticOptions = {},
): [Tensor, Tensor] {
  const wv = weightVector("syntheticData", "w", w);
  checkFinite("syntheticData", "b", b);
  checkCount("syntheticData", numExamples);
  const generator = generatorOption("syntheticData", options);
  const X = normal(0, 1, [numExamples, wv.shape[0]!], { generator });
  const y = X.matmul(wv).add(b);
  y.add_(normal(0, 0.01, y.shape, { generator }));
  return [X, y.reshape(-1, 1)];
}

function checkPair(op: string, features: Tensor, labels: Tensor): number {
  const n = features.shape[0];
  if (features.ndim === 0 || labels.ndim === 0 || labels.shape[0] !== n) {
    throw new ShapeError(
      `${op}: features and labels must have the same first dimension, got shapes ${fmtShape(features.shape)} and ${fmtShape(labels.shape)}`,
    );
  }
  return n!;
}

/**
 * d2l's scratch `data_iter(batch_size, features, labels)`: one pass over the examples in a
 * random order, yielding `[X, y]` minibatches (the last one may be smaller). The arguments are
 * checked when it is called, the order drawn when the pass starts.
 */
export function dataIter(
  batchSize: number,
  features: Tensor,
  labels: Tensor,
  options: SyntheticOptions = {},
): IterableIterator<[Tensor, Tensor]> {
  if (!Number.isInteger(batchSize) || batchSize <= 0) {
    throw new ValueError(`dataIter: batchSize should be a positive integer, got ${fmtValue(batchSize)}`);
  }
  checkTensor("dataIter", "features", features);
  checkTensor("dataIter", "labels", labels);
  const n = checkPair("dataIter", features, labels);
  const generator = generatorOption("dataIter", options);
  return batches(batchSize, features, labels, n, generator);
}

function* batches(
  batchSize: number,
  features: Tensor,
  labels: Tensor,
  n: number,
  generator: Generator,
): IterableIterator<[Tensor, Tensor]> {
  const indices = randperm(n, { generator });
  for (let i = 0; i < n; i += batchSize) {
    const batch = indices.narrow(0, i, Math.min(batchSize, n - i));
    yield [features.indexSelect(0, batch), labels.indexSelect(0, batch)];
  }
}

/**
 * d2l's `load_array((X, y), batch_size, is_train=True)`: a `DataLoader` over a
 * `TensorDataset`, shuffled when `isTrain`.
 */
export function loadArray<T extends Tensor[]>(
  arrays: [...T],
  batchSize: number,
  isTrain = true,
  options: SyntheticOptions = {},
): DataLoader<T> {
  const fn = "loadArray";
  checkTensors(fn, "arrays", arrays);
  if (arrays.length === 0) throw argError(fn, "arrays", "a non-empty array of tensors", arrays);
  if (!Number.isInteger(batchSize) || batchSize <= 0) {
    throw new ValueError(`loadArray: batchSize should be a positive integer, got ${fmtValue(batchSize)}`);
  }
  checkBoolean(fn, "isTrain", isTrain);
  const generator = generatorOption(fn, options);
  const dataset = new TensorDataset<T>(...(arrays as T));
  return new DataLoader(dataset, { batchSize, shuffle: isTrain, generator });
}

/** Options of {@link syntheticLogistic}: the true parameters, the feature range and the noise. */
export interface SyntheticLogisticOptions extends SyntheticOptions {
  /** True weights (default `[1.9, -3.1]`); their number is the number of features. */
  w?: readonly number[];
  /** True bias (default -0.6). */
  b?: number;
  /** Features are uniform in [low, high) (default [-1, 1)). */
  low?: number;
  /** Upper end of the features' range, exclusive (default 1). */
  high?: number;
  /** Standard deviation of the noise added to the probability before thresholding (default 0.05). */
  noise?: number;
}

/** What {@link syntheticLogistic} returns: the features, the 0/1 labels and the class counts. */
export interface SyntheticLogistic {
  /** float32 [n, len(w)], uniform in [low, high). */
  features: Tensor;
  /** float32 [n, 1] of 0 and 1 (the form that binary cross-entropy takes). */
  labels: Tensor;
  /** How many examples of class 0 and of class 1. */
  counts: [number, number];
}

/**
 * The logistic-regression lab's data set: uniform features `X`, probabilities
 * `p = sigmoid(X w + b)`, labels `1` where `p + N(0, noise²) > 0.5` and `0` elsewhere. The
 * class counts come back with the data so a caller can report how balanced it is.
 */
export function syntheticLogistic(
  numExamples: number,
  options: SyntheticLogisticOptions = {},
): SyntheticLogistic {
  const fn = "syntheticLogistic";
  checkCount(fn, numExamples);
  checkOptions(fn, "options", options, ["generator", "w", "b", "low", "high", "noise"]);
  checkGenerator(fn, "options.generator", options.generator);
  const w = weightVector(fn, "options.w", options.w === undefined ? [1.9, -3.1] : options.w);
  // Only undefined means "the default": a null or NaN is named, not replaced.
  const b = options.b === undefined ? -0.6 : options.b;
  const low = options.low === undefined ? -1 : options.low;
  const high = options.high === undefined ? 1 : options.high;
  const noise = options.noise === undefined ? 0.05 : options.noise;
  checkFinite(fn, "options.b", b);
  checkFinite(fn, "options.low", low);
  checkFinite(fn, "options.high", high);
  if (low > high)
    throw new ValueError(`${fn}: options.low must be <= options.high, got low=${low}, high=${high}`);
  if (typeof noise === "number" && noise < 0) throw new ValueError(`${fn}: noise must be >= 0, got ${noise}`);
  checkFinite(fn, "options.noise", noise, 0);
  const generator = options.generator ?? defaultGenerator;
  const features = uniform(low, high, [numExamples, w.shape[0]!], { generator });
  const p = features.matmul(w).add(b).sigmoid();
  const labels = p
    .add(normal(0, noise, p.shape, { generator }))
    .gt(0.5)
    .float()
    .reshape(-1, 1);
  const positive = labels.sum().item();
  return { features, labels, counts: [numExamples - positive, positive] };
}
