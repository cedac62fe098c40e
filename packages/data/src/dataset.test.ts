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
