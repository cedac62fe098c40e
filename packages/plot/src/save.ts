import { argError } from "@tsgrad/tensor";

/**
 * Writes `contents` (an SVG string, PNG bytes…) to `path` atomically: into a temporary file in the
 * same folder, then renamed over `path`, so a reader never sees half a file. Creates the folder.
 * Node only: `node:fs` is imported when this is called, so bundles for the browser that never
 * call it never load it.
 */
export async function saveFile(path: string, contents: string | Uint8Array): Promise<void> {
  // Checked here (the promise rejects): node:fs would answer with a TypeError of its own.
  if (typeof path !== "string" || path === "") throw argError("saveFile", "path", "a non-empty string", path);
  if (typeof contents !== "string" && !(contents instanceof Uint8Array)) {
    throw argError("saveFile", "contents", "a string or a Uint8Array", contents);
  }
  const fs = await import("node:fs/promises");
  const { dirname, basename, join } = await import("node:path");
  const dir = dirname(path);
  await fs.mkdir(dir, { recursive: true });
  const tmp = join(
    dir,
    `.${basename(path)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`,
  );
  try {
    await fs.writeFile(tmp, contents);
    await fs.rename(tmp, path);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}
