// From worker results to tables: softmax regression per peer (median s/epoch, accuracy, eval
// time, peak RSS, ratios), memory over epochs, linear/logistic regression, data loading, and the
// targets of issue 8 as ok/MISS lines.
import { type Summary, summarize } from "../stats.js";
import { type Column, fmtNum, renderTable } from "../table.js";
import type { MemPoint, SoftmaxResult } from "./protocol.js";
import type { EpochResults } from "./run.js";

export interface SoftmaxRow {
  peer: string;
  detail: string;
  /** Threads the peer was allowed. */
  threads: number;
  runs: number;
  /** Epochs each process trained (warm-up included). */
  runEpochs: number;
  /** Seconds of each process's whole run (every epoch, warm-up included): what a learner waits for. */
  runS: Summary;
  /** Milliseconds per timed epoch, over all processes. */
  epoch: Summary;
  warmupS: number[];
  testAcc: number;
  /** Distinct test accuracies over the runs (all equal when a peer is deterministic). */
  testAccs: number[];
  trainLoss: number;
  evalMs: Summary;
  loadMs: number;
  maxRssMB: number;
  labelHash: string;
  /** time(tsgrad-concise-wasm) / time(this peer), time(tsgrad-concise-js) / time(this peer). */
  ratioWasm: number;
  ratioJs: number;
}

export interface MemoryRow {
  peer: string;
  run: string;
  epochs: number;
  first: MemPoint;
  last: MemPoint;
  /**
   * Growth of the JS heap (after gc) per epoch over the second half of the run, KB: a steady
   * leak shows here after start-up effects (JIT feedback, lazy caches) have settled. Null
   * without heap readings or with fewer than 4 epochs.
   */
  heapKBPerEpoch: number | null;
  maxRssMB: number;
  /** Every epoch's reading. */
  series: MemPoint[];
}

export interface RegressionRow {
  run: string;
  /** Median ms/epoch by peer. */
  ms: Record<string, Summary>;
  finalLoss: Record<string, number>;
}

export interface DataTableRow {
  peer: string;
  what: string;
  firstMs: number | null;
  ms: Summary;
}

export interface EpochTarget {
  target: string;
  measured: string;
  value: number | null;
  threshold: number;
  pass: boolean | null;
}

export interface EpochReport {
  softmax: SoftmaxRow[];
  sameBatches: boolean | null;
  /** Issue 19's MLP rows, the same columns. */
  mlp: SoftmaxRow[];
  mlpSameBatches: boolean | null;
  skipped: EpochResults["skipped"];
  threads: EpochResults["threads"];
  node24: EpochResults["node24"];
  /** Issue 19's targets that the epoch runs answer. */
  targets19: EpochTarget[];
  memory: MemoryRow[];
  regression: RegressionRow[];
  regressionPeers: string[];
  data: DataTableRow[];
  targets: EpochTarget[];
  failures: EpochResults["failures"];
  torch: EpochResults["torch"];
  config: EpochResults["config"];
}

function median(xs: readonly number[]): number {
  return summarize(xs).medianMs;
}

function softmaxRows(results: readonly SoftmaxResult[]): SoftmaxRow[] {
  const byPeer = new Map<string, SoftmaxResult[]>();
  for (const r of results) byPeer.set(r.peer, [...(byPeer.get(r.peer) ?? []), r]);
  const rows: SoftmaxRow[] = [];
  for (const [peer, rs] of byPeer) {
    const last = rs[rs.length - 1]!;
    rows.push({
      peer,
      detail: last.detail,
      threads: last.threads,
      runs: rs.length,
      runEpochs: last.warmupS.length + last.epochS.length,
      // seconds, kept in the Summary's ms fields as seconds
      runS: summarize(rs.map((r) => [...r.warmupS, ...r.epochS].reduce((a, b) => a + b, 0))),
      epoch: summarize(rs.flatMap((r) => r.epochS.map((x) => x * 1000))),
      warmupS: rs.flatMap((r) => r.warmupS),
      testAcc: median(rs.map((r) => r.testAcc)),
      testAccs: [...new Set(rs.map((r) => r.testAcc))],
      trainLoss: median(rs.map((r) => r.trainLoss)),
      evalMs: summarize(rs.flatMap((r) => r.evalMs)),
      loadMs: median(rs.map((r) => r.loadMs)),
      maxRssMB: Math.max(...rs.map((r) => r.maxRssMB)),
      labelHash: last.labelHash,
      ratioWasm: Number.NaN,
      ratioJs: Number.NaN,
    });
  }
  const t = (p: string) => rows.find((r) => r.peer === p)?.epoch.medianMs ?? Number.NaN;
  for (const r of rows) {
    r.ratioWasm = t("tsgrad-concise-wasm") / r.epoch.medianMs;
    r.ratioJs = t("tsgrad-concise-js") / r.epoch.medianMs;
  }
  return rows;
}

/**
 * JS heap growth per epoch: the least-squares slope of heap used over `points` (KB/epoch),
 * null with fewer than 4 points. A fit over every point, not last minus first, so one epoch
 * whose gc left a little more behind does not read as a trend.
 */
export function heapSlopeKB(points: readonly MemPoint[]): number | null {
  const xy = points.flatMap((p) => (p.heapMB === null ? [] : [[p.epoch, p.heapMB * 1024] as const]));
  if (xy.length < 4) return null;
  const mx = xy.reduce((s, [x]) => s + x, 0) / xy.length;
  const my = xy.reduce((s, [, y]) => s + y, 0) / xy.length;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of xy) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  return sxx === 0 ? null : sxy / sxx;
}

function memoryRow(r: SoftmaxResult, run: string): MemoryRow | null {
  if (r.task === "mlp") run = `MLP ${run}`;
  const first = r.mem[0];
  const last = r.mem[r.mem.length - 1];
  if (first === undefined || last === undefined) return null;
  const heapKBPerEpoch = heapSlopeKB(r.mem.slice(Math.floor((r.mem.length - 1) / 2)));
  return {
    peer: r.peer,
    run,
    epochs: r.mem.length,
    first,
    last,
    heapKBPerEpoch,
    maxRssMB: r.maxRssMB,
    series: r.mem,
  };
}

/** The growth of RSS between epoch 1 and the last epoch that still counts as flat. */
export const FLAT_RSS_GROWTH_MB = 25;
/** JS heap growth per epoch (second half of the run, after gc) that still counts as no leak. */
export const FLAT_HEAP_KB_PER_EPOCH = 16;

export function epochReport(res: EpochResults): EpochReport {
  const softmax = softmaxRows(res.softmax);
  const hashes = new Set(softmax.map((r) => r.labelHash));
  const memory: MemoryRow[] = [];
  for (const r of res.memory) {
    const m = memoryRow(r, "memory run");
    if (m !== null) memory.push(m);
  }
  for (const r of res.mlpMemory) {
    const m = memoryRow(r, "memory run");
    if (m !== null) memory.push(m);
  }
  const seen = new Set<string>();
  for (const r of [...res.softmax, ...res.mlp]) {
    if (seen.has(`${r.task}/${r.peer}`)) continue;
    seen.add(`${r.task}/${r.peer}`);
    const m = memoryRow(r, r.task === "mlp" ? "run" : "softmax run");
    // Timed runs sample memory without a forced gc, so their heap slope is only noise.
    if (m !== null) memory.push({ ...m, heapKBPerEpoch: null });
  }

  const regressionPeers = [...new Set(res.regression.map((r) => r.peer))];
  const runNames = [...new Set(res.regression.flatMap((r) => Object.keys(r.runs)))];
  const regression: RegressionRow[] = runNames.map((run) => {
    const ms: Record<string, Summary> = {};
    const finalLoss: Record<string, number> = {};
    for (const p of regressionPeers) {
      const rs = res.regression
        .filter((r) => r.peer === p)
        .flatMap((r) => (r.runs[run] ? [r.runs[run]] : []));
      if (rs.length === 0) continue;
      ms[p] = summarize(rs.flatMap((x) => x.epochMs));
      finalLoss[p] = rs[rs.length - 1]!.finalLoss;
    }
    return { run, ms, finalLoss };
  });

  const data: DataTableRow[] = res.data.flatMap((d) =>
    d.rows.map((r) => ({ peer: d.peer, what: r.what, firstMs: r.firstMs, ms: summarize(r.ms) })),
  );

  const mlp = softmaxRows(res.mlp);
  return {
    softmax,
    sameBatches: softmax.length === 0 ? null : hashes.size === 1,
    mlp,
    mlpSameBatches: mlp.length === 0 ? null : new Set(mlp.map((r) => r.labelHash)).size === 1,
    skipped: res.skipped,
    threads: res.threads,
    node24: res.node24,
    targets19: issue19Targets(softmax, mlp, memory, regression, res),
    memory,
    regression,
    regressionPeers,
    data,
    targets: epochTargets(softmax, memory, res),
    failures: res.failures,
    torch: res.torch,
    config: res.config,
  };
}

function epochTargets(
  softmax: readonly SoftmaxRow[],
  memory: readonly MemoryRow[],
  res: EpochResults,
): EpochTarget[] {
  if (softmax.length === 0) return [];
  const out: EpochTarget[] = [];
  const torchPeer = fastestPeer(softmax, torchPeers(res, "", 1)) ?? "torch-openblas";
  const s = (p: string) => softmax.find((r) => r.peer === p)?.epoch.medianMs;
  const ratio = (a: string, b: string): number | null => {
    const x = s(a);
    const y = s(b);
    return x === undefined || y === undefined ? null : x / y;
  };
  const addRatio = (target: string, a: string, b: string, threshold: number) => {
    const v = ratio(a, b);
    const measured =
      v === null
        ? "-"
        : `${fmtNum(s(a)! / 1000)} / ${fmtNum(s(b)! / 1000)} s = ${fmtNum(v)}x (${v <= 1 ? `${fmtNum(1 / v)}x faster` : `${fmtNum(v)}x slower`})`;
    out.push({ target, measured, value: v, threshold, pass: v === null ? null : v <= threshold });
  };
  addRatio(
    `concise, wasm: <= 0.8x PyTorch+OpenBLAS s/epoch (faster protocol: ${torchPeer})`,
    "tsgrad-concise-wasm",
    torchPeer,
    0.8,
  );
  addRatio("concise, wasm: <= 0.2x TF.js wasm s/epoch", "tsgrad-concise-wasm", "tfjs-wasm", 0.2);
  addRatio("concise, pure JS: <= 0.25x TF.js cpu s/epoch", "tsgrad-concise-js", "tfjs-cpu", 0.25);
  addRatio("scratch within 1.5x of concise (wasm)", "tsgrad-scratch-wasm", "tsgrad-concise-wasm", 1.5);
  addRatio("scratch within 1.5x of concise (js)", "tsgrad-scratch-js", "tsgrad-concise-js", 1.5);

  const tsRows = softmax.filter((r) => r.peer.startsWith("tsgrad-"));
  const worst = tsRows.reduce<SoftmaxRow | null>(
    (w, r) => (w === null || r.maxRssMB > w.maxRssMB ? r : w),
    null,
  );
  out.push({
    target: "peak RSS <= 400 MB (softmax run, worst tsgrad peer)",
    measured: worst === null ? "-" : `${fmtNum(worst.maxRssMB)} MB (${worst.peer})`,
    value: worst?.maxRssMB ?? null,
    threshold: 400,
    pass: worst === null ? null : worst.maxRssMB <= 400,
  });

  const long = memory.filter((m) => m.run === "memory run");
  const flatRows =
    long.length > 0 ? long : memory.filter((m) => m.peer.startsWith("tsgrad-") && !m.run.startsWith("MLP"));
  // V8 enlarges its young generation in steps up to a fixed maximum (8 → 16 → 32 MB of
  // semi-spaces) once enough bytes have survived scavenges since the last step, however few
  // objects are live; that shows in RSS as the committed JS heap (heapTotal) growing. The
  // check counts the rest of RSS's growth: typed arrays, wasm memory, native memory. A JS
  // leak is the heap-slope check's job below.
  const growth = flatRows.map((m) => {
    const rss = m.last.rssMB - m.first.rssMB;
    const v8 =
      m.last.heapTotalMB === null || m.first.heapTotalMB === null
        ? 0
        : Math.max(0, m.last.heapTotalMB - m.first.heapTotalMB);
    return { m, rss, v8, g: rss - v8 };
  });
  const worstGrowth = growth.reduce<(typeof growth)[number] | null>(
    (w, x) => (w === null || x.g > w.g ? x : w),
    null,
  );
  const epochs = worstGrowth?.m.epochs ?? res.config.memoryEpochs;
  const signed = (v: number) => `${v >= 0 ? "+" : ""}${fmtNum(v)}`;
  out.push({
    target: `memory flat: RSS epoch 1 -> ${epochs}, less V8's young-gen growth, grows <= ${FLAT_RSS_GROWTH_MB} MB${epochs < 50 ? " (50 epochs: --long)" : ""}`,
    measured:
      worstGrowth === null
        ? "-"
        : `${signed(worstGrowth.g)} MB (RSS ${fmtNum(worstGrowth.m.first.rssMB)} -> ${fmtNum(worstGrowth.m.last.rssMB)}, ${signed(worstGrowth.rss)}; V8 heap ${signed(worstGrowth.v8)}; ${worstGrowth.m.peer})`,
    value: worstGrowth?.g ?? null,
    threshold: FLAT_RSS_GROWTH_MB,
    pass: worstGrowth === null ? null : worstGrowth.g <= FLAT_RSS_GROWTH_MB,
  });

  const slopes = flatRows.filter((m) => m.heapKBPerEpoch !== null);
  const worstSlope = slopes.reduce<MemoryRow | null>(
    (w, m) => (w === null || m.heapKBPerEpoch! > w.heapKBPerEpoch! ? m : w),
    null,
  );
  out.push({
    target: `no steady JS-heap growth: <= ${FLAT_HEAP_KB_PER_EPOCH} KB/epoch after gc (2nd half of the run)`,
    measured:
      worstSlope === null
        ? "-"
        : `${fmtNum(worstSlope.heapKBPerEpoch!)} KB/epoch (${worstSlope.peer}, ${worstSlope.epochs} epochs)`,
    value: worstSlope?.heapKBPerEpoch ?? null,
    threshold: FLAT_HEAP_KB_PER_EPOCH,
    pass: worstSlope === null ? null : worstSlope.heapKBPerEpoch! <= FLAT_HEAP_KB_PER_EPOCH,
  });

  const ev = softmax.find((r) => r.peer === "tsgrad-concise-wasm");
  out.push({
    target: "test-set evaluation (10,000 images) <= 30 ms, concise wasm",
    measured: ev === undefined ? "-" : `${fmtNum(ev.evalMs.medianMs)} ms`,
    value: ev?.evalMs.medianMs ?? null,
    threshold: 30,
    pass: ev === undefined ? null : ev.evalMs.medianMs <= 30,
  });
  return out;
}

/** The tuned PyTorch's base name (OpenBLAS, else the system default), or null without torch. */
function tunedTorch(res: EpochResults): string | null {
  return res.torch.configs.find((c) => c.peer !== "torch-refblas")?.peer ?? null;
}

/**
 * The tuned PyTorch's rows of one workload at `threads`: its uint8 and preloaded-float32
 * protocols (run.ts names them <base><variant>[-f32][-2t]).
 */
function torchPeers(res: EpochResults, variant: string, threads: number): string[] {
  const base = tunedTorch(res);
  if (base === null) return [];
  const t = threads === 1 ? "" : `-${threads}t`;
  return [`${base}${variant}${t}`, `${base}${variant}-f32${t}`];
}

/** The faster (lower median s/epoch, or whole run with `run`) of `peers` that ran. */
function fastestPeer(rows: readonly SoftmaxRow[], peers: readonly string[], run = false): string | null {
  let best: SoftmaxRow | null = null;
  const v = (r: SoftmaxRow) => (run ? r.runS.medianMs : r.epoch.medianMs);
  for (const r of rows) if (peers.includes(r.peer) && (best === null || v(r) < v(best))) best = r;
  return best?.peer ?? null;
}

function issue19Targets(
  softmax: readonly SoftmaxRow[],
  mlp: readonly SoftmaxRow[],
  memory: readonly MemoryRow[],
  regression: readonly RegressionRow[],
  res: EpochResults,
): EpochTarget[] {
  const out: EpochTarget[] = [];
  const skippedWhy = (p: string) => res.skipped.find((k) => k.peer === p)?.reason;
  /** time(a) / time(fastest of bs) <= threshold, s/epoch or (run) the whole run. */
  const vs = (
    target: string,
    rows: readonly SoftmaxRow[],
    a: string,
    bs: readonly string[],
    threshold: number,
    run = false,
  ) => {
    if (rows.length === 0) return;
    const ra = rows.find((r) => r.peer === a);
    const bName = fastestPeer(rows, bs, run);
    const rb = rows.find((r) => r.peer === bName);
    if (ra === undefined || rb === undefined) {
      const why =
        skippedWhy(a) ?? (ra === undefined ? `${a} not run` : `${bs.join(" / ") || "PyTorch"} not run`);
      out.push({ target, measured: why, value: null, threshold, pass: null });
      return;
    }
    const x = run ? ra.runS.medianMs : ra.epoch.medianMs / 1000;
    const y = run ? rb.runS.medianMs : rb.epoch.medianMs / 1000;
    const v = x / y;
    out.push({
      target,
      measured: `${fmtNum(x)} / ${fmtNum(y)} s${run ? ` (${ra.runEpochs} epochs)` : ""} = ${fmtNum(v)}x vs ${rb.peer}`,
      value: v,
      threshold,
      pass: v <= threshold,
    });
  };
  const ts = "tsgrad-concise-wasm";
  if (mlp.length > 0) {
    for (const v of ["concise", "scratch"] as const)
      vs(
        `1 thread: MLP ${v} <= 1.4x PyTorch+OpenBLAS 1 thread`,
        mlp,
        `tsgrad-${v}-wasm`,
        torchPeers(res, `-${v}`, 1),
        1.4,
      );
    for (const v of ["concise", "scratch"] as const)
      vs(
        `2 threads: MLP ${v} <= 1.3x PyTorch+OpenBLAS 2 threads`,
        mlp,
        `tsgrad-${v}-wasm-2t`,
        torchPeers(res, `-${v}`, 2),
        1.3,
      );
  }
  vs(
    "2 threads: softmax concise <= 0.6x PyTorch 2 threads",
    softmax,
    `${ts}-2t`,
    torchPeers(res, "", 2),
    0.6,
  );
  vs(
    "ch. 3: softmax concise <= 0.8x PyTorch, 1 thread, faster protocol",
    softmax,
    ts,
    torchPeers(res, "", 1),
    0.8,
  );
  vs(
    "ch. 3: softmax concise whole run (warm-up incl.) <= PyTorch's",
    softmax,
    ts,
    torchPeers(res, "", 1),
    1,
    true,
  );
  vs("ch. 3: softmax concise <= 0.2x TF.js wasm", softmax, ts, ["tfjs-wasm"], 0.2);
  const main = res.torch.configs[0]?.peer;
  for (const row of regression.filter((r) => r.run.startsWith("linreg"))) {
    const a = row.ms["tsgrad-wasm"];
    const b = main === undefined ? undefined : row.ms[main];
    const v = a === undefined || b === undefined ? null : a.medianMs / b.medianMs;
    out.push({
      target: `ch. 3: ${row.run} epoch no slower than PyTorch (wasm)`,
      measured: v === null ? "-" : `${fmtNum(a!.medianMs)} / ${fmtNum(b!.medianMs)} ms = ${fmtNum(v)}x`,
      value: v,
      threshold: 1,
      pass: v === null ? null : v <= 1,
    });
  }
  if (mlp.length > 0) {
    vs("MLP concise <= 0.1x TF.js wasm (TF.js: 1-2 epochs)", mlp, ts, ["tfjs-wasm"], 0.1);
    const tsRows = mlp.filter((r) => r.peer.startsWith("tsgrad-"));
    const worst = tsRows.reduce<SoftmaxRow | null>(
      (w, r) => (w === null || r.maxRssMB > w.maxRssMB ? r : w),
      null,
    );
    out.push({
      target: "memory: peak RSS of the MLP run <= 500 MB (worst tsgrad peer)",
      measured: worst === null ? "-" : `${fmtNum(worst.maxRssMB)} MB (${worst.peer})`,
      value: worst?.maxRssMB ?? null,
      threshold: 500,
      pass: worst === null ? null : worst.maxRssMB <= 500,
    });
    const runs = memory.filter((m) => m.run === "MLP memory run");
    const growth = runs.map((m) => {
      const v8 =
        m.last.heapTotalMB === null || m.first.heapTotalMB === null
          ? 0
          : Math.max(0, m.last.heapTotalMB - m.first.heapTotalMB);
      return { m, g: m.last.rssMB - m.first.rssMB - v8, rss: m.last.rssMB - m.first.rssMB, v8 };
    });
    const w = growth.reduce<(typeof growth)[number] | null>(
      (a, x) => (a === null || x.g > a.g ? x : a),
      null,
    );
    const n = w?.m.epochs ?? res.config.mlp.memoryEpochs;
    const signed = (v: number) => `${v >= 0 ? "+" : ""}${fmtNum(v)}`;
    out.push({
      target: `memory: MLP flat, RSS epoch 1 -> ${n} less V8's young-gen growth <= ${FLAT_RSS_GROWTH_MB} MB${n < 50 ? " (50 epochs: --long)" : ""}`,
      measured:
        w === null
          ? "-"
          : `${signed(w.g)} MB (RSS ${fmtNum(w.m.first.rssMB)} -> ${fmtNum(w.m.last.rssMB)}; V8 heap ${signed(w.v8)}; ${w.m.peer})`,
      value: w?.g ?? null,
      threshold: FLAT_RSS_GROWTH_MB,
      pass: w === null ? null : w.g <= FLAT_RSS_GROWTH_MB,
    });
    const slopes = runs.filter((m) => m.heapKBPerEpoch !== null);
    const ws = slopes.reduce<MemoryRow | null>(
      (a, m) => (a === null || m.heapKBPerEpoch! > a.heapKBPerEpoch! ? m : a),
      null,
    );
    out.push({
      target: `memory: MLP JS heap <= ${FLAT_HEAP_KB_PER_EPOCH} KB/epoch after gc (2nd half of the run)`,
      measured:
        ws === null ? "-" : `${fmtNum(ws.heapKBPerEpoch!)} KB/epoch (${ws.peer}, ${ws.epochs} epochs)`,
      value: ws?.heapKBPerEpoch ?? null,
      threshold: FLAT_HEAP_KB_PER_EPOCH,
      pass: ws === null ? null : ws.heapKBPerEpoch! <= FLAT_HEAP_KB_PER_EPOCH,
    });
  }
  return out;
}

// ---- rendering -------------------------------------------------------------------------------

function pct(v: number): string {
  return Number.isFinite(v) ? `${(100 * v).toFixed(2)}%` : "-";
}

function ratioCell(peer: string, own: string, v: number): string {
  return peer === own ? "1" : fmtNum(v);
}

function trainTable(
  rows: readonly SoftmaxRow[],
  skipped: readonly EpochResults["skipped"][number][],
  withJs: boolean,
) {
  const columns: Column[] = [
    { header: "peer", align: "left" },
    { header: "thr", align: "right" },
    { header: "s/epoch", align: "right" },
    { header: "+-%", align: "right" },
    { header: "n", align: "right" },
    { header: "warm-up s/ep", align: "right" },
    { header: "run s", align: "right" },
    { header: "test acc", align: "right" },
    { header: "eval ms", align: "right" },
    { header: "peak RSS MB", align: "right" },
    { header: "ts-wasm/peer", align: "right" },
    ...(withJs ? [{ header: "ts-js/peer", align: "right" } as Column] : []),
  ];
  const cells = rows.map((s) => [
    s.peer,
    String(s.threads),
    fmtNum(s.epoch.medianMs / 1000),
    fmtNum(s.epoch.iqrPct),
    String(s.epoch.samplesMs.length),
    s.warmupS.length === 0 ? "-" : fmtNum(median(s.warmupS)),
    `${fmtNum(s.runS.medianMs)} (${s.runEpochs})`,
    pct(s.testAcc) + (s.testAccs.length > 1 ? "*" : ""),
    fmtNum(s.evalMs.medianMs),
    fmtNum(s.maxRssMB),
    ratioCell(s.peer, "tsgrad-concise-wasm", s.ratioWasm),
    ...(withJs ? [ratioCell(s.peer, "tsgrad-concise-js", s.ratioJs)] : []),
  ]);
  for (const k of skipped)
    cells.push([k.peer, String(k.threads), k.reason.startsWith("threads n/a") ? "threads n/a" : "n/a"]);
  return renderTable(columns, cells);
}

function skippedNotes(skipped: readonly EpochResults["skipped"][number][]): string[] {
  return [...new Set(skipped.map((k) => k.reason))].map(
    (why) =>
      `  not run (${skipped
        .filter((k) => k.reason === why)
        .map((k) => k.peer)
        .join(", ")}): ${why}`,
  );
}

const RUN_S_NOTE =
  "run s: the whole run of one process, every epoch, warm-up included (what a learner waits for; median over processes), its epoch count in ()";
const THREADS_NOTE =
  "thr: threads (tsgrad setNumThreads + TSGRAD_NUM_THREADS; torch.set_num_threads + OMP/OPENBLAS/MKL_NUM_THREADS); TF.js wasm is single-threaded: " +
  "its threaded build needs Emscripten pthreads (Web Workers + SharedArrayBuffer), which the bench leaves off in Node (WASM_HAS_MULTITHREAD_SUPPORT=false), as everywhere in this bench";
const TORCH_PROTOCOL_NOTE =
  "torch rows: uint8 images held as one tensor, X_u8[idx].float().div_(255) per batch; -f32: the whole set preloaded as float32 once (outside the timed epochs), X_f32[idx] per batch; -2t: 2 threads; targets compare with the faster protocol";

export function renderSoftmax(r: EpochReport): string {
  if (r.softmax.length === 0) return "";
  const c = r.config;
  const skipped = r.skipped.filter((k) => k.task === "softmax");
  const lines = [
    `Softmax regression on Fashion-MNIST (batch 256, lr 0.1; ${c.rounds} processes per peer, each ${c.warmup} warm-up + ${c.epochs} timed epochs, peers alternating)`,
    trainTable(r.softmax, skipped, true),
    "s/epoch: median over the timed epochs of all processes (warm-up excluded); warm-up s/ep: median of the warm-up " +
      "epochs (the first, while V8 and PyTorch warm up); test acc: after " +
      `${c.warmup + c.epochs} epochs; eval ms: 10,000 test images, batch 256 (median of ${c.evalReps} per process); ` +
      "peak RSS: the worker process's maxRSS; ts-wasm/peer = time(tsgrad-concise-wasm) / time(peer), < 1: tsgrad faster",
    RUN_S_NOTE,
    THREADS_NOTE,
    TORCH_PROTOCOL_NOTE,
    `same batches for every peer (label hash of epoch 1): ${r.sameBatches === null ? "-" : r.sameBatches ? "yes" : "NO"}` +
      (r.softmax.some((s) => s.testAccs.length > 1) ? "; * test accuracy differed between runs" : ""),
    ...r.softmax.map((s) => `  ${s.peer}: ${s.detail}`),
    ...skippedNotes(skipped),
  ];
  return lines.join("\n");
}

export function renderMlp(r: EpochReport): string {
  const skipped = r.skipped.filter((k) => k.task === "mlp");
  if (r.mlp.length === 0 && skipped.length === 0) return "";
  const m = r.config.mlp;
  const lines = [
    `MLP 784-256-10 on Fashion-MNIST (issue 19: Linear(784, 256), ReLU, Linear(256, 10), batch 256, lr 0.1, SGD; ${m.rounds} process(es) per peer, ` +
      `each ${m.warmup} warm-up + ${m.epochs} timed epochs; TF.js wasm ${m.tfjsEpochs > 0 ? `${m.tfjsWarmup} warm-up + ${m.tfjsEpochs} epoch(s) only, about 30 s each` : "skipped"})`,
    trainTable(r.mlp, skipped, false),
    "concise: Sequential(Flatten, Linear, ReLU, Linear), default (kaiming-uniform) init, CrossEntropyLoss, SGD; scratch: d2l 4.2, W ~ N(0, 0.01), " +
      "relu = max(X, 0), functional sgd; every peer of a variant starts from tsgrad's initial parameters and sees the same batches; " +
      "ts-wasm/peer = time(tsgrad-concise-wasm) / time(peer)",
    RUN_S_NOTE,
    THREADS_NOTE,
    TORCH_PROTOCOL_NOTE,
    `same batches for every peer (label hash of epoch 1): ${r.mlpSameBatches === null ? "-" : r.mlpSameBatches ? "yes" : "NO"}`,
    ...r.mlp.map((s) => `  ${s.peer}: ${s.detail}`),
    ...skippedNotes(skipped),
  ];
  return lines.join("\n");
}

export function renderNode24(r: EpochReport): string {
  if (r.node24 === null) return "";
  const n = r.node24;
  return n.bin === null
    ? `Node 24 rows: none (${n.note})`
    : `Node 24 rows (-node24): ${n.bin} (v${n.version}, ${n.note}); the other Node rows run on this process's ${process.version}`;
}

export function renderTargets19(r: EpochReport): string {
  if (r.targets19.length === 0) return "";
  const rows = r.targets19.map((t) => [
    t.target,
    t.measured,
    t.pass === null
      ? t.measured.startsWith("threads n/a")
        ? "n/a (threads n/a)"
        : "n/a (not measured)"
      : t.pass
        ? "ok"
        : "MISS",
  ]);
  const columns: Column[] = [
    { header: "target", align: "left" },
    { header: "measured", align: "left" },
    { header: "", align: "left" },
  ];
  return `Targets (issue 19, epochs; GEMM ones are in the kernels' table), from this run\n${renderTable(columns, rows)}`;
}

export function renderMemory(r: EpochReport): string {
  if (r.memory.length === 0) return "";
  const columns: Column[] = [
    { header: "peer", align: "left" },
    { header: "run", align: "left" },
    { header: "epochs", align: "right" },
    { header: "RSS e1", align: "right" },
    { header: "RSS eN", align: "right" },
    { header: "heap e1", align: "right" },
    { header: "heap eN", align: "right" },
    { header: "V8 e1", align: "right" },
    { header: "V8 eN", align: "right" },
    { header: "ext e1", align: "right" },
    { header: "ext eN", align: "right" },
    { header: "heap KB/ep", align: "right" },
    { header: "peak RSS", align: "right" },
  ];
  const mb = (v: number | null) => (v === null ? "-" : fmtNum(v));
  const rows = r.memory.map((m) => [
    m.peer,
    m.run,
    String(m.epochs),
    mb(m.first.rssMB),
    mb(m.last.rssMB),
    mb(m.first.heapMB),
    mb(m.last.heapMB),
    mb(m.first.heapTotalMB),
    mb(m.last.heapTotalMB),
    mb(m.first.externalMB),
    mb(m.last.externalMB),
    m.heapKBPerEpoch === null ? "-" : fmtNum(m.heapKBPerEpoch),
    mb(m.maxRssMB),
  ]);
  return [
    "Memory (MB) after epoch 1 and after the last epoch (Node, memory run: after a full gc; softmax run: as sampled, timed runs never" +
      " force a gc; heap = JS heap used, V8 = JS heap committed by V8 (it grows with V8's young generation, in RSS with no more live" +
      " objects), ext = typed arrays and wasm memory; heap KB/ep = JS heap growth per epoch, least-squares slope over the second half of the memory run)",
    renderTable(columns, rows),
  ].join("\n");
}

export function renderRegression(r: EpochReport): string {
  if (r.regression.length === 0) return "";
  const peers = r.regressionPeers;
  const torch = peers.find((p) => p.startsWith("torch"));
  const ts = peers.filter((p) => p.startsWith("tsgrad"));
  const columns: Column[] = [
    { header: "model", align: "left" },
    ...peers.map((p): Column => ({ header: `${p} ms`, align: "right" })),
    ...(torch === undefined ? [] : ts.map((p): Column => ({ header: `${p}/torch`, align: "right" }))),
  ];
  const rows = r.regression.map((row) => [
    row.run,
    ...peers.map((p) => fmtNum(row.ms[p]?.medianMs ?? Number.NaN)),
    ...(torch === undefined
      ? []
      : ts.map((p) => fmtNum((row.ms[p]?.medianMs ?? Number.NaN) / (row.ms[torch]?.medianMs ?? Number.NaN)))),
  ]);
  const c = r.config.regression;
  return [
    `Linear regression (1000 examples, batch 10, lr 0.03) and logistic regression (2000, batch 64, lr 0.5): ms per epoch, median of ${c.rounds} x ${c.epochs} epochs after ${c.warmup} warm-up`,
    renderTable(columns, rows),
  ].join("\n");
}

export function renderData(r: EpochReport): string {
  if (r.data.length === 0) return "";
  const columns: Column[] = [
    { header: "what", align: "left" },
    { header: "first ms", align: "right" },
    { header: "median ms", align: "right" },
    { header: "+-%", align: "right" },
    { header: "n", align: "right" },
  ];
  const rows = r.data.map((d) => [
    d.what,
    d.firstMs === null ? "-" : fmtNum(d.firstMs),
    fmtNum(d.ms.medianMs),
    fmtNum(d.ms.iqrPct),
    String(d.ms.samplesMs.length),
  ]);
  return [
    "Data loading: the four Fashion-MNIST files, and one shuffled epoch of batches alone (60,000 images, batch 256)",
    renderTable(columns, rows),
    "first: in a fresh process (module loading, JIT, page cache); median of the repetitions after it",
  ].join("\n");
}

export function renderEpochTargets(r: EpochReport): string {
  if (r.targets.length === 0) return "";
  const columns: Column[] = [
    { header: "target", align: "left" },
    { header: "measured", align: "left" },
    { header: "", align: "left" },
  ];
  const rows = r.targets.map((t) => [
    t.target,
    t.measured,
    t.pass === null ? "n/a (not measured)" : t.pass ? "ok" : "MISS",
  ]);
  return `Targets (issue 8), from this run\n${renderTable(columns, rows)}`;
}

export function renderTorchSetup(r: EpochReport): string {
  const t = r.torch;
  if (!t.available) return `PyTorch (epochs): ${t.reason}`;
  return (
    `PyTorch (epochs): ${t.configs.map((c) => `${c.peer} = ${c.label}${c.libDir ? ` via LD_LIBRARY_PATH=${c.libDir}` : ""}`).join("; ")}` +
    ` | system default libblas.so.3 -> ${t.systemBlas ?? "unknown"}`
  );
}

export function renderFailures(r: EpochReport): string {
  if (r.failures.length === 0) return "";
  return ["Failed runs:", ...r.failures.map((f) => `  ${f.task} ${f.peer}: ${f.error}`)].join("\n");
}
