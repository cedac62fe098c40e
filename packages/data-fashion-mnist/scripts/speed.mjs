#!/usr/bin/env node
// Measures the two speed targets of @tsgrad/data-fashion-mnist on the real data (built dist:
// run `pnpm build` first). Not a test: it prints numbers, it asserts nothing.
//   1. locate + gunzip + verify (SHA-256) + parse all four files (target ≤ 0.5 s);
//   2. one epoch of batch iteration, 60000 images, batch 256, shuffled (target ≤ 50 ms),
//      with fresh batch tensors (the default) and with `reuseBuffers: true`.
// Usage: node scripts/speed.mjs [--runs N]
import { Generator } from "@tsgrad/tensor";
import { FashionMNIST, loadDataFashionMnist } from "../dist/index.js";

const runsArg = process.argv.indexOf("--runs");
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;

// The first load in a fresh process includes module loading (zlib, crypto): report it apart.
let t = performance.now();
await loadDataFashionMnist(256, { generator: new Generator(0) });
const first = performance.now() - t;
const loads = [];
let loaders;
for (let r = 0; r < runs; r++) {
  t = performance.now();
  loaders = await loadDataFashionMnist(256, { generator: new Generator(0) });
  loads.push(performance.now() - t);
}
console.log(
  `load all four files (locate + gunzip + verify + parse): first ${ms(first)}, median ${ms(median(loads))} of ${runs}`,
);

async function epochs(reuseBuffers) {
  const { trainIter } = await loadDataFashionMnist(256, { generator: new Generator(0), reuseBuffers });
  const times = [];
  let checksum = 0;
  for (let r = 0; r < runs + 1; r++) {
    t = performance.now();
    for (const [X, y] of trainIter) checksum += X.shape[0] + y.shape[0];
    times.push(performance.now() - t);
  }
  return { first: times[0], median: median(times.slice(1)), checksum };
}
const fresh = await epochs(false);
const reused = await epochs(true);
console.log(
  `one epoch, 60000 images, batch 256, shuffled, fresh batches:    first ${ms(fresh.first)}, median ${ms(fresh.median)}`,
);
console.log(
  `one epoch, 60000 images, batch 256, shuffled, reuseBuffers: true: first ${ms(reused.first)}, median ${ms(reused.median)}`,
);

const test = await FashionMNIST.load({ train: false, resize: 64 });
t = performance.now();
let n = 0;
for (const [X] of new (await import("@tsgrad/data")).DataLoader(test, { batchSize: 256 })) n += X.shape[0];
console.log(`test set resized to 64x64 (${n} images): ${ms(performance.now() - t)}`);
void loaders;
