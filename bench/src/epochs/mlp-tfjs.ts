// TensorFlow.js (wasm backend, one thread) training issue 19's MLP the way a TF.js user writes
// it with the core API, like softmax-tfjs.ts: tf.variable W1 [784, 256], b1, W2 [256, 10], b2
// (tf.layers.dense's kernel layout) from the same numbers as tsgrad's concise model (its
// weights transposed); logits = relu(X W1 + b1) W2 + b2; tf.variableGrads of
// tf.losses.softmaxCrossEntropy on one-hot labels, tf.train.sgd(0.1).applyGradients, all in
// tf.tidy; the same batches (epochOrders, JS gather / 255) and per-batch loss sum and correct
// count. An epoch takes about 30 s on one thread, so the bench gives it 1 or 2 epochs.
import { performance } from "node:perf_hooks";
import * as tf from "@tensorflow/tfjs";
import { loadFashionMnistSplit } from "@tsgrad/data-fashion-mnist";
import { epochOrders, gatherBatch, LabelHash, MLP, mlpInitialParams } from "./inputs.js";
import { type MemPoint, nodeMaxRssMB, nodeMem, type SoftmaxResult } from "./protocol.js";
import { startTfjs, type TfjsRunOptions } from "./softmax-tfjs.js";

/** [out, in] (Linear's layout) to [in, out] (tf.layers.dense's). */
function transpose(w: Float32Array, out: number, inp: number): Float32Array {
  const t = new Float32Array(out * inp);
  for (let o = 0; o < out; o++) for (let i = 0; i < inp; i++) t[i * out + o] = w[o * inp + i]!;
  return t;
}

export async function runMlpTfjs(o: TfjsRunOptions): Promise<SoftmaxResult> {
  const detail = await startTfjs(o.backend);
  const t0 = performance.now();
  const train = await loadFashionMnistSplit(true);
  const test = await loadFashionMnistSplit(false);
  const loadMs = performance.now() - t0;
  const nTrain = train.images.count;
  const { numInputs: D, numHiddens: H, numOutputs: C, batchSize } = MLP;
  const total = o.warmup + o.epochs;
  const orders = epochOrders(MLP.seed, nTrain, total);

  const p = mlpInitialParams("concise", MLP.seed);
  const W1 = tf.variable(tf.tensor2d(transpose(p.w1, H, D), [D, H]));
  const b1 = tf.variable(tf.tensor1d(p.b1));
  const W2 = tf.variable(tf.tensor2d(transpose(p.w2, C, H), [H, C]));
  const b2 = tf.variable(tf.tensor1d(p.b2));
  const opt = tf.train.sgd(MLP.lr);
  const net = (xs: tf.Tensor2D) => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(xs, W1), b1)), W2), b2);

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
    for (let start = 0; start < nTrain; start += batchSize) {
      const n = Math.min(batchSize, nTrain - start);
      const batch = gatherBatch(train.images.pixels, train.labels.labels, order, start, n);
      if (e === 1) hash.add(batch.y);
      const xs = tf.tensor2d(batch.x, [n, D]);
      const ys = tf.tensor1d(batch.y, "int32");
      const [l, c] = tf.tidy(() => {
        const onehot = tf.oneHot(ys, C);
        const kept: { logits: tf.Tensor | null } = { logits: null };
        const { value, grads } = tf.variableGrads(() => {
          const logits = tf.keep(net(xs));
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
    for (let start = 0; start < nTest; start += batchSize) {
      const n = Math.min(batchSize, nTest - start);
      const batch = gatherBatch(test.images.pixels, test.labels.labels, null, start, n);
      const hits = tf.tidy(() => {
        const xs = tf.tensor2d(batch.x, [n, D]);
        const ys = tf.tensor1d(batch.y, "int32");
        return tf.sum(tf.cast(tf.equal(tf.argMax(net(xs), 1), ys), "int32"));
      });
      correct += hits.dataSync()[0]!;
      hits.dispose();
    }
    testAcc = correct / nTest;
    evalMs.push(performance.now() - t);
  }
  return {
    task: "mlp",
    peer: o.peer,
    threads: 1,
    detail: `${detail}, MLP concise core API, ${tf.memory().numTensors} tensors alive at the end`,
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
