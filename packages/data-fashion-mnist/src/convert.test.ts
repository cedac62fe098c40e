import { addDispatchHook, candidateKernels, fromTypedArray } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { PixelStore } from "./convert.js";

describe("PixelStore (uint8 → float32 / 255 by index)", () => {
  const row = 48;
  const count = 37;
  const pixels = Uint8Array.from({ length: row * count }, (_, i) => (i * 97 + (i >> 3)) & 0xff);
  pixels[5] = 255;
  pixels[6] = 0;

  it("converts through the rowsAsFloat op: on its SIMD kernel wherever the pixels are in a wasm workspace", () => {
    const kernels: string[] = [];
    const remove = addDispatchHook({
      before: (call) => {
        if (call.op.startsWith("rowsAsFloat")) kernels.push(...candidateKernels(call).slice(0, 1));
      },
    });
    const store = new PixelStore(pixels, row);
    store.gatherNew(Int32Array.of(1, 2));
    new PixelStore(pixels, row, "js").gatherNew(Int32Array.of(1, 2));
    new PixelStore(pixels.subarray(0, 28 * 10), 28).gatherNew(Int32Array.of(1, 2)); // rows not a multiple of 16
    remove();
    // The kernel follows the pixels (a workspace exists wherever wasm runs), whichever backend
    // is selected: the same bits as the js kernel, three times faster.
    const simd = store.resident ? "wasm-rows-as-float" : "js-rows-as-float";
    expect(kernels).toEqual([simd, "js-rows-as-float", "js-rows-as-float"]);
  });

  it("gives exactly PyTorch's x.float() / 255, the same on both paths, for any index order", () => {
    const indices = Int32Array.of(36, 0, 5, 5, 17, 1);
    const expected = new Float32Array(indices.length * row);
    indices.forEach((i, k) => {
      for (let j = 0; j < row; j++) expected[k * row + j] = Math.fround(pixels[i * row + j]! / 255);
    });
    for (const store of [new PixelStore(pixels, row), new PixelStore(pixels, row, "js")]) {
      const out = new Float32Array(indices.length * row);
      store.gather(indices, out);
      expect(out).toEqual(expected);
      expect(store.gatherNew(indices)).toEqual(expected);
      expect(store.pixels).toEqual(pixels);
    }
  });

  it("gives x / 255 correctly rounded for every byte value (the kernel multiplies, never divides)", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const indices = Int32Array.from({ length: 16 }, (_, i) => 15 - i);
    for (const store of [new PixelStore(all, 16), new PixelStore(all, 16, "js")]) {
      const out = store.gatherNew(indices);
      indices.forEach((r, k) => {
        for (let j = 0; j < 16; j++) {
          const x = r * 16 + j;
          expect(out[k * 16 + j], `${x} / 255`).toBe(Math.fround(x / 255));
        }
      });
    }
  });

  it("converts into a tensor wasm workspace in Node, so matmul reads batches in place", () => {
    const store = new PixelStore(pixels, row);
    expect(store.resident).toBe(true);
    expect(new PixelStore(pixels, row, "js").resident).toBe(false);
    const view = store.gatherView(Int32Array.of(3, 1))!;
    const x = fromTypedArray(view, [2, row]);
    const w = fromTypedArray(
      Float32Array.from({ length: 3 * row }, (_, i) => (i % 7) - 3),
      [3, row],
    );
    const copy = fromTypedArray(view.slice(), [2, row]);
    expect(x.matmul(w.t()).toArray()).toEqual(copy.matmul(w.t()).toArray());
  });

  it("keeps a batch view valid when a bigger batch moves the pixels to a bigger memory", () => {
    const store = new PixelStore(pixels, row);
    const first = store.gatherView(Int32Array.of(2))!;
    const before = first.slice();
    const big = Int32Array.from({ length: 3000 }, (_, k) => (k * 5) % count);
    const out = store.gatherView(big)!;
    expect(out[row * 2999 + 1]).toBe(Math.fround(pixels[((2999 * 5) % count) * row + 1]! / 255));
    expect(first).toEqual(before);
    expect(store.pixels).toEqual(pixels);
  });

  it("grows its memory for bigger batches and keeps the pixels", () => {
    const store = new PixelStore(pixels, row);
    const big = Int32Array.from({ length: 5000 }, (_, k) => (k * 7) % count);
    const out = new Float32Array(big.length * row);
    store.gather(big, out);
    expect(out[row * 4999 + 3]).toBe(Math.fround(pixels[((4999 * 7) % count) * row + 3]! / 255));
    expect(store.pixels).toEqual(pixels);
  });
});
