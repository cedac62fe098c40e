export { Adam } from "./adam.js";
export type {
  AdamHyperparameters,
  AdamOptions,
  AdamState,
} from "./adam-core.js";
export { AdamW } from "./adamw.js";
export { sgd } from "./functional-sgd.js";
export {
  type GroupHyperparameters,
  Optimizer,
  type OptimizerStateDict,
  type ParamGroup,
  type ParamGroupInput,
  type ParamStateDict,
  type ParamsInput,
  type StateValue,
} from "./optimizer.js";
export { CosineAnnealingLR, type CosineAnnealingLROptions } from "./schedulers/cosine-annealing-lr.js";
export { ExponentialLR, type ExponentialLROptions } from "./schedulers/exponential-lr.js";
export { LambdaLR, type LambdaLROptions, type LrLambda } from "./schedulers/lambda-lr.js";
export { LinearLR, type LinearLROptions } from "./schedulers/linear-lr.js";
export {
  LRScheduler,
  type LRSchedulerStateDict,
  type SchedulableOptimizer,
  type Scheduler,
} from "./schedulers/lr-scheduler.js";
export { MultiStepLR, type MultiStepLROptions } from "./schedulers/multi-step-lr.js";
export {
  SequentialLR,
  type SequentialLROptions,
  type SequentialLRStateDict,
} from "./schedulers/sequential-lr.js";
export { StepLR, type StepLROptions } from "./schedulers/step-lr.js";
export { SGD, type SGDHyperparameters, type SGDOptions, type SGDState } from "./sgd.js";
export {
  type FlatStateDict,
  flattenStateDict,
  STATE_DICT_METADATA_KEY,
  unflattenStateDict,
} from "./state-dict.js";
