export { Animator, type AnimatorOptions, type AnimatorStream, type ReportExtras } from "./animator.js";
export {
  CheckpointError,
  type CheckpointInfo,
  loadCheckpoint,
  type StatefulNet,
  type StatefulOptimizer,
  saveCheckpoint,
} from "./checkpoint.js";
export {
  DEFAULT_DIVERGENCE_EXAMPLES,
  DEFAULT_DIVERGENCE_FACTOR,
  type Divergence,
  DivergenceCheck,
  type DivergenceOptions,
} from "./divergence.js";
export { TrainingCheckError, TrainingDivergedError } from "./errors.js";
export { type Prediction, type PredictOptions, predict } from "./predict.js";
export { type EpochRecord, epochLine, type TrainOptions, type TrainResult, train } from "./train.js";
export { type BatchInfo, type EpochStats, type TrainEpochOptions, trainEpoch } from "./train-epoch.js";
export {
  type Batches,
  callLoss,
  type LossLike,
  type Net,
  type OptimizerLike,
  type Updater,
} from "./types.js";
