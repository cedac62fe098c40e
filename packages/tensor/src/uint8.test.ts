// The uint8 dtype (images): creation, wrapping arithmetic, promotion, conversions, reductions
// and printing, as PyTorch's torch.uint8 (whose sums are int64; here int32).
import { describe, expect, it } from "vitest";
import { DTypeError, fromTypedArray, full, tensor, zeros } from "./index.js";

describe("uint8", () => {
  it("is created from a Uint8Array on request (a Uint8Array alone holds bool) and from numbers", () => {
    const bytes = Uint8Array.of(0, 7, 255);
    const t = fromTypedArray(bytes, [3], { dtype: "uint8" });
    expect(t.dtype).toBe("uint8");
    expect(t.storage).toBe(bytes);
    expect(fromTypedArray(bytes).dtype).toBe("bool");
    expect(() => fromTypedArray(Int32Array.of(1), [1], { dtype: "uint8" })).toThrow(
      "fromTypedArray: a Int32Array holds int32, not uint8",
    );
    expect(() => fromTypedArray(bytes, [3], { dtype: "float32" })).toThrow(
      "fromTypedArray: a Uint8Array holds bool or uint8, not float32",
    );
    expect(tensor([1, 300, -1], { dtype: "uint8" }).toArray()).toEqual([1, 44, 255]);
    expect(zeros([2], { dtype: "uint8" }).toArray()).toEqual([0, 0]);
    expect(full([2], 9, { dtype: "uint8" }).toArray()).toEqual([9, 9]);
  });

  it("wraps arithmetic modulo 256 and promotes like PyTorch", () => {
    const a = tensor([250, 3], { dtype: "uint8" });
    expect(a.add(10).toArray()).toEqual([4, 13]);
    expect(a.add(10).dtype).toBe("uint8");
    expect(a.sub(4).toArray()).toEqual([246, 255]);
    expect(a.add(tensor([1, 1])).dtype).toBe("int32");
    expect(a.add(0.5).dtype).toBe("float32");
    expect(a.div(2).toArray()).toEqual([125, 1.5]);
    expect(a.add_(10).toArray()).toEqual([4, 13]);
    expect(() => a.add_(0.5)).toThrow(
      "add_: result type float32 can't be cast to the desired output type uint8",
    );
  });

  it("converts to and from other dtypes (float truncates, bool is x != 0)", () => {
    const a = tensor([0, 2, 255], { dtype: "uint8" });
    expect(a.to("bool").toArray()).toEqual([false, true, true]);
    expect(a.float().toArray()).toEqual([0, 2, 255]);
    expect(tensor([1.9, 254.5]).to("uint8").toArray()).toEqual([1, 254]);
    expect(tensor([true, false]).to("uint8").toArray()).toEqual([1, 0]);
  });

  it("sums into int32, refuses mean and gradients, and prints as integers", () => {
    const a = tensor([200, 100], { dtype: "uint8" });
    expect(a.sum().dtype).toBe("int32");
    expect(a.sum().item()).toBe(300);
    expect(a.amax().dtype).toBe("uint8");
    expect(() => a.mean()).toThrow(DTypeError);
    expect(() => a.requiresGrad_()).toThrow("requiresGrad_: only tensors of floating point dtype");
    expect(a.toString()).toBe("tensor([200, 100], dtype=uint8)");
  });
});
