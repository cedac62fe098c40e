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
 * Adam (Kingma & Ba), exactly as torch.optim.Adam in PyTorch 1.13: `weightDecay` is an L2
 * penalty added to the gradient. Defaults: lr 1e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0,
 * amsgrad false, maximize false. See `adamUpdate` for the formulas.
 */
export class Adam extends Optimizer<AdamHyperparameters, AdamState> {
  constructor(params: ParamsInput<AdamHyperparameters>, lrOrOptions: AdamOptions | number = {}) {
    // PyTorch's Adam(params, 1e-3): the learning rate as the second argument.
    const options = typeof lrOrOptions === "number" ? { lr: lrOrOptions } : lrOrOptions;
    checkOptionObject("Adam", "options", options, ADAM_OPTIONS);
    checkAdam("Adam", options);
    super("Adam", params, {
      lr: 1e-3,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 0,
      amsgrad: false,
      maximize: false,
      ...options,
    });
  }

  protected resolveGroup(g: AdamOptions): AdamHyperparameters {
    return resolveAdamGroup("Adam", g, 0);
  }

  protected updateGroup(group: ParamGroup<AdamHyperparameters>): void {
    adamUpdate(group, this.state, false);
  }

  protected loadState(entry: ParamStateDict, param: Tensor, where: string): AdamState {
    return loadAdamState("Adam", entry, param, where);
  }
}
