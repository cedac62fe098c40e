// pnpm bench: the kernel table of the tensor issue (tsgrad's backends against a hand-written
// loop, TensorFlow.js cpu and wasm, and PyTorch where it is installed), then issue 8's
// epoch-level workloads (softmax regression on Fashion-MNIST, memory, linear and logistic
// regression, data loading), each peer in its own child process, peers alternating. Every ratio
// comes from one run on one machine. Progress goes to stderr, the report to stdout.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { performance } from "node:perf_hooks";
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
  renderRegression,
  renderSoftmax,
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
import { runTorch, type TorchOutcome } from "./peers/torch.js";
import { detectTsgrad, type TsgradInfo } from "./peers/tsgrad.js";
import {
  type CaseReport,
  caseReport,
  checkTargets,
  renderSection,
  renderTargets,
  type TargetCheck,
} from "./report.js";
import { type CaseResult, runCase } from "./suite.js";
import { DEFAULT_TIMING, QUICK_TIMING, type TimingConfig } from "./timing.js";

const SECTIONS: readonly Section[] = ["gemm", "elementwise", "reduction"];
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
  torch: TorchOutcome | null;
  lines: string[];
}

async function runKernels(
  args: Args,
  tsgrad: TsgradInfo,
  tfjs: Awaited<ReturnType<typeof initTfjs>>,
): Promise<KernelPart> {
  const timing = args.quick ? QUICK_TIMING : DEFAULT_TIMING;
  const results: CaseResult[] = [];
  for (const c of CASES) {
    progress(`timing ${c.id} ...`);
    results.push(await runCase(c, { tsgrad, tfjs, timing }));
  }
  let torch: TorchOutcome | null = null;
  if (args.torch) {
    progress("timing PyTorch kernels (child process) ...");
    torch = runTorch(
      CASES.map((c) => c.id),
      timing,
    );
  }
  const tsgradImpls = tsgrad.backends.map((b) => `tsgrad-${b}`);
  const defaultImpl = tsgradImpls.includes(`tsgrad-${tsgrad.defaultBackend}`)
    ? `tsgrad-${tsgrad.defaultBackend}`
    : "tsgrad-js";
  const cases: CaseReport[] = results.map((r) =>
    caseReport(r, torch?.available ? torch.run.results.get(r.kase.id) : undefined, tsgradImpls),
  );
  const targets = checkTargets(cases, defaultImpl);
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
  out.push(renderTargets(targets), "");
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
  return { timing, defaultImpl, cases, targets, torch, lines: out };
}

function renderEpochPart(r: EpochReport): string[] {
  const out: string[] = [];
  const add = (s: string) => {
    if (s !== "") out.push(s, "");
  };
  add(renderTorchSetup(r));
  add(renderSoftmax(r));
  add(renderMemory(r));
  add(renderRegression(r));
  add(renderData(r));
  add(renderEpochTargets(r));
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
  for (const p of ["softmax", "regression", "data"] as const) if (args.parts.has(p)) epochParts.add(p);
  let epochs: EpochReport | null = null;
  if (epochParts.size > 0) {
    const cfg: EpochConfig = { ...(args.quick ? QUICK_EPOCHS : FULL_EPOCHS) };
    if (args.long) cfg.memoryEpochs = LONG_MEMORY_EPOCHS;
    cfg.memoryScratch = args.long;
    const torch = detectTorch(args.torch);
    epochs = epochReport(await runEpochs(epochParts, cfg, torch, progress));
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
