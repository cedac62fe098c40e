// Runs the variants, prints what happens (human text or JSON lines) and writes the run's files:
// summary.json and a loss curve, loss.svg.
import { join } from "node:path";
import { toJson } from "@tsgrad/example-kit";
import { lineChartSvg, saveFile } from "@tsgrad/plot";
import {
  DEFAULTS,
  type EpochRecord,
  type HyperParameters,
  makeData,
  TRAINERS,
  TRUE_B,
  TRUE_W,
  type Variant,
  type VariantResult,
} from "./lab.js";

export type Print = (line: string) => void;

export interface RunOptions extends HyperParameters {
  variants: Variant[];
  /** One JSON object per line on stdout instead of the text. */
  json: boolean;
  /** Folder for summary.json and loss.svg. */
  out: string;
}

export const DEFAULT_OPTIONS: RunOptions = {
  ...DEFAULTS,
  variants: ["scratch", "concise"],
  json: false,
  out: join("runs", "linear-regression"),
};

export interface Summary {
  event: "summary";
  example: "linear-regression";
  hyperParameters: HyperParameters & { variants: Variant[] };
  trueW: number[];
  trueB: number;
  results: (Omit<VariantResult, "initialLoss" | "losses"> & { finalLoss: number })[];
  files: string[];
}

const TITLES: Record<Variant, string> = {
  scratch: "scratch (d2l 3.2): linreg, squaredLoss ½(ŷ − y)², sgd",
  concise: "concise (d2l 3.3): Sequential(Linear(2, 1)), MSELoss (ŷ − y)², SGD",
};

// The smallest loss reachable: the labels carry N(0, 0.01²) noise, so the squared loss
// ½(ŷ − y)² cannot go below ½·0.01² on average, and MSE not below 0.01².
const NOISE_FLOOR: Record<Variant, number> = { scratch: 0.5 * 0.01 ** 2, concise: 0.01 ** 2 };

/** Six decimals, as d2l prints losses; exponent notation for what a diverging run produces. */
export const fmt = (x: number) => (Math.abs(x) >= 1e4 ? x.toExponential(4) : x.toFixed(6));
const fmtVector = (xs: number[]) => `[${xs.map(fmt).join(", ")}]`;

/** A tenth of the learning rate, to suggest: 0.3 for 3. */
export const smallerLr = (lr: number) => Number((lr / 10).toPrecision(3));

function explainDivergence(r: VariantResult, hp: HyperParameters, print: Print): void {
  const d = r.diverged!;
  const where = d.batch === 0 ? "on the whole data set" : `at minibatch ${d.batch}`;
  const what =
    d.reason === "grew"
      ? `the loss grew to ${fmt(d.loss)} ${where} with learning rate ${hp.lr}, more than 10 times its ${fmt(d.start!)} at the start`
      : `the loss became ${d.loss} ${where} with learning rate ${hp.lr}`;
  print(`epoch ${d.epoch}: ${what}; training stopped.`);
  const grows =
    d.reason === "grew"
      ? "grows geometrically (left alone, it would overflow float32: Infinity, then NaN)"
      : "grows geometrically until it overflows float32 (Infinity, then NaN)";
  print(
    `The learning rate ${hp.lr} is too large: each step jumps past the minimum and lands farther away ` +
      `on the other side, so the error ${grows}. Try a smaller --lr, such as ${smallerLr(hp.lr)} ` +
      `(the default is ${DEFAULTS.lr}).`,
  );
}

function explainSlowness(r: VariantResult, hp: HyperParameters, print: Print): void {
  const last = r.losses.at(-1);
  if (last === undefined || last < 10 * NOISE_FLOOR[r.variant]) return;
  const curve = [r.initialLoss, ...r.losses];
  const rose = curve.some((loss, i) => i > 0 && loss > curve[i - 1]!);
  const ratio = last / NOISE_FLOOR[r.variant];
  const times = ratio < 1e6 ? ratio.toFixed(0) : ratio.toExponential(1);
  if (last > r.initialLoss) {
    print(
      `note: the loss ended higher than before training (${fmt(r.initialLoss)}): with learning rate ` +
        `${hp.lr} every step overshoots by more than it corrects, so training is diverging; a few more ` +
        "epochs would overflow to Infinity (try a smaller --lr).",
    );
  } else if (rose) {
    print(
      `note: the loss went up on the way and is still ${times} times the noise floor: with learning ` +
        `rate ${hp.lr} the steps bounce across the minimum instead of settling (try a smaller --lr).`,
    );
  } else {
    print(
      `note: the loss is still ${times} times the noise floor after ${hp.epochs} epochs: the ` +
        `learning rate ${hp.lr} is too small to get there in time (try a larger --lr or more --epochs).`,
    );
  }
}

export async function run(options: RunOptions, print: Print): Promise<Summary> {
  const { variants, json, out, ...hp } = options;
  const data = makeData(hp);
  if (!json) {
    print(
      `Linear regression on ${hp.numExamples} synthetic examples: y = X w* + b* + N(0, 0.01²), ` +
        `w* = [${TRUE_W.join(", ")}], b* = ${TRUE_B}`,
    );
    print(`lr ${hp.lr}, batch size ${hp.batchSize}, ${hp.epochs} epochs, seed ${hp.seed}`);
  }
  const onEpoch = (r: EpochRecord) => {
    if (json) print(toJson({ event: "epoch", example: "linear-regression", ...r }));
    else print(`epoch ${r.epoch}, loss ${fmt(r.loss)}`);
  };

  const results: VariantResult[] = [];
  for (const variant of variants) {
    if (!json) print(`\n== ${TITLES[variant]} ==`);
    const r = TRAINERS[variant](data, hp, onEpoch);
    results.push(r);
    if (json) continue;
    if (r.diverged) explainDivergence(r, hp, print);
    else {
      print(`error in estimating w: ${fmtVector(r.wError)}`);
      print(`error in estimating b: ${fmt(r.bError)}`);
      explainSlowness(r, hp, print);
    }
  }

  const files = [join(out, "summary.json"), join(out, "loss.svg")];
  const summary: Summary = {
    event: "summary",
    example: "linear-regression",
    hyperParameters: { ...hp, variants },
    trueW: [...TRUE_W],
    trueB: TRUE_B,
    results: results.map(({ initialLoss: _i, losses, ...r }) => ({
      ...r,
      finalLoss: losses.at(-1) ?? Number.NaN,
    })),
    files,
  };
  // The file keeps the whole loss history too (epoch 0 is the loss before training).
  const history = Object.fromEntries(results.map((r) => [r.variant, [r.initialLoss, ...r.losses]]));
  await saveFile(files[0]!, `${toJson({ ...summary, history }, 2)}\n`);
  await saveFile(files[1]!, lossChart(results, hp.lr));

  if (json) print(toJson(summary));
  else print(`\nwrote ${files.join(" and ")}`);
  return summary;
}

/** Loss against epoch, on a log scale: it falls by orders of magnitude in three epochs. */
export function lossChart(results: VariantResult[], lr: number): string {
  const series = results.map((r) => ({
    name: `${r.variant} (${r.variant === "scratch" ? "½ squared" : "MSE"})`,
    data: [r.initialLoss, ...r.losses].map((loss, epoch): [number, number] => [epoch, loss]),
  }));
  return lineChartSvg(series, {
    title: `linear regression, lr ${lr}`,
    xlabel: "epoch",
    ylabel: "loss on all data",
    yscale: "log",
  });
}
