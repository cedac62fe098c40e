import { DataError, DataLoader } from "@tsgrad/data";
import { Generator, IndexError, tensor, ValueError } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { FashionMNIST } from "./dataset.js";
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
