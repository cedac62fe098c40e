// The same training code in Node, for the epoch times printed beside Chromium's: the data from
// the Node loader's usual search, the model and loop from src/.
import { FashionMNIST } from "tsgrad";
import type { TrainConfig } from "../src/models/catalog.js";
import { useWasmBackend } from "../src/train/backend.js";
import { trainVariant } from "../src/train/run.js";

export interface NodeRun {
  /** Each epoch's seconds. */
  seconds: number[];
  /** The first epoch's test accuracy. */
  testAcc: number;
  backend: string;
}

export async function nodeEpochs(config: TrainConfig): Promise<NodeRun> {
  const backend = await useWasmBackend();
  const [train, test] = await Promise.all([
    FashionMNIST.load({ train: true }),
    FashionMNIST.load({ train: false }),
  ]);
  const { history } = await trainVariant(config, { train, test });
  return {
    seconds: history.map((r) => r.seconds),
    testAcc: history[0]!.testAcc,
    backend: `${backend.name} (${backend.variant})`,
  };
}
