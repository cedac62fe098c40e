// pnpm bench: the kernel table of the tensor issue (tsgrad's backends against a hand-written
// loop, TensorFlow.js cpu and wasm, and PyTorch where it is installed), then issue 8's
// epoch-level workloads (softmax regression on Fashion-MNIST, memory, linear and logistic
// regression, data loading), each peer in its own child process, peers alternating. Every ratio
// comes from one run on one machine. Progress goes to stderr, the report to stdout.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { performance } from "node:perf_hooks";
import * as tensorNs from "@tsgrad/tensor";
import { type Args, parseArgs, USAGE, UsageError } from "./args.js";
import { CASES, type Section } from "./cases.js";
import { describeEnv, renderEnv } from "./env.js";
import {
  type EpochReport,
  epochReport,
  renderData,
  renderEpochTargets,
  renderFailures,
  renderMemory,
  renderMlp,
  renderNode24,
  renderRegression,
  renderSoftmax,
  renderTargets19,
  renderTorchSetup,
} from "./epochs/report.js";
import {
  detectTorch,
  type EpochConfig,
  type EpochPart,
  FULL_EPOCHS,
  LONG_MEMORY_EPOCHS,
  QUICK_EPOCHS,
  runEpochs,
} from "./epochs/run.js";
import { initTfjs } from "./peers/tfjs.js";
import { tsgradThreads } from "./peers/threads.js";
import { runTorch, type TorchOutcome } from "./peers/torch.js";
import { detectTsgrad, type TsgradInfo } from "./peers/tsgrad.js";
import {
  type CaseReport,
  caseReport,
  checkTargets,
  checkTargets19,
  renderSection,
  renderTargets,
  type TargetCheck,
} from "./report.js";
import { type CaseResult, runCase } from "./suite.js";
import { DEFAULT_TIMING, QUICK_TIMING, type Timing, type TimingConfig } from "./timing.js";

/** The tsgrad wasm kernels' build ("simd", "relaxed-simd"), looked up like the backends. */
function wasmVariantOf(): unknown {
  const f = (tensorNs as Record<string, unknown>).wasmVariant;
  try {
    return typeof f === "function" ? (f as () => unknown)() : undefined;
  } catch {
    return undefined;
  }
}

const SECTIONS: readonly Section[] = ["gemm", "gemm-mlp", "elementwise", "reduction"];
/** Interquartile range (% of the median) above which a row is called noisy. */
const NOISY_PCT = 15;

function progress(msg: string): void {
  process.stderr.write(`${msg}\n`);
}

interface KernelPart {
  timing: TimingConfig;
  defaultImpl: string;
  cases: CaseReport[];
  targets: TargetCheck[];
  targets19: TargetCheck[];
  torch: TorchOutcome | null;
  /** PyTorch at 2 threads on the "gemm-mlp" cases. */
  torch2: TorchOutcome | null;
  lines: string[];
}

async function runKernels(
  args: Args,
  tsgrad: TsgradInfo,
  tfjs: Awaited<ReturnType<typeof initTfjs>>,
): Promise<KernelPart> {
  const timing = args.quick ? QUICK_TIMING : DEFAULT_TIMING;
  const threads = tsgradThreads();
  const results: CaseResult[] = [];
  for (const c of CASES) {
    progress(`timing ${c.id} ...`);
    results.push(await runCase(c, { tsgrad, tfjs, timing, threads }));
  }
  let torch: TorchOutcome | null = null;
  let torch2: TorchOutcome | null = null;
  if (args.torch) {
    progress("timing PyTorch kernels (child process) ...");
    torch = runTorch(
      CASES.map((c) => c.id),
      timing,
    );
    progress("timing PyTorch kernels at 2 threads (child process) ...");
    torch2 = runTorch(
      CASES.filter((c) => c.section === "gemm-mlp").map((c) => c.id),
      timing,
      2,
    );
  }
  const tsgradImpls = tsgrad.backends.map((b) => `tsgrad-${b}`);
  const defaultImpl = tsgradImpls.includes(`tsgrad-${tsgrad.defaultBackend}`)
    ? `tsgrad-${tsgrad.defaultBackend}`
    : "tsgrad-js";
  const cases: CaseReport[] = results.map((r) => {
    const peers = new Map<string, Timing>();
    const t1 = torch?.available ? torch.run.results.get(r.kase.id) : undefined;
    const t2 = torch2?.available ? torch2.run.results.get(r.kase.id) : undefined;
    if (t1 !== undefined) peers.set("torch", t1);
    if (t2 !== undefined) peers.set("torch-2t", t2);
    return caseReport(r, peers, tsgradImpls);
  });
  const targets = checkTargets(cases, defaultImpl);
  const variant = typeof wasmVariantOf() === "string" ? String(wasmVariantOf()) : "wasm";
  const targets19 = checkTargets19(
    cases,
    `baseline SIMD: ${variant} kernels on ${process.version}`,
    threads.reason,
  );
  const out: string[] = [];
  out.push(
    `KERNELS: median of ${timing.rounds} samples per impl (>= ${timing.sampleMs} ms each, after ${timing.warmupMs} ms warm-up), ` +
      "JS peers interleaved round by round" +
      (torch?.available ? "; torch timed afterwards in its own process (system default BLAS)" : ""),
    "us/op: median time of one call; +-%: interquartile range / median; " +
      "tsgrad-X/impl: time(tsgrad-X) / time(impl), < 1 means tsgrad-X is faster; " +
      "rel err: max |impl - tsgrad-js| / max(1, max |tsgrad-js|)",
    "",
  );
  for (const s of SECTIONS) out.push(renderSection(s, cases, tsgradImpls), "");
  if (!threads.available)
    out.push(`tsgrad 2-thread GEMM rows: ${threads.reason} (tsgrad-wasm-2t not timed)`, "");
  if (torch2 !== null && !torch2.available) out.push(`torch 2-thread GEMM rows: ${torch2.reason}`, "");
  out.push(renderTargets(targets), "");
  out.push(
    renderTargets(
      targets19,
      "Targets (issue 19, GEMM: the [256,784]x[784,256] forms and square 512 / 1024), from this run",
    ),
    "",
  );
  const noisy = cases.flatMap((c) =>
    c.rows.filter((r) => r.iqrPct > NOISY_PCT).map((r) => `${c.id}/${r.impl}`),
  );
  if (noisy.length > 0) {
    out.push(
      `note: ${noisy.length} rows have +-% above ${NOISY_PCT} (${noisy.slice(0, 4).join(", ")}${noisy.length > 4 ? ", ..." : ""}):` +
        " the machine was busy; rerun on an idle machine before trusting small differences",
    );
  }
  const leaks = cases.filter((c) => c.tfjsTensorDelta !== 0);
  if (leaks.length > 0)
    out.push(`tfjs tensors leaked: ${leaks.map((c) => `${c.id} ${c.tfjsTensorDelta}`).join(", ")}`);
  return { timing, defaultImpl, cases, targets, targets19, torch, torch2, lines: out };
}

function renderEpochPart(r: EpochReport): string[] {
  const out: string[] = [];
  const add = (s: string) => {
    if (s !== "") out.push(s, "");
  };
  add(renderTorchSetup(r));
  add(renderNode24(r));
  add(renderSoftmax(r));
  add(renderMlp(r));
  add(renderMemory(r));
  add(renderRegression(r));
  add(renderData(r));
  add(renderEpochTargets(r));
  add(renderTargets19(r));
  add(renderFailures(r));
  return out;
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`bench: ${e.message}\n${USAGE}\n`);
    return 2;
  }
  if (args === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const start = performance.now();
  if ((globalThis as { gc?: unknown }).gc === undefined) {
    progress("bench: run with node --expose-gc for steadier numbers (pnpm bench does)");
  }

  const tsgrad = await detectTsgrad();
  const tfjs = await initTfjs();
  const kernels = args.parts.has("kernels") ? await runKernels(args, tsgrad, tfjs) : null;

  const epochParts = new Set<EpochPart>();
  for (const p of ["softmax", "mlp", "regression", "data"] as const) if (args.parts.has(p)) epochParts.add(p);
  let epochs: EpochReport | null = null;
  if (epochParts.size > 0) {
    const base = args.quick ? QUICK_EPOCHS : FULL_EPOCHS;
    const cfg: EpochConfig = { ...base, mlp: { ...base.mlp } };
    if (args.long) {
      cfg.memoryEpochs = LONG_MEMORY_EPOCHS;
      cfg.mlp.memoryEpochs = LONG_MEMORY_EPOCHS;
    }
    cfg.memoryScratch = args.long;
    const torch = detectTorch(args.torch);
    epochs = epochReport(await runEpochs(epochParts, cfg, torch, progress, { node24: args.node24 }));
  }

  const torchEnv: TorchOutcome | null =
    kernels !== null
      ? kernels.torch
      : args.torch
        ? { available: false, reason: "kernels not run (see the epoch tables)" }
        : null;
  const env = describeEnv(tsgrad, tfjs, torchEnv);
  const elapsedS = (performance.now() - start) / 1000;

  const out: string[] = [renderEnv(env), ""];
  if (kernels !== null) out.push(...kernels.lines, "");
  if (epochs !== null) out.push(...renderEpochPart(epochs));
  out.push(`bench took ${elapsedS.toFixed(1)} s (sections: ${[...args.parts].join(", ")})`);
  process.stdout.write(`${out.join("\n")}\n`);

  if (args.json !== null) {
    const report = {
      env,
      quick: args.quick,
      sections: [...args.parts],
      ...(kernels === null
        ? {}
        : {
            timing: { ...kernels.timing, quick: args.quick },
            defaultImpl: kernels.defaultImpl,
            cases: kernels.cases,
            targets: kernels.targets,
            targets19: kernels.targets19,
          }),
      ...(epochs === null ? {} : { epochs }),
      elapsedS,
    };
    mkdirSync(dirname(args.json), { recursive: true });
    writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);
    progress(`wrote ${args.json}`);
  }
  return 0;
}

process.exitCode = await main();
