// The class forms of the losses, like torch.nn's MSELoss, CrossEntropyLoss...: options are
// fixed at construction (and checked then), `forward(input, target)` (alias `call`) computes.
import { type Tensor, ValueError } from "@tsgrad/tensor";
import { type BCELossOptions, type BCEWithLogitsLossOptions, bceLoss, bceWithLogitsLoss } from "./bce.js";
import {
  type CrossEntropyOptions,
  crossEntropy,
  ignoreIndexOf,
  labelSmoothingOf,
  type NLLLossOptions,
  nllLoss,
} from "./cross-entropy.js";
import {
  checkLossOptions,
  checkReduction,
  optionalTensor,
  type Reduction,
  type ReductionOptions,
} from "./reduction.js";
import {
  type HuberLossOptions,
  huberDelta,
  huberLoss,
  l1Loss,
  mseLoss,
  type SmoothL1LossOptions,
  smoothL1Beta,
  smoothL1Loss,
} from "./regression.js";

/**
 * Base of the loss classes (PyTorch's `_Loss`): holds the reduction and checks the options
 * object against the class's `optionNames` (a subclass with more options lists them there).
 */
export abstract class Loss {
  /** The option names the class takes; any other key is an error with "did you mean". */
  protected static readonly optionNames: readonly string[] = ["reduction"];

  readonly reduction: Reduction;

  constructor(options: ReductionOptions = {}) {
    const cls = new.target as unknown as typeof Loss;
    // Abstract: plain JavaScript could otherwise build one whose forward is missing.
    if (cls === Loss)
      throw new ValueError("Loss: the base class has no forward; use MSELoss, CrossEntropyLoss...");
    checkLossOptions(cls.name, options, cls.optionNames);
    this.reduction = checkReduction(cls.name, options.reduction);
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
  protected static override readonly optionNames: readonly string[] = ["reduction", "delta"];
  readonly delta: number;
  constructor(options: HuberLossOptions = {}) {
    super(options);
    this.delta = huberDelta("HuberLoss", options.delta);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return huberLoss(input, target, { reduction: this.reduction, delta: this.delta });
  }
  protected override extraRepr(): string[] {
    return [...super.extraRepr(), ...(this.delta === 1 ? [] : [`delta=${this.delta}`])];
  }
}

export class SmoothL1Loss extends Loss {
  protected static override readonly optionNames: readonly string[] = ["reduction", "beta"];
  readonly beta: number;
  constructor(options: SmoothL1LossOptions = {}) {
    super(options);
    this.beta = smoothL1Beta("SmoothL1Loss", options.beta);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return smoothL1Loss(input, target, { reduction: this.reduction, beta: this.beta });
  }
  protected override extraRepr(): string[] {
    return [...super.extraRepr(), ...(this.beta === 1 ? [] : [`beta=${this.beta}`])];
  }
}

export class NLLLoss extends Loss {
  protected static override readonly optionNames: readonly string[] = ["reduction", "weight", "ignoreIndex"];
  readonly weight: Tensor | null;
  readonly ignoreIndex: number;
  constructor(options: NLLLossOptions = {}) {
    super(options);
    this.weight = optionalTensor("NLLLoss", "weight", options.weight);
    this.ignoreIndex = ignoreIndexOf("NLLLoss", options.ignoreIndex);
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
  protected static override readonly optionNames: readonly string[] = [
    "reduction",
    "weight",
    "ignoreIndex",
    "labelSmoothing",
  ];
  readonly weight: Tensor | null;
  readonly ignoreIndex: number;
  readonly labelSmoothing: number;
  constructor(options: CrossEntropyOptions = {}) {
    super(options);
    this.weight = optionalTensor("CrossEntropyLoss", "weight", options.weight);
    this.ignoreIndex = ignoreIndexOf("CrossEntropyLoss", options.ignoreIndex);
    this.labelSmoothing = labelSmoothingOf("CrossEntropyLoss", options.labelSmoothing);
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
  protected static override readonly optionNames: readonly string[] = ["reduction", "weight"];
  readonly weight: Tensor | null;
  constructor(options: BCELossOptions = {}) {
    super(options);
    this.weight = optionalTensor("BCELoss", "weight", options.weight);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return bceLoss(input, target, { reduction: this.reduction, weight: this.weight });
  }
}

export class BCEWithLogitsLoss extends Loss {
  protected static override readonly optionNames: readonly string[] = ["reduction", "weight", "posWeight"];
  readonly weight: Tensor | null;
  readonly posWeight: Tensor | null;
  constructor(options: BCEWithLogitsLossOptions = {}) {
    super(options);
    this.weight = optionalTensor("BCEWithLogitsLoss", "weight", options.weight);
    this.posWeight = optionalTensor("BCEWithLogitsLoss", "posWeight", options.posWeight);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return bceWithLogitsLoss(input, target, {
      reduction: this.reduction,
      weight: this.weight,
      posWeight: this.posWeight,
    });
  }
}
