export {
  FashionMNIST,
  type FashionMnistDatasetOptions,
  type FashionMnistOptions,
  type LoadDataFashionMnistOptions,
  loadDataFashionMnist,
  loadFashionMnistSplit,
} from "./dataset.js";
export {
  FASHION_MNIST_MIRRORS,
  FASHION_MNIST_SHA256,
  FILE_KEYS as FASHION_MNIST_FILE_KEYS,
  FILE_NAMES as FASHION_MNIST_FILES,
  FILE_SIZES as FASHION_MNIST_FILE_SIZES,
  type FileKey as FashionMnistFileKey,
  SYSTEM_DIR as FASHION_MNIST_SYSTEM_DIR,
} from "./files.js";
export { type GunzipOptions, gunzip, gunzipPortable, isGzip } from "./gunzip.js";
export {
  IDX_IMAGES_MAGIC,
  IDX_LABELS_MAGIC,
  IDX_UBYTE,
  type IdxArray,
  type IdxImages,
  type IdxLabels,
  parseIdx,
  parseIdxImages,
  parseIdxLabels,
  writeIdx,
  writeIdxImages,
  writeIdxLabels,
} from "./idx.js";
export { getFashionMnistLabels, textLabels } from "./labels.js";
export type { LocateOptions as FashionMnistLocateOptions } from "./options.js";
export { type ResizeOptions, resize } from "./resize.js";
export { sha256Hex } from "./sha256.js";
export type {
  Bytes as FashionMnistBytes,
  FashionMnistSource,
  FileSource as FashionMnistFileSource,
  Sha256Table as FashionMnistSha256Table,
  UrlLike as FashionMnistUrlLike,
} from "./source.js";

import { checkChoice } from "@tsgrad/tensor";
import { checkEnv, checkLocateOptions } from "./args.js";
import { FILE_KEYS, type FileKey } from "./files.js";
import type { LocateOptions } from "./options.js";

/**
 * Node only: finds (or downloads) one of the four files in DESIGN.md's order and returns its
 * path, where it came from, and its verified, decompressed bytes. Loaded on demand, so that
 * browser bundles never load the file-system code.
 */
export async function locateFashionMnistFile(
  key: FileKey,
  options: LocateOptions = {},
): Promise<{ path: string; origin: string; data: Uint8Array }> {
  checkChoice("locateFashionMnistFile", "key", key, FILE_KEYS);
  checkLocateOptions("locateFashionMnistFile", options);
  const { locateFile } = await import("./node/locate.js");
  return locateFile(key, options);
}

/** Node only: the cache folder (`$XDG_CACHE_HOME/tsgrad/fashion-mnist` or `~/.cache/...`). */
export async function fashionMnistCacheDir(
  env?: Readonly<Record<string, string | undefined>>,
): Promise<string> {
  if (env !== undefined) checkEnv("fashionMnistCacheDir", "env", env);
  const { cacheDirectory } = await import("./node/locate.js");
  return cacheDirectory(env);
}
