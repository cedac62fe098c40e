// pnpm bench: the kernel table of the tensor issue. tsgrad (each backend) against a
// hand-written loop, TensorFlow.js cpu and wasm, and PyTorch where it is installed; every
// ratio comes from one run on one machine. Progress goes to stderr, the report to stdout.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs, USAGE, UsageError } from "./args.js";
import { CASES, type Section } from "./cases.js";
import { describeEnv, renderEnv } from "./env.js";
import { initTfjs } from "./peers/tfjs.js";
import { runTorch, type TorchOutcome } from "./peers/torch.js";
import { detectTsgrad } from "./peers/tsgrad.js";
import { type CaseReport, caseReport, checkTargets, renderSection, renderTargets } from "./report.js";
import { type CaseResult, runCase } from "./suite.js";
import { DEFAULT_TIMING, QUICK_TIMING } from "./timing.js";

const SECTIONS: readonly Section[] = ["gemm", "elementwise", "reduction"];
/** Interquartile range (% of the median) above which a row is called noisy. */
const NOISY_PCT = 15;

function progress(msg: string): void {
  process.stderr.write(`${msg}\n`);
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
  const timing = args.quick ? QUICK_TIMING : DEFAULT_TIMING;
  if ((globalThis as { gc?: unknown }).gc === undefined) {
    progress("bench: run with node --expose-gc for steadier numbers (pnpm bench does)");
  }

  const tsgrad = await detectTsgrad();
  const tfjs = await initTfjs();
  const results: CaseResult[] = [];
  for (const c of CASES) {
    progress(`timing ${c.id} ...`);
    results.push(await runCase(c, { tsgrad, tfjs, timing }));
  }

  let torch: TorchOutcome | null = null;
  if (args.torch) {
    progress("timing PyTorch (child process) ...");
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
  const env = describeEnv(tsgrad, tfjs, torch);
  const elapsedS = (performance.now() - start) / 1000;

  const out: string[] = [renderEnv(env), ""];
  out.push(
    `median of ${timing.rounds} samples per impl (>= ${timing.sampleMs} ms each, after ${timing.warmupMs} ms warm-up), ` +
      "JS peers interleaved round by round" +
      (torch?.available ? "; torch timed afterwards in its own process" : ""),
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
  out.push(`bench took ${elapsedS.toFixed(1)} s`);
  process.stdout.write(`${out.join("\n")}\n`);

  if (args.json !== null) {
    const report = { env, timing: { ...timing, quick: args.quick }, defaultImpl, cases, targets, elapsedS };
    mkdirSync(dirname(args.json), { recursive: true });
    writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);
    progress(`wrote ${args.json}`);
  }
  return 0;
}

process.exitCode = await main();
