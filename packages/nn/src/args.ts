// Argument checks shared by nn's entry points (internal: not exported from the package).
import { argError, checkOptions, Generator, ValueError } from "@tsgrad/tensor";

/**
 * checkOptions, with a hint for a generator in the options' place: PyTorch passes one
 * positionally where tsgrad takes options.
 */
export function checkOptionObject(fn: string, arg: string, v: unknown, known: readonly string[]): void {
  if (v instanceof Generator) {
    throw new ValueError(
      `${fn}: ${arg} must be an object of options, got a Generator; pass it as { generator }`,
    );
  }
  checkOptions(fn, arg, v, known);
}

/** A Generator, or nothing (undefined and null, PyTorch's None, take the default one). */
export function checkGenerator(fn: string, v: unknown): void {
  if (v !== undefined && v !== null && !(v instanceof Generator))
    throw argError(fn, "generator", "a Generator", v);
}
