import { checkTensor, type Tensor } from "@tsgrad/tensor";
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
  checkTensor("accuracy", "yHat", yHat);
  checkTensor("accuracy", "y", y);
  if (yHat.ndim === 2 && yHat.shape[1]! > 1 && y.ndim === 1 && y.dtype === "int32") {
    if (yHat.shape[0] === y.shape[0]) return countEqual(yHat.argmax(1), y);
  }
  const pred = predictedLabels("accuracy", "yHat", yHat);
  const labels = trueLabels("accuracy", y);
  checkSameLength("accuracy", "yHat", pred, yHat, labels, y);
  return pred.to(labels.dtype).eq(labels).sum().item();
}

/**
 * Equal entries of the int32 predictions `pred` (contiguous, as argmax returns them) and the
 * int32 labels `y` [N]: the classification case without the eq and sum tensors.
 */
function countEqual(pred: Tensor, y: Tensor): number {
  const p = pred.storage;
  const labels = y.storage;
  const lo = y.offset;
  const ls = y.strides[0]!;
  let hits = 0;
  for (let i = 0; i < p.length; i++) if (p[i] === labels[lo + i * ls]) hits++;
  return hits;
}
