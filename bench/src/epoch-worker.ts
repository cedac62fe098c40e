// One measurement in its own process, so each peer's peak RSS is its own and no peer's heap,
// JIT state or wasm memory leaks into another's numbers. The orchestrator (src/epochs/run.ts)
// starts one of these per peer and round, alternating peers; the result is the last line of
// stdout, one JSON object (src/epochs/protocol.ts). Progress and errors go to stderr.
//
//   node --expose-gc dist/epoch-worker.js --task softmax --peer tsgrad-concise-wasm --warmup 1 --epochs 3
//   node --expose-gc dist/epoch-worker.js --task regression --peer tsgrad-wasm --warmup 5 --epochs 20
//   node --expose-gc dist/epoch-worker.js --task mlp --peer tsgrad-concise-wasm --threads 2 --label tsgrad-mlp-concise-wasm-2t
//   node --expose-gc dist/epoch-worker.js --task data --peer node --reps 3
//
// --threads N calls @tsgrad/tensor's setNumThreads(N) (through src/peers/threads.ts) before any
// work; the orchestrator also sets TSGRAD_NUM_THREADS=N in the worker's environment. Without
// setNumThreads in @tsgrad/tensor, --threads above 1 fails with "threads n/a".
import type { WorkerResult } from "./epochs/protocol.js";
import { tsgradThreads } from "./peers/threads.js";

export const WORKER_USAGE = `usage: node --expose-gc dist/epoch-worker.js --task softmax|mlp|regression|data --peer NAME
  [--warmup N] [--epochs N] [--eval-reps N] [--reps N] [--gc-memory 0|1] [--threads N] [--label NAME]
  softmax peers:    tsgrad-concise-wasm, tsgrad-concise-js, tsgrad-scratch-wasm, tsgrad-scratch-js,
                    tsgrad-concise-relaxed (wasm on relaxed SIMD; run node with
                    --experimental-wasm-relaxed-simd on Node 20),
                    tfjs-cpu, tfjs-wasm
  mlp peers:        tsgrad-concise-wasm, tsgrad-concise-js, tsgrad-scratch-wasm, tsgrad-scratch-js, tfjs-wasm
  --label:          the peer's name in the result (default: --peer)
  regression peers: tsgrad-wasm, tsgrad-js
  data peer:        node`;

interface WorkerArgs {
  task: string;
  peer: string;
  warmup: number;
  epochs: number;
  evalReps: number;
  gcMemory: boolean;
  reps: number;
  threads: number;
  label: string;
}

function parse(argv: readonly string[]): WorkerArgs {
  const a: WorkerArgs = {
    task: "",
    peer: "",
    warmup: 1,
    epochs: 3,
    evalReps: 5,
    reps: 3,
    gcMemory: true,
    threads: 1,
    label: "",
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]!;
    const v = argv[i + 1];
    const int = (): number => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${k} needs a non-negative integer`);
      i++;
      return n;
    };
    if (k === "--task") {
      a.task = v ?? "";
      i++;
    } else if (k === "--peer") {
      a.peer = v ?? "";
      i++;
    } else if (k === "--warmup") a.warmup = int();
    else if (k === "--epochs") a.epochs = int();
    else if (k === "--eval-reps") a.evalReps = int();
    else if (k === "--gc-memory") a.gcMemory = int() !== 0;
    else if (k === "--reps") a.reps = int();
    else if (k === "--threads") a.threads = int();
    else if (k === "--label") {
      a.label = v ?? "";
      i++;
    } else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

async function run(a: WorkerArgs): Promise<WorkerResult> {
  if (a.peer.startsWith("tsgrad")) tsgradThreads().set(a.threads);
  const label = a.label || a.peer;
  if (a.task === "mlp") {
    const m = /^tsgrad-(concise|scratch)-(js|wasm)$/.exec(a.peer);
    if (m !== null) {
      const { runMlpTsgrad } = await import("./epochs/mlp-tsgrad.js");
      return runMlpTsgrad({
        peer: label,
        variant: m[1] === "concise" ? "concise" : "scratch",
        backend: m[2] === "js" ? "js" : "wasm",
        threads: a.threads,
        warmup: a.warmup,
        epochs: a.epochs,
        evalReps: a.evalReps,
        gcMemory: a.gcMemory,
      });
    }
    if (a.peer === "tfjs-wasm") {
      const { runMlpTfjs } = await import("./epochs/mlp-tfjs.js");
      return runMlpTfjs({
        peer: label,
        backend: "wasm",
        warmup: a.warmup,
        epochs: a.epochs,
        evalReps: a.evalReps,
        gcMemory: a.gcMemory,
      });
    }
  } else if (a.task === "softmax") {
    const m = /^tsgrad-(concise|scratch)-(js|wasm|relaxed)$/.exec(a.peer);
    if (m !== null) {
      const { runSoftmaxTsgrad } = await import("./epochs/softmax-tsgrad.js");
      return runSoftmaxTsgrad({
        peer: label,
        threads: a.threads,
        variant: m[1] === "concise" ? "concise" : "scratch",
        backend: m[2] === "js" ? "js" : "wasm",
        relaxed: m[2] === "relaxed",
        warmup: a.warmup,
        epochs: a.epochs,
        evalReps: a.evalReps,
        gcMemory: a.gcMemory,
      });
    }
    if (a.peer === "tfjs-cpu" || a.peer === "tfjs-wasm") {
      const { runSoftmaxTfjs } = await import("./epochs/softmax-tfjs.js");
      return runSoftmaxTfjs({
        peer: label,
        backend: a.peer === "tfjs-cpu" ? "cpu" : "wasm",
        warmup: a.warmup,
        epochs: a.epochs,
        evalReps: a.evalReps,
        gcMemory: a.gcMemory,
      });
    }
  } else if (a.task === "regression" && (a.peer === "tsgrad-wasm" || a.peer === "tsgrad-js")) {
    const { runRegressionTsgrad } = await import("./epochs/regression-tsgrad.js");
    return runRegressionTsgrad({
      peer: a.peer,
      backend: a.peer === "tsgrad-js" ? "js" : "wasm",
      warmup: a.warmup,
      epochs: a.epochs,
    });
  } else if (a.task === "data") {
    const { runDataNode } = await import("./epochs/data-node.js");
    return runDataNode(a.peer || "node", a.reps);
  }
  throw new Error(`no peer ${JSON.stringify(a.peer)} for task ${JSON.stringify(a.task)}`);
}

try {
  const args = parse(process.argv.slice(2));
  const result = await run(args);
  // JSON has no NaN or Infinity: they become null, which the orchestrator reads back as NaN.
  process.stdout.write(`${JSON.stringify(result)}\n`);
} catch (e) {
  process.stderr.write(
    `epoch-worker: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n${WORKER_USAGE}\n`,
  );
  process.exitCode = 1;
}
