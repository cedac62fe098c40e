export {
  type Backend,
  backendOption,
  integerOption,
  type LabCommand,
  nonNegativeOption,
  numberOption,
  type ParsedValues,
  parseArgv,
  positiveOption,
  probabilityOption,
  runCommand,
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
export { toJson } from "./json.js";
export { checkOutputDir } from "./output.js";
