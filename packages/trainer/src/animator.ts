// d2l's Animator for a terminal: during each epoch a progress bar with examples/s, after each
// epoch a redrawn chart of the curves (when the output is a TTY), or one plain log line per
// epoch otherwise; at the end an SVG chart and an HTML report in the output folder.
import { lineChartSvg, saveFile, terminalChart } from "@tsgrad/plot";
import {
  argError,
  checkFinite,
  checkInt,
  checkNumber,
  checkOptions,
  fmtValue,
  ValueError,
} from "@tsgrad/tensor";
import type { SingleBar } from "cli-progress";
import {
  checkOptionalBoolean,
  checkOptionalInt,
  checkOptionalString,
  checkPath,
  checkReportExtras,
} from "./args.js";

type CliProgress = typeof import("cli-progress");

/**
 * Where the Animator writes: process.stdout fits, and so does any object with `write` (a
 * browser console shim, a test's collector). Structural, so that the declarations need no
 * NodeJS namespace (a browser project has no @types/node).
 */
export interface AnimatorStream {
  /** Writes text (progress bars, charts, log lines); the return value is ignored. */
  write(s: string): unknown;
  /** A terminal: enables the live view by default. */
  isTTY?: boolean;
  /** The terminal's width, for the chart (default 80). */
  columns?: number;
}

/**
 * process.stdout in Node; elsewhere (a browser) the console, one call per line, not a TTY, so
 * the report comes as plain lines without the terminal's live view.
 */
function defaultStream(): AnimatorStream {
  const stdout = (globalThis as { process?: { stdout?: AnimatorStream } }).process?.stdout;
  if (stdout !== undefined) return stdout;
  let pending = "";
  return {
    write(s: string) {
      const lines = (pending + s).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) console.log(line);
      return true;
    },
  };
}

/** Options of {@link Animator} (d2l's `Animator(xlabel, legend, xlim...)` arguments, plus where to write). */
export interface AnimatorOptions {
  /** Curve names, in the order of the values given to `add` (d2l's legend). */
  legend?: readonly string[];
  /** Label of the chart's x axis (e.g. "epoch"). */
  xlabel?: string;
  /** Total number of epochs, for the progress bar and the chart's x range. */
  numEpochs?: number;
  /** Title of the chart and of the HTML report. */
  title?: string;
  /** Where `finish` writes chart.svg and report.html; nothing is written without it. */
  outDir?: string;
  /** Output stream (default process.stdout; where there is none, as in a browser, the console). */
  stream?: AnimatorStream;
  /** Live view (progress bar and redrawn chart); default: whether the stream is a TTY. */
  live?: boolean;
  /** Print nothing (e.g. with --json); `finish` still writes the files. */
  quiet?: boolean;
}

/** What {@link Animator.html} and {@link Animator.finish} add to the report. */
export interface ReportExtras {
  /** Hyper-parameters and other facts shown in the report's table. */
  facts?: Readonly<Record<string, string | number>>;
  /** Extra HTML sections (e.g. a prediction grid) appended to the report. */
  sections?: readonly { title: string; html: string }[];
}

const OPTIONS = ["legend", "xlabel", "numEpochs", "title", "outDir", "stream", "live", "quiet"];

function checkAnimatorOptions(options: AnimatorOptions): void {
  const fn = "Animator";
  checkOptions(fn, "options", options, OPTIONS);
  const o = options;
  if (o.legend !== undefined && (!Array.isArray(o.legend) || !o.legend.every((s) => typeof s === "string"))) {
    throw argError(fn, "legend", "an array of strings", o.legend);
  }
  checkOptionalString(fn, "xlabel", o.xlabel);
  checkOptionalInt(fn, "numEpochs", o.numEpochs, 0);
  checkOptionalString(fn, "title", o.title);
  if (o.outDir !== undefined) checkPath(fn, "outDir", o.outDir);
  const stream = o.stream as { write?: unknown } | undefined;
  if (
    stream !== undefined &&
    (typeof stream !== "object" || stream === null || typeof stream.write !== "function")
  ) {
    throw argError(fn, "stream", "a writable stream (an object with write)", stream);
  }
  checkOptionalBoolean(fn, "live", o.live);
  checkOptionalBoolean(fn, "quiet", o.quiet);
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * d2l's `Animator` for a terminal: during each epoch a progress bar with examples/s, after each
 * epoch a redrawn chart of the curves (when the output is a TTY), or one plain log line per
 * epoch otherwise; at the end an SVG chart and an HTML report in `outDir`. `train` drives one
 * when given `animator`; used alone, call `add(x, values)` after each epoch and `finish()`
 * at the end. Throws a `ValueError` for malformed options.
 *
 * @example
 * ```ts
 * const animator = new Animator({ legend: ["train loss", "test acc"], numEpochs: 3, outDir: "runs/demo" });
 * for (let epoch = 0; epoch < 3; epoch++) animator.add(epoch + 1, [1 / (epoch + 1), 0.7 + 0.05 * epoch]);
 * await animator.finish(); // { chart: "runs/demo/chart.svg", report: "runs/demo/report.html" }
 * ```
 */
export class Animator {
  /** The curve names (default `["train loss", "train acc", "test acc"]`). */
  readonly legend: readonly string[];
  /** x values and one y array per legend entry (NaN where a curve has no value yet). */
  readonly xs: number[] = [];
  /** One array of y values per legend entry, aligned with `xs`. */
  readonly ys: number[][];
  private readonly opts: AnimatorOptions;
  private readonly stream: AnimatorStream;
  private readonly live: boolean;
  private bar: SingleBar | null = null;
  // cli-progress is loaded on demand (see ready()): it needs Node's readline, and browser
  // bundles map it to nothing (package.json "browser" field).
  private progress: CliProgress | null = null;
  private chartLines = 0;

  constructor(options: AnimatorOptions = {}) {
    checkAnimatorOptions(options);
    this.opts = options;
    this.legend = options.legend ?? ["train loss", "train acc", "test acc"];
    this.ys = this.legend.map(() => []);
    this.stream = options.stream ?? defaultStream();
    this.live = !options.quiet && (options.live ?? Boolean(this.stream.isTTY));
  }

  /**
   * Loads the progress bar's library when the view is live; `train` awaits it before the first
   * epoch. Without it (or where it cannot load) the live view has the chart but no bar.
   */
  async ready(): Promise<void> {
    if (!this.live || this.progress !== null) return;
    try {
      const mod = (await import("cli-progress")) as CliProgress & { default?: CliProgress };
      const lib = mod.default ?? mod;
      if (typeof lib.SingleBar === "function") this.progress = lib;
    } catch {
      this.progress = null;
    }
  }

  /** Starts the progress bar of an epoch (live view only, once `ready()` has loaded it). */
  startEpoch(epoch: number, numBatches: number | undefined): void {
    checkInt("Animator.startEpoch", "epoch", epoch, 0);
    if (numBatches !== undefined) checkInt("Animator.startEpoch", "numBatches", numBatches, 0);
    const cliProgress = this.progress;
    if (!this.live || cliProgress === null) return;
    const total = this.opts.numEpochs ?? "?";
    this.bar = new cliProgress.SingleBar(
      {
        // cli-progress only calls write and reads isTTY and columns (also through readline's
        // cursor moves), whatever its types ask for.
        stream: this.stream as NodeJS.WritableStream,
        format: `epoch ${epoch}/${total} |{bar}| {value}/{total} batches | {rate} examples/s | loss {loss}`,
        hideCursor: true,
        clearOnComplete: true,
        barsize: 30,
        noTTYOutput: false,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(numBatches ?? 0, 0, { rate: "-", loss: "-" });
  }

  /** Advances the progress bar after a batch. */
  batch(done: number, examplesPerSecond: number, loss: number): void {
    // Once per batch, beside its forward and backward pass: three typeof.
    checkInt("Animator.batch", "done", done, 0);
    checkNumber("Animator.batch", "examplesPerSecond", examplesPerSecond);
    checkNumber("Animator.batch", "loss", loss);
    if (this.bar === null) return;
    if (this.bar.getTotal() < done) this.bar.setTotal(done);
    this.bar.update(done, {
      rate: Math.round(examplesPerSecond).toLocaleString("en-US"),
      loss: loss.toFixed(4),
    });
  }

  /** Stops the progress bar of the epoch, if one is running (`train` does when an epoch throws). */
  stop(): void {
    if (this.bar !== null) {
      this.bar.stop();
      this.bar = null;
    }
  }

  /** Adds a point per curve at x (d2l: `animator.add(epoch + 1, (loss, acc, testAcc))`), and shows it. */
  add(x: number, values: readonly (number | null | undefined)[], line?: string): void {
    const fn = "Animator.add";
    checkFinite(fn, "x", x);
    if (
      !Array.isArray(values) ||
      !values.every((v) => v === null || v === undefined || typeof v === "number")
    ) {
      throw argError(fn, "values", "an array of numbers (null or undefined where a curve has none)", values);
    }
    if (values.length > this.legend.length) {
      throw new ValueError(
        `${fn}: values has ${values.length} values but the legend has ${this.legend.length} curves, got ${fmtValue(values)}`,
      );
    }
    checkOptionalString(fn, "line", line);
    if (this.bar !== null) {
      this.bar.stop();
      this.bar = null;
    }
    this.xs.push(x);
    this.ys.forEach((ys, i) => {
      const v = values[i];
      ys.push(v === null || v === undefined ? Number.NaN : v);
    });
    if (this.opts.quiet) return;
    if (!this.live) {
      if (line !== undefined) this.stream.write(`${line}\n`);
      return;
    }
    const width = Math.min(Math.max((this.stream.columns ?? 80) - 2, 40), 100);
    const chart = terminalChart(this.#series(), {
      width,
      height: 10,
      title: this.opts.title,
      xlabel: this.opts.xlabel ?? "epoch",
      color: true,
    });
    // Log lines stay; the chart below them is erased and drawn again after each epoch.
    if (this.chartLines > 0) this.stream.write(`\x1b[${this.chartLines}A\x1b[0J`);
    if (line !== undefined) this.stream.write(`${line}\n`);
    this.stream.write(`${chart}\n`);
    this.chartLines = chart.split("\n").length;
  }

  #series(): { name: string; data: [number, number][] }[] {
    return this.legend.map((name, i) => ({
      name,
      data: this.xs.map((x, k) => [x, this.ys[i]![k]!] as [number, number]),
    }));
  }

  /** The curves as a standalone SVG chart. */
  svg(): string {
    const n = this.opts.numEpochs;
    return lineChartSvg(this.#series(), {
      title: this.opts.title,
      xlabel: this.opts.xlabel ?? "epoch",
      ...(n !== undefined && n > 1 ? { xlim: [1, n] as [number, number] } : {}),
    });
  }

  /** An HTML page with the chart, a table of every point, facts and extra sections. */
  html(extras: ReportExtras = {}): string {
    checkReportExtras("Animator.html", "extras", extras);
    const head = ["epoch", ...this.legend].map((h) => `<th>${escapeHtml(h)}</th>`).join("");
    const rows = this.xs
      .map(
        (x, k) =>
          `<tr><td>${x}</td>${this.ys.map((ys) => `<td>${Number.isNaN(ys[k]!) ? "" : ys[k]!.toFixed(4)}</td>`).join("")}</tr>`,
      )
      .join("\n");
    const facts = Object.entries(extras.facts ?? {})
      .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(String(v))}</td></tr>`)
      .join("\n");
    const sections = (extras.sections ?? [])
      .map((s) => `<h2>${escapeHtml(s.title)}</h2>\n${s.html}`)
      .join("\n");
    const title = escapeHtml(this.opts.title ?? "training report");
    return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse}td,th{padding:.2em .8em;border-bottom:1px solid #ddd;text-align:right}</style>
</head>
<body>
<h1>${title}</h1>
${this.svg().replace(/^<\?xml[^>]*>\s*/, "")}
${facts ? `<h2>Run</h2>\n<table>\n${facts}\n</table>` : ""}
<h2>Curves</h2>
<table>
<tr>${head}</tr>
${rows}
</table>
${sections}
</body>
</html>
`;
  }

  /** Writes chart.svg and report.html into outDir (when given); returns their paths. */
  async finish(extras: ReportExtras = {}): Promise<{ chart?: string; report?: string }> {
    checkReportExtras("Animator.finish", "extras", extras);
    if (this.bar !== null) {
      this.bar.stop();
      this.bar = null;
    }
    const dir = this.opts.outDir;
    if (dir === undefined) return {};
    const chart = `${dir}/chart.svg`;
    const report = `${dir}/report.html`;
    await saveFile(chart, this.svg());
    await saveFile(report, this.html(extras));
    return { chart, report };
  }
}
