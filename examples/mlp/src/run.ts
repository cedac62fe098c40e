// Trains one variant of the MLP: the model of scratch.ts or concise.ts and train from
// @tsgrad/trainer (live view or log lines, chart and report); the kit's runClassifierVariant
// around it shows its predictions on the first test images and prints the summary.
import {
  type FashionMnistData,
  runClassifierVariant,
  type VariantOptions,
  type VariantSummary,
} from "@tsgrad/example-kit/fashion-mnist";
import { type LossLike, type Net, train, type Updater } from "@tsgrad/trainer";
import { conciseModel } from "./concise.js";
import { type ModelOptions, NUM_HIDDENS, NUM_INPUTS, NUM_OUTPUTS, scratchModel } from "./scratch.js";

/** d2l 4.2's hyper-parameters. */
export const DEFAULTS = { lr: 0.1, epochs: 10, batchSize: 256, seed: 0 } as const;

export interface RunOptions extends VariantOptions, ModelOptions {}

/** The kit's summary, with the regularizers after the common hyper-parameters. */
export type Summary = VariantSummary<{ weightDecay: number; dropout: number }>;

/** The network, its loss and its updater: d2l's two kinds (a function of the batch size, or SGD). */
function build(o: RunOptions): { net: Net; loss: LossLike; updater: Updater } {
  if (o.variant === "scratch") {
    const m = scratchModel(o);
    return { net: m, loss: m.loss, updater: m.updater };
  }
  const m = conciseModel(o);
  return { net: m.net, loss: m.loss, updater: m.trainer };
}

function title(o: RunOptions): string {
  const extras = [
    ...(o.weightDecay > 0 ? [`weight decay ${o.weightDecay}`] : []),
    ...(o.dropout > 0 ? [`dropout ${o.dropout}`] : []),
  ];
  return [
    `MLP ${NUM_INPUTS}-${NUM_HIDDENS}-${NUM_OUTPUTS} (${o.variant}), lr ${o.lr}, batch ${o.batchSize}`,
    ...extras,
  ].join(", ");
}

export async function runVariant(o: RunOptions, data: FashionMnistData): Promise<Summary> {
  return runClassifierVariant(o, data, {
    title: title(o),
    facts: { weightDecay: o.weightDecay, dropout: o.dropout },
    defaultLr: DEFAULTS.lr,
    fit: async (options) => {
      const { net, loss, updater } = build(o);
      const result = await train(net, data.trainIter, data.testIter, loss, o.epochs, updater, options);
      return { net, result };
    },
  });
}
