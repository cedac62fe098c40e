import { VERSION } from "./generated/version.js";

/**
 * One copy of @tsgrad/tensor per JavaScript realm. Two copies (npm nests a second one when two
 * packages ask for different versions) would split the library silently: autograd installs its
 * engine into the copy it imports, so tensors made by the other copy never learn to backward.
 * The first copy registers itself on globalThis; a second one throws at import time instead.
 * index.ts imports this module first, before any op installs methods.
 */
const KEY = Symbol.for("@tsgrad/tensor");

interface LoadedCopy {
  readonly version: string;
  readonly url: string;
}

function claimRealm(url: string): void {
  const g = globalThis as { [KEY]?: LoadedCopy };
  const first = g[KEY];
  // The same file evaluated again (a test runner resetting modules, a bundle that holds one
  // copy) is not a second copy; a bundle inlines every module under one URL, so there only a
  // different version tells copies apart.
  if (first !== undefined && (first.url !== url || first.version !== VERSION)) {
    throw new Error(
      `two copies of @tsgrad/tensor are loaded (${first.version} at ${first.url} and ${VERSION} at ${url}): ` +
        "tensors of one copy are not tensors of the other, and autograd works with one copy only. " +
        "Install versions of the @tsgrad packages that agree on @tsgrad/tensor (`npm ls @tsgrad/tensor` " +
        "shows the copies; `npm dedupe`, or upgrading all @tsgrad packages together, leaves one).",
    );
  }
  g[KEY] = { version: VERSION, url };
}

claimRealm(import.meta.url);
