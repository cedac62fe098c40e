import { argError, checkOptions, checkTensor, fmtValue, type Tensor, ValueError } from "@tsgrad/tensor";
import { checkNumClasses } from "./args.js";
import { confusionMatrix } from "./confusion-matrix.js";

/**
 * How per-class scores are combined, as sklearn's `average`:
 * - `"macro"`: the unweighted mean over the classes (every class counts the same);
 * - `"weighted"`: the mean weighted by each class's support (its number of true examples);
 * - `"micro"`: computed from the summed counts over all classes (for single-label data
 *   precision, recall and F1 all equal the accuracy);
 * - `"none"`: the per-class scores, an array indexed by class.
 */
export type Average = "macro" | "micro" | "weighted" | "none";

/**
 * Options of {@link precision}, {@link recall} and {@link f1}, like sklearn's `labels`,
 * `average` and `zero_division` (`numClasses` is required).
 */
export interface ClassificationOptions {
  /** Classes are 0 .. numClasses − 1; every one of them counts in the averages. */
  numClasses: number;
  /** Default `"macro"`. */
  average?: Average;
  /**
   * The score of a class whose denominator is zero (default 0, as sklearn's `zero_division`):
   * precision when the class is never predicted, recall when it never occurs, F1 when both.
   * `NaN` marks such classes as undefined and leaves them out of the macro and weighted averages
   * (sklearn's `zero_division=np.nan`).
   */
  zeroDivision?: number;
}

/**
 * {@link ClassificationOptions} with `average: "none"`: the overloads that take it return
 * one score per class (an array indexed by class).
 */
export type Scored = ClassificationOptions & { average: "none" };
/**
 * {@link ClassificationOptions} with an averaging `average` (or none, "macro"): the overloads
 * that take it return one number.
 */
export type Averaged = ClassificationOptions & { average?: "macro" | "micro" | "weighted" };

/**
 * Precision of each class c, TP / (TP + FP): of the examples predicted as c, the fraction that
 * are c. `yPred` is labels [N] or scores [N, C]; `y` is the true labels [N].
 */
export function precision(yPred: Tensor, y: Tensor, options: Scored): number[];
export function precision(yPred: Tensor, y: Tensor, options: Averaged): number;
export function precision(yPred: Tensor, y: Tensor, options: ClassificationOptions): number | number[];
export function precision(yPred: Tensor, y: Tensor, options: ClassificationOptions): number | number[] {
  return score("precision", yPred, y, options);
}

/** Recall of each class c, TP / (TP + FN): of the examples of class c, the fraction found. */
export function recall(yPred: Tensor, y: Tensor, options: Scored): number[];
export function recall(yPred: Tensor, y: Tensor, options: Averaged): number;
export function recall(yPred: Tensor, y: Tensor, options: ClassificationOptions): number | number[];
export function recall(yPred: Tensor, y: Tensor, options: ClassificationOptions): number | number[] {
  return score("recall", yPred, y, options);
}

/**
 * F1 of each class c, the harmonic mean of its precision and recall, computed as
 * 2TP / (2TP + FP + FN) (as sklearn ≥ 1.3; equal to 2PR / (P + R) whenever both are defined).
 */
export function f1(yPred: Tensor, y: Tensor, options: Scored): number[];
export function f1(yPred: Tensor, y: Tensor, options: Averaged): number;
export function f1(yPred: Tensor, y: Tensor, options: ClassificationOptions): number | number[];
export function f1(yPred: Tensor, y: Tensor, options: ClassificationOptions): number | number[] {
  return score("f1", yPred, y, options);
}

type Kind = "precision" | "recall" | "f1";

function ratio(num: number, den: number, zeroDivision: number): number {
  return den === 0 ? zeroDivision : num / den;
}

/** [numerator, denominator] of a score from true positives, false positives and false negatives. */
function parts(kind: Kind, tp: number, fp: number, fn: number): [number, number] {
  if (kind === "precision") return [tp, tp + fp];
  if (kind === "recall") return [tp, tp + fn];
  return [2 * tp, 2 * tp + fp + fn];
}

function score(kind: Kind, yPred: Tensor, y: Tensor, options: ClassificationOptions): number | number[] {
  checkTensor(kind, "yPred", yPred);
  checkTensor(kind, "y", y);
  // The options are required: numClasses has no default.
  if (options === undefined)
    throw argError(kind, "options", "an object { numClasses, average?, zeroDivision? }", options);
  checkOptions(kind, "options", options, ["numClasses", "average", "zeroDivision"]);
  checkNumClasses(kind, "options.numClasses", options.numClasses);
  // Only undefined means "the default": a null is named, not replaced.
  const average = options.average === undefined ? "macro" : options.average;
  const zeroDivision = options.zeroDivision === undefined ? 0 : options.zeroDivision;
  if (!["macro", "micro", "weighted", "none"].includes(average)) {
    throw new ValueError(
      `${kind}: average must be "macro", "micro", "weighted" or "none", got ${typeof average === "string" ? average : fmtValue(average)}`,
    );
  }
  // sklearn's zero_division takes 0, 1 or NaN; any score in [0, 1] is as meaningful.
  if (
    typeof zeroDivision !== "number" ||
    !(Number.isNaN(zeroDivision) || (zeroDivision >= 0 && zeroDivision <= 1))
  ) {
    throw argError(kind, "options.zeroDivision", "a number in [0, 1] or NaN", zeroDivision);
  }
  const C = options.numClasses;
  const cm = confusionMatrix(yPred, y, C).toTypedArray();
  const tp = new Array<number>(C).fill(0);
  const predicted = new Array<number>(C).fill(0);
  const support = new Array<number>(C).fill(0);
  for (let i = 0; i < C; i++) {
    for (let j = 0; j < C; j++) {
      const n = cm[i * C + j]!;
      support[i]! += n;
      predicted[j]! += n;
      if (i === j) tp[i] = n;
    }
  }
  if (average === "micro") {
    const TP = tp.reduce((a, b) => a + b, 0);
    const total = support.reduce((a, b) => a + b, 0); // = TP + FP = TP + FN
    const [num, den] = parts(kind, TP, total - TP, total - TP);
    return ratio(num, den, zeroDivision);
  }
  const perClass = tp.map((t, c) => {
    const [num, den] = parts(kind, t, predicted[c]! - t, support[c]! - t);
    return ratio(num, den, zeroDivision);
  });
  if (average === "none") return perClass;
  let sum = 0;
  let weight = 0;
  perClass.forEach((v, c) => {
    if (Number.isNaN(v)) return;
    const w = average === "weighted" ? support[c]! : 1;
    sum += w * v;
    weight += w;
  });
  return weight === 0 ? zeroDivision : sum / weight;
}
