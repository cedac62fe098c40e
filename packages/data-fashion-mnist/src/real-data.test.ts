// The real Fashion-MNIST from Debian's dataset-fashion-mnist. Under CI=true it must run (CI
// installs the package), so a missing package fails here instead of skipping; elsewhere it
// runs when the files exist.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DataLoader } from "@tsgrad/data";
import { Generator } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { FashionMNIST, loadDataFashionMnist } from "./dataset.js";
import { FASHION_MNIST_SHA256, SYSTEM_DIR } from "./files.js";
import { gunzip } from "./gunzip.js";
import { textLabels } from "./labels.js";
import { locateFile } from "./node/locate.js";

const present =
  existsSync(join(SYSTEM_DIR, "train-images-idx3-ubyte.gz")) ||
  existsSync(join(SYSTEM_DIR, "train-images-idx3-ubyte"));
const ci = process.env.CI === "true";
// Only Debian's folder: no root, no FASHION_MNIST_DIR, no cache, no download.
const debianOnly = { env: { XDG_CACHE_HOME: "/nonexistent-tsgrad-cache" }, download: false, warn: () => {} };

describe.runIf(present || ci)("real Fashion-MNIST (Debian's dataset-fashion-mnist)", () => {
  it("has 60000 training and 10000 test images, 6000 and 1000 per class, verified checksums", async () => {
    // Under CI=true a missing package is a failure, not a skip.
    expect(present, `${SYSTEM_DIR} is missing: apt-get install dataset-fashion-mnist`).toBe(true);
    for (const key of ["trainImages", "trainLabels", "testImages", "testLabels"] as const) {
      const f = await locateFile(key, debianOnly);
      expect(f.origin).toBe("system");
    }
    const train = await FashionMNIST.load({ train: true, ...debianOnly });
    const test = await FashionMNIST.load({ train: false, ...debianOnly });
    expect(train.length).toBe(60000);
    expect(test.length).toBe(10000);
    const per = (ds: FashionMNIST) => {
      const c = new Array<number>(10).fill(0);
      for (const l of ds.targets) c[l]! += 1;
      return c;
    };
    expect(per(train)).toEqual(new Array(10).fill(6000));
    expect(per(test)).toEqual(new Array(10).fill(1000));
    // The first training image is an ankle boot, and its pixel sum matches the raw bytes.
    const [x, y] = train.getItem(0);
    expect(y).toBe(9);
    expect(textLabels[y]).toBe("ankle boot");
    const raw = await gunzip(await readFile(join(SYSTEM_DIR, "train-images-idx3-ubyte.gz")), "train-images");
    let byteSum = 0;
    for (let i = 16; i < 16 + 784; i++) byteSum += raw[i]!;
    expect(byteSum).toBeGreaterThan(0);
    expect(x.sum().item() * 255).toBeCloseTo(byteSum, 1);
  }, 30_000);

  it("fails verification against a wrong checksum", async () => {
    await expect(
      locateFile("trainLabels", {
        ...debianOnly,
        sha256: { ...FASHION_MNIST_SHA256, trainLabels: "0".repeat(64) },
      }),
    ).rejects.toThrow("failed verification");
  });

  it("loadDataFashionMnist gives shuffled training batches and ordered test batches", async () => {
    const { trainIter, testIter } = await loadDataFashionMnist(256, {
      ...debianOnly,
      generator: new Generator(0),
    });
    expect(trainIter.length).toBe(235);
    expect(testIter.length).toBe(40);
    const [X, y] = [...testIter][0]!;
    expect(X.shape).toEqual([256, 1, 28, 28]);
    expect(y.dtype).toBe("int32");
    expect(y.toArray()).toEqual(Array.from((testIter.dataset as FashionMNIST).targets.subarray(0, 256)));
    expect(X.amin().item()).toBe(0);
    expect(X.amax().item()).toBe(1);
    let seen = 0;
    for (const [bx] of trainIter) seen += bx.shape[0]!;
    expect(seen).toBe(60000);
    expect(testIter).toBeInstanceOf(DataLoader);
  }, 30_000);
});
