// Trains one variant on Fashion-MNIST: the model of scratch.ts or concise.ts and train from
// @tsgrad/trainer (live view or log lines, chart and report); the kit's runClassifierVariant
// around it shows predictions on the first test images and prints the summary.
import {
  type FashionMnistData,
  runClassifierVariant,
  type VariantOptions,
  type VariantSummary,
} from "@tsgrad/example-kit/fashion-mnist";
import { train } from "@tsgrad/trainer";
import { conciseModel } from "./concise.js";
import { crossEntropy, scratchModel } from "./scratch.js";

/** d2l's learning rate for softmax regression. */
export const DEFAULT_LR = 0.1;

export interface RunOptions extends VariantOptions {
  /** Continue from the checkpoint in `out` (written after every epoch; concise only). */
  resume: boolean;
}

export type Summary = VariantSummary;

export async function runVariant(o: RunOptions, data: FashionMnistData): Promise<Summary> {
  return runClassifierVariant(o, data, {
    title: `softmax regression (${o.variant}), lr ${o.lr}, batch ${o.batchSize}`,
    facts: {},
    defaultLr: DEFAULT_LR,
    fit: async (options) => {
      const { trainIter, testIter } = data;
      if (o.variant === "scratch") {
        // The scratch model is not a Module: checkpoints need one, so the scratch run has none.
        const m = scratchModel(o.lr, o.seed);
        const result = await train(m, trainIter, testIter, crossEntropy, o.epochs, m.updater, options);
        return { net: m, result };
      }
      const m = conciseModel(o.lr, o.seed);
      const checkpoint = { dir: o.out, resume: o.resume, generators: [data.generator] };
      const result = await train(m.net, trainIter, testIter, m.loss, o.epochs, m.trainer, {
        ...options,
        ...(o.out === undefined ? {} : { checkpoint }),
      });
      return { net: m.net, result };
    },
  });
}
