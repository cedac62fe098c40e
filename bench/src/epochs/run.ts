// The epoch-level part of `pnpm bench`: every measurement is a child process (a Node worker,
// dist/epoch-worker.js, or python/torch_epochs.py), one per peer and round, in an order rotated
// every round, so slow drift of a shared machine hits all peers alike and each peer's peak RSS
// is its own. The orchestrator writes the inputs PyTorch needs (the same initial weights and
// shuffled orders as tsgrad) into a temporary folder.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FASHION_MNIST_FILE_KEYS, locateFashionMnistFile } from "@tsgrad/data-fashion-mnist";
import { type ExtraNode, findNode } from "../peers/node24.js";
import { THREADS_ENV, tsgradThreads } from "../peers/threads.js";
import { PYTHON, torchImportable } from "../peers/torch.js";
import { epochOrders, initialParams, MLP, type MlpVariant, mlpInitialParams, SOFTMAX } from "./inputs.js";
import {
  type DataResult,
  parseWorkerResult,
  type RegressionResult,
  type SoftmaxResult,
  type WorkerResult,
} from "./protocol.js";

const WORKER = fileURLToPath(new URL("../epoch-worker.js", import.meta.url));
const TORCH_SCRIPT = fileURLToPath(new URL("../../python/torch_epochs.py", import.meta.url));
const TRAIN_SIZE = 60000;

export interface EpochConfig {
  /** Processes per softmax peer; each trains warmup + epochs epochs. */
  rounds: number;
  warmup: number;
  epochs: number;
  /** Timed test-set evaluations per process. */
  evalReps: number;
  regression: { rounds: number; warmup: number; epochs: number };
  /** Repetitions of each data-loading measurement (after a first, cold one). */
  dataReps: number;
  /** Epochs of the memory run (tsgrad concise, wasm backend; scratch too with --long); 0: none. */
  memoryEpochs: number;
  /** Also run the scratch variant in the memory run. */
  memoryScratch: boolean;
  /** Issue 19's MLP: processes per peer and epochs; TF.js wasm gets its own, few epochs (0: skipped). */
  mlp: {
    rounds: number;
    warmup: number;
    epochs: number;
    evalReps: number;
    tfjsWarmup: number;
    tfjsEpochs: number;
    /** Epochs of the MLP memory run (tsgrad concise, wasm, gc after each); 0: none. */
    memoryEpochs: number;
  };
}

export const FULL_EPOCHS: EpochConfig = {
  rounds: 2,
  // V8 compiles the hot path's small functions (called a few times per batch) with TurboFan
  // only after thousands of calls: in a --trace-opt run of the concise model, gemm, matmul,
  // softmaxRows and the optimizer's step were optimized in epochs 3-13, and epochs went
  // 92 → 77 ms (static batch) or 137 → 110 ms (real data) meanwhile. 3 warm-up epochs measure
  // nearer the steady state; the table shows the warm-up epochs' median beside it.
  warmup: 3,
  // V8's peers keep getting faster for several epochs (tiering, young-generation sizing: tsgrad
  // 137 → 120 ms over 12 epochs, TF.js wasm 653 → 618); 7 timed epochs per process weigh the
  // steady state, and 3 + 7 = 10 epochs make the whole run a learner waits for (issue 19).
  epochs: 7,
  evalReps: 5,
  regression: { rounds: 2, warmup: 3, epochs: 15 },
  dataReps: 3,
  // 20 epochs (about 4 s): the heap slope is fitted over the last 10, after each a full gc.
  memoryEpochs: 20,
  memoryScratch: false,
  // An MLP epoch is about 2 s for tsgrad, 0.5-1 s for PyTorch and 30 s for TF.js wasm: 2 warm-up
  // + 3 timed epochs per process (TF.js: 1 epoch) keep the section near 2.5 minutes.
  mlp: { rounds: 1, warmup: 2, epochs: 3, evalReps: 2, tfjsWarmup: 0, tfjsEpochs: 1, memoryEpochs: 10 },
};

export const QUICK_EPOCHS: EpochConfig = {
  rounds: 1,
  warmup: 1,
  epochs: 1,
  evalReps: 3,
  regression: { rounds: 1, warmup: 1, epochs: 5 },
  dataReps: 1,
  memoryEpochs: 0,
  memoryScratch: false,
  // TF.js's MLP epoch (about 30 s) is left out of the smoke run.
  mlp: { rounds: 1, warmup: 1, epochs: 1, evalReps: 1, tfjsWarmup: 0, tfjsEpochs: 0, memoryEpochs: 0 },
};

/** --long: memory over 50 epochs, concise and scratch. */
export const LONG_MEMORY_EPOCHS = 50;

/** One PyTorch configuration: which libblas.so.3 the dynamic linker is pointed at. */
export interface TorchBlas {
  peer: string;
  /** Folder put first on LD_LIBRARY_PATH, or null for the system's default alternative. */
  libDir: string | null;
  label: string;
}

export interface TorchSetup {
  available: boolean;
  reason: string;
  /** What libblas.so.3 resolves to by default (update-alternatives), when known. */
  systemBlas: string | null;
  configs: TorchBlas[];
}

function multiarchLibDir(): string {
  const arch = process.arch === "arm64" ? "aarch64" : process.arch === "x64" ? "x86_64" : process.arch;
  return `/usr/lib/${arch}-linux-gnu`;
}

/**
 * Debian ships each BLAS in its own folder under /usr/lib/<triplet>/ and picks the default with
 * update-alternatives. Torch links libblas.so.3, so LD_LIBRARY_PATH selects one per process:
 * OpenBLAS where libopenblas0-pthread (or -openmp, -serial) is installed, and the reference BLAS
 * (libblas3) that python3-torch pulls in. The bench installs nothing.
 */
export function detectTorch(enabled: boolean): TorchSetup {
  if (!enabled) return { available: false, reason: "skipped (--no-torch)", systemBlas: null, configs: [] };
  if (!torchImportable())
    return {
      available: false,
      reason: `not available (${PYTHON} cannot import torch; apt-get install python3-torch)`,
      systemBlas: null,
      configs: [],
    };
  const lib = multiarchLibDir();
  let systemBlas: string | null = null;
  try {
    systemBlas = realpathSync(join(lib, "libblas.so.3"));
  } catch {
    systemBlas = null;
  }
  const configs: TorchBlas[] = [];
  const openblas = ["openblas-pthread", "openblas-openmp", "openblas-serial"].find((d) =>
    existsSync(join(lib, d, "libblas.so.3")),
  );
  if (openblas !== undefined)
    configs.push({ peer: "torch-openblas", libDir: join(lib, openblas), label: `OpenBLAS (${openblas})` });
  if (existsSync(join(lib, "blas", "libblas.so.3")))
    configs.push({ peer: "torch-refblas", libDir: join(lib, "blas"), label: "reference BLAS (libblas3)" });
  if (configs.length === 0) configs.push({ peer: "torch", libDir: null, label: "system default BLAS" });
  return { available: true, reason: "", systemBlas, configs };
}

/** A row that was not run, and why (e.g. "threads n/a"). */
export interface SkippedRun {
  task: string;
  peer: string;
  threads: number;
  reason: string;
}

export interface EpochResults {
  softmax: SoftmaxResult[];
  mlp: SoftmaxResult[];
  mlpMemory: SoftmaxResult[];
  skipped: SkippedRun[];
  /** Whether tsgrad's setNumThreads was there for the multi-threaded rows. */
  threads: { available: boolean; reason: string };
  node24: ExtraNode | null;
  regression: RegressionResult[];
  data: DataResult[];
  memory: SoftmaxResult[];
  /** Runs that failed, with the tail of their stderr. */
  failures: { peer: string; task: string; error: string }[];
  torch: TorchSetup;
  config: EpochConfig;
}

export type EpochPart = "softmax" | "mlp" | "regression" | "data";

interface Inputs {
  dir: string;
  files: Record<string, string>;
  ordersFile: string;
  weightFile: string;
  biasFile: string;
  /** The MLP's initial parameters by variant (w1, b1, w2, b2, float32). */
  mlpFiles: Record<MlpVariant, string>;
}

async function writeInputs(epochs: number): Promise<Inputs> {
  const dir = mkdtempSync(join(tmpdir(), "tsgrad-bench-"));
  const files: Record<string, string> = {};
  const pyKey: Record<string, string> = {
    trainImages: "train_images",
    trainLabels: "train_labels",
    testImages: "test_images",
    testLabels: "test_labels",
  };
  for (const key of FASHION_MNIST_FILE_KEYS) {
    files[pyKey[key]!] = (await locateFashionMnistFile(key)).path;
  }
  const orders = epochOrders(SOFTMAX.seed, TRAIN_SIZE, epochs);
  const all = new Int32Array(epochs * TRAIN_SIZE);
  orders.forEach((o, i) => {
    all.set(o, i * TRAIN_SIZE);
  });
  const p = initialParams(SOFTMAX.seed);
  const ordersFile = join(dir, "orders.i32");
  const weightFile = join(dir, "weight.f32");
  const biasFile = join(dir, "bias.f32");
  writeFileSync(ordersFile, new Uint8Array(all.buffer));
  writeFileSync(weightFile, new Uint8Array(p.weight.buffer));
  writeFileSync(biasFile, new Uint8Array(p.bias.buffer));
  const mlpFiles = {} as Record<MlpVariant, string>;
  for (const v of ["concise", "scratch"] as const) {
    const q = mlpInitialParams(v, MLP.seed);
    const flat = new Float32Array(q.w1.length + q.b1.length + q.w2.length + q.b2.length);
    let off = 0;
    for (const a of [q.w1, q.b1, q.w2, q.b2]) {
      flat.set(a, off);
      off += a.length;
    }
    mlpFiles[v] = join(dir, `mlp-${v}.f32`);
    writeFileSync(mlpFiles[v], new Uint8Array(flat.buffer));
  }
  return { dir, files, ordersFile, weightFile, biasFile, mlpFiles };
}

interface Job {
  peer: string;
  task: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

interface NodeJobOptions {
  /** tsgrad threads: --threads and TSGRAD_NUM_THREADS (default 1). */
  threads?: number;
  /** The row's name (default: the worker's peer). */
  label?: string;
  /** Another node binary (Node 24), default this process's. */
  node?: string;
}

function nodeJob(task: string, peer: string, flags: Record<string, number>, o: NodeJobOptions = {}): Job {
  const threads = o.threads ?? 1;
  const v8 = peer.endsWith("-relaxed") ? ["--experimental-wasm-relaxed-simd"] : [];
  const args = ["--expose-gc", ...v8, WORKER, "--task", task, "--peer", peer, "--threads", String(threads)];
  if (o.label !== undefined) args.push("--label", o.label);
  for (const [k, v] of Object.entries(flags)) args.push(`--${k}`, String(v));
  return {
    peer: o.label ?? peer,
    task,
    command: o.node ?? process.execPath,
    args,
    env: { ...process.env, [THREADS_ENV]: String(threads) },
  };
}

/**
 * A PyTorch process with `threads` threads: torch.set_num_threads in the script, and the
 * OpenMP / OpenBLAS / MKL pools sized alike through their env variables.
 */
function torchJob(
  task: string,
  blas: TorchBlas,
  payload: Record<string, unknown>,
  o: { threads?: number; label?: string } = {},
): Job {
  const threads = String(o.threads ?? 1);
  const peer = o.label ?? blas.peer;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    OMP_NUM_THREADS: threads,
    MKL_NUM_THREADS: threads,
    OPENBLAS_NUM_THREADS: threads,
    // With 2 threads, libgomp's default spin-waiting between parallel regions fought OpenBLAS's
    // threads for the 2 cores: 50-80 ms per MLP step instead of 5-10 (measured on this shared
    // 2-core machine). Passive waiting is torch at its best here.
    OMP_WAIT_POLICY: "PASSIVE",
  };
  if (blas.libDir !== null)
    env.LD_LIBRARY_PATH = [blas.libDir, process.env.LD_LIBRARY_PATH].filter((s) => s).join(":");
  return {
    peer,
    task,
    command: PYTHON,
    args: [TORCH_SCRIPT, JSON.stringify({ task, peer, threads: o.threads ?? 1, ...payload })],
    env,
  };
}

/** Thread counts of the multi-threaded rows (issue 19: 1 and 2). */
export const THREAD_COUNTS = [1, 2] as const;

/** "-2t" for 2 threads, "" for 1. */
export function threadSuffix(n: number): string {
  return n === 1 ? "" : `-${n}t`;
}

function runJob(job: Job, progress: (msg: string) => void): WorkerResult | { error: string } {
  progress(`  ${job.task}: ${job.peer} ...`);
  const r = spawnSync(job.command, job.args, {
    encoding: "utf8",
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
    env: job.env ?? process.env,
  });
  if (r.status !== 0) {
    const why = r.error?.message ?? r.stderr.trim().split("\n").slice(-4).join(" | ");
    return { error: `exit ${r.status ?? r.signal}: ${why}` };
  }
  const last = r.stdout.trim().split("\n").pop() ?? "";
  try {
    return parseWorkerResult(last);
  } catch (e) {
    return { error: `bad output: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export const SOFTMAX_NODE_PEERS = [
  "tsgrad-concise-wasm",
  // The same on the relaxed-SIMD kernels (fused multiply-add), which Node 20 runs only with a
  // V8 flag (Node 22+ and Chrome 114+ by default): informational, the targets read the row above.
  "tsgrad-concise-relaxed",
  "tsgrad-concise-js",
  "tsgrad-scratch-wasm",
  "tsgrad-scratch-js",
  "tfjs-wasm",
  "tfjs-cpu",
] as const;

export interface RunEpochsOptions {
  /** Look for (and fetch) Node 24 for its rows. */
  node24: boolean;
}

export async function runEpochs(
  parts: ReadonlySet<EpochPart>,
  cfg: EpochConfig,
  torch: TorchSetup,
  progress: (msg: string) => void,
  opts: RunEpochsOptions = { node24: true },
): Promise<EpochResults> {
  const threads = tsgradThreads();
  const wantsNode24 = opts.node24 && (parts.has("softmax") || parts.has("mlp"));
  if (wantsNode24) progress("looking for Node 24 (tools/consumer/node-matrix.mjs's cache) ...");
  const node24 = wantsNode24 ? findNode(24, true) : null;
  const out: EpochResults = {
    softmax: [],
    mlp: [],
    mlpMemory: [],
    skipped: [],
    threads: { available: threads.available, reason: threads.reason },
    node24,
    regression: [],
    data: [],
    memory: [],
    failures: [],
    torch,
    config: cfg,
  };
  const needInputs = torch.available && (parts.has("softmax") || parts.has("data") || parts.has("mlp"));
  const totalEpochs = Math.max(cfg.warmup + cfg.epochs, cfg.mlp.warmup + cfg.mlp.epochs);
  const inputs = needInputs ? await writeInputs(totalEpochs) : null;
  const collect = (job: Job) => {
    const r = runJob(job, progress);
    if ("error" in r) {
      out.failures.push({ peer: job.peer, task: job.task, error: r.error });
      progress(`    failed: ${r.error}`);
      return null;
    }
    return r;
  };
  /** tsgrad's multi-threaded rows: a job where setNumThreads exists, else a "threads n/a" row. */
  const tsgradThreaded = (task: string, peer: string, flags: Record<string, number>): Job[] => {
    const jobs: Job[] = [];
    for (const n of THREAD_COUNTS) {
      if (n === 1) continue;
      const label = `${peer}${threadSuffix(n)}`;
      if (threads.available) jobs.push(nodeJob(task, peer, flags, { threads: n, label }));
      else out.skipped.push({ task, peer: label, threads: n, reason: threads.reason });
    }
    return jobs;
  };
  const node24Job = (task: string, peer: string, flags: Record<string, number>): Job[] => {
    if (node24 === null) return [];
    if (node24.bin === null) {
      out.skipped.push({ task, peer: `${peer}-node24`, threads: 1, reason: node24.note });
      return [];
    }
    return [nodeJob(task, peer, flags, { label: `${peer}-node24`, node: node24.bin })];
  };
  /**
   * PyTorch rows: every BLAS with the uint8 protocol on one thread; OpenBLAS (the tuned one, the
   * targets' peer) also with preloaded float32 batches and at 2 threads.
   */
  const torchJobs = (
    task: string,
    payload: Record<string, unknown>,
    prefix: (b: TorchBlas) => string,
    configs: readonly TorchBlas[] = torch.configs,
  ): Job[] => {
    const jobs: Job[] = [];
    for (const blas of configs) {
      const tuned = blas.peer !== "torch-refblas";
      for (const n of tuned ? THREAD_COUNTS : [1]) {
        for (const protocol of tuned ? (["u8", "f32"] as const) : (["u8"] as const)) {
          const label = `${prefix(blas)}${protocol === "f32" ? "-f32" : ""}${threadSuffix(n)}`;
          jobs.push(torchJob(task, blas, { ...payload, protocol }, { threads: n, label }));
        }
      }
    }
    return jobs;
  };
  const rotate = (jobs: readonly Job[], rounds: number, keep: (r: WorkerResult) => void) => {
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < jobs.length; i++) {
        const r = collect(jobs[(round + i) % jobs.length]!);
        if (r !== null) keep(r);
      }
    }
  };
  try {
    if (parts.has("softmax")) {
      progress(
        `softmax regression on Fashion-MNIST: ${cfg.rounds} rounds x (${cfg.warmup} warm-up + ${cfg.epochs} epochs) per peer, peers alternating ...`,
      );
      const flags = { warmup: cfg.warmup, epochs: cfg.epochs, "eval-reps": cfg.evalReps, "gc-memory": 0 };
      const jobs: Job[] = SOFTMAX_NODE_PEERS.map((p) => nodeJob("softmax", p, flags));
      jobs.push(...tsgradThreaded("softmax", "tsgrad-concise-wasm", flags));
      jobs.push(...node24Job("softmax", "tsgrad-concise-wasm", flags));
      if (inputs !== null)
        jobs.push(
          ...torchJobs(
            "softmax",
            {
              warmup: cfg.warmup,
              epochs: cfg.epochs,
              eval_reps: cfg.evalReps,
              files: inputs.files,
              orders_file: inputs.ordersFile,
              weight_file: inputs.weightFile,
              bias_file: inputs.biasFile,
            },
            (b) => b.peer,
          ),
        );
      rotate(jobs, cfg.rounds, (r) => {
        if (r.task === "softmax") out.softmax.push(r);
      });
      if (cfg.memoryEpochs > 0) {
        progress(`memory: tsgrad over ${cfg.memoryEpochs} epochs ...`);
        const peers = cfg.memoryScratch
          ? ["tsgrad-concise-wasm", "tsgrad-scratch-wasm"]
          : ["tsgrad-concise-wasm"];
        for (const p of peers) {
          const r = collect(
            nodeJob("softmax", p, { warmup: 0, epochs: cfg.memoryEpochs, "eval-reps": 1, "gc-memory": 1 }),
          );
          if (r !== null && r.task === "softmax") out.memory.push(r);
        }
      }
    }
    if (parts.has("mlp")) {
      const m = cfg.mlp;
      progress(
        `MLP 784-256-10 on Fashion-MNIST: ${m.rounds} round(s) x (${m.warmup} warm-up + ${m.epochs} epochs) per peer` +
          (m.tfjsEpochs > 0 ? `, TF.js wasm ${m.tfjsWarmup} + ${m.tfjsEpochs}` : ", TF.js skipped") +
          " ...",
      );
      const flags = { warmup: m.warmup, epochs: m.epochs, "eval-reps": m.evalReps, "gc-memory": 0 };
      const jobs: Job[] = [];
      for (const v of ["concise", "scratch"] as const) {
        const peer = `tsgrad-${v}-wasm`;
        jobs.push(nodeJob("mlp", peer, flags));
        jobs.push(...tsgradThreaded("mlp", peer, flags));
      }
      jobs.push(...node24Job("mlp", "tsgrad-concise-wasm", flags));
      const tuned = torch.configs.filter((b) => b.peer !== "torch-refblas");
      if (inputs !== null && tuned.length > 0) {
        for (const v of ["concise", "scratch"] as const)
          jobs.push(
            ...torchJobs(
              "mlp",
              {
                variant: v,
                warmup: m.warmup,
                epochs: m.epochs,
                eval_reps: m.evalReps,
                files: inputs.files,
                orders_file: inputs.ordersFile,
                params_file: inputs.mlpFiles[v],
              },
              (b) => `${b.peer}-${v}`,
              tuned,
            ),
          );
      }
      if (m.tfjsEpochs > 0)
        jobs.push(
          nodeJob("mlp", "tfjs-wasm", {
            warmup: m.tfjsWarmup,
            epochs: m.tfjsEpochs,
            "eval-reps": 1,
            "gc-memory": 0,
          }),
        );
      else
        out.skipped.push({
          task: "mlp",
          peer: "tfjs-wasm",
          threads: 1,
          reason: "left out of --quick (30 s/epoch)",
        });
      rotate(jobs, m.rounds, (r) => {
        if (r.task === "mlp") out.mlp.push(r);
      });
      if (m.memoryEpochs > 0) {
        progress(`memory: tsgrad MLP over ${m.memoryEpochs} epochs ...`);
        const peers = cfg.memoryScratch
          ? ["tsgrad-concise-wasm", "tsgrad-scratch-wasm"]
          : ["tsgrad-concise-wasm"];
        for (const p of peers) {
          const r = collect(
            nodeJob("mlp", p, { warmup: 0, epochs: m.memoryEpochs, "eval-reps": 1, "gc-memory": 1 }),
          );
          if (r !== null && r.task === "mlp") out.mlpMemory.push(r);
        }
      }
    }
    if (parts.has("regression")) {
      const rc = cfg.regression;
      progress(
        `linear and logistic regression: ${rc.rounds} rounds x (${rc.warmup} + ${rc.epochs} epochs) ...`,
      );
      const jobs: Job[] = ["tsgrad-wasm", "tsgrad-js"].map((p) =>
        nodeJob("regression", p, { warmup: rc.warmup, epochs: rc.epochs }),
      );
      const main = torch.configs[0];
      if (torch.available && main !== undefined)
        jobs.push(torchJob("regression", main, { warmup: rc.warmup, epochs: rc.epochs }));
      rotate(jobs, rc.rounds, (r) => {
        if (r.task === "regression") out.regression.push(r);
      });
    }
    if (parts.has("data")) {
      progress("data loading ...");
      const r = collect(nodeJob("data", "node", { reps: cfg.dataReps }));
      if (r !== null && r.task === "data") out.data.push(r);
      const main = torch.configs[0];
      if (inputs !== null && main !== undefined) {
        const t = collect(torchJob("data", main, { reps: cfg.dataReps, files: inputs.files }));
        if (t !== null && t.task === "data") out.data.push(t);
      }
    }
  } finally {
    if (inputs !== null) rmSync(inputs.dir, { recursive: true, force: true });
  }
  return out;
}
