import { readFileSync } from "node:fs";
import { DTypeError, ShapeError, tensor, ValueError, zeros } from "@tsgrad/tensor";
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

describe("resize from plain JavaScript", () => {
  const js = (v: unknown) => v as never;
  const x = tensor([
    [0, 1],
    [1, 0],
  ]).float();

  it("names x, size and options of the wrong kind", () => {
    expect(() => resize(js([[0, 1]]), 4)).toThrowError(ValueError);
    expect(() => resize(js([[0, 1]]), 4)).toThrowError(/^resize: x must be a tensor, got \[\[0, 1\]\]$/);
    expect(() => resize(js(undefined), 4)).toThrowError("resize: x must be a tensor, got undefined");
    expect(() => resize(x, js(null))).toThrowError(
      /^resize: size must be a positive integer or a pair of them, got null$/,
    );
    expect(() => resize(x, js("4"))).toThrowError('got "4"');
    expect(() => resize(x, js([4]))).toThrowError("got [4]");
    expect(() => resize(x, js(x))).toThrowError("got a tensor of shape [2, 2]");
    expect(() => resize(x, Number.NaN)).toThrowError("got NaN");
    expect(() => resize(x, 1e12)).toThrowError(
      /^resize: size 1000000000000 is too large: 1e\+24 pixels, more than 2147483647$/,
    );
    expect(() => resize(x, 4, js(null))).toThrowError(
      /^resize: options must be an object of options, got null$/,
    );
    expect(() => resize(x, 4, js({ antialis: false }))).toThrowError(
      'resize: unknown option "antialis" in options; did you mean "antialias"?',
    );
    expect(() => resize(x, 4, js({ antialias: 0 }))).toThrowError(
      "resize: options.antialias must be true or false, got 0",
    );
  });

  it("names a dtype it does not take as a DTypeError", () => {
    expect(() => resize(tensor([[1, 2]]), 3)).toThrowError(DTypeError);
  });

  it("names a result too large to allocate", () => {
    expect(() => resize(zeros([100000, 1, 1]), [1000, 100])).toThrowError(
      /^resize: the result \[100000, 1000, 100\] is too large: more than 2147483647 elements$/,
    );
  });
});
