// The Fashion-MNIST examples' own part of the kit (softmax regression, the MLP): a separate entry,
// so that the other examples do not load the trainer and the data package.
export {
  type Batch,
  checkDataDir,
  type DataSource,
  describeSource,
  type FashionMnistData,
  type LocatedData,
  loadFashionMnist,
  locateData,
} from "./data.js";
export {
  DATA_HELP,
  DATA_OPTIONS_HELP,
  type DataOptions,
  dataOptions,
  FASHION_MNIST_OPTIONS,
  runVariants,
  type StartOptions,
  startRun,
} from "./main.js";
export {
  divergenceOf,
  type Facts,
  runClassifierVariant,
  type Trained,
  type TrainingDivergence,
  type VariantOptions,
  type VariantSetup,
  type VariantSummary,
} from "./variant.js";
