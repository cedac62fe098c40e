import { describe, expect, it } from "vitest";
import { PixelStore, SCALE } from "./convert.js";

describe("PixelStore (uint8 → float32 / 255 by index)", () => {
  const row = 48;
  const count = 37;
  const pixels = Uint8Array.from({ length: row * count }, (_, i) => (i * 97 + (i >> 3)) & 0xff);
  pixels[5] = 255;
  pixels[6] = 0;

  it("uses the WebAssembly SIMD kernel in Node", () => {
    expect(new PixelStore(pixels, row).simd).toBe(true);
    expect(new PixelStore(pixels, row, "js").simd).toBe(false);
    expect(new PixelStore(pixels, 28).simd).toBe(false); // rows not a multiple of 16
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
    expect(SCALE[255]).toBe(1);
    expect(SCALE[0]).toBe(0);
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
