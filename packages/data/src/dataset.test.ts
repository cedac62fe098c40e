import {
  addDispatchHook,
  arange,
  Generator,
  IndexError,
  ShapeError,
  type Tensor,
  tensor,
  ValueError,
  zeros,
} from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { BatchBuffers } from "./buffers.js";
import { defaultCollate } from "./collate.js";
import { Subset, TensorDataset } from "./dataset.js";
import { randomSplit } from "./split.js";

describe("TensorDataset", () => {
  const X = arange(12).view(6, 2).float();
  const y = tensor([0, 1, 0, 1, 1, 0]);

  it("has the first dimension as length and rows as items", () => {
    const ds = new TensorDataset(X, y);
    expect(ds.length).toBe(6);
    const [x2, y2] = ds.getItem(2);
    expect(x2.toArray()).toEqual([4, 5]);
    expect(y2.item()).toBe(0);
    const [xl] = ds.getItem(-1);
    expect(xl.toArray()).toEqual([10, 11]);
  });

  it("rejects tensors whose first dimensions differ, naming both shapes", () => {
    expect(() => new TensorDataset(X, zeros([5]))).toThrow(ShapeError);
    expect(() => new TensorDataset(X, zeros([5]))).toThrow(
      "TensorDataset: size mismatch between tensors: tensor 0 has shape [6, 2] and tensor 1 has shape [5]; the first dimensions must agree",
    );
    expect(() => new TensorDataset(X, tensor(3))).toThrow(
      "TensorDataset: tensor 1 is zero-dimensional (shape []); every tensor needs a first dimension",
    );
    expect(() => new TensorDataset()).toThrow("TensorDataset: expected at least one tensor");
  });

  it("rejects out-of-range indices", () => {
    const ds = new TensorDataset(X, y);
    expect(() => ds.getItem(6)).toThrow(IndexError);
    expect(() => ds.getItem(6)).toThrow(
      "TensorDataset.getItem: index 6 is out of range for a dataset of length 6",
    );
    expect(() => ds.getItem(-7)).toThrow(IndexError);
    expect(() => ds.getBatch(Int32Array.of(0, 6))).toThrow(
      "TensorDataset.getBatch: index 6 is out of range for a dataset of length 6",
    );
  });

  it("getBatch equals the default collate of the items, for contiguous and strided tensors", () => {
    const wide = arange(6 * 40)
      .view(6, 40)
      .float();
    const strided = arange(12).view(2, 6).t(); // [6, 2], not contiguous
    const ds = new TensorDataset(X, y, wide, strided);
    const idx = Int32Array.of(5, 0, 3, 3);
    const fast = ds.getBatch(idx);
    const slow = defaultCollate(Array.from(idx, (i) => ds.getItem(i)));
    expect(fast.length).toBe(4);
    fast.forEach((t, k) => {
      expect(t.shape).toEqual(slow[k]!.shape);
      expect(t.dtype).toBe(slow[k]!.dtype);
      expect(t.toArray()).toEqual(slow[k]!.toArray());
    });
  });

  it("getBatch with buffers writes into the same memory; without, batches stay independent", () => {
    const ds = new TensorDataset(X, y);
    const buffers = new BatchBuffers();
    const a = ds.getBatch(Int32Array.of(0, 1), buffers);
    const aValues = a[0].toArray();
    const b = ds.getBatch(Int32Array.of(2, 3), buffers);
    expect(b[0].storage).toBe(a[0].storage);
    expect(a[0].toArray()).not.toEqual(aValues); // overwritten: the documented cost of reuse
    const c = ds.getBatch(Int32Array.of(0, 1));
    const d = ds.getBatch(Int32Array.of(2, 3));
    expect(c[0].storage).not.toBe(d[0].storage);
    expect(c[0].toArray()).toEqual([
      [0, 1],
      [2, 3],
    ]);
    // A shorter last batch uses the front of the buffer.
    const e = ds.getBatch(Int32Array.of(5), buffers);
    expect(e[0].shape).toEqual([1, 2]);
    expect(e[0].toArray()).toEqual([[10, 11]]);
  });

  it("getBatch goes through the dispatched indexSelect (which autograd records) only when a tensor requires grad", () => {
    const ops: string[] = [];
    const remove = addDispatchHook({ before: (call) => ops.push(call.op) });
    try {
      const plain = new TensorDataset(arange(6).float());
      expect(plain.getBatch(Int32Array.of(4, 1))[0]!.toArray()).toEqual([4, 1]);
      expect(ops).not.toContain("indexSelect");
      const ds = new TensorDataset(arange(6).float().requiresGrad_());
      expect(ds.getBatch(Int32Array.of(4, 1))[0]!.toArray()).toEqual([4, 1]);
      expect(ops).toContain("indexSelect");
    } finally {
      remove();
    }
  });
});

describe("Subset and randomSplit", () => {
  const ds = new TensorDataset(arange(10));

  it("Subset maps indices, item by item and in batches", () => {
    const s = new Subset(ds, [7, 2, 9]);
    expect(s.length).toBe(3);
    expect((s.getItem(1) as Tensor[])[0]!.item()).toBe(2);
    expect(s.getBatch).toBeDefined();
    const batch = s.getBatch ? s.getBatch(Int32Array.of(2, 0)) : [];
    expect(batch[0]!.toArray()).toEqual([9, 7]);
    expect(() => new Subset(ds, [10])).toThrow("Subset: index 10 is out of range for a dataset of length 10");
  });

  it("splits by lengths into disjoint subsets covering everything, reproducibly", () => {
    const parts = randomSplit(ds, [3, 7], { generator: new Generator(1) });
    expect(parts.map((p) => p.length)).toEqual([3, 7]);
    const all = [...parts[0]!.indices, ...parts[1]!.indices].sort((a, b) => a - b);
    expect(all).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const again = randomSplit(ds, [3, 7], { generator: new Generator(1) });
    expect([...again[0]!.indices]).toEqual([...parts[0]!.indices]);
    const other = randomSplit(ds, [3, 7], { generator: new Generator(2) });
    expect([...other[1]!.indices]).not.toEqual([...parts[1]!.indices]);
  });

  it("splits by fractions, dealing the remainder round-robin like PyTorch", () => {
    const parts = randomSplit(new TensorDataset(arange(11)), [0.5, 0.3, 0.2], {
      generator: new Generator(0),
    });
    // floor: 5, 3, 2 → one left over, given to the first subset.
    expect(parts.map((p) => p.length)).toEqual([6, 3, 2]);
  });

  it("rejects lengths that do not add up", () => {
    expect(() => randomSplit(ds, [3, 6])).toThrow(ValueError);
    expect(() => randomSplit(ds, [3, 6])).toThrow(
      "randomSplit: sum of input lengths (9) does not equal the length of the input dataset (10)",
    );
    expect(() => randomSplit(ds, [-1, 11])).toThrow("got -1 at position 0");
  });
});

describe("data sets from plain JavaScript", () => {
  const js = (v: unknown) => v as never;
  const X = arange(8).view(4, 2).float();

  it("TensorDataset names an argument that is not a tensor", () => {
    expect(() => new TensorDataset(X, js([1, 2, 3, 4]))).toThrowError(ValueError);
    expect(() => new TensorDataset(X, js([1, 2, 3, 4]))).toThrowError(
      /^TensorDataset: tensors\[1\] must be a tensor, got \[1, 2, 3, 4\]$/,
    );
    expect(() => new TensorDataset(js(undefined))).toThrowError("tensors[0] must be a tensor, got undefined");
  });

  it("getItem names an index that is not an integer (IndexError, as PyTorch)", () => {
    const ds = new TensorDataset(X);
    expect(() => ds.getItem(js("1"))).toThrowError(IndexError);
    expect(() => ds.getItem(js("1"))).toThrowError(
      /^TensorDataset\.getItem: index must be an integer, got "1"$/,
    );
    expect(() => ds.getItem(Number.NaN)).toThrowError("index must be an integer, got NaN");
    expect(() => ds.getItem(1e12)).toThrowError(
      "index 1000000000000 is out of range for a dataset of length 4",
    );
    const s = new Subset(ds, [0, 1]);
    expect(() => s.getItem(js(null))).toThrowError(/^Subset\.getItem: index must be an integer, got null$/);
  });

  it("getBatch takes an array of integers, and names anything else", () => {
    const ds = new TensorDataset(X);
    expect(ds.getBatch(js([3, 0]))[0]!.toArray()).toEqual([
      [6, 7],
      [0, 1],
    ]);
    expect(() => ds.getBatch(js(undefined))).toThrowError(
      /^TensorDataset\.getBatch: indices must be an Int32Array or an array of integers, got undefined$/,
    );
    expect(() => ds.getBatch(js([0, 1.5]))).toThrowError(
      /^TensorDataset\.getBatch: indices\[1\] must be an integer, got 1\.5$/,
    );
    expect(() => ds.getBatch(Int32Array.of(0), js({}))).toThrowError(
      /^TensorDataset\.getBatch: buffers must be a BatchBuffers, got an object$/,
    );
    const s = new Subset(ds, [2, 3]);
    expect(s.getBatch!(js([1]))[0]!.toArray()).toEqual([[6, 7]]);
    expect(() => s.getBatch!(js("0"))).toThrowError("Subset.getBatch: indices must be an Int32Array");
  });

  it("Subset names a dataset or indices of the wrong kind", () => {
    const ds = new TensorDataset(X);
    expect(() => new Subset(js(X), [0])).toThrowError(
      /^Subset: dataset must be a dataset \(an object with length and getItem\) \(wrap tensors in a TensorDataset\), got a tensor of shape \[4, 2\]$/,
    );
    expect(() => new Subset(js(null), [0])).toThrowError(ValueError);
    expect(() => new Subset(ds, js(undefined))).toThrowError(
      /^Subset: indices must be an array of integers, got undefined$/,
    );
    expect(() => new Subset(ds, js(2))).toThrowError("got 2");
    expect(() => new Subset(ds, js({ length: 1e12 }))).toThrowError("got an object");
    expect(() => new Subset(ds, js(["a"]))).toThrowError(IndexError);
    expect(() => new Subset(ds, js(["a"]))).toThrowError('Subset: index must be an integer, got "a"');
  });

  it("randomSplit names a dataset, lengths and options of the wrong kind", () => {
    const ds = new TensorDataset(X);
    expect(() => randomSplit(js(undefined), [1])).toThrowError(/^randomSplit: dataset must be a dataset/);
    expect(() => randomSplit(ds, js(2))).toThrowError(
      /^randomSplit: lengths must be an array of sizes or fractions, got 2$/,
    );
    expect(() => randomSplit(ds, js(["2", "2"]))).toThrowError(
      /^randomSplit: lengths\[0\] must be a number, got "2"$/,
    );
    expect(() => randomSplit(ds, [Number.NaN, 4])).toThrowError("got NaN at position 0");
    expect(() => randomSplit(ds, [1e12, 4])).toThrowError(ValueError);
    expect(() => randomSplit(ds, [2, 2], js(null))).toThrowError(
      /^randomSplit: options must be an object of options, got null$/,
    );
    expect(() => randomSplit(ds, [2, 2], js({ generater: new Generator(0) }))).toThrowError(
      'randomSplit: unknown option "generater" in options; did you mean "generator"?',
    );
    expect(() => randomSplit(ds, [2, 2], js({ generator: 1 }))).toThrowError(
      "randomSplit: options.generator must be a Generator, got 1",
    );
  });

  it("BatchBuffers.get names a slot, constructor or length of the wrong kind", () => {
    const b = new BatchBuffers();
    expect(() => b.get(-1, Float32Array, 2)).toThrowError(
      /^BatchBuffers\.get: slot must be an integer >= 0, got -1$/,
    );
    expect(() => b.get(0, js(Array), 2)).toThrowError(
      /^BatchBuffers\.get: ctor must be Float32Array, Float64Array, Int32Array or Uint8Array, got a function$/,
    );
    expect(() => b.get(0, Float32Array, js("2"))).toThrowError('length must be an integer >= 0, got "2"');
    expect(() => b.get(0, Float32Array, 1e12)).toThrowError(ValueError);
    expect(() => b.get(0, Float32Array, 1e12)).toThrowError(
      /^BatchBuffers\.get: cannot allocate a Float32Array of 1000000000000 elements/,
    );
  });
});
