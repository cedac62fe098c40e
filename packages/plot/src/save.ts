import { writeFileAtomic } from "@tsgrad/tensor";

/**
 * Writes `contents` (an SVG string, PNG bytes…) to `path` atomically: into a temporary file in the
 * same folder, flushed, then renamed over `path`, so a reader never sees half a file. Creates the
 * folder. Node only (Node's file system is loaded when this runs, so bundles for the browser
 * need no configuration; there, use the SVG string or PNG bytes directly). Arguments are
 * checked in saveFile's name before anything is written.
 */
export async function saveFile(path: string, contents: string | Uint8Array): Promise<void> {
  await writeFileAtomic(path, contents, "saveFile");
}
