import type { Tensor } from "@tsgrad/tensor";
import {
  ADAM_OPTIONS,
  type AdamHyperparameters,
  type AdamOptions,
  type AdamState,
  adamUpdate,
  checkAdam,
  loadAdamState,
  resolveAdamGroup,
} from "./adam-core.js";
import {
  checkOptionObject,
  Optimizer,
  type ParamGroup,
  type ParamStateDict,
  type ParamsInput,
} from "./optimizer.js";

/**
 * AdamW (Loshchilov & Hutter), exactly as torch.optim.AdamW in PyTorch 1.13: weight decay is
 * decoupled from the gradient, `θ ← θ(1 − lr·weightDecay)` before the Adam step. Defaults as
 * Adam's except weightDecay 1e-2.
 */
export class AdamW extends Optimizer<AdamHyperparameters, AdamState> {
  constructor(params: ParamsInput<AdamHyperparameters>, lrOrOptions: AdamOptions | number = {}) {
    // PyTorch's AdamW(params, 1e-3): the learning rate as the second argument.
    const options = typeof lrOrOptions === "number" ? { lr: lrOrOptions } : lrOrOptions;
    checkOptionObject("AdamW", "options", options, ADAM_OPTIONS);
    checkAdam("AdamW", options);
    super("AdamW", params, {
      lr: 1e-3,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 1e-2,
      amsgrad: false,
      maximize: false,
      ...options,
    });
  }

  protected resolveGroup(g: AdamOptions): AdamHyperparameters {
    return resolveAdamGroup("AdamW", g, 1e-2);
  }

  protected updateGroup(group: ParamGroup<AdamHyperparameters>): void {
    adamUpdate(group, this.state, true);
  }

  protected loadState(entry: ParamStateDict, param: Tensor, where: string): AdamState {
    return loadAdamState("AdamW", entry, param, where);
  }
}
