import { checkBoolean, checkTensor, keep, Tensor } from "@tsgrad/tensor";

/**
 * A tensor that a Module registers as learnable (torch.nn.Parameter): it shares the given
 * tensor's storage and requires grad by default. Modules find their parameters by looking
 * for Parameter-valued properties. Never disposed by `tidy`.
 */
export class Parameter extends Tensor {
  constructor(data: Tensor, requiresGrad = true) {
    checkTensor("Parameter", "data", data);
    checkBoolean("Parameter", "requiresGrad", requiresGrad);
    super(data.detach().nd, data.dtype);
    if (requiresGrad) this.requiresGrad_(true);
    // It belongs to its module, also when made inside tidy() (a frozen one too).
    keep(this);
  }
}
