// d2l's predict_ch3: the first n test images with their true and predicted labels, drawn as a
// grid with the two labels as each image's title.
import { noGrad } from "@tsgrad/autograd";
import { getFashionMnistLabels } from "@tsgrad/data-fashion-mnist";
import { type ImageGrid, saveFile, showImages } from "@tsgrad/plot";
import { checkOptions, fmtShape, fmtValue, Tensor, ValueError } from "@tsgrad/tensor";
import {
  checkBatch,
  checkBatches,
  checkNet,
  checkOptionalFunction,
  checkOptionalInt,
  checkPath,
} from "./args.js";
import type { Batches, Net } from "./types.js";

/** Options of {@link predict}. */
export interface PredictOptions {
  /** How many images (default 6). */
  n?: number;
  /** Class index → name (default Fashion-MNIST's ten names). */
  labels?: (indices: readonly number[]) => string[];
  /** Rows of the grid (default 1). */
  rows?: number;
  /** Also write the grid as a PNG file here (Node). */
  png?: string;
}

/** What {@link predict} returns: the labels, the grid of images and how many were right. */
export interface Prediction {
  /** The true label's name of each image shown. */
  trueLabels: string[];
  /** The predicted label's name of each image shown. */
  predLabels: string[];
  /** "true\npred" per image. */
  titles: string[];
  /** How many of the images shown were predicted right. */
  correct: number;
  /** The images with their titles, as d2l's `show_images`: `.toPng()` or `.toSvg()`. */
  grid: ImageGrid;
}

/**
 * d2l's `predict_ch3`: the first `n` images of the first batch of `testIter` with their true and
 * predicted labels (argmax of `net.forward(X)`, computed under `noGrad` in evaluation mode, the
 * net's mode restored afterwards), drawn as a grid with `"true\npred"` titles. `X` must be
 * images [N, H, W] or [N, 1, H, W], `y` labels [N], and the scores [N, C]; anything else, or an
 * empty `testIter`, is a `ValueError`.
 *
 * @example
 * ```ts
 * const { titles, correct } = await predict(net, testIter, { n: 6, png: "predictions.png" });
 * console.log(titles.join(", "), `${correct}/6 right`);
 * ```
 */
export async function predict(
  net: Net,
  testIter: Batches,
  options: PredictOptions = {},
): Promise<Prediction> {
  const fn = "predict";
  checkNet(fn, net);
  checkBatches(fn, "testIter", testIter);
  checkOptions(fn, "options", options, ["n", "labels", "rows", "png"]);
  checkOptionalInt(fn, "n", options.n, 1);
  checkOptionalFunction(fn, "labels", options.labels);
  checkOptionalInt(fn, "rows", options.rows, 1);
  if (options.png !== undefined) checkPath(fn, "png", options.png);
  const n = options.n ?? 6;
  const names = options.labels ?? getFashionMnistLabels;
  const first = testIter[Symbol.iterator]().next();
  if (first.done) throw new ValueError(`${fn}: testIter yielded no batch`);
  checkBatch(fn, "testIter", first.value, 1);
  const [X, y] = first.value;
  // Images, [N, H, W] or [N, 1, H, W]: each example is drawn as one H × W grid cell.
  const h = X.shape[X.ndim - 2] ?? 0;
  const w = X.shape[X.ndim - 1] ?? 0;
  if (X.ndim < 3 || X.numel() !== X.shape[0]! * h * w) {
    throw new ValueError(
      `${fn}: testIter must yield images X of shape [N, H, W] or [N, 1, H, W], got ${fmtShape(X.shape)}`,
    );
  }
  if (y.ndim !== 1 || y.shape[0] !== X.shape[0]) {
    throw new ValueError(
      `${fn}: testIter must yield labels y of shape [N] for X of shape ${fmtShape(X.shape)}, got ${fmtShape(y.shape)}`,
    );
  }
  const count = Math.min(n, X.shape[0]!);
  const wasTraining = net.training;
  net.train?.(false);
  let scores: unknown;
  try {
    scores = noGrad(() => net.forward(X));
  } finally {
    if (wasTraining !== undefined) net.train?.(wasTraining);
  }
  if (!(scores instanceof Tensor) || scores.ndim !== 2) {
    throw new ValueError(`${fn}: net.forward must return scores of shape [N, C], got ${fmtValue(scores)}`);
  }
  const pred = scores.argmax(1);
  const trueIdx = Array.from(y.toTypedArray()).slice(0, count);
  const predIdx = Array.from(pred.toTypedArray()).slice(0, count);
  const trueLabels = labelNames(fn, names, trueIdx);
  const predLabels = labelNames(fn, names, predIdx);
  const titles = trueLabels.map((t, i) => `${t}\n${predLabels[i]}`);
  const images = X.narrow(0, 0, count).reshape(count, h, w);
  const rows = options.rows ?? 1;
  const grid = showImages(images, rows, Math.ceil(count / rows), { titles });
  if (options.png !== undefined) await saveFile(options.png, grid.toPng());
  const correct = trueIdx.filter((t, i) => t === predIdx[i]).length;
  return { trueLabels, predLabels, titles, correct, grid };
}

/** The names of `indices` from the `labels` option: one string each. */
function labelNames(
  fn: string,
  names: (indices: readonly number[]) => string[],
  indices: number[],
): string[] {
  const out: unknown = names(indices);
  if (!Array.isArray(out) || out.length !== indices.length || !out.every((s) => typeof s === "string")) {
    throw new ValueError(
      `${fn}: labels must return one string per index (${indices.length}), got ${fmtValue(out)}`,
    );
  }
  return out;
}
