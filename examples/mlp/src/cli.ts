// Command-line options: those of a Fashion-MNIST training example come from the example kit
// (with --data-dir and --backend); this example adds --weight-decay and --dropout, checked the
// same way (a bad value is a one-line message naming the option and what it got, exit status 2).
import {
  type LabCommand,
  nonNegativeOption,
  parseArgv,
  probabilityOption,
  type TrainingOptions,
  trainingOptions,
} from "@tsgrad/example-kit";
import {
  DATA_HELP,
  DATA_OPTIONS_HELP,
  type DataOptions,
  dataOptions,
  FASHION_MNIST_OPTIONS,
} from "@tsgrad/example-kit/fashion-mnist";
import { DEFAULTS } from "./run.js";

export const HELP = `Usage: pnpm mlp [options]

A multilayer perceptron on the real Fashion-MNIST (Dive into Deep Learning 4.2 and 4.3):
784 inputs → 256 hidden units with ReLU → 10 outputs, trained with cross-entropy and minibatch
SGD, written twice — from scratch (W1, b1, W2, b2 as plain tensors, relu as max(X, 0), the
functional sgd) and concise (Sequential(Flatten, Linear, ReLU, Linear), CrossEntropyLoss, SGD).
Shows a live chart on a terminal, writes chart.svg, report.html and predictions.png per
variant, and prints the first test images' predictions.

Regularization (off by default):
  --weight-decay λ  d2l 4.5: an L2 penalty λ/2·‖W‖² on the two weight matrices (not the
                    biases); from scratch added to the loss, concise as SGD's weightDecay.
                    The scratch train loss therefore includes the penalty; the concise one
                    does not (SGD adds λ·W to the gradient only).
  --dropout p       d2l 4.6: each hidden unit is zeroed with probability p while training and
                    the others scaled by 1/(1-p); from scratch a hand-written dropout layer,
                    concise nn.Dropout. Evaluation and predictions use the whole network.

Options:
  --variant V       scratch, concise or both (default both)
  --epochs N        epochs (default ${DEFAULTS.epochs})
  --lr X            learning rate, a positive number (default ${DEFAULTS.lr})
  --batch-size N    batch size (default ${DEFAULTS.batchSize})
  --seed N          seed of initialization, dropout and shuffling, any integer (default ${DEFAULTS.seed})
  --weight-decay λ  a number >= 0 (default 0)
  --dropout p       a probability, 0 <= p < 1 (default 0)
  --out DIR         output folder (default runs/mlp; a folder per variant)
${DATA_OPTIONS_HELP}
  --json            one JSON object per epoch and a summary per variant, nothing else
  -h, --help        this help

A learning rate too large: the run stops when a batch loss is NaN or infinite, or when the
loss grows above 10 times its value at the start, says at which epoch, batch and learning
rate, and suggests a smaller one; the exit status is then 1.

Exit status: 0, 1 when a variant diverged (or another error), 2 for a bad option.

${DATA_HELP}`;

export interface CliOptions extends TrainingOptions, DataOptions {
  weightDecay: number;
  dropout: number;
}

const CLI_DEFAULTS: TrainingOptions = {
  ...DEFAULTS,
  variants: ["scratch", "concise"],
  out: "runs/mlp",
  json: false,
};

/** Parses the arguments after the script name; throws UsageError on anything unexpected. */
export function parseCli(argv: readonly string[]): LabCommand<CliOptions> {
  const values = parseArgv(argv, {
    ...FASHION_MNIST_OPTIONS,
    "weight-decay": { type: "string" },
    dropout: { type: "string" },
  } as const);
  if (values.help) return { help: true };
  const wd = values["weight-decay"];
  return {
    help: false,
    options: {
      ...trainingOptions(values, CLI_DEFAULTS),
      ...dataOptions(values),
      weightDecay: wd === undefined ? 0 : nonNegativeOption("weight-decay", wd),
      dropout: values.dropout === undefined ? 0 : probabilityOption("dropout", values.dropout),
    },
  };
}
