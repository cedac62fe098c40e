// A Vite plugin that puts the four Fashion-MNIST files beside the page, in
// public/data/fashion-mnist/, when the dev server starts and before a build (which copies
// public/ into dist/). They are found where the Node loader finds them (FASHION_MNIST_DIR, the
// cache, Debian's dataset-fashion-mnist, else a download into the cache) and verified on the
// way; they are never committed (examples/web/.gitignore). Without them the page asks the user
// to drop the files, so a failure here is a warning, not an error.
import { copyFile, mkdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import {
  FASHION_MNIST_FILE_KEYS,
  FASHION_MNIST_FILES,
  type FashionMnistFileKey,
  locateFashionMnistFile,
} from "tsgrad";
import type { Plugin } from "vite";

async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch {
    return null;
  }
}

/** Copies one file into `dir` as `<name>.gz`, unless an identical-sized copy is there. */
async function place(key: FashionMnistFileKey, dir: string): Promise<string> {
  const found = await locateFashionMnistFile(key);
  const target = join(dir, `${FASHION_MNIST_FILES[key]}.gz`);
  if (found.path.endsWith(".gz")) {
    if ((await sizeOf(target)) !== (await sizeOf(found.path))) await copyFile(found.path, target);
  } else if ((await sizeOf(target)) === null) {
    // Found uncompressed: served gzipped all the same, as the page asks for `.gz` files.
    await writeFile(target, gzipSync(found.data));
  }
  return found.path;
}

export function fashionMnistData(dir: string): Plugin {
  return {
    name: "tsgrad-fashion-mnist-data",
    // `config` runs before the dev server serves public/ and before a build copies it; not for
    // `vite preview`, which serves a finished dist/.
    async config(_config, env) {
      if (env.isPreview) return;
      try {
        await mkdir(dir, { recursive: true });
        const paths = await Promise.all(FASHION_MNIST_FILE_KEYS.map((k) => place(k, dir)));
        console.log(`Fashion-MNIST: ${paths.join(", ")} → ${dir}`);
      } catch (e) {
        console.warn(
          `Fashion-MNIST was not found (${e instanceof Error ? e.message : String(e)}); the page will ask for the four files.`,
        );
      }
    },
  };
}
