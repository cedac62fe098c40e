export { indexArray } from "./args.js";
export { type ArrayCtor, BatchBuffers } from "./buffers.js";
export { type Collated, defaultCollate } from "./collate.js";
export { DataLoader, type DataLoaderOptions } from "./dataloader.js";
export {
  type AsyncIterableDataset,
  type Dataset,
  type DatasetLike,
  type IterableDataset,
  Subset,
  TensorDataset,
} from "./dataset.js";
export { DataError } from "./errors.js";
export { type RandomSplitOptions, randomSplit } from "./split.js";
export {
  dataIter,
  loadArray,
  type SyntheticLogistic,
  type SyntheticLogisticOptions,
  type SyntheticOptions,
  syntheticData,
  syntheticLogistic,
} from "./synthetic.js";
