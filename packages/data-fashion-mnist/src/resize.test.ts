import { readFileSync } from "node:fs";
import { ShapeError, tensor } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { resize } from "./resize.js";

// Made by scripts/resize_golden.py with torch.nn.functional.interpolate (bilinear,
// align_corners=False), with and without antialias.
const golden = JSON.parse(
  readFileSync(new URL("./fixtures/resize-golden.json", import.meta.url), "utf8"),
) as {
  input: number[];
  shape: [number, number];
  cases: { size: [number, number]; antialias: boolean; output: number[] }[];
};

describe("resize (bilinear, like torchvision)", () => {
  const x = tensor(golden.input, { dtype: "float32" }).view(1, 1, ...golden.shape);
  for (const c of golden.cases) {
    it(`matches torch for [5, 7] → [${c.size.join(", ")}], antialias ${c.antialias}`, () => {
      const y = resize(x, c.size, { antialias: c.antialias });
      expect(y.shape).toEqual([1, 1, ...c.size]);
      const got = Array.from(y.toTypedArray());
      got.forEach((v, i) => {
        expect(Math.abs(v - c.output[i]!)).toBeLessThan(2e-6);
      });
    });
  }

  it("keeps a constant image constant and an identity size unchanged", () => {
    const ones = tensor([1, 1, 1, 1], { dtype: "float32" }).view(2, 2);
    expect(
      resize(ones, 5)
        .toTypedArray()
        .every((v) => Math.abs(v - 1) < 1e-6),
    ).toBe(true);
    const y = resize(x, [5, 7]);
    expect(Array.from(y.toTypedArray())).toEqual(Array.from(x.toTypedArray()));
  });

  it("names bad arguments", () => {
    expect(() => resize(tensor([1, 2], { dtype: "float32" }), 4)).toThrow(ShapeError);
    expect(() => resize(tensor([1, 2], { dtype: "float32" }), 4)).toThrow(
      "resize: expected a tensor of at least 2 dimensions [..., H, W], got shape [2]",
    );
    expect(() => resize(x, 0)).toThrow("resize: size must be a positive integer or a pair of them, got 0");
    expect(() => resize(tensor([[1, 2]]), 3)).toThrow("resize: expected a floating point tensor, got int32");
  });
});
