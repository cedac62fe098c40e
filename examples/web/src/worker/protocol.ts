// The messages between the page and the training worker.
import type { EpochRecord, FashionMnistFileKey } from "tsgrad";
import type { TrainConfig } from "../models/catalog.js";
import type { BackendInfo } from "../train/backend.js";
import type { Predictions } from "../train/results.js";

/** Where the four files come from: served beside the page, or dropped onto it. */
export type DataSource =
  | { kind: "url"; base: string }
  | { kind: "files"; files: Record<FashionMnistFileKey, File> };

export type ToWorker = { type: "load"; source: DataSource } | { type: "train"; config: TrainConfig };

export interface Progress {
  epoch: number;
  epochs: number;
  /** Examples seen in this epoch, of `examplesPerEpoch`. */
  examples: number;
  examplesPerEpoch: number;
  examplesPerSecond: number;
  /** Mean loss of the latest batch. */
  loss: number;
}

export type FromWorker =
  | { type: "backend"; backend: BackendInfo }
  | { type: "data"; train: number; test: number; seconds: number }
  | { type: "data-error"; message: string }
  | { type: "progress"; progress: Progress }
  | { type: "epoch"; record: EpochRecord }
  /** Chunks of products each thread ran so far (threadPoolStats): [this worker, its workers...]. */
  | { type: "threads"; chunks: readonly number[] }
  | { type: "done"; predictions: Predictions; confusion: number[][] }
  | { type: "error"; message: string };
