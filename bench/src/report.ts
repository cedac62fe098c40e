// From timings to what a reader wants: per-implementation rows with throughput and time
// ratios against tsgrad, and the tensor issue's targets checked against the same run.
import { SECTION_TITLES, type Section, type Work } from "./cases.js";
import type { CaseResult } from "./suite.js";
import { MISMATCH_TOLERANCE } from "./suite.js";
import { type Column, fmtNum, renderTable } from "./table.js";
import type { Timing } from "./timing.js";

export interface ImplRow {
  impl: string;
  medianMs: number;
  iqrPct: number;
  repsPerSample: number;
  samplesMs: number[];
  /** GFLOP/s or Melem/s (see the case's unit). */
  throughput: number;
  /** time(tsgrad-b) / time(this impl), by tsgrad implementation name: < 1 means tsgrad is faster. */
  ratios: Record<string, number>;
  /** Max relative difference from tsgrad-js's result; null when not checked (torch). */
  relError: number | null;
}

export interface CaseReport {
  id: string;
  section: Section;
  op: string;
  unit: Work["unit"];
  rows: ImplRow[];
  tfjsTensorDelta: number;
}

export interface TargetCheck {
  target: string;
  caseId: string;
  op: string;
  /** The measured quantity: GFLOP/s, or a time ratio tsgrad / peer. */
  measured: number | null;
  kind: "GFLOP/s" | "ratio";
  threshold: number;
  /** null: could not be checked in this run (peer or backend missing). */
  pass: boolean | null;
}

function throughput(work: Work, ms: number): number {
  return work.unit === "GFLOP/s" ? work.flops / (ms * 1e6) : work.elements / (ms * 1e3);
}

/** Threads of a row, from its name: "-2t" rows ran on 2 threads, every other on 1. */
export function threadsOf(impl: string): number {
  const m = /-(\d+)t$/.exec(impl);
  return m === null ? 1 : Number(m[1]);
}

export function caseReport(
  result: CaseResult,
  torch: ReadonlyMap<string, Timing>,
  tsgradImpls: readonly string[],
): CaseReport {
  const timings = new Map(result.timings);
  for (const [name, t] of torch) timings.set(name, t);
  const rows: ImplRow[] = [];
  for (const [impl, t] of timings) {
    const ratios: Record<string, number> = {};
    for (const ts of tsgradImpls) {
      const own = timings.get(ts);
      if (own !== undefined) ratios[ts] = own.medianMs / t.medianMs;
    }
    rows.push({
      impl,
      medianMs: t.medianMs,
      iqrPct: t.iqrPct,
      repsPerSample: t.repsPerSample,
      samplesMs: t.samplesMs,
      throughput: throughput(result.kase.work, t.medianMs),
      ratios,
      relError: result.errors.get(impl) ?? null,
    });
  }
  return {
    id: result.kase.id,
    section: result.kase.section,
    op: result.kase.op,
    unit: result.kase.work.unit,
    rows,
    tfjsTensorDelta: result.tfjsTensorDelta,
  };
}

function row(c: CaseReport, impl: string): ImplRow | undefined {
  return c.rows.find((r) => r.impl === impl);
}

/** The targets of the tensor issue, checked on this run's numbers. */
export function checkTargets(cases: readonly CaseReport[], defaultImpl: string): TargetCheck[] {
  const out: TargetCheck[] = [];
  const add = (c: CaseReport, target: string, kind: TargetCheck["kind"], threshold: number, v?: number) => {
    const measured = v === undefined || !Number.isFinite(v) ? null : v;
    const pass =
      measured === null ? null : kind === "GFLOP/s" ? measured >= threshold : measured <= threshold;
    out.push({ target, caseId: c.id, op: c.op, measured, kind, threshold, pass });
  };
  for (const c of cases) {
    if (c.section === "gemm") {
      add(c, "tsgrad-wasm >= 15 GFLOP/s", "GFLOP/s", 15, row(c, "tsgrad-wasm")?.throughput);
      add(c, "tsgrad-js >= 2.5 GFLOP/s", "GFLOP/s", 2.5, row(c, "tsgrad-js")?.throughput);
      add(
        c,
        `${defaultImpl} >= 4x faster than tfjs-cpu`,
        "ratio",
        0.25,
        row(c, "tfjs-cpu")?.ratios[defaultImpl],
      );
      add(
        c,
        `${defaultImpl} not slower than tfjs-wasm`,
        "ratio",
        1,
        row(c, "tfjs-wasm")?.ratios[defaultImpl],
      );
    } else if (c.section === "elementwise") {
      // Like for like: tidy's reused memory against the loop that reuses its buffer, fresh
      // results against the loop that allocates one per call.
      for (const b of ["js", "wasm"]) {
        const pairs = [
          [`tsgrad-${b}`, "loop-reuse"],
          [`tsgrad-${b} fresh`, "loop"],
        ] as const;
        for (const [ts, loopName] of pairs) {
          const own = row(c, ts);
          const loop = row(c, loopName);
          if (own !== undefined)
            add(
              c,
              `${ts} within 1.5x of a Float32Array ${loopName}`,
              "ratio",
              1.5,
              loop === undefined ? undefined : own.medianMs / loop.medianMs,
            );
        }
      }
    }
  }
  return out;
}

/** Issue 19's GEMM targets: the big products (not the MLP's small layer) in GFLOP/s. */
export function checkTargets19(
  cases: readonly CaseReport[],
  baseline: string,
  threadsNote: string,
): TargetCheck[] {
  const out: TargetCheck[] = [];
  for (const c of cases) {
    if (c.section !== "gemm-mlp" || c.op.includes("x[256,10]")) continue;
    for (const [impl, threshold, label] of [
      ["tsgrad-wasm", 38, `1 thread: tsgrad-wasm >= 38 GFLOP/s (${baseline})`],
      ["tsgrad-wasm-2t", 70, "2 threads: tsgrad-wasm-2t >= 70 GFLOP/s"],
    ] as const) {
      const v = row(c, impl)?.throughput;
      const measured = v === undefined || !Number.isFinite(v) ? null : v;
      out.push({
        target:
          measured === null && impl.endsWith("-2t") && threadsNote !== ""
            ? `${label} [${threadsNote}]`
            : label,
        caseId: c.id,
        // the whole op with its shape (renderTargets shows what comes before a double space)
        op: c.op.replace(/\s{2,}/g, " "),
        measured,
        kind: "GFLOP/s",
        threshold,
        pass: measured === null ? null : measured >= threshold,
      });
    }
  }
  return out;
}

function fmtErr(e: number | null): string {
  if (e === null) return "";
  if (e === 0) return "0";
  if (!Number.isFinite(e)) return "MISMATCH";
  const s = e.toExponential(0);
  return e > MISMATCH_TOLERANCE ? `${s} MISMATCH` : s;
}

export function renderSection(
  section: Section,
  cases: readonly CaseReport[],
  tsgradImpls: readonly string[],
): string {
  const mine = cases.filter((c) => c.section === section);
  if (mine.length === 0) return "";
  const unit = mine[0]!.unit;
  const columns: Column[] = [
    { header: "op", align: "left" },
    { header: "impl", align: "left" },
    { header: "thr", align: "right" },
    { header: "us/op", align: "right" },
    { header: "+-%", align: "right" },
    { header: unit, align: "right" },
    ...tsgradImpls.map((ts): Column => ({ header: `${ts}/impl`, align: "right" })),
    { header: "rel err", align: "left" },
  ];
  const rows: string[][] = [];
  for (const c of mine) {
    c.rows.forEach((r, i) => {
      rows.push([
        i === 0 ? c.op : "",
        r.impl,
        String(threadsOf(r.impl)),
        fmtNum(r.medianMs * 1000),
        fmtNum(r.iqrPct),
        fmtNum(r.throughput),
        ...tsgradImpls.map((ts) => (r.impl === ts ? "1" : fmtNum(r.ratios[ts] ?? Number.NaN))),
        fmtErr(r.relError),
      ]);
    });
  }
  return `${SECTION_TITLES[section]}\n${renderTable(columns, rows)}`;
}

export function renderTargets(
  targets: readonly TargetCheck[],
  title = "Targets (tensor issue), from this run",
): string {
  const columns: Column[] = [
    { header: "target", align: "left" },
    { header: "op", align: "left" },
    { header: "measured", align: "right" },
    { header: "", align: "left" },
  ];
  const rows = targets.map((t) => {
    let measured = "-";
    if (t.measured !== null) {
      measured =
        t.kind === "GFLOP/s"
          ? `${fmtNum(t.measured)} GFLOP/s`
          : t.measured <= 1
            ? `${fmtNum(t.measured)}x time (${fmtNum(1 / t.measured)}x faster)`
            : `${fmtNum(t.measured)}x time (${fmtNum(t.measured)}x slower)`;
    }
    const verdict = t.pass === null ? "n/a (not measured)" : t.pass ? "ok" : "MISS";
    return [t.target, t.op.split("  ")[0]!, measured, verdict];
  });
  return `${title}\n${renderTable(columns, rows)}`;
}
