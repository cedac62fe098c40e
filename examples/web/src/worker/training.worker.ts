// The training worker: loads and verifies the data once, then trains on request, so the page
// stays responsive. A run cannot be interrupted from inside (an epoch is one synchronous loop):
// the page stops it by terminating the worker and starting a new one.
import { FASHION_MNIST_FILE_KEYS, FashionMNIST, type FashionMnistSource, threadPoolStats } from "tsgrad";
import type { TrainConfig } from "../models/catalog.js";
import { useWasmBackend } from "../train/backend.js";
import { firstPredictions, testConfusion } from "../train/results.js";
import { type Splits, trainVariant } from "../train/run.js";
import type { DataSource, FromWorker, ToWorker } from "./protocol.js";

/** How many test images the page shows with their labels (two rows). */
const SHOWN_IMAGES = 8;
/** Progress messages at most this often, in ms: one per batch would flood the page. */
const PROGRESS_EVERY_MS = 100;

const send = (message: FromWorker) => postMessage(message);
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

let splits: Splits | null = null;

async function toSource(source: DataSource): Promise<FashionMnistSource> {
  if (source.kind === "url") return source.base;
  const entries = FASHION_MNIST_FILE_KEYS.map(async (k) => [k, await source.files[k].arrayBuffer()] as const);
  return Object.fromEntries(await Promise.all(entries));
}

async function load(source: DataSource): Promise<void> {
  send({ type: "backend", backend: await useWasmBackend() });
  const start = performance.now();
  try {
    const from = await toSource(source);
    // Each file is decompressed and verified by the SHA-256 of its content.
    const [train, test] = await Promise.all([
      FashionMNIST.load({ train: true, source: from }),
      FashionMNIST.load({ train: false, source: from }),
    ]);
    splits = { train, test };
    const seconds = (performance.now() - start) / 1000;
    send({ type: "data", train: train.length, test: test.length, seconds });
  } catch (e) {
    send({ type: "data-error", message: messageOf(e) });
  }
}

async function run(config: TrainConfig, data: Splits): Promise<void> {
  let last = 0;
  const examplesPerEpoch = data.train.length;
  const { model, testIter } = await trainVariant(config, data, {
    onBatch: (b) => {
      const now = performance.now();
      if (now - last < PROGRESS_EVERY_MS && b.examplesSoFar < examplesPerEpoch) return;
      last = now;
      const examplesPerSecond = b.examplesSoFar / Math.max(b.secondsSoFar, 1e-9);
      const progress = { epoch: b.epoch, epochs: config.epochs, examples: b.examplesSoFar };
      send({
        type: "progress",
        progress: { ...progress, examplesPerEpoch, examplesPerSecond, loss: b.loss },
      });
    },
    onEpoch: (record) => {
      send({ type: "epoch", record });
      send({ type: "threads", chunks: threadPoolStats().chunks });
    },
  });
  const predictions = await firstPredictions(model.net, testIter, SHOWN_IMAGES);
  send({ type: "done", predictions, confusion: testConfusion(model.net, testIter) });
}

addEventListener("message", (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === "load") {
    void load(message.source);
  } else if (splits === null) {
    send({ type: "error", message: "the data is not loaded yet" });
  } else {
    run(message.config, splits).catch((e: unknown) => send({ type: "error", message: messageOf(e) }));
  }
});
