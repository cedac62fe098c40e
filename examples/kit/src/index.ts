export {
  integerOption,
  type ParsedValues,
  parseArgv,
  positiveOption,
  runMain,
  TRAINING_OPTIONS,
  type TrainingOptions,
  trainingOptions,
  UsageError,
  type Variant,
  variantsOption,
} from "./cli.js";
