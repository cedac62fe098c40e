// The four variants a learner can pick, and the book's settings for them. Plain data, shared
// by the page (the form), the worker and the test; the code itself is in the variant files.

export const VARIANT_IDS = ["softmax-scratch", "softmax-concise", "mlp-scratch", "mlp-concise"] as const;
export type VariantId = (typeof VARIANT_IDS)[number];

export interface VariantInfo {
  title: string;
  /** The section of Dive into Deep Learning it follows. */
  section: string;
  /** The file the page shows (and the worker runs), under src/models/. */
  file: string;
}

export const VARIANTS: Record<VariantId, VariantInfo> = {
  "softmax-scratch": {
    title: "Softmax regression from scratch",
    section: "3.6",
    file: "softmax-scratch.ts",
  },
  "softmax-concise": { title: "Softmax regression, concise", section: "3.7", file: "softmax-concise.ts" },
  "mlp-scratch": { title: "MLP 784-256-10 with ReLU from scratch", section: "4.2", file: "mlp-scratch.ts" },
  "mlp-concise": { title: "MLP 784-256-10 with ReLU, concise", section: "4.3", file: "mlp-concise.ts" },
};

export function isVariantId(v: string): v is VariantId {
  return (VARIANT_IDS as readonly string[]).includes(v);
}

/** A training run's settings: the book's defaults are lr 0.1, batch size 256, 10 epochs. */
export interface TrainConfig {
  variant: VariantId;
  lr: number;
  batchSize: number;
  epochs: number;
  /** Seed of the initialization; the shuffling uses seed + 1, as the command-line examples. */
  seed: number;
}

export const DEFAULT_CONFIG: TrainConfig = {
  variant: "softmax-concise",
  lr: 0.1,
  batchSize: 256,
  epochs: 10,
  seed: 0,
};
