// Tiny Fashion-MNIST-shaped files for tests: n images of 28 × 28 and n labels, raw or gzipped.
import { createHash } from "node:crypto";
import { gzipSync } from "fflate";
import { FILE_NAMES, type FileKey } from "./files.js";
import { writeIdxImages, writeIdxLabels } from "./idx.js";

export interface TinySplit {
  pixels: Uint8Array;
  labels: Uint8Array;
  imagesFile: Uint8Array;
  labelsFile: Uint8Array;
}

export function tinySplit(n: number, seed: number): TinySplit {
  const pixels = Uint8Array.from({ length: n * 784 }, (_, i) => (i * 31 + seed * 17 + (i >> 5)) & 0xff);
  const labels = Uint8Array.from({ length: n }, (_, i) => (i * 3 + seed) % 10);
  return {
    pixels,
    labels,
    imagesFile: writeIdxImages({ count: n, rows: 28, cols: 28, pixels }),
    labelsFile: writeIdxLabels(labels),
  };
}

export const gz = (b: Uint8Array): Uint8Array => gzipSync(b);
export const sha = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

/** The four files (uncompressed) of a tiny data set: 12 training and 5 test examples. */
export function tinyFiles(): Record<FileKey, Uint8Array> {
  const train = tinySplit(12, 1);
  const test = tinySplit(5, 2);
  return {
    trainImages: train.imagesFile,
    trainLabels: train.labelsFile,
    testImages: test.imagesFile,
    testLabels: test.labelsFile,
  };
}

export function shaTable(files: Record<FileKey, Uint8Array>): Record<FileKey, string> {
  return {
    trainImages: sha(files.trainImages),
    trainLabels: sha(files.trainLabels),
    testImages: sha(files.testImages),
    testLabels: sha(files.testLabels),
  };
}

export const fileName = (key: FileKey, gzipped: boolean) => `${FILE_NAMES[key]}${gzipped ? ".gz" : ""}`;
