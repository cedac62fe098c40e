import { argError, checkString } from "../args.js";
import { nodeBuiltin, processId } from "./node.js";

type Fs = typeof import("node:fs/promises");
type Path = typeof import("node:path");

// A write goes to `.<name>.<pid>.<random>.tmp` beside its target: the same folder, because
// rename is atomic only within one file system; hidden; and named by the writer's pid, so a
// later run can tell a dead writer's leftovers from a live writer's file.
const TEMP = /^\.(.+)\.(\d+)\.[0-9a-z]+\.tmp$/;

function temporaryPath(path: string, caller: string): string {
  const { basename, dirname, join } = nodeBuiltin<Path>("node:path", caller);
  const tag = Math.random().toString(36).slice(2, 10) || "0";
  return join(dirname(path), `.${basename(path)}.${processId()}.${tag}.tmp`);
}

function alive(pid: number): boolean {
  if (pid === processId()) return true;
  try {
    // Signal 0 checks existence without signalling. EPERM: it exists under another user.
    (globalThis as { process?: { kill(pid: number, signal: number): void } }).process?.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === "EPERM";
  }
}

/**
 * Removes the temporary files that writers of `names` (file names in `dir`) left when they died
 * (killed mid-write), leaving those of live processes alone. Best effort: one that cannot be
 * removed (a read-only folder) stays. Returns the paths removed.
 */
export async function removeStaleTemporaries(
  dir: string,
  names: readonly string[],
  caller: string,
): Promise<string[]> {
  checkString("removeStaleTemporaries", "caller", caller);
  checkPath(caller, "dir", dir);
  if (!Array.isArray(names) || !names.every((n) => typeof n === "string")) {
    throw argError(caller, "names", "an array of file names", names);
  }
  const fs = nodeBuiltin<Fs>("node:fs/promises", caller);
  const { join } = nodeBuiltin<Path>("node:path", caller);
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch {
    return []; // no folder, nothing left behind
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const m = TEMP.exec(entry);
    if (m === null || !names.includes(m[1] as string) || alive(Number(m[2]))) continue;
    const path = join(dir, entry);
    // Cleanup is best effort: a folder we may read but not write (a shared cache) keeps them.
    const gone = await fs.rm(path, { force: true }).then(
      () => true,
      () => false,
    );
    if (gone) removed.push(path);
  }
  return removed;
}

/**
 * Writes `contents` to `path` so that a reader, or a run after a crash, sees the old file or the
 * new one, never a part: into a temporary file in the same folder, flushed to disk, then renamed
 * over `path`. Creates the folder, and first removes temporaries of `path` left by dead writers.
 * Node only. Errors are Node's (with their `code`); callers wrap them in their own error class.
 */
export async function writeFileAtomic(
  path: string,
  contents: string | Uint8Array,
  caller: string,
): Promise<void> {
  checkString("writeFileAtomic", "caller", caller);
  checkPath(caller, "path", path);
  if (typeof contents !== "string" && !(contents instanceof Uint8Array)) {
    throw argError(caller, "contents", "a string or a Uint8Array", contents);
  }
  const fs = nodeBuiltin<Fs>("node:fs/promises", caller);
  const { basename, dirname } = nodeBuiltin<Path>("node:path", caller);
  const dir = dirname(path);
  await fs.mkdir(dir, { recursive: true });
  await removeStaleTemporaries(dir, [basename(path)], caller);
  const tmp = temporaryPath(path, caller);
  try {
    const file = await fs.open(tmp, "wx");
    try {
      await file.writeFile(contents);
      await file.sync(); // the bytes are on disk before the rename makes them the file
    } finally {
      await file.close();
    }
    await fs.rename(tmp, path);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
  await syncDirectory(fs, dir);
}

// The rename itself is durable once the folder is flushed; not every platform can open a
// folder for that (Windows), and the write is already complete, so failure here is ignored.
async function syncDirectory(fs: Fs, dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort (see above)
  }
}

/** `v` is a non-empty path string. */
export function checkPath(fn: string, arg: string, v: unknown): asserts v is string {
  if (typeof v !== "string" || v === "") throw argError(fn, arg, "a non-empty string", v);
}
