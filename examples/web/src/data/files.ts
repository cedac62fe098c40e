// Which of the four Fashion-MNIST files a dropped or chosen file is, by its name.
import { FASHION_MNIST_FILE_KEYS, FASHION_MNIST_FILES, type FashionMnistFileKey } from "tsgrad";

/** The four names as the page asks for them (gzipped, as they are published). */
export const EXPECTED_NAMES = FASHION_MNIST_FILE_KEYS.map((k) => `${FASHION_MNIST_FILES[k]}.gz`);

/** The key of a file named `train-images-idx3-ubyte.gz` (or without `.gz`), else undefined. */
export function keyOfFile(name: string): FashionMnistFileKey | undefined {
  const base = name.replace(/\.gz$/i, "");
  return FASHION_MNIST_FILE_KEYS.find((k) => FASHION_MNIST_FILES[k] === base);
}

export interface FileSet {
  files: Partial<Record<FashionMnistFileKey, File>>;
  /** Names of files that are none of the four. */
  unknown: string[];
}

/** Adds `dropped` to the files chosen so far (a file replaces an earlier one of its name). */
export function addFiles(
  chosen: Partial<Record<FashionMnistFileKey, File>>,
  dropped: readonly File[],
): FileSet {
  const files = { ...chosen };
  const unknown: string[] = [];
  for (const file of dropped) {
    const key = keyOfFile(file.name);
    if (key === undefined) unknown.push(file.name);
    else files[key] = file;
  }
  return { files, unknown };
}

/** The four files when all are there, else null. */
export function complete(
  files: Partial<Record<FashionMnistFileKey, File>>,
): Record<FashionMnistFileKey, File> | null {
  return FASHION_MNIST_FILE_KEYS.every((k) => files[k] !== undefined)
    ? (files as Record<FashionMnistFileKey, File>)
    : null;
}

/** The names still missing. */
export function missingNames(files: Partial<Record<FashionMnistFileKey, File>>): string[] {
  return FASHION_MNIST_FILE_KEYS.filter((k) => files[k] === undefined).map(
    (k) => `${FASHION_MNIST_FILES[k]}.gz`,
  );
}
