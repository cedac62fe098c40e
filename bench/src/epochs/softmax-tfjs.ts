// TensorFlow.js (tfjs-core 4.22, cpu or wasm backend, one thread, production mode) running
// d2l's softmax-regression loop the way a TF.js user writes it with the core API:
// It imports @tensorflow/tfjs (see below), as TF.js users do.
//   - parameters: tf.variable W [784, 10] (tf.layers.dense's kernel layout, TF.js's natural
//     one: logits = X.matMul(W) with no transpose flag) and b [10], starting from the same
//     numbers as tsgrad's concise model (its weight transposed);
//   - batches: the same shuffled order as tsgrad's DataLoader (epochOrders); each batch is a
//     plain JS gather of the uint8 pixels into a fresh Float32Array / 255 and an Int32Array of
//     labels, then tf.tensor2d / tf.tensor1d (what tf.data would do, without its overhead);
//   - step: tf.variableGrads of tf.losses.softmaxCrossEntropy (mean over the batch) on one-hot
//     labels, then tf.train.sgd(0.1).applyGradients, everything inside tf.tidy;
//   - per batch, like train_epoch_ch3: the loss sum and the number of correct predictions,
//     read back with dataSync.
import { performance } from "node:perf_hooks";
// A TF.js user imports the union package: in Node its bundle is the only one that registers
// the gradient functions (tfjs-core's own Node bundle has none, and its ES modules do not load
// under plain Node). It shares the single installed tfjs-core with the kernel bench.
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { loadFashionMnistSplit } from "@tsgrad/data-fashion-mnist";
import { wasmDir } from "../peers/tfjs.js";
import { epochOrders, gatherBatch, initialParams, LabelHash, SOFTMAX } from "./inputs.js";
import { type MemPoint, nodeMaxRssMB, nodeMem, type SoftmaxResult } from "./protocol.js";

export interface TfjsRunOptions {
  peer: string;
  backend: "cpu" | "wasm";
  warmup: number;
  epochs: number;
  evalReps: number;
  /** Force a full gc before each memory point (the memory run), or sample as is (timed runs). */
  gcMemory: boolean;
}

/** Starts one tfjs backend (and only that one: the wasm module is not loaded for cpu runs). */
export async function startTfjs(backend: "cpu" | "wasm"): Promise<string> {
  tf.enableProdMode();
  if (backend === "wasm") {
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    setWasmPaths(wasmDir());
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend("${backend}") failed`);
  const simd = backend === "wasm" ? (await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT")) === true : null;
  return `tfjs ${tf.version_core} ${backend}${simd === null ? "" : simd ? " (SIMD, 1 thread)" : " (no SIMD)"}`;
}

export async function runSoftmaxTfjs(o: TfjsRunOptions): Promise<SoftmaxResult> {
  const detail = await startTfjs(o.backend);
  const t0 = performance.now();
  const train = await loadFashionMnistSplit(true);
  const test = await loadFashionMnistSplit(false);
  const loadMs = performance.now() - t0;
  const nTrain = train.images.count;
  const D = SOFTMAX.numInputs;
  const C = SOFTMAX.numOutputs;
  const total = o.warmup + o.epochs;
  const orders = epochOrders(SOFTMAX.seed, nTrain, total);

  const p = initialParams(SOFTMAX.seed);
  const wT = new Float32Array(D * C); // [784, 10] = weight [10, 784] transposed
  for (let c = 0; c < C; c++) for (let d = 0; d < D; d++) wT[d * C + c] = p.weight[c * D + d]!;
  const W = tf.variable(tf.tensor2d(wT, [D, C]));
  const b = tf.variable(tf.tensor1d(p.bias));
  const opt = tf.train.sgd(SOFTMAX.lr);

  const hash = new LabelHash();
  const warmupS: number[] = [];
  const epochS: number[] = [];
  const mem: MemPoint[] = [];
  let lastLoss = Number.NaN;
  let lastAcc = Number.NaN;
  for (let e = 1; e <= total; e++) {
    const order = orders[e - 1]!;
    const t = performance.now();
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < nTrain; start += SOFTMAX.batchSize) {
      const n = Math.min(SOFTMAX.batchSize, nTrain - start);
      const batch = gatherBatch(train.images.pixels, train.labels.labels, order, start, n);
      if (e === 1) hash.add(batch.y);
      const xs = tf.tensor2d(batch.x, [n, D]);
      const ys = tf.tensor1d(batch.y, "int32");
      const [l, c] = tf.tidy(() => {
        const onehot = tf.oneHot(ys, C);
        const kept: { logits: tf.Tensor | null } = { logits: null };
        const { value, grads } = tf.variableGrads(() => {
          const logits = tf.keep(tf.add(tf.matMul(xs, W), b));
          kept.logits = logits;
          return tf.losses.softmaxCrossEntropy(onehot, logits);
        });
        opt.applyGradients(grads);
        const logits = kept.logits!;
        const hits = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), ys), "int32"));
        logits.dispose();
        return [value, hits];
      });
      lossSum += l.dataSync()[0]! * n;
      correct += c.dataSync()[0]!;
      tf.dispose([xs, ys, l, c]);
    }
    const s = (performance.now() - t) / 1000;
    (e <= o.warmup ? warmupS : epochS).push(s);
    lastLoss = lossSum / nTrain;
    lastAcc = correct / nTrain;
    mem.push(nodeMem(e, o.gcMemory));
  }

  const evalMs: number[] = [];
  let testAcc = Number.NaN;
  const nTest = test.images.count;
  for (let r = 0; r < o.evalReps; r++) {
    const t = performance.now();
    let correct = 0;
    for (let start = 0; start < nTest; start += SOFTMAX.batchSize) {
      const n = Math.min(SOFTMAX.batchSize, nTest - start);
      const batch = gatherBatch(test.images.pixels, test.labels.labels, null, start, n);
      const hits = tf.tidy(() => {
        const xs = tf.tensor2d(batch.x, [n, D]);
        const ys = tf.tensor1d(batch.y, "int32");
        return tf.sum(tf.cast(tf.equal(tf.argMax(tf.add(tf.matMul(xs, W), b), 1), ys), "int32"));
      });
      correct += hits.dataSync()[0]!;
      hits.dispose();
    }
    testAcc = correct / nTest;
    evalMs.push(performance.now() - t);
  }
  return {
    task: "softmax",
    peer: o.peer,
    threads: 1,
    detail: `${detail}, ${tf.memory().numTensors} tensors alive at the end`,
    warmupS,
    epochS,
    trainLoss: lastLoss,
    trainAcc: lastAcc,
    testAcc,
    evalMs,
    loadMs,
    mem,
    maxRssMB: nodeMaxRssMB(),
    labelHash: hash.hex(),
  };
}
