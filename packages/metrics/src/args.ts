// Checks at the metrics' entry points, for callers without a type checker (plain JavaScript):
// an options object that is not one, or a misspelled key, would otherwise be a TypeError from
// inside or be ignored. One typeof per call, never per element.
import { argError } from "@tsgrad/tensor";

/** The most classes: a confusion matrix [C, C] of int32 counts is one typed array. */
export const MAX_CLASSES = 46340;

/** `v` is a number of classes: an integer in [1, MAX_CLASSES]. */
export function checkNumClasses(fn: string, arg: string, v: unknown): asserts v is number {
  if (!Number.isInteger(v) || (v as number) < 1) throw argError(fn, arg, "a positive integer", v);
  if ((v as number) > MAX_CLASSES) {
    throw argError(fn, arg, `at most ${MAX_CLASSES} (a [C, C] matrix of counts must fit in one array)`, v);
  }
}
