// What the page shows after training: d2l's predict_ch3 (the first test images with their true
// and predicted labels) and the confusion matrix over the whole test set.
import {
  type Batches,
  confusionMatrix,
  fromTypedArray,
  type Net,
  noGrad,
  predict,
  type Tensor,
} from "tsgrad";

/** Fashion-MNIST's ten classes. */
const NUM_CLASSES = 10;

export interface Predictions {
  /** The image grid with "true\npredicted" titles, as an SVG document. */
  svg: string;
  trueLabels: string[];
  predLabels: string[];
}

export async function firstPredictions(net: Net, testIter: Batches, n: number): Promise<Predictions> {
  const { grid, trueLabels, predLabels } = await predict(net, testIter, { n, rows: 2 });
  return { svg: grid.toSvg(), trueLabels, predLabels };
}

/** Rows are the true classes, columns the predicted ones (sklearn's and torchmetrics' layout). */
export function testConfusion(net: Net, testIter: Batches): number[][] {
  const predicted: number[] = [];
  const truth: number[] = [];
  const wasTraining = net.training;
  net.train?.(false);
  try {
    noGrad(() => {
      for (const [X, y] of testIter) {
        // Copied out at once: the loader reuses its batch arrays.
        predicted.push(...net.forward(X).argmax(1).toTypedArray());
        truth.push(...y.toTypedArray());
      }
    });
  } finally {
    if (wasTraining !== undefined) net.train?.(wasTraining);
  }
  const asTensor = (xs: number[]): Tensor => fromTypedArray(Int32Array.from(xs), [xs.length]);
  return confusionMatrix(asTensor(predicted), asTensor(truth), NUM_CLASSES).toArray() as number[][];
}
