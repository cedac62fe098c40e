// tsgrad's MLP (issue 19), 784-256-10, concise and scratch, the way examples/mlp builds them
// (src/concise.ts, src/scratch.ts) with one difference, as issue 19 specifies the workload: the
// concise model keeps Linear's default init (PyTorch's kaiming-uniform) instead of the
// example's N(0, 0.01). Trained with @tsgrad/trainer's trainEpoch on loadDataFashionMnist(256)
// shuffled by Generator(seed + 1), the same loop and data as the softmax run.
import { performance } from "node:perf_hooks";
import { loadDataFashionMnist } from "@tsgrad/data-fashion-mnist";
import { CrossEntropyLoss, crossEntropy } from "@tsgrad/losses";
import { evaluateAccuracy } from "@tsgrad/metrics";
import { Flatten, Linear, ReLU, Sequential } from "@tsgrad/nn";
import { SGD, sgd } from "@tsgrad/optim";
import {
  Generator,
  getBackend,
  manualSeed,
  normal,
  setBackend,
  type Tensor,
  wasmVariant,
  zeros,
  zerosLike,
} from "@tsgrad/tensor";
import { type Batches, type LossLike, type Net, trainEpoch, type Updater } from "@tsgrad/trainer";
import { LabelHash, MLP, type MlpVariant } from "./inputs.js";
import { type MemPoint, nodeMaxRssMB, nodeMem, type SoftmaxResult } from "./protocol.js";
import { tapLabels } from "./softmax-tsgrad.js";

export interface MlpRunOptions {
  peer: string;
  variant: MlpVariant;
  backend: "js" | "wasm";
  threads: number;
  warmup: number;
  epochs: number;
  evalReps: number;
  gcMemory: boolean;
}

/** d2l 4.2: relu(X) = max(X, 0); net(X) = relu(X @ W1 + b1) @ W2 + b2; functional sgd. */
function scratchModel(): { net: Net; loss: LossLike; updater: Updater } {
  manualSeed(MLP.seed);
  const W1 = normal(0, 0.01, [MLP.numInputs, MLP.numHiddens]).requiresGrad_();
  const b1 = zeros([MLP.numHiddens], { requiresGrad: true });
  const W2 = normal(0, 0.01, [MLP.numHiddens, MLP.numOutputs]).requiresGrad_();
  const b2 = zeros([MLP.numOutputs], { requiresGrad: true });
  const relu = (X: Tensor) => X.maximum(zerosLike(X));
  return {
    net: { forward: (X: Tensor) => relu(X.reshape(-1, MLP.numInputs).matmul(W1).add(b1)).matmul(W2).add(b2) },
    loss: (yHat: Tensor, y: Tensor) => crossEntropy(yHat, y, { reduction: "none" }),
    updater: (batchSize: number) => sgd([W1, b1, W2, b2], MLP.lr, batchSize),
  };
}

/** d2l 4.3: Sequential(Flatten, Linear(784, 256), ReLU, Linear(256, 10)), default init. */
function conciseModel(): { net: Net; loss: LossLike; updater: Updater } {
  manualSeed(MLP.seed);
  const hidden = new Linear(MLP.numInputs, MLP.numHiddens);
  const output = new Linear(MLP.numHiddens, MLP.numOutputs);
  const net = new Sequential(new Flatten(), hidden, new ReLU(), output);
  return {
    net,
    loss: new CrossEntropyLoss({ reduction: "none" }),
    updater: new SGD(net.parameters(), { lr: MLP.lr }),
  };
}

export async function runMlpTsgrad(o: MlpRunOptions): Promise<SoftmaxResult> {
  setBackend(o.backend);
  if (getBackend() !== o.backend) throw new Error(`setBackend("${o.backend}") left ${getBackend()}`);
  const variant = o.backend === "wasm" ? wasmVariant() : null;
  const t0 = performance.now();
  const { trainIter, testIter } = await loadDataFashionMnist(MLP.batchSize, {
    generator: new Generator(MLP.seed + 1),
    reuseBuffers: true,
  });
  const loadMs = performance.now() - t0;
  const model = o.variant === "concise" ? conciseModel() : scratchModel();
  const hash = new LabelHash();
  const warmupS: number[] = [];
  const epochS: number[] = [];
  const mem: MemPoint[] = [];
  let last = { loss: Number.NaN, acc: Number.NaN };
  const total = o.warmup + o.epochs;
  for (let e = 1; e <= total; e++) {
    const batches: Batches = e === 1 ? tapLabels(trainIter, hash) : trainIter;
    const t = performance.now();
    const stats = trainEpoch(model.net, batches, model.loss, model.updater, { epoch: e });
    const s = (performance.now() - t) / 1000;
    (e <= o.warmup ? warmupS : epochS).push(s);
    last = stats;
    mem.push(nodeMem(e, o.gcMemory));
  }
  const evalMs: number[] = [];
  let testAcc = Number.NaN;
  for (let r = 0; r < o.evalReps; r++) {
    const t = performance.now();
    testAcc = evaluateAccuracy(model.net, testIter);
    evalMs.push(performance.now() - t);
  }
  return {
    task: "mlp",
    peer: o.peer,
    threads: o.threads,
    detail: `tsgrad MLP ${o.variant}, ${getBackend()} backend${variant === null ? "" : ` (${variant})`}, node ${process.version}`,
    warmupS,
    epochS,
    trainLoss: last.loss,
    trainAcc: last.acc,
    testAcc,
    evalMs,
    loadMs,
    mem,
    maxRssMB: nodeMaxRssMB(),
    labelHash: hash.hex(),
  };
}
