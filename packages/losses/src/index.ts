export { type BCELossOptions, type BCEWithLogitsLossOptions, bceLoss, bceWithLogitsLoss } from "./bce.js";
export { type CrossEntropyOptions, crossEntropy, type NLLLossOptions, nllLoss } from "./cross-entropy.js";
export {
  BCELoss,
  BCEWithLogitsLoss,
  CrossEntropyLoss,
  HuberLoss,
  L1Loss,
  Loss,
  MSELoss,
  NLLLoss,
  SmoothL1Loss,
} from "./modules.js";
export type { Reduction, ReductionOptions } from "./reduction.js";
export {
  type HuberLossOptions,
  huberLoss,
  l1Loss,
  mseLoss,
  type SmoothL1LossOptions,
  smoothL1Loss,
  squaredLoss,
} from "./regression.js";
