import {
  argError,
  checkOptions,
  defaultGenerator,
  type Generator,
  randperm,
  ValueError,
} from "@tsgrad/tensor";
import { checkDataset, checkGenerator } from "./args.js";
import { type Dataset, Subset } from "./dataset.js";

/** Options of {@link randomSplit} (`torch.utils.data.random_split`'s `generator`). */
export interface RandomSplitOptions {
  /** Defaults to the generator that `manualSeed` seeds. */
  generator?: Generator;
}

/**
 * Splits a data set into non-overlapping random subsets, like `torch.utils.data.random_split`.
 * `lengths` are either sizes that add up to the data set's length, or fractions that add up
 * to 1: each subset gets `floor(fraction * n)` items and the remainder is dealt one by one,
 * round-robin, to the subsets in order.
 */
export function randomSplit<T>(
  dataset: Dataset<T>,
  lengths: readonly number[],
  options: RandomSplitOptions = {},
): Subset<T>[] {
  const fn = "randomSplit";
  checkDataset(fn, "dataset", dataset);
  if (!Array.isArray(lengths)) throw argError(fn, "lengths", "an array of sizes or fractions", lengths);
  lengths.forEach((l, i) => {
    if (typeof l !== "number") throw argError(fn, `lengths[${i}]`, "a number", l);
  });
  checkOptions(fn, "options", options, ["generator"]);
  checkGenerator(fn, "options.generator", options.generator);
  const n = dataset.length;
  if (lengths.length === 0) throw new ValueError("randomSplit: lengths must not be empty");
  let sizes: number[];
  const total = lengths.reduce((a, b) => a + b, 0);
  const fractional = Math.abs(total - 1) < 1e-9 && lengths.every((f) => f >= 0 && f <= 1);
  if (fractional) {
    sizes = lengths.map((f) => Math.floor(n * f));
    let remainder = n - sizes.reduce((a, b) => a + b, 0);
    for (let i = 0; remainder > 0; i = (i + 1) % sizes.length, remainder--) sizes[i]! += 1;
  } else {
    lengths.forEach((l, i) => {
      if (!Number.isInteger(l) || l < 0) {
        throw new ValueError(
          `randomSplit: lengths must be non-negative integers or fractions summing to 1; got ${l} at position ${i}`,
        );
      }
    });
    if (total !== n) {
      throw new ValueError(
        `randomSplit: sum of input lengths (${total}) does not equal the length of the input dataset (${n})`,
      );
    }
    sizes = [...lengths];
  }
  const perm = randperm(n, { generator: options.generator ?? defaultGenerator }).storage as Int32Array;
  let at = 0;
  return sizes.map((size) => {
    const s = new Subset(dataset, perm.subarray(at, at + size));
    at += size;
    return s;
  });
}
