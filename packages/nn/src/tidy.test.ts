// Modules made or run inside tidy(): parameters (frozen ones too) and buffers belong to their
// module and survive the scope; the forward pass's intermediates do not.
import { ones, type Tensor, tidy, zeros } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { Linear, Module, Parameter, Sequential } from "./index.js";

class Scaled extends Module {
  readonly scale: Parameter;
  constructor() {
    super();
    this.scale = new Parameter(ones([3]).mul(2), false);
    this.registerBuffer("calls", zeros([1]).add(0));
  }
  forward(x: Tensor): Tensor {
    return x.mul(this.scale);
  }
}

describe("modules and tidy", () => {
  it("keep the parameters and buffers of a module built inside tidy", () => {
    const net = tidy(() => new Sequential(new Linear(3, 3), new Scaled()));
    for (const p of net.parameters()) expect(p.isDisposed).toBe(false);
    const scaled = net.at(1) as Scaled;
    expect(scaled.scale.isDisposed).toBe(false);
    expect(scaled.scale.toArray()).toEqual([2, 2, 2]);
    const buffers = [...scaled.namedBuffers()];
    expect(buffers.map(([, b]) => b.isDisposed)).toEqual([false]);
    expect(net.forward(ones([2, 3])).shape).toEqual([2, 3]);
  });

  it("dispose a forward pass's intermediates but not its returned output", () => {
    const net = new Sequential(new Linear(3, 4), new Linear(4, 2));
    let hidden: Tensor | undefined;
    const y = tidy(() => {
      hidden = (net.at(0) as Linear).forward(ones([5, 3]));
      return (net.at(1) as Linear).forward(hidden);
    });
    expect(hidden?.isDisposed).toBe(true);
    expect(y.isDisposed).toBe(false);
    expect(y.shape).toEqual([5, 2]);
  });
});
