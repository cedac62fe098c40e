import { keep, sgdStep, type Tensor, ValueError, zeros } from "@tsgrad/tensor";
import {
  booleanOption,
  checkHookArgs,
  checkLoadStateArgs,
  checkOptionObject,
  fusable,
  type GroupHyperparameters,
  loadBuffer,
  nonNegative,
  numberOption,
  Optimizer,
  type ParamGroup,
  type ParamGroupInput,
  type ParamStateDict,
  requiredLr,
} from "./optimizer.js";

/** SGD's hyper-parameters (torch.optim.SGD's, in camelCase). */
export interface SGDHyperparameters extends GroupHyperparameters {
  /** Momentum factor μ (default 0: plain SGD). */
  momentum: number;
  /** Dampening τ of the momentum (default 0). */
  dampening: number;
  /** L2 penalty λ added to the gradient (default 0). */
  weightDecay: number;
  /** Nesterov momentum (default false; needs momentum > 0 and zero dampening). */
  nesterov: boolean;
  /** Maximize the objective instead of minimizing it (default false). */
  maximize: boolean;
}

/**
 * The options of {@link SGD}'s constructor: any of its hyper-parameters; the others take
 * PyTorch's defaults.
 */
export type SGDOptions = Partial<SGDHyperparameters>;

/** Per-parameter state: the momentum buffer, created at the first step when momentum ≠ 0. */
export interface SGDState {
  momentumBuffer?: Tensor;
}

const SGD_OPTIONS = ["lr", "momentum", "dampening", "weightDecay", "nesterov", "maximize"] as const;

/**
 * Stochastic gradient descent, optionally with momentum, exactly as torch.optim.SGD:
 *
 *     g ← ∇θ (negated when maximize);  g ← g + λθ  (weightDecay)
 *     if μ ≠ 0:  b ← g at the first step (a copy, no dampening), else b ← μb + (1 − τ)g
 *                g ← g + μb (nesterov) or g ← b
 *     θ ← θ − lr·g
 *
 * Contiguous float parameters are updated by one fused op (tensor's `sgdStep`, no temporary
 * tensors); others by in-place tensor ops.
 *
 * The second argument is the options or, as PyTorch's second positional argument, the
 * learning rate; `lr` is required when `params` is a list of tensors (groups may carry their
 * own). Throws a `ValueError` for an invalid learning rate, momentum or option.
 *
 * @example
 * ```ts
 * const net = new Linear(2, 1);
 * const optimizer = new SGD(net.parameters(), { lr: 0.1, momentum: 0.9 });
 * optimizer.zeroGrad();
 * new MSELoss().call(net.call(X), y).backward();
 * optimizer.step();
 * ```
 */
export class SGD extends Optimizer<SGDHyperparameters, SGDState> {
  constructor(params: Iterable<Tensor>, options: (SGDOptions & { lr: number }) | number);
  constructor(params: Iterable<ParamGroupInput<SGDHyperparameters>>, options?: SGDOptions | number);
  constructor(
    params: Iterable<Tensor> | Iterable<ParamGroupInput<SGDHyperparameters>>,
    lrOrOptions: SGDOptions | number = {},
  ) {
    // PyTorch's SGD(params, 0.1): the learning rate as the second argument.
    const options = typeof lrOrOptions === "number" ? { lr: lrOrOptions } : lrOrOptions;
    checkOptionObject("SGD", "options", options, SGD_OPTIONS);
    const defaults: SGDOptions = {
      momentum: 0,
      dampening: 0,
      weightDecay: 0,
      nesterov: false,
      maximize: false,
      ...options,
    };
    checkSGD(defaults);
    super("SGD", params, defaults);
  }

  protected resolveGroup(g: Partial<SGDHyperparameters>): SGDHyperparameters {
    checkHookArgs("SGD", "resolveGroup", g, false, SGD_OPTIONS);
    const group: SGDHyperparameters = {
      lr: requiredLr("SGD", g.lr),
      momentum: numberOption("SGD", "momentum", g.momentum ?? 0),
      dampening: numberOption("SGD", "dampening", g.dampening ?? 0),
      weightDecay: numberOption("SGD", "weightDecay", g.weightDecay ?? 0),
      nesterov: booleanOption("SGD", "nesterov", g.nesterov ?? false),
      maximize: booleanOption("SGD", "maximize", g.maximize ?? false),
    };
    checkSGD(group);
    return group;
  }

  protected updateGroup(group: ParamGroup<SGDHyperparameters>): void {
    checkHookArgs("SGD", "updateGroup", group, true);
    const { lr, momentum, dampening, weightDecay, nesterov, maximize } = group;
    for (const p of group.params) {
      const grad = p.grad;
      if (grad === null) continue;
      let state = this.state.get(p);
      if (state === undefined) {
        state = {};
        this.state.set(p, state);
      }
      const buf = state.momentumBuffer;
      if (fusable(p, grad)) {
        // State outlives the step, also a step run inside tidy(): keep() it.
        if (momentum !== 0 && buf === undefined)
          state.momentumBuffer = keep(zeros(p.shape, { dtype: p.dtype }));
        sgdStep(p, grad, state.momentumBuffer ?? null, {
          lr,
          momentum,
          dampening,
          weightDecay,
          nesterov,
          maximize,
          firstStep: buf === undefined,
        });
      } else {
        let d = maximize ? grad.neg() : grad;
        if (weightDecay !== 0) d = d.add(p.mul(weightDecay));
        if (momentum !== 0) {
          let b = buf;
          if (b === undefined) {
            b = keep(zeros(p.shape, { dtype: p.dtype }).copy_(d));
            state.momentumBuffer = b;
          } else {
            b.mul_(momentum).add_(dampening === 0 ? d : d.mul(1 - dampening));
          }
          d = nesterov ? d.add(b.mul(momentum)) : b;
        }
        p.sub_(d.mul(lr));
      }
    }
  }

  protected loadState(entry: ParamStateDict, param: Tensor, where: string): SGDState {
    checkLoadStateArgs("SGD", entry, param, where);
    return entry.momentumBuffer === undefined
      ? {}
      : { momentumBuffer: loadBuffer(entry, "momentumBuffer", param, where) };
  }
}

/** Checks the hyper-parameters given (kinds first: "0.9" would pass a range test by coercion). */
function checkSGD(o: SGDOptions): void {
  for (const key of ["lr", "momentum", "dampening", "weightDecay"] as const) {
    if (o[key] !== undefined) numberOption("SGD", key, o[key]);
  }
  for (const key of ["nesterov", "maximize"] as const) {
    if (o[key] !== undefined) booleanOption("SGD", key, o[key]);
  }
  if (o.lr !== undefined && !nonNegative(o.lr)) throw new ValueError(`SGD: Invalid learning rate: ${o.lr}`);
  if (o.momentum !== undefined && !nonNegative(o.momentum)) {
    throw new ValueError(`SGD: Invalid momentum value: ${o.momentum}`);
  }
  if (o.weightDecay !== undefined && !nonNegative(o.weightDecay)) {
    throw new ValueError(`SGD: Invalid weight_decay value: ${o.weightDecay}`);
  }
  if (o.dampening !== undefined && !Number.isFinite(o.dampening)) {
    throw new ValueError(`SGD: Invalid dampening value: ${o.dampening}`);
  }
  const momentum = o.momentum ?? 0;
  const dampening = o.dampening ?? 0;
  if (o.nesterov === true && (momentum <= 0 || dampening !== 0)) {
    throw new ValueError("SGD: Nesterov momentum requires a momentum and zero dampening");
  }
}
