// Which file builds which variant: imported by the worker (and by the test, to time the same
// code in Node), never by the page, which shows these files' text instead.
import type { VariantId } from "./catalog.js";
import { createModel as mlpConcise } from "./mlp-concise.js";
import { createModel as mlpScratch } from "./mlp-scratch.js";
import type { Model } from "./model.js";
import { createModel as softmaxConcise } from "./softmax-concise.js";
import { createModel as softmaxScratch } from "./softmax-scratch.js";

export const BUILDERS: Record<VariantId, (lr: number) => Model> = {
  "softmax-scratch": softmaxScratch,
  "softmax-concise": softmaxConcise,
  "mlp-scratch": mlpScratch,
  "mlp-concise": mlpConcise,
};
