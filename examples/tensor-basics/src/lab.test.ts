import { describe, expect, it } from "vitest";
import { broadcasting, gradient, matrixProduct, run, summary, sums } from "./lab.js";

const capture = (fn: (print: (l: string) => void) => void): string[] => {
  const lines: string[] = [];
  fn((l) => lines.push(l));
  return lines;
};

describe("tensor-basics lab", () => {
  it("broadcasts three ways and explains the in-place error", () => {
    const out = capture(broadcasting).join("\n");
    expect(out.match(/tensor\(\[\[3, 4, 5\],\n {8}\[2, 3, 4\]\]\)/g)?.length).toBe(3);
    expect(out).toContain(
      "ShapeError: sub_: output with shape [1, 3] doesn't match the broadcast shape [2, 3]",
    );
  });
  it("P @ Q.T has shape [3, 4]", () => {
    expect(capture((p) => matrixProduct(p, 1))[0]).toContain("P @ Q.T has shape [3, 4]");
  });
  it("sums with keepdim", () => {
    expect(capture(sums)).toEqual([
      "X.sum(0, true) = tensor([[5, 7, 9]])",
      "X.sum(1, true) = tensor([[ 6],\n        [15]])",
    ]);
  });
  it("the gradient with noGrad is 2", () => {
    expect(gradient(() => {})).toBe(2);
  });
  it("runs end to end", () => {
    expect(capture(run).length).toBeGreaterThan(10);
  });
});

describe("tensor-basics summary (--json)", () => {
  it("holds the lab's results", () => {
    expect(summary(0)).toEqual({
      seed: 0,
      broadcastSub: [
        [3, 4, 5],
        [2, 3, 4],
      ],
      inplaceError: "sub_: output with shape [1, 3] doesn't match the broadcast shape [2, 3]",
      productShape: [3, 4],
      sum0: [[5, 7, 9]],
      sum1: [[6], [15]],
      gradient: 2,
    });
  });
});
