export {
  integerOption,
  type LabCommand,
  type ParsedValues,
  parseArgv,
  positiveOption,
  runLabMain,
  runMain,
  seedOption,
  TRAINING_OPTIONS,
  type TrainingOptions,
  trainingOptions,
  UsageError,
  type Variant,
  variantsOption,
} from "./cli.js";
export type { Divergence } from "./divergence.js";
export { checkOutputDir } from "./output.js";
