// Checks at this package's entry points, for callers without a type checker (plain JavaScript):
// a string where bytes go would otherwise be a TypeError from inside, a null options object a
// TypeError, and a misspelled option ignored. One typeof or instanceof per call, never per byte.
import { argError, checkOptions, isPlainObject, Tensor } from "@tsgrad/tensor";
import { FILE_KEYS } from "./files.js";

/** `v` is a Uint8Array (a Node Buffer is one). */
export function checkBytes(fn: string, arg: string, v: unknown): asserts v is Uint8Array {
  if (!(v instanceof Uint8Array)) throw argError(fn, arg, "a Uint8Array", v);
}

/** `v` is undefined (the default) or passes `ok`, else it is named as `what`. */
function optional(fn: string, arg: string, v: unknown, what: string, ok: (v: unknown) => boolean): void {
  if (v !== undefined && !ok(v)) throw argError(fn, arg, what, v);
}

const isString = (v: unknown) => typeof v === "string";
const isBytes = (v: unknown) => v instanceof Uint8Array || v instanceof ArrayBuffer;
const isUrl = (v: unknown) => typeof v === "string" || v instanceof URL;
/** The page's URL in a browser, which relative URLs resolve against (as fetch does); else undefined. */
export function pageUrl(): string | undefined {
  const href = (globalThis as { location?: { href?: unknown } }).location?.href;
  return typeof href === "string" ? href : undefined;
}

/** A URL that files are fetched under: absolute, or relative to the page in a browser. */
function isBaseUrl(v: unknown): boolean {
  if (v instanceof URL) return true;
  if (typeof v !== "string") return false;
  try {
    new URL(v, pageUrl());
    return true;
  } catch {
    return false;
  }
}

/** `env` is an object of environment variables (strings or undefined), as process.env. */
export function checkEnv(fn: string, arg: string, env: unknown): void {
  if (typeof env !== "object" || env === null || Array.isArray(env) || env instanceof Tensor) {
    throw argError(fn, arg, "an object of environment variables", env);
  }
  for (const [k, v] of Object.entries(env)) optional(fn, `${arg}.${k}`, v, "a string", isString);
}

/** The keys of `LocateOptions`. */
export const LOCATE_KEYS: readonly string[] = [
  "root",
  "download",
  "source",
  "sha256",
  "env",
  "systemDir",
  "mirrors",
  "retries",
  "retryDelayMs",
  "timeoutMs",
  "progress",
  "warn",
];

/**
 * Checks an options object of `LocateOptions` plus `extra` keys: the keys (unknown ones named,
 * with "did you mean"), then the value of each locate option given. The extra keys' values
 * are the caller's to check.
 */
export function checkLocateOptions(
  fn: string,
  options: unknown,
  extra: readonly string[] = [],
): asserts options is Record<string, unknown> | undefined {
  checkOptions(fn, "options", options, [...extra, ...LOCATE_KEYS]);
  if (options === undefined) return;
  const o = options as Record<string, unknown>;
  optional(fn, "options.root", o.root, "a string (a folder)", isString);
  optional(fn, "options.download", o.download, "true or false", (v) => typeof v === "boolean");
  optional(fn, "options.systemDir", o.systemDir, "a string (a folder)", isString);
  optional(fn, "options.progress", o.progress, "true or false", (v) => typeof v === "boolean");
  optional(fn, "options.warn", o.warn, "a function", (v) => typeof v === "function");
  optional(
    fn,
    "options.retries",
    o.retries,
    "an integer >= 1",
    (v) => Number.isSafeInteger(v) && (v as number) >= 1,
  );
  optional(
    fn,
    "options.retryDelayMs",
    o.retryDelayMs,
    "a number of milliseconds in [0, 2147483647]",
    (v) => typeof v === "number" && v >= 0 && v <= 2147483647,
  );
  // AbortSignal.timeout's range: whole milliseconds, at most 2^32 - 1.
  optional(
    fn,
    "options.timeoutMs",
    o.timeoutMs,
    "an integer number of milliseconds in [1, 4294967295]",
    (v) => Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= 4294967295,
  );
  optional(
    fn,
    "options.mirrors",
    o.mirrors,
    "an array of base URLs (strings)",
    (v) => Array.isArray(v) && v.every((m) => typeof m === "string" && isBaseUrl(m)),
  );
  if (o.env !== undefined) checkEnv(fn, "options.env", o.env);
  if (o.source !== undefined && !isBaseUrl(o.source)) {
    if (!isPlainObject(o.source)) {
      throw argError(
        fn,
        "options.source",
        "a base URL (absolute, or relative to the page in a browser) or an object of files by key",
        o.source,
      );
    }
    checkOptions(fn, "options.source", o.source, FILE_KEYS);
    for (const [k, v] of Object.entries(o.source)) {
      optional(
        fn,
        `options.source.${k}`,
        v,
        "bytes (a Uint8Array or an ArrayBuffer) or a URL",
        (x) => isBytes(x) || isUrl(x),
      );
    }
  }
  if (o.sha256 !== undefined && o.sha256 !== false) {
    if (!isPlainObject(o.sha256)) {
      throw argError(fn, "options.sha256", "false or an object of SHA-256 digests by key", o.sha256);
    }
    checkOptions(fn, "options.sha256", o.sha256, FILE_KEYS);
    for (const [k, v] of Object.entries(o.sha256)) {
      optional(
        fn,
        `options.sha256.${k}`,
        v,
        "a SHA-256 digest (64 hex digits)",
        (x) => typeof x === "string" && /^[0-9a-fA-F]{64}$/.test(x),
      );
    }
  }
}
