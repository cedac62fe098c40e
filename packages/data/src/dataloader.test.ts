import { arange, Generator, manualSeed, type Tensor, tensor, ValueError } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { DataLoader } from "./dataloader.js";
import { type Dataset, TensorDataset } from "./dataset.js";

const ids = (batches: Iterable<Tensor[]>): number[][] => [...batches].map((b) => b[0]!.toArray() as number[]);

function dataset(n: number) {
  return new TensorDataset(arange(n), arange(n).float().mul(10).view(n, 1));
}

/** A map-style data set without a batch fast path: exercises getItem + collate. */
class Squares implements Dataset<[number, number]> {
  constructor(readonly length: number) {}
  getItem(i: number): [number, number] {
    return [i, i * i];
  }
}

describe("DataLoader", () => {
  it("batches in order without shuffle and keeps the last partial batch", () => {
    const loader = new DataLoader(dataset(10), { batchSize: 4 });
    expect(loader.length).toBe(3);
    expect(ids(loader)).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    for (const [X, y] of loader) {
      expect(y.shape).toEqual([X.shape[0], 1]);
      expect(y.toArray()).toEqual((X.toArray() as number[]).map((v) => [v * 10]));
    }
  });

  it("dropLast drops the partial batch and counts it out of length", () => {
    const loader = new DataLoader(dataset(10), { batchSize: 4, dropLast: true });
    expect(loader.length).toBe(2);
    expect(ids(loader)).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ]);
    expect(new DataLoader(dataset(8), { batchSize: 4, dropLast: true }).length).toBe(2);
    expect(new DataLoader(dataset(3), { batchSize: 4, dropLast: true }).length).toBe(0);
    expect([...new DataLoader(dataset(3), { batchSize: 4, dropLast: true })]).toEqual([]);
    expect(new DataLoader(dataset(0), { batchSize: 4 }).length).toBe(0);
  });

  it("shuffles into a permutation, the same for the same seed", () => {
    const a = ids(new DataLoader(dataset(50), { batchSize: 7, shuffle: true, generator: new Generator(3) }));
    const b = ids(new DataLoader(dataset(50), { batchSize: 7, shuffle: true, generator: new Generator(3) }));
    const c = ids(new DataLoader(dataset(50), { batchSize: 7, shuffle: true, generator: new Generator(4) }));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.map((x) => x.length)).toEqual([7, 7, 7, 7, 7, 7, 7, 1]);
    expect(a.flat().sort((x, y) => x - y)).toEqual([...Array(50).keys()]);
    expect(a.flat()).not.toEqual([...Array(50).keys()]);
  });

  it("reshuffles every epoch, and the sequence of epochs is reproducible", () => {
    const epochs = (seed: number) => {
      const loader = new DataLoader(dataset(30), {
        batchSize: 8,
        shuffle: true,
        generator: new Generator(seed),
      });
      return [ids(loader), ids(loader), ids(loader)];
    };
    const [e1, e2, e3] = epochs(11);
    expect(e1).not.toEqual(e2);
    expect(e2).not.toEqual(e3);
    expect(epochs(11)).toEqual([e1, e2, e3]);
  });

  it("uses the default generator when none is given, so manualSeed reproduces it", () => {
    manualSeed(5);
    const a = ids(new DataLoader(dataset(20), { batchSize: 5, shuffle: true }));
    manualSeed(5);
    const b = ids(new DataLoader(dataset(20), { batchSize: 5, shuffle: true }));
    expect(a).toEqual(b);
  });

  it("fast path and getItem + collate path give the same batches", () => {
    const ds = dataset(23);
    const fast = [...new DataLoader(ds, { batchSize: 5, shuffle: true, generator: new Generator(9) })];
    const slowDs: Dataset<Tensor[]> = { length: ds.length, getItem: (i) => ds.getItem(i) };
    const slow = [...new DataLoader(slowDs, { batchSize: 5, shuffle: true, generator: new Generator(9) })];
    expect(fast.map((b) => b.map((t) => t.toArray()))).toEqual(slow.map((b) => b.map((t) => t.toArray())));
    expect(fast.map((b) => b.map((t) => t.dtype))).toEqual(slow.map((b) => b.map((t) => t.dtype)));
  });

  it("reuseBuffers writes every batch of a pass into the same arrays; the default does not", () => {
    const reuse = [...new DataLoader(dataset(12), { batchSize: 4, reuseBuffers: true })];
    expect(reuse[0]![0]!.storage).toBe(reuse[1]![0]!.storage);
    expect(reuse[0]![0]!.toArray()).toEqual([8, 9, 10, 11]); // overwritten by the last batch
    const fresh = [...new DataLoader(dataset(12), { batchSize: 4 })];
    expect(fresh[0]![0]!.storage).not.toBe(fresh[1]![0]!.storage);
    expect(fresh[0]![0]!.toArray()).toEqual([0, 1, 2, 3]);
  });

  it("collates items of a map-style data set, and takes a custom collate", () => {
    const loader = new DataLoader(new Squares(5), { batchSize: 2 });
    const batches = [...loader].map(([i, sq]) => [i.toArray(), sq.toArray()]);
    expect(batches).toEqual([
      [
        [0, 1],
        [0, 1],
      ],
      [
        [2, 3],
        [4, 9],
      ],
      [[4], [16]],
    ]);
    const sums = new DataLoader(new Squares(5), {
      batchSize: 2,
      collate: (items) => items.reduce((s, [, sq]) => s + sq, 0),
    });
    expect([...sums]).toEqual([1, 13, 16]);
    // A custom collate replaces the fast path too.
    const firsts = new DataLoader(dataset(5), {
      batchSize: 2,
      collate: (items) => items.map((it) => it[0]!.item()),
    });
    expect([...firsts]).toEqual([[0, 1], [2, 3], [4]]);
  });

  it("batches an iterable data set, without shuffling it", () => {
    function* stream() {
      for (let i = 0; i < 5; i++) yield tensor([i, -i]);
    }
    const loader = new DataLoader({ [Symbol.iterator]: stream }, { batchSize: 2 });
    expect([...loader].map((b) => b.toArray())).toEqual([
      [
        [0, 0],
        [1, -1],
      ],
      [
        [2, -2],
        [3, -3],
      ],
      [[4, -4]],
    ]);
    expect([...new DataLoader({ [Symbol.iterator]: stream }, { batchSize: 2, dropLast: true })].length).toBe(
      2,
    );
    expect(() => loader.length).toThrow("DataLoader: length is unknown: the iterable dataset has no length");
    expect(() => new DataLoader({ [Symbol.iterator]: stream }, { shuffle: true })).toThrow(
      "DataLoader: with an iterable dataset, expected unspecified shuffle option, but got shuffle=true",
    );
  });

  it("reads asynchronous data sets with for await, and says so when iterated synchronously", async () => {
    const asyncDs: Dataset<[number, number]> = {
      length: 5,
      getItem: async (i) => [i, 2 * i],
    };
    const loader = new DataLoader(asyncDs, { batchSize: 2, shuffle: true, generator: new Generator(1) });
    const seen: number[] = [];
    for await (const [i, twice] of loader) {
      expect(twice.toArray()).toEqual((i.toArray() as number[]).map((v) => 2 * v));
      seen.push(...(i.toArray() as number[]));
    }
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(() => [...loader]).toThrow("DataLoader: the dataset's getItem(");
    expect(() => [...loader]).toThrow("returned a Promise; iterate with `for await (const batch of loader)`");

    async function* stream() {
      for (let i = 0; i < 3; i++) yield i;
    }
    const streamLoader = new DataLoader({ [Symbol.asyncIterator]: stream }, { batchSize: 2 });
    const out: number[][] = [];
    for await (const b of streamLoader) out.push(b.toArray() as number[]);
    expect(out).toEqual([[0, 1], [2]]);
    expect(() => streamLoader[Symbol.iterator]()).toThrow("DataLoader: the dataset is asynchronous");
    // Sync data sets work with for await too (fast path included).
    const all: number[] = [];
    for await (const [X] of new DataLoader(dataset(5), { batchSize: 2 }))
      all.push(...(X.toArray() as number[]));
    expect(all).toEqual([0, 1, 2, 3, 4]);
  });

  it("rejects a batch size that is not a positive integer", () => {
    expect(() => new DataLoader(dataset(3), { batchSize: 0 })).toThrow(ValueError);
    expect(() => new DataLoader(dataset(3), { batchSize: 0 })).toThrow(
      "DataLoader: batchSize should be a positive integer value, but got batchSize=0",
    );
    expect(() => new DataLoader(dataset(3), { batchSize: 2.5 })).toThrow("got batchSize=2.5");
  });
});

describe("DataLoader from plain JavaScript", () => {
  it("takes the batch size as the second argument, as PyTorch's DataLoader(ds, 2)", () => {
    const ds = new TensorDataset(arange(5));
    expect([...new DataLoader(ds, 2)].map(([x]) => (x as Tensor).shape[0])).toEqual([2, 2, 1]);
  });

  it("names an unknown option", () => {
    const ds = new TensorDataset(arange(5));
    const make = () => new DataLoader(ds, { batchSize: 2, shufle: true } as unknown as { batchSize: number });
    expect(make).toThrow(ValueError);
    expect(make).toThrow('DataLoader: unknown option "shufle" in options; did you mean "shuffle"?');
  });

  const js = (v: unknown) => v as never;

  it("names a dataset that is not one", () => {
    expect(() => new DataLoader(js(undefined))).toThrowError(ValueError);
    expect(() => new DataLoader(js(null), 2)).toThrowError(
      /^DataLoader: dataset must be a dataset \(an object with length and getItem\) or an iterable of items, got null$/,
    );
    expect(() => new DataLoader(js("abc"), 2)).toThrowError('or an iterable of items, got "abc"');
    expect(() => new DataLoader(js(tensor([[1, 2]])), 2)).toThrowError(
      "(wrap tensors in a TensorDataset), got a tensor of shape [1, 2]",
    );
    expect(() => new DataLoader(js({ getItem: () => 1, length: "3" }))).toThrowError(
      /^DataLoader: dataset\.length must be an integer in \[0, 2147483647\], got "3"$/,
    );
    expect(() => new DataLoader(js({ getItem: () => 1, length: 1e12 }))).toThrowError(
      "dataset.length must be an integer in [0, 2147483647], got 1000000000000",
    );
    expect(
      () => new DataLoader(js({ [Symbol.iterator]: () => [][Symbol.iterator](), length: -1 })),
    ).toThrowError("got -1");
  });

  it("names options of the wrong kind", () => {
    const ds = dataset(3);
    expect(() => new DataLoader(ds, js("2"))).toThrowError(
      /^DataLoader: options must be a batch size or an object of options, got "2"$/,
    );
    expect(() => new DataLoader(ds, js(null))).toThrowError("got null");
    expect(() => new DataLoader(ds, js([]))).toThrowError(
      /^DataLoader: options must be an object of options, got \[\]$/,
    );
    expect(() => new DataLoader(ds, js(tensor(2)))).toThrowError("got a tensor of shape []");
    expect(() => new DataLoader(ds, js(new Generator(0)))).toThrowError(ValueError);
    expect(() => new DataLoader(ds, Number.NaN)).toThrowError("got batchSize=NaN");
    expect(() => new DataLoader(ds, { batchSize: js("2") })).toThrowError('got batchSize="2"');
    expect(() => new DataLoader(ds, { batchSize: js(null) })).toThrowError("got batchSize=null");
    expect(() => new DataLoader(ds, { shuffle: js("yes") })).toThrowError(
      /^DataLoader: options\.shuffle must be true or false, got "yes"$/,
    );
    expect(() => new DataLoader(ds, { dropLast: js(1) })).toThrowError(
      "options.dropLast must be true or false",
    );
    expect(() => new DataLoader(ds, { reuseBuffers: js(null) })).toThrowError("options.reuseBuffers");
    expect(() => new DataLoader(ds, { generator: js(0) })).toThrowError(
      /^DataLoader: options\.generator must be a Generator, got 0$/,
    );
    expect(() => new DataLoader(ds, { collate: js("stack") })).toThrowError(
      'DataLoader: options.collate must be a function, got "stack"',
    );
  });

  it("names a data set whose length went bad after construction", () => {
    const ds = { length: 2, getItem: (i: number) => i };
    const loader = new DataLoader(ds);
    ds.length = Number.NaN;
    expect(() => loader.length).toThrowError(/^DataLoader: dataset\.length must be an integer .* got NaN$/);
    expect(() => [...loader]).toThrowError(ValueError);
  });

  it("takes a batch size beyond the data set's length, and a null generator or collate, as PyTorch", () => {
    expect(ids(new DataLoader(dataset(3), 1e12))).toEqual([[0, 1, 2]]);
    expect(ids(new DataLoader(dataset(3), { batchSize: 2, generator: js(null), collate: js(null) }))).toEqual(
      [[0, 1], [2]],
    );
  });
});
