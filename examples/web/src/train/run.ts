// One training run of a variant: the book's train_ch3 (the trainer's `train`) over DataLoaders
// of the two splits. The worker runs it in the browser, the test runs it in Node to compare.
import {
  type BatchInfo,
  DataLoader,
  type EpochRecord,
  type FashionMNIST,
  Generator,
  manualSeed,
  train,
} from "tsgrad";
import { BUILDERS } from "../models/builders.js";
import type { TrainConfig } from "../models/catalog.js";

export interface Splits {
  train: FashionMNIST;
  test: FashionMNIST;
}

export interface RunHooks {
  onBatch?: (info: BatchInfo) => void;
  onEpoch?: (record: EpochRecord) => void;
}

export async function trainVariant(config: TrainConfig, splits: Splits, hooks: RunHooks = {}) {
  manualSeed(config.seed);
  const model = BUILDERS[config.variant](config.lr);
  // The shuffling generator is separate from the initialization's, so both are reproducible.
  const generator = new Generator(config.seed + 1);
  // The loop consumes each batch before asking for the next one, so the loaders may write every
  // batch into the same arrays: no 800 KB allocation (and its garbage) per batch.
  const trainIter = new DataLoader(splits.train, {
    batchSize: config.batchSize,
    shuffle: true,
    generator,
    reuseBuffers: true,
  });
  const testIter = new DataLoader(splits.test, { batchSize: config.batchSize, reuseBuffers: true });
  const { history } = await train(model.net, trainIter, testIter, model.loss, config.epochs, model.updater, {
    animator: false,
    quiet: true,
    // Named in the message if the run diverges (the scratch updaters are plain functions).
    lr: config.lr,
    ...hooks,
  });
  return { model, history, testIter };
}
