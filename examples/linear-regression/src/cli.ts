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

export const HELP = `Usage: pnpm linear-regression [-- options]

Linear regression on 1000 synthetic examples, y = X w* + b* + N(0, 0.01²) with
w* = [2, -3.4] and b* = 4.2, trained twice with minibatch SGD:
  scratch  (d2l 3.2) dataIter, linreg(X, w, b) = X @ w + b, squaredLoss, sgd(params, lr, batchSize)
  concise  (d2l 3.3) loadArray, Sequential(Linear(2, 1)), MSELoss, SGD
It prints the loss on all data after each epoch and, at the end, the errors in estimating
w and b (true minus learned), which should be below 0.01 (about 0.001) with the defaults.

The learning-rate experiment: run it with --lr 0.001, then with --lr 3.
  --lr 0.001  too small: every step is tiny, and after 3 epochs the loss is still far above
              the noise floor (the note at the end says so); more --epochs would get there.
  --lr 3      too large: each step jumps past the minimum and lands farther away, the error
              grows geometrically, and within the first epoch the loss passes 10 times its
              value at the start; the run stops, says at which epoch, minibatch and learning
              rate, and suggests a smaller one (exit status 1).
  In between: --lr 0.1 converges faster than the default; at --lr 0.9 the concise variant
  already diverges while scratch converges (MSELoss has no ½, so its gradient is twice the
  scratch one and it hits the limit at half the learning rate).

When a run diverged (the trainer's rule, the same in both variants): a minibatch loss that
is NaN or infinite, or a loss grown above 10 times its value at the start (means over at
least 32 examples: the last minibatches against the first ones).

Options:
  --variant V       scratch, concise or both (default both)
  --lr X            learning rate, a positive number (default ${DEFAULT_OPTIONS.lr})
  --epochs N        passes over the data (default ${DEFAULT_OPTIONS.epochs})
  --batch-size N    examples per minibatch (default ${DEFAULT_OPTIONS.batchSize})
  --seed N          seed of the data, the initial weights and the shuffling, any integer
                    (default ${DEFAULT_OPTIONS.seed})
  --out DIR         where summary.json and loss.svg go (default ${DEFAULT_OPTIONS.out});
                    checked before training: a file there is an error
  --json            print one JSON object per epoch and a final summary object, one per line
  -h, --help        this help

Exit status: 0, 1 when a variant diverged, 2 for a bad option.`;

export type Command = LabCommand<RunOptions>;

/** Parses the arguments after the script name; throws UsageError on anything unexpected. */
export function parseCli(argv: string[]): Command {
  const values = parseArgv(argv, TRAINING_OPTIONS);
  if (values.help) return { help: true };
  return { help: false, options: { ...DEFAULT_OPTIONS, ...trainingOptions(values, DEFAULT_OPTIONS) } };
}
