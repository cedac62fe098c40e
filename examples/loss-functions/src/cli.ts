// Command-line options, checked so that a typo is a one-line message naming the option and
// the value (a UsageError, exit status 2), before any work.
import {
  integerOption,
  type LabCommand,
  numberOption,
  parseArgv,
  positiveOption,
  UsageError,
} from "@tsgrad/example-kit";

export interface Options {
  /** The target y that every prediction is compared with. */
  target: number;
  /** Huber's threshold δ, > 0 (PyTorch's default 1). */
  delta: number;
  /** The predictions ŷ plotted: [low, high]. */
  range: [number, number];
  /** Number of predictions in the range, evenly spaced, both ends included. */
  points: number;
  out: string;
  /** One JSON object on stdout instead of the text. */
  json: boolean;
}

export const DEFAULT_OPTIONS: Options = {
  target: 0,
  delta: 1,
  range: [-3, 3],
  points: 601,
  out: "runs/loss-functions",
  json: false,
};

/** More points than pixels only makes the SVGs big. */
export const MAX_POINTS = 100_000;

const d = DEFAULT_OPTIONS;

export const HELP = `Usage: pnpm loss-functions [-- options]

The loss functions of Dive into Deep Learning 3.1.3, with tsgrad: the squared loss ½(ŷ − y)²,
the L1 loss |ŷ − y| and the Huber loss (PyTorch's, threshold δ) over a range of predictions ŷ
for one target y, each with its derivative dl/dŷ computed by autograd (backward() of the
elementwise losses), and the normal densities behind the squared loss for (μ, σ) = (0, 1),
(0, 2) and (3, 1), as in d2l's figure. Prints the values at nine predictions and writes
loss.svg, derivative.svg, normal.svg, report.html and summary.json. (Nothing is trained, so
the training examples' --lr, --epochs, --batch-size and --seed do not apply.)

Options:
  --target Y      the target y, a number (default ${d.target})
  --delta D       Huber's threshold δ, a positive number (default ${d.delta})
  --range LO,HI   the predictions ŷ plotted, LO < HI (default ${d.range.join(",")})
  --points N      predictions in the range, evenly spaced, from 2 to ${MAX_POINTS} (default ${d.points})
  --out DIR       output folder (default ${d.out}); checked before any work
  --json          print one JSON summary object instead of the text
  -h, --help      this help

Exit status: 0, 2 for a bad option.`;

const OPTIONS = {
  target: { type: "string" },
  delta: { type: "string" },
  range: { type: "string" },
  points: { type: "string" },
  out: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

function rangeOption(text: string): [number, number] {
  const parts = text.split(",");
  const [lo, hi] = parts.map(Number);
  if (
    parts.length !== 2 ||
    parts.some((p) => p.trim() === "") ||
    !Number.isFinite(lo) ||
    !Number.isFinite(hi) ||
    !(lo! < hi!)
  ) {
    throw new UsageError(`--range must be two numbers LO,HI with LO < HI, got '${text}'`);
  }
  return [lo!, hi!];
}

function pointsOption(text: string): number {
  const n = integerOption("points", text, 2);
  if (n > MAX_POINTS) throw new UsageError(`--points must be at most ${MAX_POINTS}, got '${text}'`);
  return n;
}

export type Command = LabCommand<Options>;

/** Parses the arguments after the script name; throws UsageError on anything unexpected. */
export function parseCli(argv: readonly string[]): Command {
  const v = parseArgv(argv, OPTIONS);
  if (v.help) return { help: true };
  return {
    help: false,
    options: {
      target: v.target === undefined ? d.target : numberOption("target", v.target),
      delta: v.delta === undefined ? d.delta : positiveOption("delta", v.delta),
      range: v.range === undefined ? [d.range[0], d.range[1]] : rangeOption(v.range),
      points: v.points === undefined ? d.points : pointsOption(v.points),
      out: v.out ?? d.out,
      json: v.json ?? false,
    },
  };
}
