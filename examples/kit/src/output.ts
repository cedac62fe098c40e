// The output folder, checked before any work: a run that trains for minutes and then cannot
// write its results (a file where the folder should be, no permission) wastes the minutes.
import { accessSync, constants, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UsageError } from "./usage-error.js";

/**
 * Checks that `dir` can be the output folder, without creating it: either it is a folder we may
 * write into, or it does not exist yet and its nearest existing parent is such a folder. Throws
 * a UsageError naming the option, the path and the reason otherwise.
 */
export function checkOutputDir(dir: string, option = "--out"): void {
  function fail(reason: string): never {
    throw new UsageError(`${option} '${dir}' cannot be used as the output folder: ${reason}`);
  }
  if (dir.trim() === "") fail("the path is empty");
  let path = resolve(dir);
  for (;;) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // Not there yet (ENOENT), or a file on the way (ENOTDIR, named when we reach it).
      if ((code === "ENOENT" || code === "ENOTDIR") && dirname(path) !== path) {
        path = dirname(path);
        continue;
      }
      fail(code ?? String(e)); // EACCES: a parent we may not look into, ELOOP...
    }
    if (!isDir) fail(path === resolve(dir) ? "it is a file" : `'${path}' is a file`);
    try {
      accessSync(path, constants.W_OK | constants.X_OK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      fail(`'${path}' is not writable${code === undefined ? "" : ` (${code})`}`);
    }
    return;
  }
}
