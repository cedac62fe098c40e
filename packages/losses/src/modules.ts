// The class forms of the losses, like torch.nn's MSELoss, CrossEntropyLoss...: options are
// fixed at construction (and checked then), `forward(input, target)` (alias `call`) computes.
import type { Tensor } from "@tsgrad/tensor";
import { type BCELossOptions, type BCEWithLogitsLossOptions, bceLoss, bceWithLogitsLoss } from "./bce.js";
import { type CrossEntropyOptions, crossEntropy, type NLLLossOptions, nllLoss } from "./cross-entropy.js";
import { checkReduction, type Reduction, type ReductionOptions } from "./reduction.js";
import {
  type HuberLossOptions,
  huberLoss,
  l1Loss,
  mseLoss,
  type SmoothL1LossOptions,
  smoothL1Loss,
} from "./regression.js";

/** Base of the loss classes (PyTorch's `_Loss`): holds the reduction. */
export abstract class Loss {
  readonly reduction: Reduction;

  constructor(options: ReductionOptions = {}) {
    this.reduction = checkReduction(this.constructor.name, options.reduction);
  }

  abstract forward(input: Tensor, target: Tensor): Tensor;

  /** PyTorch's `loss(input, target)`. */
  call(input: Tensor, target: Tensor): Tensor {
    return this.forward(input, target);
  }

  /** Options that differ from the defaults, for `toString`. */
  protected extraRepr(): string[] {
    return this.reduction === "mean" ? [] : [`reduction='${this.reduction}'`];
  }

  toString(): string {
    return `${this.constructor.name}(${this.extraRepr().join(", ")})`;
  }
}

export class MSELoss extends Loss {
  forward(input: Tensor, target: Tensor): Tensor {
    return mseLoss(input, target, { reduction: this.reduction });
  }
}

export class L1Loss extends Loss {
  forward(input: Tensor, target: Tensor): Tensor {
    return l1Loss(input, target, { reduction: this.reduction });
  }
}

export class HuberLoss extends Loss {
  readonly delta: number;
  constructor(options: HuberLossOptions = {}) {
    super(options);
    this.delta = options.delta ?? 1;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return huberLoss(input, target, { reduction: this.reduction, delta: this.delta });
  }
  protected override extraRepr(): string[] {
    return [...super.extraRepr(), ...(this.delta === 1 ? [] : [`delta=${this.delta}`])];
  }
}

export class SmoothL1Loss extends Loss {
  readonly beta: number;
  constructor(options: SmoothL1LossOptions = {}) {
    super(options);
    this.beta = options.beta ?? 1;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return smoothL1Loss(input, target, { reduction: this.reduction, beta: this.beta });
  }
  protected override extraRepr(): string[] {
    return [...super.extraRepr(), ...(this.beta === 1 ? [] : [`beta=${this.beta}`])];
  }
}

export class NLLLoss extends Loss {
  readonly weight: Tensor | null;
  readonly ignoreIndex: number;
  constructor(options: NLLLossOptions = {}) {
    super(options);
    this.weight = options.weight ?? null;
    this.ignoreIndex = options.ignoreIndex ?? -100;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return nllLoss(input, target, {
      reduction: this.reduction,
      weight: this.weight,
      ignoreIndex: this.ignoreIndex,
    });
  }
  protected override extraRepr(): string[] {
    return [...super.extraRepr(), ...(this.ignoreIndex === -100 ? [] : [`ignoreIndex=${this.ignoreIndex}`])];
  }
}

export class CrossEntropyLoss extends Loss {
  readonly weight: Tensor | null;
  readonly ignoreIndex: number;
  readonly labelSmoothing: number;
  constructor(options: CrossEntropyOptions = {}) {
    super(options);
    this.weight = options.weight ?? null;
    this.ignoreIndex = options.ignoreIndex ?? -100;
    this.labelSmoothing = options.labelSmoothing ?? 0;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return crossEntropy(input, target, {
      reduction: this.reduction,
      weight: this.weight,
      ignoreIndex: this.ignoreIndex,
      labelSmoothing: this.labelSmoothing,
    });
  }
  protected override extraRepr(): string[] {
    return [
      ...super.extraRepr(),
      ...(this.ignoreIndex === -100 ? [] : [`ignoreIndex=${this.ignoreIndex}`]),
      ...(this.labelSmoothing === 0 ? [] : [`labelSmoothing=${this.labelSmoothing}`]),
    ];
  }
}

export class BCELoss extends Loss {
  readonly weight: Tensor | null;
  constructor(options: BCELossOptions = {}) {
    super(options);
    this.weight = options.weight ?? null;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return bceLoss(input, target, { reduction: this.reduction, weight: this.weight });
  }
}

export class BCEWithLogitsLoss extends Loss {
  readonly weight: Tensor | null;
  readonly posWeight: Tensor | null;
  constructor(options: BCEWithLogitsLossOptions = {}) {
    super(options);
    this.weight = options.weight ?? null;
    this.posWeight = options.posWeight ?? null;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return bceWithLogitsLoss(input, target, {
      reduction: this.reduction,
      weight: this.weight,
      posWeight: this.posWeight,
    });
  }
}
