import { ShapeError, tensor, ValueError } from "@tsgrad/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accuracy } from "./accuracy.js";

describe("accuracy (count of correct predictions)", () => {
  it("d2l's example: class scores [N, C] are read by argmax", () => {
    const yHat = tensor([
      [0.1, 0.3, 0.6],
      [0.3, 0.2, 0.5],
    ]);
    expect(accuracy(yHat, tensor([0, 2]))).toBe(1);
    expect(accuracy(yHat, tensor([2, 2])) / 2).toBe(1);
  });

  it("counts [N, C] scores against int32 labels like argmax / eq / sum (ties, NaN, views)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 2, max: 6 }),
        fc.array(fc.constantFrom(0, 1, 2, 0.5, -1, Number.NaN), { minLength: 60, maxLength: 60 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 9, maxLength: 9 }),
        (n, c, vals, ls) => {
          const rows = Array.from({ length: n }, (_, i) => vals.slice(i * c, i * c + c));
          const scores = tensor(rows);
          const labels = tensor(ls.slice(0, n).map((l) => l % c));
          const composed = scores.argmax(1).eq(labels).sum().item();
          expect(accuracy(scores, labels)).toBe(composed);
          // A label view with a stride, and scores as an offset view of a bigger tensor.
          const wide = tensor(
            ls.slice(0, n).flatMap((l) => [l % c, -1]),
            { dtype: "int32" },
          );
          expect(accuracy(scores, wide.reshape(n, 2).select(1, 0))).toBe(composed);
          const padded = tensor([Array<number>(c).fill(9), ...rows]).narrow(0, 1, n);
          expect(accuracy(padded, labels)).toBe(composed);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("accepts predicted labels [N] or [N, 1], and labels [N, 1]", () => {
    expect(accuracy(tensor([1, 0, 3, 3]), tensor([1, 1, 3, 2]))).toBe(2);
    expect(accuracy(tensor([[1], [0], [3]]), tensor([[1], [0], [2]]))).toBe(2);
  });

  it("casts predictions to y's dtype (float labels)", () => {
    const y = tensor([0, 1, 1], { dtype: "float32" });
    const yHat = tensor([
      [2, 1],
      [0, 3],
      [5, -1],
    ]);
    expect(accuracy(yHat, y)).toBe(2);
  });

  it("binary logits: threshold them first", () => {
    const logits = tensor([[-1.5], [0.3], [2.0], [-0.1]], { dtype: "float32" });
    const y = tensor([[0], [1], [0], [0]], { dtype: "float32" });
    expect(accuracy(logits.gt(0), y)).toBe(3);
  });

  it("rejects mismatched or malformed shapes", () => {
    expect(() => accuracy(tensor([[0.1, 0.9]]), tensor([1, 0]))).toThrow(
      new ShapeError(
        "accuracy: yHat with shape [1, 2] and y with shape [2] have different numbers of examples (1 and 2)",
      ),
    );
    expect(() => accuracy(tensor([[[1, 2]]]), tensor([1]))).toThrow(
      "accuracy: yHat must be class scores [N, C] or labels [N], got shape [1, 1, 2]",
    );
    expect(() =>
      accuracy(
        tensor([1, 0]),
        tensor([
          [1, 0],
          [0, 1],
        ]),
      ),
    ).toThrow("accuracy: y must be labels [N] (or [N, 1]), got shape [2, 2]");
  });
});

describe("accuracy from plain JavaScript", () => {
  it("names an argument that is not a tensor", () => {
    const js = (v: unknown) => v as never;
    expect(() => accuracy(js("abc"), tensor([1]))).toThrowError(ValueError);
    expect(() => accuracy(js("abc"), tensor([1]))).toThrowError(
      /^accuracy: yHat must be a tensor, got "abc"$/,
    );
    expect(() => accuracy(tensor([1]), js([1]))).toThrowError(/^accuracy: y must be a tensor, got \[1\]$/);
    expect(() => accuracy(tensor([1]), js(undefined))).toThrowError(
      "accuracy: y must be a tensor, got undefined",
    );
  });
});
