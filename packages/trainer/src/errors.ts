import { argError, checkInt, checkNumber, TsgradError } from "@tsgrad/tensor";

/** A loss for a message: 4 significant digits, exponent notation when very large or small. */
export function formatLoss(x: number): string {
  if (!Number.isFinite(x) || x === 0) return String(x);
  const a = Math.abs(x);
  return a >= 1e5 || a < 1e-3 ? x.toExponential(3) : String(Number(x.toPrecision(4)));
}

/** A tenth of `lr`, as a learning rate to suggest: 0.5 for 5, 1e+37 for 1e+38. */
export function smallerLearningRate(lr: number): number {
  return Number((lr / 10).toPrecision(3));
}

/**
 * Training stopped because it diverged (see `DivergenceCheck`): the loss of a batch became NaN
 * or infinite, or the recent loss grew to more than `factor` times its value at the start
 * (`start`). The message names the epoch, the batch and the learning rate (when the updater
 * has one, or `train`'s `lr` option gives it) and suggests a smaller one. Usually the learning
 * rate is too large: each step overshoots the minimum by more than it corrects.
 */
export class TrainingDivergedError extends TsgradError {
  override name = "TrainingDivergedError";
  /** The loss's value at the start when it grew too far; undefined when it was not finite. */
  readonly start: number | undefined;
  /** How many times the starting loss counts as too far (undefined when it was not finite). */
  readonly factor: number | undefined;
  constructor(
    readonly epoch: number,
    readonly batch: number,
    /** The batch's mean loss (NaN or ±Infinity), or the recent mean loss that grew too far. */
    readonly loss: number,
    readonly lr: number | undefined,
    growth?: { start: number; factor: number },
  ) {
    // The loop builds these; a plain-JS caller building one (a custom loop) gets its arguments named.
    const fn = "TrainingDivergedError";
    checkInt(fn, "epoch", epoch, 0);
    checkInt(fn, "batch", batch, 0);
    checkNumber(fn, "loss", loss);
    if (lr !== undefined) checkNumber(fn, "lr", lr);
    const g = growth as { start?: unknown; factor?: unknown } | null | undefined;
    if (
      g !== undefined &&
      (typeof g !== "object" || g === null || typeof g.start !== "number" || typeof g.factor !== "number")
    ) {
      throw argError(fn, "growth", "{ start, factor } numbers, or undefined", growth);
    }
    const withLr = lr === undefined ? "" : ` with learning rate ${lr}`;
    const what =
      growth === undefined
        ? `the loss became ${loss} at epoch ${epoch}, batch ${batch}${withLr}`
        : `the loss grew to ${formatLoss(loss)} at epoch ${epoch}, batch ${batch}${withLr}, more than ${growth.factor} times its ${formatLoss(growth.start)} at the start`;
    const advice =
      lr === undefined || !(lr > 0)
        ? "try a smaller learning rate"
        : `try a smaller learning rate, such as ${smallerLearningRate(lr)}`;
    super(`train: ${what}; the training diverged: ${advice}`);
    this.start = growth?.start;
    this.factor = growth?.factor;
  }
}

/** A d2l-style check at the end of training failed (train loss too high, accuracy too low). */
export class TrainingCheckError extends TsgradError {
  override name = "TrainingCheckError";
}
