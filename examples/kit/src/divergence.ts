/**
 * Where training stopped because it diverged, by the trainer's rule (`DivergenceCheck`): a
 * minibatch loss that is NaN or infinite, or a loss grown above 10 times its value at the start.
 * Shared by the examples' results and their --json summaries.
 */
export interface Divergence {
  epoch: number;
  /** 1-based minibatch within the epoch (linear regression: 0 when the full-data loss blew up). */
  batch: number;
  /** "not finite": NaN or ±Infinity; "grew": the recent mean loss, above 10 × start. */
  reason: "not finite" | "grew";
  loss: number;
  /** The mean loss of the first minibatches, 32 examples or more (null before they were seen). */
  start: number | null;
}
