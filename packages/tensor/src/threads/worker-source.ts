/**
 * The worker threads' program, as source text: a Node worker runs it with `eval: true` and a
 * browser's from a Blob URL, so no bundler has to find (or be told about) a worker file. A
 * worker instantiates the shared-memory build of the kernels over the pool's memory and then
 * sleeps on the job counter (slot 0), taking chunks of each job it is part of (slot 4: the
 * thread count; worker i takes part while i < count). Slot 20 counts the workers running.
 */
import { takeChunks } from "./take-chunks.js";

export function workerSource(): string {
  return `"use strict";
const takeChunks = ${String(takeChunks)};
function run(d) {
  const kernels = new WebAssembly.Instance(d.module, { env: { memory: d.memory } }).exports;
  const c = new Int32Array(d.control);
  Atomics.add(c, 20, 1);
  let job = Atomics.load(c, 0);
  for (;;) {
    Atomics.wait(c, 0, job);
    job = Atomics.load(c, 0);
    if (d.index < Atomics.load(c, 4)) takeChunks(kernels, d.names, c, job & 0x7fff, d.index);
  }
}
if (typeof require === "function") run(require("node:worker_threads").workerData);
else self.onmessage = (e) => { self.onmessage = null; run(e.data); };
`;
}
