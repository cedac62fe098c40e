// The chapter seed's autograd check, and the basics of the engine.
import { tensor } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { memory, noGrad } from "./index.js";

describe("seed check", () => {
  it("x^2 + noGrad(x^3) has gradient 2 at x = 1", () => {
    const x = tensor(1, { requiresGrad: true });
    const y1 = x.pow(2);
    const y2 = noGrad(() => x.pow(3));
    expect(y2.requiresGrad).toBe(false);
    y1.add(y2).backward();
    expect(x.grad?.item()).toBe(2);
  });

  it("frees the graph after backward", () => {
    const before = memory().liveNodes;
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const y = x.mul(x).sum();
    expect(memory().liveNodes).toBe(before + 2);
    y.backward();
    expect(memory().liveNodes).toBe(before);
    expect(x.grad?.toArray()).toEqual([2, 4, 6]);
    expect(() => y.backward()).toThrow(
      "backward: trying to backward through the graph a second time (SumBackward)",
    );
  });
});
