import { argError, IndexError, Tensor } from "@tsgrad/tensor";

/** The ten class names in label order, as d2l's `get_fashion_mnist_labels` spells them. */
export const textLabels: readonly string[] = Object.freeze([
  "t-shirt",
  "trouser",
  "pullover",
  "dress",
  "coat",
  "sandal",
  "shirt",
  "sneaker",
  "bag",
  "ankle boot",
]);

/** d2l's `get_fashion_mnist_labels`: the text label of each numeric label. */
export function getFashionMnistLabels(labels: Tensor | Iterable<number>): string[] {
  // A string or a number would be read as no labels (Array.from(2) is []), not named.
  const iterable =
    typeof labels === "object" &&
    labels !== null &&
    typeof (labels as Partial<Iterable<number>>)[Symbol.iterator] === "function";
  if (!(labels instanceof Tensor) && !iterable) {
    throw argError("getFashionMnistLabels", "labels", "a tensor or an array of labels", labels);
  }
  const values: Iterable<number> = labels instanceof Tensor ? labels.toTypedArray() : labels;
  return Array.from(values, (v) => {
    const name = textLabels[v];
    if (name === undefined || !Number.isInteger(v)) {
      throw new IndexError(`getFashionMnistLabels: label ${v} is not a class index in 0..9`);
    }
    return name;
  });
}
