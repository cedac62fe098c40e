/** The four files of Fashion-MNIST. */
export type FileKey = "trainImages" | "trainLabels" | "testImages" | "testLabels";

// The tables are frozen (as textLabels): the functions read them, and a plain-JavaScript caller
// could otherwise change a file name or checksum for everyone.
/** The four files' keys: trainImages, trainLabels, testImages, testLabels. */
export const FILE_KEYS: readonly FileKey[] = Object.freeze([
  "trainImages",
  "trainLabels",
  "testImages",
  "testLabels",
]);

/** File names without the `.gz` suffix (the files may be gzipped or not). */
export const FILE_NAMES: Readonly<Record<FileKey, string>> = Object.freeze({
  trainImages: "train-images-idx3-ubyte",
  trainLabels: "train-labels-idx1-ubyte",
  testImages: "t10k-images-idx3-ubyte",
  testLabels: "t10k-labels-idx1-ubyte",
});

/** SHA-256 of each file's decompressed content (DESIGN.md section 5). */
export const FASHION_MNIST_SHA256: Readonly<Record<FileKey, string>> = Object.freeze({
  trainImages: "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
  trainLabels: "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
  testImages: "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
  testLabels: "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
});

/**
 * The exact size in bytes of each file's decompressed content: the IDX header (magic number,
 * one uint32 per dimension) plus one byte per pixel or label. No valid file is larger, so
 * reading and decompressing stop there (a device, a gzip bomb or the wrong file cannot make
 * us read or allocate more).
 */
export const FILE_SIZES: Readonly<Record<FileKey, number>> = Object.freeze({
  trainImages: 16 + 60000 * 28 * 28,
  trainLabels: 8 + 60000,
  testImages: 16 + 10000 * 28 * 28,
  testLabels: 8 + 10000,
});

/** The canonical mirrors, tried in order; each serves `<name>.gz`. */
export const FASHION_MNIST_MIRRORS: readonly string[] = Object.freeze([
  "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
  "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/",
]);

/** Debian's `dataset-fashion-mnist` installs the files here. */
export const SYSTEM_DIR = "/usr/share/datasets/fashion-mnist";

/** The two files of one split. */
export function splitKeys(train: boolean): [FileKey, FileKey] {
  return train ? ["trainImages", "trainLabels"] : ["testImages", "testLabels"];
}
