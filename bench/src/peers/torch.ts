// PyTorch CPU as a peer, where /usr/bin/python3 can import torch. It runs in a child
// process (python/torch_kernels.py) with one thread and the same timing method; its samples
// are taken after the JS peers' rounds, not interleaved with them.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Summary } from "../stats.js";
import type { TimingConfig } from "../timing.js";

export const PYTHON = "/usr/bin/python3";
const SCRIPT = fileURLToPath(new URL("../../python/torch_kernels.py", import.meta.url));

export interface TorchRun {
  version: string;
  threads: number;
  /** The BLAS torch was built with (BLAS_INFO from torch.__config__.show()). */
  blas: string;
  config: string;
  results: Map<string, Summary & { repsPerSample: number }>;
}

export type TorchOutcome = { available: true; run: TorchRun } | { available: false; reason: string };

export function torchImportable(): boolean {
  const r = spawnSync(PYTHON, ["-c", "import torch"], { stdio: "ignore", timeout: 60_000 });
  return r.status === 0;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function num(v: unknown): number {
  return typeof v === "number" ? v : Number.NaN;
}

function parse(stdout: string): TorchRun {
  const lastLine = stdout.trim().split("\n").pop() ?? "";
  const raw: unknown = JSON.parse(lastLine);
  if (!isRecord(raw) || !isRecord(raw.results)) throw new Error("unexpected output from torch_kernels.py");
  const results = new Map<string, Summary & { repsPerSample: number }>();
  for (const [id, r] of Object.entries(raw.results)) {
    if (!isRecord(r)) continue;
    const samples = Array.isArray(r.samples_ms) ? r.samples_ms.map(num) : [];
    results.set(id, {
      medianMs: num(r.median_ms),
      minMs: num(r.min_ms),
      maxMs: num(r.max_ms),
      iqrPct: num(r.iqr_pct),
      samplesMs: samples,
      repsPerSample: num(r.reps_per_sample),
    });
  }
  return {
    version: String(raw.version),
    threads: num(raw.threads),
    blas: String(raw.blas),
    config: String(raw.config),
    results,
  };
}

export function runTorch(caseIds: readonly string[], cfg: TimingConfig, threads = 1): TorchOutcome {
  if (!torchImportable()) {
    return { available: false, reason: "not available (apt-get install python3-torch)" };
  }
  const arg = JSON.stringify({
    warmup_ms: cfg.warmupMs,
    sample_ms: cfg.sampleMs,
    rounds: cfg.rounds,
    cases: caseIds,
    threads,
  });
  const r = spawnSync(PYTHON, [SCRIPT, arg], {
    encoding: "utf8",
    timeout: 300_000,
    env: {
      ...process.env,
      OMP_NUM_THREADS: String(threads),
      MKL_NUM_THREADS: String(threads),
      OPENBLAS_NUM_THREADS: String(threads),
      // libgomp's spin-waiting fights OpenBLAS's threads on a 2-core machine (see epochs/run.ts).
      OMP_WAIT_POLICY: "PASSIVE",
    },
  });
  if (r.status !== 0) {
    const why = r.error?.message ?? r.stderr.trim().split("\n").slice(-3).join(" ");
    return { available: false, reason: `torch_kernels.py failed: ${why}` };
  }
  try {
    return { available: true, run: parse(r.stdout) };
  } catch (e) {
    return { available: false, reason: `torch_kernels.py: ${e instanceof Error ? e.message : String(e)}` };
  }
}
