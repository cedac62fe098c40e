import { argError, checkFinite, ValueError } from "@tsgrad/tensor";
import { currentLrs, LRScheduler, type SchedulableOptimizer, schedulerOptions } from "./lr-scheduler.js";

/**
 * Options of {@link CosineAnnealingLR}, `torch.optim.lr_scheduler.CosineAnnealingLR`'s arguments
 * (`T_max`, `eta_min`).
 */
export interface CosineAnnealingLROptions {
  /** Half-period of the cosine, in epochs. */
  tMax: number;
  /** Minimum learning rate (default 0). */
  etaMin?: number;
  /** The index of the last epoch, to resume a schedule (default -1: a fresh start). */
  lastEpoch?: number;
}

/**
 * Cosine annealing from each group's initial learning rate down to `etaMin` over `tMax` epochs,
 * then back up (torch's CosineAnnealingLR, in its recursive form, so that changes made to `lr`
 * from outside carry on):
 *
 *     η(t) = η(t−1) · (1 + cos(πt/T)) / (1 + cos(π(t−1)/T)) + ηmin · (1 − that ratio)
 *
 * which, when nothing else touches the learning rate, equals the closed form
 * ηmin + (η0 − ηmin)(1 + cos(πt/T))/2.
 */
export class CosineAnnealingLR extends LRScheduler {
  readonly tMax: number;
  readonly etaMin: number;

  constructor(optimizer: SchedulableOptimizer, options: CosineAnnealingLROptions) {
    const name = "CosineAnnealingLR";
    const o = schedulerOptions<CosineAnnealingLROptions>(name, optimizer, options, [
      "tMax",
      "etaMin",
      "lastEpoch",
    ]);
    const { tMax, etaMin = 0 } = o;
    if (typeof tMax !== "number") throw argError(name, "tMax", "a number", tMax);
    if (!(tMax > 0)) throw new ValueError(`CosineAnnealingLR: tMax must be positive, got ${tMax}`);
    checkFinite(name, "tMax", tMax);
    checkFinite(name, "etaMin", etaMin);
    super(name, optimizer, o.lastEpoch ?? -1);
    this.tMax = tMax;
    this.etaMin = etaMin;
    this.initialStep();
  }

  protected getLr(): number[] {
    const t = this.lastEpoch;
    const T = this.tMax;
    const etaMin = this.etaMin;
    if (t === 0) return currentLrs(this.optimizer);
    if (this.stepCount === 1 && t > 0) {
      return this.baseLrs.map((base) => etaMin + ((base - etaMin) * (1 + Math.cos((t * Math.PI) / T))) / 2);
    }
    if (pyMod(t - 1 - T, 2 * T) === 0) {
      const lrs = currentLrs(this.optimizer);
      return this.baseLrs.map((base, i) => lrs[i]! + ((base - etaMin) * (1 - Math.cos(Math.PI / T))) / 2);
    }
    const ratio = (1 + Math.cos((Math.PI * t) / T)) / (1 + Math.cos((Math.PI * (t - 1)) / T));
    return currentLrs(this.optimizer).map((lr) => ratio * (lr - etaMin) + etaMin);
  }

  protected override closedFormLr(): number[] {
    const t = this.lastEpoch;
    return this.baseLrs.map(
      (base) => this.etaMin + ((base - this.etaMin) * (1 + Math.cos((Math.PI * t) / this.tMax))) / 2,
    );
  }
}

/** Python's `%` (the result has the divisor's sign). */
function pyMod(a: number, b: number): number {
  return ((a % b) + b) % b;
}
