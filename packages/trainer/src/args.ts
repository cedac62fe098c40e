// Checks at the trainer's entry points, for callers without a type checker (plain JavaScript):
// a number where the model goes, a string where the batches go or a misspelled option would
// otherwise be a TypeError from inside, a NaN loss, or an option ignored. Each runs once per
// call; per batch only `checkBatch`'s few instanceof, beside a forward and a backward pass.
import {
  argError,
  checkOptions,
  fmtValue,
  Generator,
  isPlainObject,
  Tensor,
  ValueError,
} from "@tsgrad/tensor";
import type { ReportExtras } from "./animator.js";
import type { DivergenceOptions } from "./divergence.js";
import type { Batches, LossLike, Net, OptimizerLike, Updater } from "./types.js";

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null;

/** The model: an nn Module, or any object with forward (and train, when it has one, a method). */
export function checkNet(fn: string, v: unknown): asserts v is Net {
  if (!isObject(v) || typeof v.forward !== "function") {
    throw argError(fn, "net", "a model (an nn Module or an object with a forward method)", v);
  }
  if (v.train !== undefined && typeof v.train !== "function") {
    throw argError(fn, "net.train", "a method (or absent)", v.train);
  }
}

/**
 * An iterable object: a DataLoader, an array, a generator (a string is not one of batches); or
 * null, when `nullable` (train's testIter).
 */
export function checkBatches(fn: string, arg: string, v: unknown, nullable = false): asserts v is Batches {
  if (nullable && v === null) return;
  if (!isObject(v) || typeof (v as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== "function") {
    const what = "an iterable of [X, y] batches (a DataLoader, an array...)";
    throw argError(fn, arg, nullable ? `${what} or null` : what, v);
  }
}

/**
 * One batch from `arg`, the `batch`-th (1-based): an [X, y] pair of tensors with examples. Per
 * batch, so a handful of checks: a wrong item would be a TypeError from inside, an empty X a NaN.
 */
export function checkBatch(
  fn: string,
  arg: string,
  item: unknown,
  batch: number,
): asserts item is [Tensor, Tensor] {
  if (
    !Array.isArray(item) ||
    item.length !== 2 ||
    !(item[0] instanceof Tensor) ||
    !(item[1] instanceof Tensor)
  ) {
    throw new ValueError(
      `${fn}: ${arg} must yield [X, y] pairs of tensors, got ${fmtValue(item)} at batch ${batch}`,
    );
  }
  if (item[0].shape[0] === 0) {
    throw new ValueError(
      `${fn}: ${arg} yielded an empty batch (X of shape [${item[0].shape.join(", ")}]) at batch ${batch}`,
    );
  }
}

/** A loss function (yHat, y) → tensor, or a loss module with forward. */
export function checkLoss(fn: string, v: unknown): asserts v is LossLike {
  if (typeof v !== "function" && !(isObject(v) && typeof v.forward === "function")) {
    throw argError(fn, "loss", "a function (yHat, y) => tensor or an object with a forward method", v);
  }
}

/** d2l's two updaters: an optimizer (step and zeroGrad) or a function of the batch size. */
export function checkUpdater(fn: string, v: unknown): asserts v is Updater {
  const isOptimizer = isObject(v) && typeof v.step === "function" && typeof v.zeroGrad === "function";
  if (typeof v !== "function" && !isOptimizer) {
    throw argError(fn, "updater", "an optimizer (with step and zeroGrad) or a function of the batch size", v);
  }
}

/** An optimizer whose state a checkpoint can hold (tsgrad's optimizers). */
export function isStatefulOptimizer(v: OptimizerLike | Updater): boolean {
  const o = v as unknown as Obj;
  return typeof o.stateDict === "function" && typeof o.loadStateDict === "function";
}

/** `v` is true or false, or absent (`name` is the option, such as "quiet" or "checkpoint.resume"). */
export function checkOptionalBoolean(fn: string, name: string, v: unknown): void {
  if (v !== undefined && typeof v !== "boolean") throw argError(fn, name, "true or false", v);
}

export function checkOptionalFunction(fn: string, name: string, v: unknown): void {
  if (v !== undefined && typeof v !== "function") throw argError(fn, name, "a function", v);
}

/** A string (a title, a label), or absent. */
export function checkOptionalString(fn: string, name: string, v: unknown): void {
  if (v !== undefined && typeof v !== "string") throw argError(fn, name, "a string", v);
}

/** A folder or a file: a string that is not empty. */
export function checkPath(fn: string, name: string, v: unknown): asserts v is string {
  if (typeof v !== "string" || v === "") throw argError(fn, name, "a non-empty string (a path)", v);
}

/** An integer of at least `min`, or absent. */
export function checkOptionalInt(fn: string, name: string, v: unknown, min: number): void {
  if (v !== undefined && (!Number.isSafeInteger(v) || (v as number) < min)) {
    throw argError(fn, name, `an integer >= ${min}`, v);
  }
}

/** A learning rate named in messages: a finite number >= 0, or absent. */
export function checkOptionalLr(fn: string, name: string, v: unknown): void {
  if (v !== undefined && (typeof v !== "number" || !Number.isFinite(v) || v < 0)) {
    throw argError(fn, name, "a finite number >= 0", v);
  }
}

/** An array of random generators (those whose states a checkpoint holds). */
export function checkGenerators(fn: string, name: string, v: unknown): asserts v is Generator[] {
  if (!Array.isArray(v) || !v.every((g) => g instanceof Generator)) {
    throw argError(fn, name, "an array of Generators", v);
  }
}

/** `DivergenceOptions` (`prefix` is "" for DivergenceCheck's own, "divergence." for train's). */
export function checkDivergenceOptions(
  fn: string,
  prefix: string,
  v: unknown,
): asserts v is DivergenceOptions | undefined {
  checkOptions(fn, prefix === "" ? "options" : prefix.slice(0, -1), v, ["factor", "examples"]);
  const o = (v ?? {}) as Obj;
  if (o.factor !== undefined && (typeof o.factor !== "number" || !(o.factor > 1))) {
    throw argError(fn, `${prefix}factor`, "a number above 1 (or Infinity)", o.factor);
  }
  checkOptionalInt(fn, `${prefix}examples`, o.examples, 1);
}

/** The report's facts (strings and numbers by name) and extra sections ({ title, html }). */
export function checkReportExtras(
  fn: string,
  arg: string,
  v: unknown,
): asserts v is ReportExtras | undefined {
  checkOptions(fn, arg, v, ["facts", "sections"]);
  const o = (v ?? {}) as Obj;
  if (o.facts !== undefined) {
    const ok =
      isPlainObject(o.facts) &&
      Object.values(o.facts).every((x) => typeof x === "string" || typeof x === "number");
    if (!ok) throw argError(fn, `${arg}.facts`, "an object of strings and numbers", o.facts);
  }
  const sections = o.sections;
  if (sections !== undefined) {
    const ok =
      Array.isArray(sections) &&
      sections.every((s) => isPlainObject(s) && typeof s.title === "string" && typeof s.html === "string");
    if (!ok) throw argError(fn, `${arg}.sections`, "an array of { title, html } strings", sections);
    for (const [i, s] of sections.entries()) checkOptions(fn, `${arg}.sections[${i}]`, s, ["title", "html"]);
  }
}
