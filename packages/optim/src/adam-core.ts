// The update shared by Adam and AdamW (PyTorch 1.13's single-tensor implementations): they
// differ only in how weight decay enters (L2 penalty added to the gradient, or decoupled decay
// of the parameter) and in the default weightDecay.
import { fmtValue, keep, type Tensor, ValueError, zeros } from "@tsgrad/tensor";
import {
  booleanOption,
  checkHookArgs,
  checkLoadStateArgs,
  fusable,
  type GroupHyperparameters,
  loadBuffer,
  loadCount,
  nonNegative,
  numberOption,
  type ParamGroup,
  type ParamStateDict,
} from "./optimizer.js";

/** Adam's and AdamW's hyper-parameters (torch.optim.Adam's, in camelCase). */
export interface AdamHyperparameters extends GroupHyperparameters {
  /** Decay rates (β1, β2) of the first and second moment estimates (default [0.9, 0.999]). */
  betas: [number, number];
  /** Added to the denominator for stability (default 1e-8). */
  eps: number;
  /** Adam: L2 penalty added to the gradient (default 0); AdamW: decoupled decay (default 1e-2). */
  weightDecay: number;
  /** Use the maximum of past second moments (AMSGrad; default false). */
  amsgrad: boolean;
  /** Maximize the objective instead of minimizing it (default false). */
  maximize: boolean;
}

/**
 * The options of {@link Adam}'s and {@link AdamW}'s constructors: any of their hyper-parameters;
 * the others take PyTorch's defaults.
 */
export type AdamOptions = Partial<AdamHyperparameters>;

/** The option names Adam and AdamW take (unknown ones are errors, not silently ignored). */
export const ADAM_OPTIONS = ["lr", "betas", "eps", "weightDecay", "amsgrad", "maximize"] as const;

/** Per-parameter state: the step count and the moment estimates. */
export interface AdamState {
  step: number;
  expAvg: Tensor;
  expAvgSq: Tensor;
  /** With amsgrad: the running maximum of `expAvgSq`. */
  maxExpAvgSq?: Tensor;
}

/** Checks the options given to a constructor (only those given), kinds first, then ranges. */
export function checkAdam(name: string, o: AdamOptions): void {
  for (const key of ["lr", "eps", "weightDecay"] as const) {
    if (o[key] !== undefined) numberOption(name, key, o[key]);
  }
  for (const key of ["amsgrad", "maximize"] as const) {
    if (o[key] !== undefined) booleanOption(name, key, o[key]);
  }
  if (o.lr !== undefined && !nonNegative(o.lr))
    throw new ValueError(`${name}: Invalid learning rate: ${o.lr}`);
  if (o.eps !== undefined && !nonNegative(o.eps))
    throw new ValueError(`${name}: Invalid epsilon value: ${o.eps}`);
  if (o.betas !== undefined) {
    if (!Array.isArray(o.betas) || o.betas.length !== 2) {
      throw new ValueError(`${name}: betas must be a pair of numbers, got ${fmtValue(o.betas)}`);
    }
    o.betas.forEach((beta, i) => {
      numberOption(name, `betas[${i}]`, beta);
      if (!(beta >= 0 && beta < 1))
        throw new ValueError(`${name}: Invalid beta parameter at index ${i}: ${beta}`);
    });
  }
  if (o.weightDecay !== undefined && !nonNegative(o.weightDecay)) {
    throw new ValueError(`${name}: Invalid weight_decay value: ${o.weightDecay}`);
  }
}

/** A complete, checked group from the given hyper-parameters and defaults already merged in. */
export function resolveAdamGroup(
  name: string,
  g: AdamOptions,
  defaultWeightDecay: number,
): AdamHyperparameters {
  checkHookArgs(name, "resolveGroup", g, false, ADAM_OPTIONS);
  const betas = g.betas ?? [0.9, 0.999];
  if (!Array.isArray(betas) || betas.length !== 2) {
    throw new ValueError(`${name}: betas must be a pair of numbers, got ${fmtValue(betas)}`);
  }
  const group: AdamHyperparameters = {
    lr: numberOption(name, "lr", g.lr ?? 1e-3),
    betas: [numberOption(name, "betas[0]", betas[0]), numberOption(name, "betas[1]", betas[1])],
    eps: numberOption(name, "eps", g.eps ?? 1e-8),
    weightDecay: numberOption(name, "weightDecay", g.weightDecay ?? defaultWeightDecay),
    amsgrad: booleanOption(name, "amsgrad", g.amsgrad ?? false),
    maximize: booleanOption(name, "maximize", g.maximize ?? false),
  };
  checkAdam(name, group);
  return group;
}

/** Rebuilds a parameter's state from a state-dict entry. */
export function loadAdamState(name: string, entry: ParamStateDict, param: Tensor, where: string): AdamState {
  checkLoadStateArgs(name, entry, param, where);
  const state: AdamState = {
    step: loadCount(entry, "step", where),
    expAvg: loadBuffer(entry, "expAvg", param, where),
    expAvgSq: loadBuffer(entry, "expAvgSq", param, where),
  };
  if (entry.maxExpAvgSq !== undefined) state.maxExpAvgSq = loadBuffer(entry, "maxExpAvgSq", param, where);
  return state;
}

/**
 * One Adam/AdamW step over a group (under noGrad). Per parameter, as torch computes it:
 *
 *     t ← t + 1;  g ← ∇θ (negated when maximize)
 *     Adam: g ← g + λθ            AdamW: θ ← θ(1 − lr·λ)
 *     m ← β1·m + (1 − β1)g;  v ← β2·v + (1 − β2)g²;  (amsgrad: v̂ ← max(v̂, v), used for v)
 *     θ ← θ − (lr / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε)
 *
 * with the bias corrections computed in double precision from the step count.
 */
export function adamUpdate(
  group: ParamGroup<AdamHyperparameters>,
  states: Map<Tensor, AdamState>,
  decoupled: boolean,
): void {
  checkHookArgs(decoupled ? "AdamW" : "Adam", "updateGroup", group, true);
  const { lr, eps, weightDecay, amsgrad, maximize } = group;
  const [beta1, beta2] = group.betas;
  for (const p of group.params) {
    const grad = p.grad;
    if (grad === null) continue;
    let state = states.get(p);
    if (state === undefined) {
      // State outlives the step, also a step run inside tidy(): keep() it.
      state = {
        step: 0,
        expAvg: keep(zeros(p.shape, { dtype: p.dtype })),
        expAvgSq: keep(zeros(p.shape, { dtype: p.dtype })),
      };
      states.set(p, state);
    }
    if (amsgrad && state.maxExpAvgSq === undefined)
      state.maxExpAvgSq = keep(zeros(p.shape, { dtype: p.dtype }));
    state.step += 1;
    const step = state.step;
    const biasCorrection1 = 1 - beta1 ** step;
    const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** step);
    const stepSize = lr / biasCorrection1;
    const decay = decoupled ? 1 - lr * weightDecay : 1;
    const l2 = decoupled ? 0 : weightDecay;
    const { expAvg, expAvgSq } = state;
    const maxSq = amsgrad ? state.maxExpAvgSq : undefined;
    if (fusable(p, grad)) {
      const n = p.numel();
      const P = p.storage;
      const po = p.offset;
      const G = grad.storage;
      const go = grad.offset;
      const M = expAvg.storage;
      const mo = expAvg.offset;
      const V = expAvgSq.storage;
      const vo = expAvgSq.offset;
      const X = maxSq?.storage;
      const xo = maxSq?.offset ?? 0;
      const sign = maximize ? -1 : 1;
      for (let i = 0; i < n; i++) {
        if (decay !== 1) P[po + i] = P[po + i]! * decay;
        const w = P[po + i]!;
        const g = l2 === 0 ? sign * G[go + i]! : sign * G[go + i]! + l2 * w;
        M[mo + i] = beta1 * M[mo + i]! + (1 - beta1) * g;
        V[vo + i] = beta2 * V[vo + i]! + (1 - beta2) * g * g;
        let v = V[vo + i]!;
        if (X !== undefined) {
          X[xo + i] = Math.max(X[xo + i]!, v);
          v = X[xo + i]!;
        }
        P[po + i] = w - (stepSize * M[mo + i]!) / (Math.sqrt(v) / biasCorrection2Sqrt + eps);
      }
      p.version++;
      expAvg.version++;
      expAvgSq.version++;
      if (maxSq !== undefined) maxSq.version++;
    } else {
      let g = maximize ? grad.neg() : grad;
      if (decay !== 1) p.mul_(decay);
      if (l2 !== 0) g = g.add(p.mul(l2));
      expAvg.mul_(beta1).add_(g.mul(1 - beta1));
      expAvgSq.mul_(beta2).add_(g.mul(g).mul(1 - beta2));
      let v = expAvgSq;
      if (maxSq !== undefined) {
        maxSq.copy_(maxSq.maximum(expAvgSq));
        v = maxSq;
      }
      const denom = v.sqrt().div(biasCorrection2Sqrt).add(eps);
      p.sub_(expAvg.div(denom).mul(stepSize));
    }
  }
}
