import type { Tensor } from "@tsgrad/tensor";
import { checkSameLength, predictedLabels, trueLabels } from "./labels.js";

/**
 * The NUMBER of correct predictions (not a fraction), as d2l's `accuracy`: divide by
 * `y.numel()` for the rate, or accumulate counts over batches with an `Accumulator`.
 *
 * `yHat` is class scores [N, C] (logits or probabilities; the argmax over classes is the
 * prediction) or predicted labels [N] (or [N, 1]); `y` holds the true labels [N] (or [N, 1]).
 * Predictions are cast to `y`'s dtype before comparing, so float labels work too. For a single
 * binary logit per example threshold first: `accuracy(logits.gt(0), y)`.
 */
export function accuracy(yHat: Tensor, y: Tensor): number {
  if (yHat.ndim === 2 && yHat.shape[1]! > 1 && y.ndim === 1 && y.dtype === "int32" && yHat.isContiguous()) {
    if (yHat.shape[0] === y.shape[0]) return argmaxHits(yHat, y);
  }
  const pred = predictedLabels("accuracy", "yHat", yHat);
  const labels = trueLabels("accuracy", y);
  checkSameLength("accuracy", "yHat", pred, yHat, labels, y);
  return pred.to(labels.dtype).eq(labels).sum().item();
}

/**
 * The classification case in one pass, without the three intermediate tensors of
 * argmax / eq / sum (a third of a softmax-regression step's bookkeeping): per row, the index of
 * the largest score (the first NaN wins, as in argmax) compared with the label.
 */
function argmaxHits(yHat: Tensor, y: Tensor): number {
  const [n, c] = yHat.shape as [number, number];
  const x = yHat.storage;
  const labels = y.storage;
  const lo = y.offset;
  const ls = y.strides[0]!;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    const row = yHat.offset + i * c;
    let best = x[row]!;
    let bi = 0;
    if (!Number.isNaN(best)) {
      for (let j = 1; j < c; j++) {
        const v = x[row + j]!;
        if (Number.isNaN(v)) {
          bi = j;
          break;
        }
        if (v > best) {
          best = v;
          bi = j;
        }
      }
    }
    if (bi === labels[lo + i * ls]) hits++;
  }
  return hits;
}
