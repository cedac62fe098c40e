export { Accumulator } from "./accumulator.js";
export { accuracy } from "./accuracy.js";
export {
  type Average,
  type Averaged,
  type ClassificationOptions,
  f1,
  precision,
  recall,
  type Scored,
} from "./classification.js";
export { confusionMatrix } from "./confusion-matrix.js";
export {
  type Batch,
  type EvaluableModule,
  type EvaluableNet,
  evaluateAccuracy,
} from "./evaluate-accuracy.js";
export { Timer, type TimerOptions } from "./timer.js";
