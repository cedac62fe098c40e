// d2l's predict_ch3: the first n test images with their true and predicted labels, drawn as a
// grid with the two labels as each image's title.
import { noGrad } from "@tsgrad/autograd";
import { getFashionMnistLabels } from "@tsgrad/data-fashion-mnist";
import { type ImageGrid, saveFile, showImages } from "@tsgrad/plot";
import { ValueError } from "@tsgrad/tensor";
import type { Batches, Net } from "./types.js";

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

export interface Prediction {
  trueLabels: string[];
  predLabels: string[];
  /** "true\npred" per image. */
  titles: string[];
  correct: number;
  grid: ImageGrid;
}

export async function predict(
  net: Net,
  testIter: Batches,
  options: PredictOptions = {},
): Promise<Prediction> {
  const n = options.n ?? 6;
  const names = options.labels ?? getFashionMnistLabels;
  const first = testIter[Symbol.iterator]().next();
  if (first.done) throw new ValueError("predict: the test iterator yielded no batch");
  const [X, y] = first.value;
  const count = Math.min(n, X.shape[0] ?? 0);
  const wasTraining = net.training;
  net.train?.(false);
  const pred = noGrad(() => net.forward(X).argmax(1));
  if (wasTraining !== undefined) net.train?.(wasTraining);
  const trueIdx = Array.from(y.toTypedArray()).slice(0, count);
  const predIdx = Array.from(pred.toTypedArray()).slice(0, count);
  const trueLabels = names(trueIdx);
  const predLabels = names(predIdx);
  const titles = trueLabels.map((t, i) => `${t}\n${predLabels[i]}`);
  const h = X.shape[X.ndim - 2]!;
  const w = X.shape[X.ndim - 1]!;
  const images = X.narrow(0, 0, count).reshape(count, h, w);
  const rows = options.rows ?? 1;
  const grid = showImages(images, rows, Math.ceil(count / rows), { titles });
  if (options.png !== undefined) await saveFile(options.png, grid.toPng());
  const correct = trueIdx.filter((t, i) => t === predIdx[i]).length;
  return { trueLabels, predLabels, titles, correct, grid };
}
