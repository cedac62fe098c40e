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
 * amsgrad false, maximize false. The second argument is the options or, as PyTorch's second
 * positional argument, the learning rate. Throws a `ValueError` for an invalid option.
 *
 * @example
 * ```ts
 * const net = new Sequential(new Linear(2, 16), new ReLU(), new Linear(16, 1));
 * const optimizer = new Adam(net.parameters(), { lr: 1e-3 });
 * optimizer.zeroGrad();
 * new MSELoss().call(net.call(X), y).backward();
 * optimizer.step();
 * ```
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
