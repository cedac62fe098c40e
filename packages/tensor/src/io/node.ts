import { checkString } from "../args.js";
import { TsgradError } from "../errors.js";

/**
 * A Node built-in module (`"node:fs/promises"`, `"node:path"`...) loaded when a Node-only
 * function runs, through `process.getBuiltinModule` (Node 20.16+, Deno, Bun) rather than an
 * `import`: bundlers for the web then never meet a `node:` specifier, so `import "tsgrad"`
 * bundles with no configuration, and only calling a file function in a browser fails.
 * Callers type the result: `nodeBuiltin<typeof import("node:fs/promises")>(...)` (a type-only
 * import, erased from the emitted code and absent from the published declarations).
 */
export function nodeBuiltin<T>(id: string, caller: string): T {
  checkString("nodeBuiltin", "id", id);
  checkString("nodeBuiltin", "caller", caller);
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const get = process?.getBuiltinModule;
  const mod = typeof get === "function" ? get.call(process, id) : undefined;
  if (mod === undefined) {
    throw new TsgradError(
      `${caller}: needs Node.js (20.16 or newer) for ${id}, which this environment does not have; ` +
        "in a browser, work with bytes (fetch, Blob) instead of file paths",
    );
  }
  return mod as T;
}

/** The current process id, or 0 outside Node. */
export function processId(): number {
  const pid = (globalThis as { process?: { pid?: unknown } }).process?.pid;
  return typeof pid === "number" ? pid : 0;
}
