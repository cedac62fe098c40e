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

  /** How the elementwise losses are reduced: 'none', 'mean' (the default) or 'sum'. */
  readonly reduction: Reduction;

  constructor(options: ReductionOptions = {}) {
    const cls = new.target as unknown as typeof Loss;
    // Abstract: plain JavaScript could otherwise build one whose forward is missing.
    if (cls === Loss)
      throw new ValueError("Loss: the base class has no forward; use MSELoss, CrossEntropyLoss...");
    checkLossOptions(cls.name, options, cls.optionNames);
    this.reduction = checkReduction(cls.name, options.reduction);
  }

  /**
   * Computes the loss of `input` (predictions) against `target` with the options fixed at
   * construction; see the class's function form for the shapes it takes and what it throws.
   */
  abstract forward(input: Tensor, target: Tensor): Tensor;

  /** PyTorch's `loss(input, target)`. */
  call(input: Tensor, target: Tensor): Tensor {
    return this.forward(input, target);
  }

  /** Options that differ from the defaults, for `toString`. */
  protected extraRepr(): string[] {
    return this.reduction === "mean" ? [] : [`reduction='${this.reduction}'`];
  }

  /**
   * The class name and the options that differ from the defaults, like PyTorch's repr:
   * `CrossEntropyLoss(reduction='none')`.
   */
  toString(): string {
    return `${this.constructor.name}(${this.extraRepr().join(", ")})`;
  }
}

/**
 * Mean squared error (x − y)², `torch.nn.MSELoss`; the class form of {@link mseLoss}. Input and
 * target: floating point, same shape.
 *
 * @example
 * ```ts
 * const loss = new MSELoss();
 * const input = randn([3, 5], { requiresGrad: true });
 * const target = randn([3, 5]);
 * const output = loss.call(input, target); // a scalar: the mean over the 15 elements
 * output.backward();
 * ```
 */
export class MSELoss extends Loss {
  forward(input: Tensor, target: Tensor): Tensor {
    return mseLoss(input, target, { reduction: this.reduction });
  }
}

/** Mean absolute error |x − y|, `torch.nn.L1Loss`; the class form of {@link l1Loss}. */
export class L1Loss extends Loss {
  forward(input: Tensor, target: Tensor): Tensor {
    return l1Loss(input, target, { reduction: this.reduction });
  }
}

/** Huber loss, `torch.nn.HuberLoss`; the class form of {@link huberLoss}, with `delta` (default 1). */
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

/**
 * Smooth L1 loss, `torch.nn.SmoothL1Loss`; the class form of {@link smoothL1Loss}, with `beta` (default 1).
 */
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

/**
 * Negative log-likelihood on log-probabilities, `torch.nn.NLLLoss`; the class form of
 * {@link nllLoss}, with `weight` and `ignoreIndex` (default −100).
 */
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

/**
 * Cross-entropy between logits and class indices or class probabilities,
 * `torch.nn.CrossEntropyLoss`; the class form of {@link crossEntropy}, with `weight`,
 * `ignoreIndex` (default −100) and `labelSmoothing` (default 0). Input [N, C] (or [C], or
 * [N, C, d1, ...]); target int32 class indices [N] or probabilities of the input's shape.
 *
 * @example
 * ```ts
 * const loss = new CrossEntropyLoss();
 * const input = randn([3, 5], { requiresGrad: true });
 * const target = tensor([1, 0, 4]);
 * const output = loss.call(input, target);
 * output.backward();
 * ```
 */
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

/**
 * Binary cross-entropy on probabilities in [0, 1], `torch.nn.BCELoss`; the class form of
 * {@link bceLoss}, with `weight`.
 */
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

/**
 * Binary cross-entropy on logits (a sigmoid and BCE in one stable op),
 * `torch.nn.BCEWithLogitsLoss`; the class form of {@link bceWithLogitsLoss}, with `weight` and
 * `posWeight`.
 */
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
