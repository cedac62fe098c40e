import { checkInt, checkTensor, type Tensor } from "@tsgrad/tensor";
import { Module } from "../module.js";

/** Flattens dims startDim..endDim into one; by default keeps the batch dim: [B, 1, 28, 28] → [B, 784]. */
export class Flatten extends Module {
  readonly startDim: number;
  readonly endDim: number;
  constructor(startDim = 1, endDim = -1) {
    super();
    checkInt("Flatten", "startDim", startDim);
    checkInt("Flatten", "endDim", endDim);
    this.startDim = startDim;
    this.endDim = endDim;
  }
  forward(x: Tensor): Tensor {
    checkTensor("Flatten.forward", "input", x);
    return x.flatten(this.startDim, this.endDim);
  }
  override extraRepr(): string {
    return `startDim=${this.startDim}, endDim=${this.endDim}`;
  }
}
