// The code of the chosen variant, as text: the very files the worker imports (Vite's `?raw`),
// so what the page shows is what runs.
import type { VariantId } from "../models/catalog.js";
import mlpConcise from "../models/mlp-concise.ts?raw";
import mlpScratch from "../models/mlp-scratch.ts?raw";
import softmaxConcise from "../models/softmax-concise.ts?raw";
import softmaxScratch from "../models/softmax-scratch.ts?raw";

export const SOURCES: Record<VariantId, string> = {
  "softmax-scratch": softmaxScratch,
  "softmax-concise": softmaxConcise,
  "mlp-scratch": mlpScratch,
  "mlp-concise": mlpConcise,
};
