// Backward inside tidy(): the leaves' `.grad` survive the scope; the graph's intermediates do
// not, so a backward after the scope ended says which tensor was disposed.
import { linear, randn, type Tensor, tidy, ValueError } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import "./index.js";

describe("autograd inside tidy", () => {
  it("keeps the leaves' gradients, equal to those of an untidy pass", () => {
    const w = randn([3, 4]).requiresGrad_();
    const b = randn([3]).requiresGrad_();
    const x = randn([5, 4]);
    linear(x, w, b).square().sum().backward();
    const wantW = w.grad!.toArray();
    const wantB = b.grad!.toArray();
    w.grad = null;
    b.grad = null;
    tidy(() => {
      linear(x, w, b).square().sum().backward();
    });
    expect(w.grad!.isDisposed).toBe(false);
    expect(w.grad!.toArray()).toEqual(wantW);
    expect(b.grad!.toArray()).toEqual(wantB);
    // Accumulating in a second scope adds to the kept gradients.
    tidy(() => {
      linear(x, w, b).square().sum().backward();
    });
    expect(w.grad!.toArray()).toEqual((wantW as number[][]).map((r) => r.map((v) => v * 2)));
  });

  it("rejects a backward through a graph whose saved tensors a scope disposed", () => {
    const w = randn([2, 3]).requiresGrad_();
    const x = randn([4, 3]);
    const loss: Tensor = tidy(() => x.matmul(w.t()).exp().sum());
    expect(() => loss.backward()).toThrow(
      new ValueError(
        "backward: a tensor that ExpBackward saved for its gradient (shape [4, 2]) was disposed by tidy() or dispose(); call backward() inside the tidy() that ran the forward pass",
      ),
    );
  });
});
