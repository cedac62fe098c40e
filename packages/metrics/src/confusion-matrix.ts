import { checkTensor, fmtShape, fromTypedArray, ShapeError, type Tensor, ValueError } from "@tsgrad/tensor";
import { checkNumClasses } from "./args.js";
import { checkSameLength, predictedLabels, trueLabels } from "./labels.js";

/**
 * The confusion matrix, int32 [C, C]: entry [i, j] counts the examples of true class i predicted
 * as class j (rows are true classes, columns predictions, as sklearn's `confusion_matrix`).
 *
 * `yPred` is predicted labels [N] (or [N, 1]) or class scores [N, C] (argmax); `y` is the true
 * labels [N]. Labels must be integers in [0, numClasses).
 */
export function confusionMatrix(yPred: Tensor, y: Tensor, numClasses: number): Tensor {
  checkTensor("confusionMatrix", "yPred", yPred);
  checkTensor("confusionMatrix", "y", y);
  checkNumClasses("confusionMatrix", "numClasses", numClasses);
  if (yPred.ndim === 2 && yPred.shape[1]! > 1 && yPred.shape[1] !== numClasses) {
    throw new ShapeError(
      `confusionMatrix: yPred has scores for ${yPred.shape[1]} classes (shape ${fmtShape(yPred.shape)}) but numClasses is ${numClasses}`,
    );
  }
  const pred = predictedLabels("confusionMatrix", "yPred", yPred);
  const labels = trueLabels("confusionMatrix", y);
  checkSameLength("confusionMatrix", "yPred", pred, yPred, labels, y);
  const p = checkedLabels(pred.toTypedArray(), "yPred", numClasses);
  const t = checkedLabels(labels.toTypedArray(), "y", numClasses);
  const counts = new Int32Array(numClasses * numClasses);
  for (let i = 0; i < t.length; i++) counts[t[i]! * numClasses + p[i]!]! += 1;
  return fromTypedArray(counts, [numClasses, numClasses]);
}

function checkedLabels(values: ArrayLike<number>, name: string, numClasses: number): ArrayLike<number> {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v) || v < 0 || v >= numClasses) {
      throw new ValueError(
        `confusionMatrix: ${name} label ${v} at index ${i} is out of range for ${numClasses} classes (labels are integers in [0, ${numClasses}))`,
      );
    }
  }
  return values;
}
