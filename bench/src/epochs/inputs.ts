// What every peer of the epoch bench shares: the hyper-parameters of d2l's softmax regression,
// the initial weights, the shuffled order of every epoch, and the raw Fashion-MNIST bytes.
// tsgrad draws its order itself (its DataLoader with the same seeded Generator); TF.js gets the
// same permutations from `epochOrders`, PyTorch reads them from a file the orchestrator writes.
// Every worker hashes the labels of its first epoch in the order it saw them, so the report can
// say whether all peers really trained on the same batches.
import { init, Linear } from "@tsgrad/nn";
import { Generator, manualSeed, normal, randperm } from "@tsgrad/tensor";

export const SOFTMAX = {
  batchSize: 256,
  lr: 0.1,
  /** Seed of the initialization (manualSeed); the shuffling generator is seeded with seed + 1. */
  seed: 0,
  numInputs: 784,
  numOutputs: 10,
} as const;

/** Issue 19's MLP, 784-256-10 (d2l 4.2 / 4.3): batch 256, lr 0.1, SGD, the same data and orders. */
export const MLP = {
  batchSize: 256,
  lr: 0.1,
  seed: 0,
  numInputs: 784,
  numHiddens: 256,
  numOutputs: 10,
} as const;

export type MlpVariant = "concise" | "scratch";

/** The MLP's four parameters, flat, in the order w1, b1, w2, b2 (see mlpInitialParams). */
export interface MlpParams {
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
}

/**
 * The MLP's initial parameters, drawn exactly as the tsgrad workers draw them (so every peer
 * starts from the same numbers):
 * - concise: manualSeed(seed), Linear(784, 256), Linear(256, 10) with PyTorch's default init
 *   (kaiming-uniform weights, uniform biases); weights in Linear's layout [out, in];
 * - scratch (d2l 4.2): manualSeed(seed), W1 ~ N(0, 0.01) [784, 256], b1 = 0, W2 ~ N(0, 0.01)
 *   [256, 10], b2 = 0; weights [in, out].
 */
export function mlpInitialParams(variant: MlpVariant, seed: number): MlpParams {
  manualSeed(seed);
  const f = (t: { detach(): { toTypedArray(): ArrayLike<number> } }) =>
    Float32Array.from(t.detach().toTypedArray());
  if (variant === "concise") {
    const hidden = new Linear(MLP.numInputs, MLP.numHiddens);
    const output = new Linear(MLP.numHiddens, MLP.numOutputs);
    if (!hidden.bias || !output.bias) throw new Error("Linear has no bias");
    return { w1: f(hidden.weight), b1: f(hidden.bias), w2: f(output.weight), b2: f(output.bias) };
  }
  const w1 = normal(0, 0.01, [MLP.numInputs, MLP.numHiddens]);
  const w2 = normal(0, 0.01, [MLP.numHiddens, MLP.numOutputs]);
  return { w1: f(w1), b1: new Float32Array(MLP.numHiddens), w2: f(w2), b2: new Float32Array(MLP.numOutputs) };
}

/** The order of each of `epochs` passes, as tsgrad's DataLoader draws it (Generator(seed + 1)). */
export function epochOrders(seed: number, n: number, epochs: number): Int32Array[] {
  const generator = new Generator(seed + 1);
  const out: Int32Array[] = [];
  for (let e = 0; e < epochs; e++) {
    out.push(Int32Array.from(randperm(n, { generator }).toTypedArray()));
  }
  return out;
}

/**
 * The concise model's initial parameters, as the example makes them: manualSeed(seed),
 * Linear(784, 10) (PyTorch's default bias init), then weight ~ N(0, 0.01). Weight [10, 784].
 */
export function initialParams(seed: number): { weight: Float32Array; bias: Float32Array } {
  manualSeed(seed);
  const layer = new Linear(SOFTMAX.numInputs, SOFTMAX.numOutputs);
  init.normal_(layer.weight, 0, 0.01);
  if (layer.bias === null || layer.bias === undefined) throw new Error("Linear(784, 10) has no bias");
  return {
    weight: Float32Array.from(layer.weight.detach().toTypedArray()),
    bias: Float32Array.from(layer.bias.detach().toTypedArray()),
  };
}

/** FNV-1a over a sequence of labels: equal hashes, equal batches (with overwhelming odds). */
export class LabelHash {
  private h = 0x811c9dc5;
  add(labels: ArrayLike<number>): void {
    let h = this.h;
    for (let i = 0; i < labels.length; i++) {
      h ^= labels[i]! & 0xff;
      h = Math.imul(h, 0x01000193);
    }
    this.h = h;
  }
  hex(): string {
    return (this.h >>> 0).toString(16).padStart(8, "0");
  }
}

/**
 * A TF.js user's batch: the images' bytes gathered in the epoch's order and scaled to [0, 1]
 * into a fresh Float32Array (x / 255, like ToTensor), the labels into an Int32Array.
 */
export function gatherBatch(
  pixels: Uint8Array,
  labels: Uint8Array,
  order: Int32Array | null,
  start: number,
  n: number,
): { x: Float32Array; y: Int32Array } {
  const d = SOFTMAX.numInputs;
  const x = new Float32Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const src = order === null ? start + i : order[start + i]!;
    const off = src * d;
    const dst = i * d;
    for (let j = 0; j < d; j++) x[dst + j] = pixels[off + j]! / 255;
    y[i] = labels[src]!;
  }
  return { x, y };
}
