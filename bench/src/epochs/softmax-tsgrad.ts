// tsgrad's softmax regression, concise and scratch, exactly as examples/softmax-regression
// builds them (src/concise.ts, src/scratch.ts; the same code, repeated here because the example
// is an app, not a library), trained with @tsgrad/trainer's trainEpoch (d2l's train_epoch_ch3:
// per-batch loss sum and accuracy included) and evaluated with @tsgrad/metrics'
// evaluateAccuracy, on loadDataFashionMnist(256) shuffled by Generator(seed + 1).
import { performance } from "node:perf_hooks";
import { loadDataFashionMnist } from "@tsgrad/data-fashion-mnist";
import { CrossEntropyLoss } from "@tsgrad/losses";
import { evaluateAccuracy } from "@tsgrad/metrics";
import { Flatten, init, Linear, type Module, Sequential } from "@tsgrad/nn";
import { SGD, sgd } from "@tsgrad/optim";
import {
  arange,
  Generator,
  getBackend,
  manualSeed,
  normal,
  setBackend,
  type Tensor,
  wasmVariant,
  zeros,
} from "@tsgrad/tensor";
import { type Batches, trainEpoch, type Updater } from "@tsgrad/trainer";
import { LabelHash, SOFTMAX } from "./inputs.js";
import { type MemPoint, nodeMaxRssMB, nodeMem, type SoftmaxResult } from "./protocol.js";

export interface SoftmaxRunOptions {
  peer: string;
  variant: "concise" | "scratch";
  backend: "js" | "wasm";
  /** Require the relaxed-SIMD build of the wasm kernels (the process runs with its V8 flag). */
  relaxed: boolean;
  warmup: number;
  epochs: number;
  evalReps: number;
  /** Force a full gc before each memory point (the memory run), or sample as is (timed runs). */
  gcMemory: boolean;
  /** Threads the worker set (setNumThreads; 1 without it). */
  threads: number;
}

// ---- the example's models --------------------------------------------------------------------

function softmax(X: Tensor): Tensor {
  const XExp = X.exp();
  const partition = XExp.sum(1, true);
  return XExp.div(partition);
}

function crossEntropy(yHat: Tensor, y: Tensor): Tensor {
  return yHat
    .index([arange(yHat.shape[0]!), y])
    .log()
    .neg();
}

interface Model {
  net: { forward(x: Tensor): Tensor };
  loss: CrossEntropyLoss | ((yHat: Tensor, y: Tensor) => Tensor);
  updater: Updater;
}

function scratchModel(lr: number, seed: number): Model {
  manualSeed(seed);
  const W = normal(0, 0.01, [SOFTMAX.numInputs, SOFTMAX.numOutputs]).requiresGrad_();
  const b = zeros([SOFTMAX.numOutputs], { requiresGrad: true });
  return {
    net: { forward: (X) => softmax(X.reshape(-1, SOFTMAX.numInputs).matmul(W).add(b)) },
    loss: crossEntropy,
    updater: (batchSize: number) => sgd([W, b], lr, batchSize),
  };
}

function conciseModel(lr: number, seed: number): Model & { net: Sequential } {
  manualSeed(seed);
  const net = new Sequential(new Flatten(), new Linear(SOFTMAX.numInputs, SOFTMAX.numOutputs));
  net.apply((m: Module) => {
    if (m instanceof Linear) init.normal_(m.weight, 0, 0.01);
  });
  const loss = new CrossEntropyLoss({ reduction: "none" });
  return { net, loss, updater: new SGD(net.parameters(), { lr }) };
}

/** Passes batches through, hashing their labels. */
export function* tapLabels(batches: Batches, hash: LabelHash): IterableIterator<readonly [Tensor, Tensor]> {
  for (const b of batches) {
    hash.add(b[1].toTypedArray());
    yield b;
  }
}

export async function runSoftmaxTsgrad(o: SoftmaxRunOptions): Promise<SoftmaxResult> {
  setBackend(o.backend);
  if (getBackend() !== o.backend) throw new Error(`setBackend("${o.backend}") left ${getBackend()}`);
  const variant = o.backend === "wasm" ? wasmVariant() : null;
  if (o.relaxed && variant !== "relaxed-simd")
    throw new Error(`relaxed SIMD wanted, the kernels are ${variant}`);
  const t0 = performance.now();
  // As the example does: the loop consumes each batch before the next, so buffers are reused.
  const { trainIter, testIter } = await loadDataFashionMnist(SOFTMAX.batchSize, {
    generator: new Generator(SOFTMAX.seed + 1),
    reuseBuffers: true,
  });
  const loadMs = performance.now() - t0;
  const model =
    o.variant === "concise" ? conciseModel(SOFTMAX.lr, SOFTMAX.seed) : scratchModel(SOFTMAX.lr, SOFTMAX.seed);
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
    task: "softmax",
    peer: o.peer,
    threads: o.threads,
    detail: `tsgrad ${o.variant}, ${getBackend()} backend${variant === null ? "" : ` (${variant})`}, node ${process.version}`,
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
