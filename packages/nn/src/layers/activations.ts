import { checkInt, checkTensor, type Tensor } from "@tsgrad/tensor";
import { Module } from "../module.js";

export class Sigmoid extends Module {
  forward(x: Tensor): Tensor {
    checkTensor("Sigmoid.forward", "input", x);
    return x.sigmoid();
  }
}

export class ReLU extends Module {
  forward(x: Tensor): Tensor {
    checkTensor("ReLU.forward", "input", x);
    return x.relu();
  }
}

export class Tanh extends Module {
  forward(x: Tensor): Tensor {
    checkTensor("Tanh.forward", "input", x);
    return x.tanh();
  }
}

/** Returns its input; like PyTorch's, its constructor ignores any arguments. */
export class Identity extends Module {
  constructor(..._args: unknown[]) {
    super();
  }
  forward(x: Tensor): Tensor {
    checkTensor("Identity.forward", "input", x);
    return x;
  }
}

/** Softmax along `dim` (fused and stable). */
export class Softmax extends Module {
  readonly dim: number;
  constructor(dim: number) {
    super();
    checkInt("Softmax", "dim", dim);
    this.dim = dim;
  }
  forward(x: Tensor): Tensor {
    checkTensor("Softmax.forward", "input", x);
    return x.softmax(this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}

export class LogSoftmax extends Module {
  readonly dim: number;
  constructor(dim: number) {
    super();
    checkInt("LogSoftmax", "dim", dim);
    this.dim = dim;
  }
  forward(x: Tensor): Tensor {
    checkTensor("LogSoftmax.forward", "input", x);
    return x.logSoftmax(this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}
