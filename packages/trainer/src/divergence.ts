// When a run has diverged: the trainer's rule, shared with hand-written loops (the examples'
// scratch variants use it too). A batch loss that is NaN or infinite stops the run, and so does
// a loss that grew far above where it started: a linear model under softmax or logistic
// cross-entropy with a learning rate far too large never overflows, its loss just grows with
// the learning rate (1e30 at lr 1e30), so NaN alone would let such a run finish.
import { argError } from "@tsgrad/tensor";
import { checkDivergenceOptions } from "./args.js";

/** Options of {@link DivergenceCheck}, and `train`'s `divergence` option. */
export interface DivergenceOptions {
  /**
   * The run has diverged when the recent mean loss exceeds `factor` times the starting one
   * (default 10); `Infinity` turns this rule off (a NaN or infinite loss still stops the run).
   */
  factor?: number;
  /**
   * How many examples the starting and the recent mean losses each cover, in whole batches
   * (default 32: the last batch alone from batches of 32 up). Averaging over this many keeps
   * one unlucky small batch from looking like growth.
   */
  examples?: number;
}

/** Why a run diverged, from `DivergenceCheck.update`. */
export interface Divergence {
  /** "not finite": the batch's loss was NaN or ±Infinity; "grew": above `factor` × `start`. */
  reason: "not finite" | "grew";
  /** The batch's mean loss ("not finite"), or the recent mean loss that crossed the line ("grew"). */
  loss: number;
  /** The mean loss over the run's first `examples` examples (undefined before it is measured). */
  start: number | undefined;
  /** The `factor` in effect. */
  factor: number;
}

/**
 * The default `factor` of {@link DivergenceOptions}: a recent mean loss 10 times the starting one
 * is divergence.
 */
export const DEFAULT_DIVERGENCE_FACTOR = 10;
/**
 * The default `examples` of {@link DivergenceOptions}: the starting and recent mean losses each
 * cover 32 examples.
 */
export const DEFAULT_DIVERGENCE_EXAMPLES = 32;

/**
 * Watches a run's batch losses, in order, across epochs (keep one per run). `update` returns a
 * `Divergence` when
 *
 * - the batch's mean loss is NaN or ±Infinity, or
 * - the mean loss of the latest batches covering at least `examples` examples (32) is more
 *   than `factor` (10) times the mean loss of the run's first batches covering at least
 *   `examples` examples, the loss at the start.
 *
 * Healthy training brings the loss down from where it started; a loss ten times higher means
 * the steps overshoot (the learning rate is too large). The growth rule is off while the start
 * is being measured and when the starting loss is not above 0 (a ratio means nothing there).
 */
export class DivergenceCheck {
  readonly factor: number;
  readonly examples: number;
  private startSum = 0;
  private startCount = 0;
  private start_: number | undefined;
  /** The latest batches, as [mean loss, examples], covering at least `examples` examples. */
  private readonly recent: [number, number][] = [];
  private recentCount = 0;

  constructor(options: DivergenceOptions = {}) {
    checkDivergenceOptions("DivergenceCheck", "", options);
    this.factor = options.factor ?? DEFAULT_DIVERGENCE_FACTOR;
    this.examples = options.examples ?? DEFAULT_DIVERGENCE_EXAMPLES;
  }

  /** The mean loss over the run's first `examples` examples; undefined until they are seen. */
  get start(): number | undefined {
    return this.start_;
  }

  /** Adds one batch (its mean loss over `n` examples); returns why the run diverged, or null. */
  update(loss: number, n = 1): Divergence | null {
    // Per batch, but two typeof: a tensor or a string would otherwise pass as "not finite".
    if (typeof loss !== "number") throw argError("DivergenceCheck.update", "loss", "a number", loss);
    if (!Number.isSafeInteger(n) || n < 1)
      throw argError("DivergenceCheck.update", "n", "an integer >= 1", n);
    if (!Number.isFinite(loss))
      return { reason: "not finite", loss, start: this.start_, factor: this.factor };
    if (this.start_ === undefined) {
      this.startSum += loss * n;
      this.startCount += n;
      if (this.startCount >= this.examples) this.start_ = this.startSum / this.startCount;
    }
    this.recent.push([loss, n]);
    this.recentCount += n;
    while (this.recentCount - this.recent[0]![1] >= this.examples)
      this.recentCount -= this.recent.shift()![1];
    const start = this.start_;
    if (start === undefined || !(start > 0) || this.factor === Number.POSITIVE_INFINITY) return null;
    // Summed afresh each time: subtracting a 1e30 from a running sum would leave noise behind.
    let sum = 0;
    for (const [l, k] of this.recent) sum += l * k;
    const mean = sum / this.recentCount;
    return mean > this.factor * start ? { reason: "grew", loss: mean, start, factor: this.factor } : null;
  }
}
