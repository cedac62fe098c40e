import { TsgradError } from "@tsgrad/tensor";

/** Training stopped because the loss became NaN or infinite (usually a learning rate too high). */
export class TrainingDivergedError extends TsgradError {
  override name = "TrainingDivergedError";
  constructor(
    readonly epoch: number,
    readonly batch: number,
    readonly loss: number,
    readonly lr: number | undefined,
  ) {
    super(
      `train: the loss became ${loss} at epoch ${epoch}, batch ${batch}${lr === undefined ? "" : ` with learning rate ${lr}`}; the training diverged: lower the learning rate`,
    );
  }
}

/** A d2l-style check at the end of training failed (train loss too high, accuracy too low). */
export class TrainingCheckError extends TsgradError {
  override name = "TrainingCheckError";
}
