// Command-line options: the common ones of a training example come from the example kit, which
// checks them so that a typo is a one-line message, not a stack trace.
import {
  type LabCommand,
  parseArgv,
  TRAINING_OPTIONS,
  trainingOptions,
  UsageError,
} from "@tsgrad/example-kit";
import { DEFAULT_OPTIONS, type RunOptions } from "./run.js";

export { UsageError };

export const HELP = `Usage: pnpm logistic-regression [-- options]

Logistic regression, the chapter's seed lab: a binary classifier on two features.
The data come from syntheticLogistic: features uniform in [-1, 1)², label 1 where
sigmoid(X w* + b*) + N(0, 0.05²) > 0.5 with w* = [1.9, -3.1], b* = -0.6; 2000 train and
1000 test examples. The model is trained twice with minibatch SGD:
  scratch  hand-written sigmoid and binary cross-entropy (clamped for stability) made of
           tensor ops, parameters as plain tensors, the functional sgd(params, lr, batchSize)
  concise  Sequential(Linear(2, 1)), BCEWithLogitsLoss on the raw scores, SGD
It prints train/test loss and accuracy every 10 epochs, the final ones (test accuracy
should be ≥ 0.95), and the learned w, b next to w*, b*. The learned ones are larger but
point the same way: with nearly noise-free labels only the decision boundary, the direction
of (w, b), is identified; the angle between the two directions is printed too.

The learning rate: the loss's gradients are bounded (|sigmoid(z) − y| ≤ 1 and |x| ≤ 1), so
SGD tolerates large rates here: --lr 5 gets to a lower loss than the default in 100 epochs,
--lr 0.05 gets to the same accuracy more slowly (loss 0.14). Far larger rates diverge: from
about --lr 100 the scratch sigmoid overflows to NaN; the concise loss (BCEWithLogitsLoss)
never overflows but grows with the scores, past 10 times its start from about --lr 500
(1e35 at --lr 1e38). Both variants stop by the trainer's rule: a minibatch loss that is NaN
or infinite, or a loss grown above 10 times its value at the start (means over at least 32
examples). The run says at which epoch, minibatch and learning rate, suggests a smaller
one, and exits with status 1.

Options:
  --variant V       scratch, concise or both (default both)
  --lr X            learning rate, a positive number (default ${DEFAULT_OPTIONS.lr})
  --epochs N        passes over the training set (default ${DEFAULT_OPTIONS.epochs})
  --batch-size N    examples per minibatch (default ${DEFAULT_OPTIONS.batchSize})
  --seed N          seed of the data, the initial weights and the shuffling, any integer
                    (default ${DEFAULT_OPTIONS.seed})
  --out DIR         where summary.json, loss.svg and accuracy.svg go
                    (default ${DEFAULT_OPTIONS.out}); checked before training
  --verbose         an epoch line for every epoch
  --json            print one JSON object per epoch and a final summary object, one per line
  -h, --help        this help

Exit status: 0, 1 when a variant diverged, 2 for a bad option.`;

export type Command = LabCommand<RunOptions>;

/** Parses the arguments after the script name; throws UsageError on anything unexpected. */
export function parseCli(argv: string[]): Command {
  const values = parseArgv(argv, { ...TRAINING_OPTIONS, verbose: { type: "boolean" } } as const);
  if (values.help) return { help: true };
  return {
    help: false,
    options: {
      ...DEFAULT_OPTIONS,
      ...trainingOptions(values, DEFAULT_OPTIONS),
      verbose: values.verbose ?? false,
    },
  };
}
