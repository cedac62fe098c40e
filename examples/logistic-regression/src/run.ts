// Runs the variants, prints what happens (human text or JSON lines) and writes the run's files:
// summary.json, loss.svg (train and test loss) and accuracy.svg.
import { join } from "node:path";
import { toJson } from "@tsgrad/example-kit";
import { lineChartSvg, saveFile } from "@tsgrad/plot";
import {
  angleToTruth,
  type Data,
  DEFAULTS,
  directionOf,
  type EpochRecord,
  type HyperParameters,
  type Metrics,
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
  /** An epoch line for every epoch, not only every tenth. */
  verbose: boolean;
  /** Folder for summary.json, loss.svg and accuracy.svg. */
  out: string;
}

export const DEFAULT_OPTIONS: RunOptions = {
  ...DEFAULTS,
  variants: ["scratch", "concise"],
  json: false,
  verbose: false,
  out: join("runs", "logistic-regression"),
};

export interface Summary {
  event: "summary";
  example: "logistic-regression";
  hyperParameters: HyperParameters & { variants: Variant[] };
  trueW: number[];
  trueB: number;
  classCounts: { train: [number, number]; test: [number, number] };
  results: (Omit<VariantResult, "history" | "final"> &
    Metrics & { direction: number[]; trueDirection: number[]; angleDegrees: number })[];
  files: string[];
}

const TITLES: Record<Variant, string> = {
  scratch: "scratch: hand-written sigmoid and binary cross-entropy, sgd",
  concise: "concise: Sequential(Linear(2, 1)), BCEWithLogitsLoss, SGD",
};

/** Four decimals; exponent notation for the huge values of a run with an absurd learning rate. */
const f4 = (x: number) => (Math.abs(x) >= 1e4 ? x.toExponential(3) : x.toFixed(4));
const fmtVector = (xs: readonly number[]) => `[${xs.map(f4).join(", ")}]`;
const metricsLine = (m: Metrics) =>
  `train loss ${f4(m.trainLoss)}, train acc ${f4(m.trainAcc)}, test loss ${f4(m.testLoss)}, test acc ${f4(m.testAcc)}`;

function describeData(data: Data, print: Print): void {
  const { train, test } = data;
  print(
    `Logistic regression on syntheticLogistic: label 1 where sigmoid(X w* + b*) + N(0, 0.05²) > 0.5, ` +
      `w* = [${TRUE_W.join(", ")}], b* = ${TRUE_B}`,
  );
  print(
    `${train.labels.shape[0]} train examples (class 0: ${train.counts[0]}, class 1: ${train.counts[1]}), ` +
      `${test.labels.shape[0]} test examples (class 0: ${test.counts[0]}, class 1: ${test.counts[1]})`,
  );
}

function describeResult(r: VariantResult, hp: HyperParameters, print: Print): void {
  if (r.diverged) {
    const d = r.diverged;
    const what =
      d.reason === "grew"
        ? `the loss grew to ${f4(d.loss)} at minibatch ${d.batch} with learning rate ${hp.lr}, more than 10 times its ${f4(d.start!)} at the start`
        : `the loss became ${d.loss} at minibatch ${d.batch} with learning rate ${hp.lr}`;
    print(`epoch ${d.epoch}: ${what}; training stopped.`);
    const why =
      d.reason === "grew"
        ? "each step pushed the scores so far that the examples on the wrong side of the boundary cost more than at the start"
        : "the weights grew so large that float32 overflowed (Infinity, then NaN)";
    print(
      `The learning rate ${hp.lr} is too large: ${why}. Try a smaller --lr, such as ` +
        `${Number((hp.lr / 10).toPrecision(3))} (the default is ${DEFAULTS.lr}).`,
    );
    // The weights are huge or NaN now; the last finished epoch is all there is to show.
    const last = r.history.at(-1);
    if (last) print(`after epoch ${last.epoch}: ${metricsLine(last)}`);
    return;
  }
  print(`final: ${metricsLine(r.final)}`);
  print(
    `learned w = ${fmtVector(r.w)}, b = ${f4(r.b)}    (true w* = ${fmtVector(TRUE_W)}, b* = ${f4(TRUE_B)})`,
  );
  print(
    `direction of (w, b) = ${fmtVector(directionOf(r.w, r.b))} vs (w*, b*) = ` +
      `${fmtVector(directionOf(TRUE_W, TRUE_B))}: ${angleToTruth(r.w, r.b).toFixed(2)}° apart`,
  );
}

export async function run(options: RunOptions, print: Print): Promise<Summary> {
  const { variants, json, verbose, out, ...hp } = options;
  const data = makeData(hp);
  if (!json) {
    describeData(data, print);
    print(`lr ${hp.lr}, batch size ${hp.batchSize}, ${hp.epochs} epochs, seed ${hp.seed}`);
  }
  const onEpoch = (r: EpochRecord) => {
    if (json) print(toJson({ event: "epoch", example: "logistic-regression", ...r }));
    else if (verbose || r.epoch === 1 || r.epoch % 10 === 0 || r.epoch === hp.epochs) {
      print(`epoch ${String(r.epoch).padStart(3)}: ${metricsLine(r)}`);
    }
  };

  const results: VariantResult[] = [];
  for (const variant of variants) {
    if (!json) print(`\n== ${TITLES[variant]} ==`);
    const r = TRAINERS[variant](data, hp, onEpoch);
    results.push(r);
    if (!json) describeResult(r, hp, print);
  }
  if (!json && results.every((r) => !r.diverged)) {
    print(
      "\nThe learned (w, b) is larger than (w*, b*) but points the same way: the labels are a threshold " +
        "of sigmoid(X w* + b*), nearly noise-free, so scaling (w, b) up keeps lowering the loss. Only the " +
        "decision boundary w·x + b = 0, i.e. the direction, is identified.",
    );
  }

  const files = ["summary.json", "loss.svg", "accuracy.svg"].map((f) => join(out, f));
  const summary: Summary = {
    event: "summary",
    example: "logistic-regression",
    hyperParameters: { ...hp, variants },
    trueW: [...TRUE_W],
    trueB: TRUE_B,
    classCounts: { train: data.train.counts, test: data.test.counts },
    results: results.map(({ history: _h, final, ...r }) => ({
      ...r,
      ...final,
      direction: directionOf(r.w, r.b),
      trueDirection: directionOf(TRUE_W, TRUE_B),
      angleDegrees: angleToTruth(r.w, r.b),
    })),
    files,
  };
  // The file keeps the per-epoch history too.
  const history = Object.fromEntries(
    results.map((r) => [r.variant, r.history.map(({ variant: _v, ...e }) => e)]),
  );
  await saveFile(files[0]!, `${toJson({ ...summary, history }, 2)}\n`);
  await saveFile(files[1]!, curves(results, ["trainLoss", "testLoss"], "loss", hp.lr));
  await saveFile(files[2]!, curves(results, ["trainAcc", "testAcc"], "accuracy", hp.lr));

  if (json) print(toJson(summary));
  else print(`\nwrote ${files.join(", ")}`);
  return summary;
}

const LABELS: Record<keyof Metrics, string> = {
  trainLoss: "train loss",
  testLoss: "test loss",
  trainAcc: "train acc",
  testAcc: "test acc",
};

/** Curves of the given metrics against epoch, one per variant and metric. */
export function curves(
  results: VariantResult[],
  keys: (keyof Metrics)[],
  ylabel: string,
  lr: number,
): string {
  const series = results.flatMap((r) =>
    keys.map((k) => ({
      name: results.length > 1 ? `${r.variant} ${LABELS[k]}` : LABELS[k],
      data: r.history.map((e): [number, number] => [e.epoch, e[k]]),
    })),
  );
  return lineChartSvg(series, { title: `logistic regression, lr ${lr}`, xlabel: "epoch", ylabel });
}
