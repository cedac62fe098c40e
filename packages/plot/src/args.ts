// Checks at the plot functions' entry points, for callers without a type checker (plain
// JavaScript): a number where a title goes would otherwise be a TypeError from inside, an
// unknown legend position a crash, and a misspelled option ignored. One typeof per option.
import { argError } from "@tsgrad/tensor";

/** `v` is undefined (the default) or a string. */
export function optionalString(fn: string, arg: string, v: unknown): void {
  if (v !== undefined && typeof v !== "string") throw argError(fn, arg, "a string", v);
}

/** `v` is undefined (the default) or a boolean. */
export function optionalBoolean(fn: string, arg: string, v: unknown): void {
  if (v !== undefined && typeof v !== "boolean") throw argError(fn, arg, "true or false", v);
}
