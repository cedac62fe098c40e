// The checkpoint's files in its folder: reading the checkpoint whole, and clearing away what
// writers killed mid-write left behind. Node's modules are loaded when these run (nodeBuiltin),
// so the trainer bundles for the browser without meeting a `node:` specifier.
import {
  nodeBuiltin,
  processId,
  type ReadFailure,
  readRegularFile,
  removeStaleTemporaries,
} from "@tsgrad/tensor";

type Fs = typeof import("node:fs/promises");
type Path = typeof import("node:path");
type BufferModule = typeof import("node:buffer");

/** The checkpoint: tensors, with the epoch, history and generator states in its metadata. */
export const CHECKPOINT_FILE = "checkpoint.safetensors";
/** The JSON half of the earlier two-file format (beside a checkpoint.safetensors of tensors only). */
export const LEGACY_INFO_FILE = "checkpoint.json";

// saveSafetensorsFile's earlier temporaries (`<path>.tmp-<pid>-<ms>`). writeFileAtomic's
// (`.<name>.<pid>.<tag>.tmp`) and plot's earlier saveFile's (`.<name>.<pid>.<ms36><rand>.tmp`)
// share one pattern, which removeStaleTemporaries knows.
const LEGACY_SAFETENSORS_TEMP = /^checkpoint\.safetensors\.tmp-(\d+)-\d+$/;

export function checkpointPath(dir: string, caller: string): string {
  return nodeBuiltin<Path>("node:path", caller).join(dir, CHECKPOINT_FILE);
}

/** Whether `dir` holds the earlier format's checkpoint.json. */
export async function hasLegacyInfo(dir: string, caller: string): Promise<boolean> {
  const fs = nodeBuiltin<Fs>("node:fs/promises", caller);
  const { join } = nodeBuiltin<Path>("node:path", caller);
  return fs.lstat(join(dir, LEGACY_INFO_FILE)).then(
    () => true,
    () => false,
  );
}

/**
 * Removes the earlier format's checkpoint.json once a checkpoint in the one-file format is in
 * place: it belongs to an older epoch, and an older trainer would pair it with the new file.
 */
export async function removeLegacyInfo(dir: string, caller: string): Promise<void> {
  const fs = nodeBuiltin<Fs>("node:fs/promises", caller);
  const { join } = nodeBuiltin<Path>("node:path", caller);
  await fs.rm(join(dir, LEGACY_INFO_FILE), { force: true });
}

/**
 * Removes the temporary files that dead writers of the checkpoint's files left in `dir` (a run
 * killed mid-write), in this format's names and the earlier ones. Returns the paths removed.
 */
export async function removeStaleCheckpointTemporaries(dir: string, caller: string): Promise<string[]> {
  const removed = await removeStaleTemporaries(dir, [CHECKPOINT_FILE, LEGACY_INFO_FILE], caller);
  const fs = nodeBuiltin<Fs>("node:fs/promises", caller);
  const { join } = nodeBuiltin<Path>("node:path", caller);
  const entries = await fs.readdir(dir).catch(() => [] as string[]);
  for (const entry of entries) {
    const m = LEGACY_SAFETENSORS_TEMP.exec(entry);
    if (m === null || alive(Number(m[1]))) continue;
    const path = join(dir, entry);
    await fs.rm(path, { force: true });
    removed.push(path);
  }
  return removed;
}

/** As writeFileAtomic's own check: a live writer's temporary is its file in the making. */
function alive(pid: number): boolean {
  if (pid === processId()) return true;
  const proc = (globalThis as { process?: { kill(pid: number, signal: number): unknown } }).process;
  try {
    proc?.kill(pid, 0); // signal 0: existence only; EPERM means it exists under another user
    return true;
  } catch (e) {
    return (e as { code?: string }).code === "EPERM";
  }
}

/** The checkpoint's bytes, or null when there is no file; other failures come from `fail`. */
export async function readCheckpointBytes(
  path: string,
  caller: string,
  fail: ReadFailure,
): Promise<Uint8Array | null> {
  // The largest buffer Node can hold, less the byte readRegularFile reads past the end.
  const { MAX_LENGTH } = nodeBuiltin<BufferModule>("node:buffer", caller).constants;
  try {
    return await readRegularFile(path, Math.min(MAX_LENGTH, Number.MAX_SAFE_INTEGER) - 1, caller, fail);
  } catch (e) {
    const code = (e as { cause?: { code?: unknown } }).cause?.code;
    if (code === "ENOENT") return null;
    throw e;
  }
}
