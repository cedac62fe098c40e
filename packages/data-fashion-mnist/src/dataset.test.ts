import { DataError, DataLoader } from "@tsgrad/data";
import { Generator, IndexError, tensor, ValueError } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { FashionMNIST, loadDataFashionMnist, loadFashionMnistSplit } from "./dataset.js";
import { tinySplit } from "./fixtures.test-util.js";
import { parseIdxImages, parseIdxLabels } from "./idx.js";
import { getFashionMnistLabels, textLabels } from "./labels.js";
import { resize } from "./resize.js";

const split = tinySplit(10, 3);
const images = parseIdxImages(split.imagesFile, "imgs");
const labels = parseIdxLabels(split.labelsFile, "labs");

describe("FashionMNIST dataset", () => {
  it("items are [1, 28, 28] float32 images in [0, 1] and numeric labels", () => {
    const ds = new FashionMNIST(images, labels);
    expect(ds.length).toBe(10);
    const [x, y] = ds.getItem(3);
    expect(x.shape).toEqual([1, 28, 28]);
    expect(x.dtype).toBe("float32");
    expect(y).toBe(split.labels[3]);
    const px = x.toTypedArray();
    for (let j = 0; j < 784; j++) expect(px[j]).toBe(Math.fround(split.pixels[3 * 784 + j]! / 255));
    expect(ds.getItem(-1)[1]).toBe(split.labels[9]);
    expect(() => ds.getItem(10)).toThrow(IndexError);
  });

  it("batches are [B, 1, 28, 28] float32 and int32 labels, equal to stacking the items", () => {
    const ds = new FashionMNIST(images, labels);
    const loader = new DataLoader(ds, { batchSize: 4, shuffle: true, generator: new Generator(0) });
    const slow = new DataLoader(
      { length: ds.length, getItem: (i: number) => ds.getItem(i) },
      {
        batchSize: 4,
        shuffle: true,
        generator: new Generator(0),
      },
    );
    const fast = [...loader];
    const ref = [...slow];
    expect(fast.map(([X]) => X.shape)).toEqual([
      [4, 1, 28, 28],
      [4, 1, 28, 28],
      [2, 1, 28, 28],
    ]);
    fast.forEach(([X, y], k) => {
      expect(X.dtype).toBe("float32");
      expect(y.dtype).toBe("int32");
      expect(Array.from(X.toTypedArray())).toEqual(Array.from(ref[k]![0].toTypedArray()));
      expect(y.toArray()).toEqual(ref[k]![1].toArray());
    });
  });

  it("with reuseBuffers, each batch (read before the next) equals the fresh one", () => {
    const ds = new FashionMNIST(images, labels);
    const opts = { batchSize: 4, shuffle: true };
    const fresh = [...new DataLoader(ds, { ...opts, generator: new Generator(3) })];
    const seen: number[][] = [];
    let first: Float32Array | null = null;
    for (const [X, y] of new DataLoader(ds, { ...opts, generator: new Generator(3), reuseBuffers: true })) {
      seen.push([...X.toTypedArray(), ...y.toTypedArray()]);
      first ??= X.storage as Float32Array;
    }
    expect(seen).toEqual(fresh.map(([X, y]) => [...X.toTypedArray(), ...y.toTypedArray()]));
    // The buffer was reused: the first batch's storage now holds a later batch.
    expect(Array.from(first!.subarray(0, 784))).not.toEqual(
      Array.from(fresh[0]![0].toTypedArray().subarray(0, 784)),
    );
  });

  it("resizes with bilinear interpolation, in batches and items alike", () => {
    const ds = new FashionMNIST(images, labels, { resize: 64 });
    const [x] = ds.getItem(2);
    expect(x.shape).toEqual([1, 64, 64]);
    const plain = new FashionMNIST(images, labels).getItem(2)[0];
    expect(Array.from(x.toTypedArray())).toEqual(Array.from(resize(plain, 64).toTypedArray()));
    const [X] = [...new DataLoader(ds, { batchSize: 3 })][0]!;
    expect(X.shape).toEqual([3, 1, 64, 64]);
    expect(Array.from(X.toTypedArray().subarray(2 * 4096, 3 * 4096))).toEqual(Array.from(x.toTypedArray()));
    expect(new FashionMNIST(images, labels, { resize: [14, 20] }).getItem(0)[0].shape).toEqual([1, 14, 20]);
  });

  it("applies a transform to each item (and then batches item by item)", () => {
    const ds = new FashionMNIST(images, labels, { transform: (img) => img.mul(2).sub(1) });
    expect(ds.getBatch).toBeUndefined();
    const [x] = ds.getItem(0);
    expect(x.toTypedArray()[0]).toBeCloseTo((2 * split.pixels[0]!) / 255 - 1, 6);
    const [X, y] = [...new DataLoader(ds, { batchSize: 4 })][0]!;
    expect(X.shape).toEqual([4, 1, 28, 28]);
    expect(y.dtype).toBe("int32");
  });

  it("rejects images that are not 28x28, mismatched counts and labels outside 0..9", () => {
    const small = { count: 2, rows: 27, cols: 28, pixels: new Uint8Array(2 * 27 * 28) };
    expect(
      () => new FashionMNIST(small, { count: 2, labels: new Uint8Array(2) }, {}, ["a.gz", "b.gz"]),
    ).toThrow("FashionMNIST: a.gz holds images of 27x28 pixels; Fashion-MNIST's are 28x28");
    expect(
      () => new FashionMNIST(images, { count: 9, labels: new Uint8Array(9) }, {}, ["a.gz", "b.gz"]),
    ).toThrow("FashionMNIST: a.gz has 10 images but b.gz has 9 labels");
    const bad = split.labels.slice();
    bad[4] = 12;
    expect(() => new FashionMNIST(images, { count: 10, labels: bad }, {}, ["a", "b.gz"])).toThrow(DataError);
    expect(() => new FashionMNIST(images, { count: 10, labels: bad }, {}, ["a", "b.gz"])).toThrow(
      "FashionMNIST: b.gz has label 12 at index 4; labels are 0..9",
    );
  });
});

describe("text labels", () => {
  it("has d2l's ten names in order", () => {
    expect(textLabels).toEqual([
      "t-shirt",
      "trouser",
      "pullover",
      "dress",
      "coat",
      "sandal",
      "shirt",
      "sneaker",
      "bag",
      "ankle boot",
    ]);
  });

  it("maps tensors and arrays of labels", () => {
    expect(getFashionMnistLabels(tensor([9, 0, 5]))).toEqual(["ankle boot", "t-shirt", "sandal"]);
    expect(getFashionMnistLabels([1, 8])).toEqual(["trouser", "bag"]);
    expect(() => getFashionMnistLabels([10])).toThrow(
      "getFashionMnistLabels: label 10 is not a class index in 0..9",
    );
  });

  it("loadDataFashionMnist checks numWorkers and batchSize", async () => {
    const { loadDataFashionMnist } = await import("./dataset.js");
    await expect(loadDataFashionMnist(4, { numWorkers: -1 })).rejects.toThrow(ValueError);
    await expect(loadDataFashionMnist(0)).rejects.toThrow(
      "loadDataFashionMnist: batchSize should be a positive integer value, but got batchSize=0",
    );
  });
});

describe("FashionMNIST from plain JavaScript", () => {
  const js = (v: unknown) => v as never;

  it("the constructor names images, labels, options and names of the wrong kind", () => {
    expect(() => new FashionMNIST(js(undefined), labels)).toThrowError(ValueError);
    expect(() => new FashionMNIST(js(undefined), labels)).toThrowError(
      /^FashionMNIST: images must be parsed IDX images \{ count, rows, cols, pixels \}, got undefined$/,
    );
    expect(() => new FashionMNIST(images, js(null))).toThrowError(
      /^FashionMNIST: labels must be parsed IDX labels \{ count, labels \}, got null$/,
    );
    expect(() => new FashionMNIST(js({ ...images, rows: "28" }), labels)).toThrowError(
      'FashionMNIST: images.rows must be an integer >= 0, got "28"',
    );
    expect(() => new FashionMNIST(js({ ...images, pixels: [0] }), labels)).toThrowError(
      "FashionMNIST: images.pixels must be a Uint8Array, got [0]",
    );
    expect(() => new FashionMNIST(images, js({ count: 10, labels: "0123456789" }))).toThrowError(
      'FashionMNIST: labels.labels must be a Uint8Array, got "0123456789"',
    );
    expect(() => new FashionMNIST(images, labels, js(null))).toThrowError(
      /^FashionMNIST: options must be an object of options, got null$/,
    );
    expect(() => new FashionMNIST(images, labels, js({ trian: false }))).toThrowError(
      'FashionMNIST: unknown option "trian" in options; did you mean "train"?',
    );
    expect(() => new FashionMNIST(images, labels, js({ train: "no" }))).toThrowError(
      'FashionMNIST: options.train must be true or false, got "no"',
    );
    expect(() => new FashionMNIST(images, labels, js({ resize: null }))).toThrowError(
      "FashionMNIST: options.resize must be a positive integer or a pair of them, got null",
    );
    expect(() => new FashionMNIST(images, labels, js({ transform: 2 }))).toThrowError(
      "FashionMNIST: options.transform must be a function, got 2",
    );
    expect(() => new FashionMNIST(images, labels, {}, js("ab"))).toThrowError(
      'FashionMNIST: names must be two file names [images, labels], got "ab"',
    );
  });

  it("the constructor names pixels or labels that disagree with their counts", () => {
    const short = { ...images, pixels: images.pixels.subarray(0, 784) };
    expect(() => new FashionMNIST(short, labels, {}, ["a.gz", "b.gz"])).toThrowError(DataError);
    expect(() => new FashionMNIST(short, labels, {}, ["a.gz", "b.gz"])).toThrowError(
      "FashionMNIST: a.gz has 784 bytes of pixels, but 10 images of 28x28 pixels need 7840",
    );
    expect(
      () => new FashionMNIST(images, { count: 10, labels: labels.labels.subarray(0, 3) }, {}, ["a", "b.gz"]),
    ).toThrowError("FashionMNIST: b.gz has 3 bytes of labels, but its count is 10");
  });

  it("getItem and getBatch name indices of the wrong kind", () => {
    const ds = new FashionMNIST(images, labels);
    expect(() => ds.getItem(js("1"))).toThrowError(IndexError);
    expect(() => ds.getItem(js("1"))).toThrowError(
      /^FashionMNIST\.getItem: index must be an integer, got "1"$/,
    );
    expect(() => ds.getItem(1e12)).toThrowError(
      "index 1000000000000 is out of range for a dataset of length 10",
    );
    expect(ds.getBatch!(js([2, 0]))[1].toArray()).toEqual([split.labels[2], split.labels[0]]);
    expect(() => ds.getBatch!(js(undefined))).toThrowError(
      /^FashionMNIST\.getBatch: indices must be an Int32Array or an array of integers, got undefined$/,
    );
    expect(() => ds.getBatch!(js([Number.NaN]))).toThrowError("indices[0] must be an integer, got NaN");
    expect(() => ds.getBatch!(Int32Array.of(0), js({}))).toThrowError(
      "FashionMNIST.getBatch: buffers must be a BatchBuffers, got an object",
    );
  });

  it("getFashionMnistLabels names labels that are neither a tensor nor an array", () => {
    expect(() => getFashionMnistLabels(js(2))).toThrowError(ValueError);
    expect(() => getFashionMnistLabels(js(2))).toThrowError(
      /^getFashionMnistLabels: labels must be a tensor or an array of labels, got 2$/,
    );
    expect(() => getFashionMnistLabels(js("12"))).toThrowError('got "12"');
    expect(() => getFashionMnistLabels(js(null))).toThrowError("got null");
    expect(() => getFashionMnistLabels(js({}))).toThrowError("got an object");
    expect(() => getFashionMnistLabels(js(["1"]))).toThrowError(IndexError);
    expect(getFashionMnistLabels(Uint8Array.of(3))).toEqual(["dress"]);
  });

  it("the loaders reject (never throw) with the option named, before reading any file", async () => {
    await expect(FashionMNIST.load(js(null))).rejects.toThrowError(
      /^FashionMNIST\.load: options must be an object of options, got null$/,
    );
    await expect(FashionMNIST.load(js({ trian: true }))).rejects.toThrowError(
      'FashionMNIST.load: unknown option "trian" in options; did you mean "train"?',
    );
    await expect(FashionMNIST.load(js({ resize: "28" }))).rejects.toThrowError(
      'FashionMNIST.load: options.resize must be a positive integer or a pair of them, got "28"',
    );
    await expect(FashionMNIST.load(js({ download: "no" }))).rejects.toThrowError(
      'FashionMNIST.load: options.download must be true or false, got "no"',
    );
    await expect(loadFashionMnistSplit(js("train"))).rejects.toThrowError(
      /^loadFashionMnistSplit: train must be true or false, got "train"$/,
    );
    await expect(loadFashionMnistSplit(true, js({ sha: false }))).rejects.toThrowError(
      'loadFashionMnistSplit: unknown option "sha" in options',
    );
    await expect(loadDataFashionMnist(js("256"))).rejects.toThrowError(
      /^loadDataFashionMnist: batchSize should be a positive integer value, but got batchSize="256"$/,
    );
    await expect(loadDataFashionMnist(256, js(null))).rejects.toThrowError(
      "loadDataFashionMnist: options must be an object of options, got null",
    );
    await expect(loadDataFashionMnist(256, js({ numWorkers: null }))).rejects.toThrowError(
      "loadDataFashionMnist: numWorkers must be a non-negative integer, got null",
    );
    await expect(loadDataFashionMnist(256, js({ generator: 0 }))).rejects.toThrowError(
      "loadDataFashionMnist: options.generator must be a Generator, got 0",
    );
    await expect(loadDataFashionMnist(256, js({ reuseBuffers: "yes" }))).rejects.toThrowError(
      'loadDataFashionMnist: options.reuseBuffers must be true or false, got "yes"',
    );
    await expect(loadDataFashionMnist(256, js({ resize: [0, 2] }))).rejects.toThrowError(
      "loadDataFashionMnist: options.resize must be a positive integer or a pair of them, got [0, 2]",
    );
    await expect(loadDataFashionMnist(256, js({ transform: (x: unknown) => x }))).rejects.toThrowError(
      'loadDataFashionMnist: unknown option "transform" in options',
    );
  });
});
