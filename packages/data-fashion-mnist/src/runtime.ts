// What this package reads of the host: Node's `process` and built-in modules, reached through
// `globalThis` and tensor's `nodeBuiltin`, never a `node:` import, so that browser bundlers
// meet no Node specifier and a browser simply takes the portable paths.
import { nodeBuiltin } from "@tsgrad/tensor";

/** The parts of Node's `process` used here, each possibly missing outside Node. */
interface HostProcess {
  env?: Record<string, string | undefined>;
  stderr?: { isTTY?: boolean };
  versions?: { node?: string };
}

function hostProcess(): HostProcess | undefined {
  return (globalThis as { process?: HostProcess }).process;
}

/** True in Node (and runtimes that present themselves as Node, as Bun and Deno do). */
export function isNode(): boolean {
  return typeof hostProcess()?.versions?.node === "string";
}

/** `process.env`, or an empty environment outside Node. */
export function processEnv(): Readonly<Record<string, string | undefined>> {
  return hostProcess()?.env ?? {};
}

/** Whether stderr is a terminal (false outside Node). */
export function stderrIsTTY(): boolean {
  return hostProcess()?.stderr?.isTTY === true;
}

/**
 * A Node built-in module where there is one, else null: for the functions that have a portable
 * fallback (zlib → fflate, crypto → Web Crypto) rather than an error outside Node.
 */
export function optionalBuiltin<T>(id: string, caller: string): T | null {
  if (!isNode()) return null;
  try {
    return nodeBuiltin<T>(id, caller);
  } catch {
    return null; // a Node-like runtime without this module: the portable path works
  }
}
