import { tensor, ValueError } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { defaultCollate } from "./collate.js";

describe("defaultCollate", () => {
  it("stacks tensors and turns numbers into int32 or float32 tensors", () => {
    const [x, y, z] = defaultCollate([
      [tensor([1, 2]), 3, 0.5],
      [tensor([4, 5]), 6, 1],
    ] as [ReturnType<typeof tensor>, number, number][]);
    expect(x.shape).toEqual([2, 2]);
    expect(x.toArray()).toEqual([
      [1, 2],
      [4, 5],
    ]);
    expect(y.dtype).toBe("int32");
    expect(y.toArray()).toEqual([3, 6]);
    expect(z.dtype).toBe("float32");
    expect(z.toArray()).toEqual([0.5, 1]);
  });

  it("collates plain objects key by key and booleans into bool tensors", () => {
    const out = defaultCollate([
      { a: 1, ok: true },
      { a: 2, ok: false },
    ]);
    expect(out.a.toArray()).toEqual([1, 2]);
    expect(out.ok.dtype).toBe("bool");
    expect(out.ok.toArray()).toEqual([true, false]);
  });

  it("names what it cannot collate", () => {
    expect(() => defaultCollate(["a", "b"])).toThrow(ValueError);
    expect(() => defaultCollate(["a", "b"])).toThrow(
      "defaultCollate: batch must contain tensors, numbers, booleans, arrays or plain objects; found string",
    );
    expect(() => defaultCollate([[1, 2], [3]])).toThrow(
      "defaultCollate: each element in list of batch should be of equal size: item 0 has 2 elements, item 1 has 1",
    );
    expect(() => defaultCollate([tensor([1]), 2])).toThrow(
      "defaultCollate: item 0 is a Tensor but item 1 is number",
    );
    expect(() => defaultCollate([tensor([1]), tensor([1, 2])])).toThrow(
      "stack: expects each tensor to be equal size",
    );
    expect(() => defaultCollate([])).toThrow("defaultCollate: the batch is empty");
  });
});

describe("defaultCollate from plain JavaScript", () => {
  it("names a batch that is not an array", () => {
    const js = (v: unknown) => v as never;
    expect(() => defaultCollate(js(undefined))).toThrowError(ValueError);
    expect(() => defaultCollate(js(undefined))).toThrowError(
      /^defaultCollate: items must be an array of items, got undefined$/,
    );
    expect(() => defaultCollate(js(tensor([1, 2])))).toThrowError("got a tensor of shape [2]");
    expect(() => defaultCollate(js("ab"))).toThrowError('got "ab"');
    expect(() => defaultCollate([undefined])).toThrowError("found undefined");
  });
});
