// Data loading alone, in Node: what @tsgrad/data-fashion-mnist's scripts/speed.mjs measures
// (locate + gunzip + verify + parse the four files; one shuffled epoch of batches, fresh and with
// reuseBuffers), plus a TF.js user's batch building on the same order (JS gather into a
// Float32Array / 255, then tf.tensor2d / tf.tensor1d, disposed) on each tfjs backend.
import { performance } from "node:perf_hooks";
import * as tf from "@tensorflow/tfjs";
import { loadDataFashionMnist, loadFashionMnistSplit } from "@tsgrad/data-fashion-mnist";
import { Generator } from "@tsgrad/tensor";
import { epochOrders, gatherBatch, SOFTMAX } from "./inputs.js";
import type { DataResult, DataRow } from "./protocol.js";
import { startTfjs } from "./softmax-tfjs.js";

export async function runDataNode(peer: string, reps: number): Promise<DataResult> {
  const rows: DataRow[] = [];
  const load = () => loadDataFashionMnist(SOFTMAX.batchSize, { generator: new Generator(SOFTMAX.seed + 1) });
  let t = performance.now();
  await load();
  const firstLoad = performance.now() - t;
  const loads: number[] = [];
  for (let r = 0; r < reps; r++) {
    t = performance.now();
    await load();
    loads.push(performance.now() - t);
  }
  rows.push({ what: "tsgrad: locate + gunzip + verify + parse 4 files", ms: loads, firstMs: firstLoad });

  for (const reuseBuffers of [false, true]) {
    const { trainIter } = await loadDataFashionMnist(SOFTMAX.batchSize, {
      generator: new Generator(SOFTMAX.seed + 1),
      reuseBuffers,
    });
    const ms: number[] = [];
    let first = Number.NaN;
    let sink = 0;
    for (let r = 0; r <= reps; r++) {
      t = performance.now();
      for (const [X, y] of trainIter) sink += X.shape[0]! + y.shape[0]!;
      if (r === 0) first = performance.now() - t;
      else ms.push(performance.now() - t);
    }
    if (sink !== (reps + 1) * 2 * 60000) throw new Error(`unexpected batch sizes (${sink})`);
    rows.push({
      what: `tsgrad: DataLoader epoch, ${reuseBuffers ? "reuseBuffers: true" : "fresh batches"}`,
      ms,
      firstMs: first,
    });
  }

  const train = await loadFashionMnistSplit(true);
  const n = train.images.count;
  const orders = epochOrders(SOFTMAX.seed, n, reps + 1);
  for (const backend of ["cpu", "wasm"] as const) {
    await startTfjs(backend);
    const ms: number[] = [];
    let first = Number.NaN;
    for (let r = 0; r <= reps; r++) {
      t = performance.now();
      for (let start = 0; start < n; start += SOFTMAX.batchSize) {
        const m = Math.min(SOFTMAX.batchSize, n - start);
        const b = gatherBatch(train.images.pixels, train.labels.labels, orders[r]!, start, m);
        const xs = tf.tensor2d(b.x, [m, SOFTMAX.numInputs]);
        const ys = tf.tensor1d(b.y, "int32");
        tf.dispose([xs, ys]);
      }
      if (r === 0) first = performance.now() - t;
      else ms.push(performance.now() - t);
    }
    rows.push({ what: `tfjs-${backend}: JS gather / 255 + tf.tensor2d, epoch`, ms, firstMs: first });
  }
  return { task: "data", peer, detail: `node ${process.version}, tfjs ${tf.version_core}`, rows };
}
