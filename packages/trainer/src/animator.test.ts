import { afterEach, describe, expect, it, vi } from "vitest";
import { Animator } from "./animator.js";

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("Animator's default stream", () => {
  it("is the console, one call per line, where there is no process.stdout (a browser)", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    vi.stubGlobal("process", {}); // a page: no process.stdout
    const animator = new Animator({ legend: ["loss"] });
    vi.unstubAllGlobals();
    animator.add(1, [0.5], "epoch 1, loss 0.5");
    animator.add(2, [0.25], "epoch 2, loss 0.25");
    expect(log.mock.calls).toEqual([["epoch 1, loss 0.5"], ["epoch 2, loss 0.25"]]);
  });
});
