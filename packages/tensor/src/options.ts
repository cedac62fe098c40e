// Option objects checked at the door: plain JavaScript callers have no type checker to catch
// `{ momentun: 0.9 }`, which would otherwise be ignored silently.
import { fmtValue, ValueError } from "./errors.js";

/** Edit distance counting a swap of two neighbours as one edit ("bais" → "bias"). */
function distance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    d.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        d[0]!.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]!.push(v);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * An object literal: its prototype is some realm's Object.prototype, or null. A tensor, a
 * Generator or an array passed where the options go is a positional slip, not options.
 */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

function checkKnown(fn: string, known: unknown): void {
  if (!Array.isArray(known) || !known.every((k) => typeof k === "string")) {
    throw new ValueError(`${fn}: known must be an array of strings, got ${fmtValue(known)}`);
  }
}

/** The known name closest to `name`, if it is a near miss (a typo or a case slip). */
export function nearest(name: string, known: readonly string[]): string | null {
  if (typeof name !== "string") throw new ValueError(`nearest: name must be a string, got ${fmtValue(name)}`);
  checkKnown("nearest", known);
  return closest(name, known);
}

function closest(name: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Number.POSITIVE_INFINITY;
  for (const k of known) {
    const d = k.toLowerCase() === name.toLowerCase() ? 0 : distance(name, k);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return bestD <= Math.max(1, Math.floor(name.length / 3)) ? best : null;
}

/**
 * Throws a ValueError naming `fn`, the argument and the first unknown key of `options` (with
 * "did you mean" for a near miss); also when `options` is not an object literal (a tensor or a
 * number in the options' place). Undefined passes.
 */
export function checkOptions(fn: string, arg: string, options: unknown, known: readonly string[]): void {
  // Only the array's kind on every call (sgdStep runs this per parameter per step); its
  // entries are checked on the error path, where they are read.
  if (!Array.isArray(known)) checkKnown("checkOptions", known);
  if (options === undefined) return;
  if (!isPlainObject(options)) {
    throw new ValueError(`${fn}: ${arg} must be an object of options, got ${fmtValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    checkKnown("checkOptions", known);
    const near = closest(key, known);
    throw new ValueError(
      `${fn}: unknown option ${JSON.stringify(key)} in ${arg}${near === null ? "" : `; did you mean ${JSON.stringify(near)}?`} (known: ${known.join(", ")})`,
    );
  }
}
