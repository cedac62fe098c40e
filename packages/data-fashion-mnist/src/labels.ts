import { IndexError, type Tensor } from "@tsgrad/tensor";

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
  const values: Iterable<number> =
    typeof (labels as Tensor).toTypedArray === "function"
      ? (labels as Tensor).toTypedArray()
      : (labels as Iterable<number>);
  return Array.from(values, (v) => {
    const name = textLabels[v];
    if (name === undefined || !Number.isInteger(v)) {
      throw new IndexError(`getFashionMnistLabels: label ${v} is not a class index in 0..9`);
    }
    return name;
  });
}
