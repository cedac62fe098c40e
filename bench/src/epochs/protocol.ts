// What a worker (dist/epoch-worker.js, or python/torch_epochs.py) prints as the last line of its
// stdout: one JSON object. The orchestrator checks the shape instead of trusting it.

/** Memory after one epoch (after a gc in Node), in MB. */
export interface MemPoint {
  epoch: number;
  rssMB: number;
  /** JS heap in use (Node) or null (Python). */
  heapMB: number | null;
  /**
   * The JS heap V8 has committed (Node's heapTotal), or null: it grows when V8 enlarges its
   * young generation, which shows in RSS without any live object more.
   */
  heapTotalMB: number | null;
  /** Memory outside the JS heap: typed arrays' buffers and wasm memories (Node), or null. */
  externalMB: number | null;
}

/** One epoch-training run: softmax regression, or issue 19's MLP (the same fields). */
export interface SoftmaxResult {
  task: "softmax" | "mlp";
  peer: string;
  /** Threads the run was allowed (tsgrad setNumThreads, torch.set_num_threads; TF.js: 1). */
  threads: number;
  /** What actually ran, e.g. "tsgrad 0.0.0 wasm backend", "tfjs 4.22.0 wasm (SIMD)", "torch 1.13 openblas". */
  detail: string;
  /** Seconds of each warm-up epoch (not reported as the epoch time). */
  warmupS: number[];
  /** Seconds of each measured epoch. */
  epochS: number[];
  trainLoss: number;
  trainAcc: number;
  /** Test accuracy after the last epoch. */
  testAcc: number;
  /** Milliseconds of each timed test-set evaluation (10,000 images, batch 256). */
  evalMs: number[];
  /** Milliseconds to load the data set in this process (first load: includes module loading). */
  loadMs: number;
  mem: MemPoint[];
  /** Peak resident set size of the worker process, MB. */
  maxRssMB: number;
  /** Hash of the labels of the first epoch in the order the peer saw them. */
  labelHash: string;
}

export interface RegressionTaskResult {
  /** Milliseconds of each measured epoch. */
  epochMs: number[];
  /** Loss on the whole training set after the last epoch (a sanity check). */
  finalLoss: number;
}

export interface RegressionResult {
  task: "regression";
  peer: string;
  detail: string;
  /** By "<model>-<variant>", e.g. "linreg-concise". */
  runs: Record<string, RegressionTaskResult>;
}

export interface DataRow {
  /** e.g. "tsgrad DataLoader, fresh batches". */
  what: string;
  ms: number[];
  /** A first, cold measurement (module loading, JIT), when there is one. */
  firstMs: number | null;
}

export interface DataResult {
  task: "data";
  peer: string;
  detail: string;
  rows: DataRow[];
}

/** An MLP run: the same fields as a softmax run. */
export type MlpResult = SoftmaxResult & { task: "mlp" };

export type WorkerResult = SoftmaxResult | RegressionResult | DataResult;

// ---- validation ------------------------------------------------------------------------------

type Rec = Record<string, unknown>;

function isRec(v: unknown): v is Rec {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function num(v: unknown, what: string): number {
  if (typeof v === "number") return v;
  if (v === null) return Number.NaN; // JSON has no NaN: Python and JS write null for it
  throw new Error(`${what}: expected a number, got ${JSON.stringify(v)}`);
}

function nums(v: unknown, what: string): number[] {
  if (!Array.isArray(v)) throw new Error(`${what}: expected an array of numbers`);
  return v.map((x, i) => num(x, `${what}[${i}]`));
}

function str(v: unknown, what: string): string {
  if (typeof v !== "string") throw new Error(`${what}: expected a string`);
  return v;
}

function numOrNull(v: unknown, what: string): number | null {
  return v === null || v === undefined ? null : num(v, what);
}

function mem(v: unknown): MemPoint[] {
  if (!Array.isArray(v)) throw new Error("mem: expected an array");
  return v.map((m, i) => {
    if (!isRec(m)) throw new Error(`mem[${i}]: expected an object`);
    return {
      epoch: num(m.epoch, "mem.epoch"),
      rssMB: num(m.rssMB, "mem.rssMB"),
      heapMB: numOrNull(m.heapMB, "mem.heapMB"),
      heapTotalMB: numOrNull(m.heapTotalMB, "mem.heapTotalMB"),
      externalMB: numOrNull(m.externalMB, "mem.externalMB"),
    };
  });
}

export function parseWorkerResult(line: string): WorkerResult {
  const raw: unknown = JSON.parse(line);
  if (!isRec(raw)) throw new Error("worker output is not a JSON object");
  const peer = str(raw.peer, "peer");
  const detail = str(raw.detail, "detail");
  if (raw.task === "softmax" || raw.task === "mlp") {
    return {
      task: raw.task,
      peer,
      threads: raw.threads === undefined ? 1 : num(raw.threads, "threads"),
      detail,
      warmupS: nums(raw.warmupS, "warmupS"),
      epochS: nums(raw.epochS, "epochS"),
      trainLoss: num(raw.trainLoss, "trainLoss"),
      trainAcc: num(raw.trainAcc, "trainAcc"),
      testAcc: num(raw.testAcc, "testAcc"),
      evalMs: nums(raw.evalMs, "evalMs"),
      loadMs: num(raw.loadMs, "loadMs"),
      mem: mem(raw.mem),
      maxRssMB: num(raw.maxRssMB, "maxRssMB"),
      labelHash: str(raw.labelHash, "labelHash"),
    };
  }
  if (raw.task === "regression") {
    if (!isRec(raw.runs)) throw new Error("runs: expected an object");
    const runs: Record<string, RegressionTaskResult> = {};
    for (const [k, r] of Object.entries(raw.runs)) {
      if (!isRec(r)) throw new Error(`runs.${k}: expected an object`);
      runs[k] = { epochMs: nums(r.epochMs, `${k}.epochMs`), finalLoss: num(r.finalLoss, `${k}.finalLoss`) };
    }
    return { task: "regression", peer, detail, runs };
  }
  if (raw.task === "data") {
    if (!Array.isArray(raw.rows)) throw new Error("rows: expected an array");
    const rows = raw.rows.map((r, i): DataRow => {
      if (!isRec(r)) throw new Error(`rows[${i}]: expected an object`);
      return { what: str(r.what, "what"), ms: nums(r.ms, "ms"), firstMs: numOrNull(r.firstMs, "firstMs") };
    });
    return { task: "data", peer, detail, rows };
  }
  throw new Error(`unknown task ${JSON.stringify(raw.task)}`);
}

/**
 * Memory of this Node process; with `gc`, after a full gc where --expose-gc allows it. Timed
 * runs sample without: a forced full gc makes V8 shrink its young generation and give pages
 * back, which slows the next epoch by about 10% (tsgrad and TF.js alike), so the memory run
 * (a separate job) is the one that forces it.
 */
export function nodeMem(epoch: number, gc = true): MemPoint {
  if (gc) (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  const MB = 1024 * 1024;
  return {
    epoch,
    rssMB: m.rss / MB,
    heapMB: m.heapUsed / MB,
    heapTotalMB: m.heapTotal / MB,
    externalMB: m.external / MB,
  };
}

/** Peak RSS of this Node process in MB (resourceUsage().maxRSS is in KB). */
export function nodeMaxRssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}
