// One variant of a Fashion-MNIST classifier example, around the example's own model and train
// call: the epoch lines of --json, a divergence turned into the summary's `diverged`, the
// predictions on the first test images, the summary, and its text at the end.
import { getBackend } from "@tsgrad/tensor";
import {
  type EpochRecord,
  type Net,
  predict,
  TrainingDivergedError,
  type TrainOptions,
  type TrainResult,
} from "@tsgrad/trainer";
import type { Variant } from "../cli.js";
import type { Divergence } from "../divergence.js";
import { toJson } from "../json.js";
import type { DataSource, FashionMnistData } from "./data.js";

/** Where a run stopped because it diverged, with the trainer's message. */
export interface TrainingDivergence extends Divergence {
  message: string;
}

/** The summary's `diverged`: what a TrainingDivergedError says, as data. */
export function divergenceOf(e: TrainingDivergedError): TrainingDivergence {
  return {
    epoch: e.epoch,
    batch: e.batch,
    // The trainer's rule: a NaN or infinite batch loss (no start), or a loss above 10 times its start.
    reason: e.start === undefined ? "not finite" : "grew",
    loss: e.loss,
    start: e.start ?? null,
    message: e.message,
  };
}

export interface VariantOptions {
  variant: Variant;
  epochs: number;
  lr: number;
  batchSize: number;
  seed: number;
  /** Output folder of this variant (chart.svg, report.html, predictions.png); none when undefined. */
  out: string | undefined;
  /** One JSON object per epoch and a summary on `print`, instead of the human view. */
  json: boolean;
  print: (line: string) => void;
  /** Number of test images to show with their predictions. */
  predictN: number;
  /** Print nothing at all (tests). */
  quiet?: boolean;
}

/** Facts for the summary and the report: numbers or words. */
export type Facts = Readonly<Record<string, string | number>>;

/** What an example's own training code returns: the trained network and train's result. */
export interface Trained {
  net: Net;
  result: TrainResult;
}

export interface VariantSetup<X extends Facts> {
  /** The chart's and the report's title. */
  title: string;
  /** The example's own hyper-parameters: after the common ones in the summary and the report. */
  facts: X;
  /** The example's default --lr, named when the run diverged. */
  defaultLr: number;
  /**
   * Builds the model and trains it with `train(..., options)`: the example's own code. The
   * options show the run (a live view, or nothing with --json), write the chart and the report,
   * and collect the epochs; a TrainingDivergedError thrown ends up in the summary.
   */
  fit(options: TrainOptions): Promise<Trained>;
}

export type VariantSummary<X extends Facts = Record<never, never>> = {
  variant: Variant;
  epochs: number;
  lr: number;
  batchSize: number;
  seed: number;
} & X & {
    backend: string;
    trainLoss: number;
    trainAcc: number;
    testAcc: number;
    /** Test accuracy after each epoch. */
    testAccHistory: number[];
    secondsPerEpoch: number;
    predictions: { true: string; pred: string }[];
    files: Record<string, string>;
    /** Where the Fashion-MNIST files came from. */
    data: DataSource;
    /** Why training stopped early, or null (the metrics are then the last finished epoch's). */
    diverged: TrainingDivergence | null;
  };

/**
 * Trains one variant through `setup.fit`, then shows its predictions on the first test images
 * and prints the summary: one JSON line with --json, else the results (or, when it diverged, why
 * and what to try).
 */
export async function runClassifierVariant<X extends Facts = Record<never, never>>(
  o: VariantOptions,
  data: FashionMnistData,
  setup: VariantSetup<X>,
): Promise<VariantSummary<X>> {
  // Each variant shuffles the same way, whichever ran before it.
  data.generator.manualSeed(o.seed + 1);
  const facts = { variant: o.variant, epochs: o.epochs, lr: o.lr, batchSize: o.batchSize, seed: o.seed };
  const history: EpochRecord[] = [];
  let trained: Trained | null = null;
  let diverged: TrainingDivergence | null = null;
  try {
    trained = await setup.fit({
      outDir: o.out,
      title: setup.title,
      quiet: o.json || o.quiet,
      // Named in the message if the run diverges (a scratch updater is a plain function).
      lr: o.lr,
      onEpoch: (r) => {
        history.push(r);
        if (o.json) o.print(toJson({ variant: o.variant, ...r }));
      },
      report: { facts: { ...facts, ...setup.facts, backend: getBackend() } },
    });
  } catch (e) {
    if (!(e instanceof TrainingDivergedError)) throw e;
    diverged = divergenceOf(e);
  }
  const result = trained?.result;
  const files: Record<string, string> = {};
  if (result?.chart) files.chart = result.chart;
  if (result?.report) files.report = result.report;
  const png = o.out === undefined || trained === null ? undefined : `${o.out}/predictions.png`;
  // A diverged model's predictions mean nothing: none are shown.
  const shown =
    trained === null
      ? { trueLabels: [], predLabels: [] }
      : await predict(trained.net, data.testIter, { n: o.predictN, ...(png ? { png } : {}) });
  if (png) files.predictions = png;
  // After a resume, train's history also holds the epochs before it; onEpoch saw only the new ones.
  const done = result?.history ?? history;
  const final = done.at(-1);
  const summary: VariantSummary<X> = {
    ...facts,
    ...setup.facts,
    backend: getBackend(),
    trainLoss: final?.trainLoss ?? Number.NaN,
    trainAcc: final?.trainAcc ?? Number.NaN,
    testAcc: final?.testAcc ?? Number.NaN,
    testAccHistory: done.map((r) => r.testAcc),
    secondsPerEpoch: done.reduce((s, r) => s + r.seconds, 0) / done.length,
    predictions: shown.trueLabels.map((t, i) => ({ true: t, pred: shown.predLabels[i]! })),
    files,
    data: data.source,
    diverged,
  };
  if (o.json) o.print(toJson({ summary }));
  else if (!o.quiet) printSummary(summary, setup.defaultLr, o.print);
  return summary;
}

function printSummary(s: VariantSummary, defaultLr: number, print: (line: string) => void): void {
  if (s.diverged !== null) {
    print(`${s.variant}: ${s.diverged.message.replace(/^train: /, "")}.`);
    print(
      `The learning rate ${s.lr} is too large: each step overshoots the minimum, so the loss grows ` +
        `instead of falling (the default --lr is ${defaultLr}).`,
    );
    return;
  }
  print(
    `${s.variant}: train loss ${s.trainLoss.toFixed(3)}, train acc ${s.trainAcc.toFixed(3)}, ` +
      `test acc ${s.testAcc.toFixed(3)}, ${s.secondsPerEpoch.toFixed(2)} s/epoch (${s.backend} backend)`,
  );
  print(`predictions (true → predicted): ${s.predictions.map((p) => `${p.true} → ${p.pred}`).join(", ")}`);
  for (const [k, v] of Object.entries(s.files)) print(`  ${k}: ${v}`);
}
