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
import { PYTHON, torchImportable } from "../peers/torch.js";
import { epochOrders, initialParams, SOFTMAX } from "./inputs.js";
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
  // 137 → 120 ms over 12 epochs, TF.js wasm 653 → 618); 5 timed epochs per process weigh the
  // steady state more than 3 did.
  epochs: 5,
  evalReps: 5,
  regression: { rounds: 2, warmup: 3, epochs: 15 },
  dataReps: 3,
  // 20 epochs (about 4 s): the heap slope is fitted over the last 10, after each a full gc.
  memoryEpochs: 20,
  memoryScratch: false,
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

export interface EpochResults {
  softmax: SoftmaxResult[];
  regression: RegressionResult[];
  data: DataResult[];
  memory: SoftmaxResult[];
  /** Runs that failed, with the tail of their stderr. */
  failures: { peer: string; task: string; error: string }[];
  torch: TorchSetup;
  config: EpochConfig;
}

export type EpochPart = "softmax" | "regression" | "data";

interface Inputs {
  dir: string;
  files: Record<string, string>;
  ordersFile: string;
  weightFile: string;
  biasFile: string;
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
  return { dir, files, ordersFile, weightFile, biasFile };
}

interface Job {
  peer: string;
  task: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

function nodeJob(task: string, peer: string, flags: Record<string, number>): Job {
  const v8 = peer.endsWith("-relaxed") ? ["--experimental-wasm-relaxed-simd"] : [];
  const args = ["--expose-gc", ...v8, WORKER, "--task", task, "--peer", peer];
  for (const [k, v] of Object.entries(flags)) args.push(`--${k}`, String(v));
  return { peer, task, command: process.execPath, args };
}

function torchJob(task: string, blas: TorchBlas, payload: Record<string, unknown>): Job {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    OMP_NUM_THREADS: "1",
    MKL_NUM_THREADS: "1",
    OPENBLAS_NUM_THREADS: "1",
  };
  if (blas.libDir !== null)
    env.LD_LIBRARY_PATH = [blas.libDir, process.env.LD_LIBRARY_PATH].filter((s) => s).join(":");
  return {
    peer: blas.peer,
    task,
    command: PYTHON,
    args: [TORCH_SCRIPT, JSON.stringify({ task, peer: blas.peer, ...payload })],
    env,
  };
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

export async function runEpochs(
  parts: ReadonlySet<EpochPart>,
  cfg: EpochConfig,
  torch: TorchSetup,
  progress: (msg: string) => void,
): Promise<EpochResults> {
  const out: EpochResults = {
    softmax: [],
    regression: [],
    data: [],
    memory: [],
    failures: [],
    torch,
    config: cfg,
  };
  const needInputs = torch.available && (parts.has("softmax") || parts.has("data"));
  const totalEpochs = cfg.warmup + cfg.epochs;
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
  try {
    if (parts.has("softmax")) {
      progress(
        `softmax regression on Fashion-MNIST: ${cfg.rounds} rounds x (${cfg.warmup} warm-up + ${cfg.epochs} epochs) per peer, peers alternating ...`,
      );
      const jobs: Job[] = SOFTMAX_NODE_PEERS.map((p) =>
        nodeJob("softmax", p, {
          warmup: cfg.warmup,
          epochs: cfg.epochs,
          "eval-reps": cfg.evalReps,
          "gc-memory": 0,
        }),
      );
      if (inputs !== null)
        for (const blas of torch.configs)
          jobs.push(
            torchJob("softmax", blas, {
              warmup: cfg.warmup,
              epochs: cfg.epochs,
              eval_reps: cfg.evalReps,
              files: inputs.files,
              orders_file: inputs.ordersFile,
              weight_file: inputs.weightFile,
              bias_file: inputs.biasFile,
            }),
          );
      for (let round = 0; round < cfg.rounds; round++) {
        for (let i = 0; i < jobs.length; i++) {
          const r = collect(jobs[(round + i) % jobs.length]!);
          if (r !== null && r.task === "softmax") out.softmax.push(r);
        }
      }
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
      for (let round = 0; round < rc.rounds; round++) {
        for (let i = 0; i < jobs.length; i++) {
          const r = collect(jobs[(round + i) % jobs.length]!);
          if (r !== null && r.task === "regression") out.regression.push(r);
        }
      }
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
