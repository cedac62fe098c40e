// The command line of a training example: the options every example takes (--variant, --lr,
// --epochs, --batch-size, --seed, --out, --json, --help), checked so that a typo is a one-line
// message, not a stack trace.
import { type ParseArgsConfig, parseArgs } from "node:util";
import { checkOutputDir } from "./output.js";
import { UsageError } from "./usage-error.js";

export { UsageError };

export type Variant = "scratch" | "concise";

/** The hyper-parameters and outputs that every training example accepts. */
export interface TrainingOptions {
  variants: Variant[];
  lr: number;
  epochs: number;
  batchSize: number;
  seed: number;
  out: string;
  /** One JSON object per line on stdout instead of the text. */
  json: boolean;
}

/** parseArgs' declaration of the common options; an example may add its own. */
export const TRAINING_OPTIONS = {
  variant: { type: "string" },
  lr: { type: "string" },
  epochs: { type: "string" },
  "batch-size": { type: "string" },
  seed: { type: "string" },
  out: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;

export function integerOption(name: string, text: string, min: number): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`--${name} must be an integer >= ${min}, got '${text}'`);
  }
  return n;
}

export function positiveOption(name: string, text: string): number {
  const x = Number(text);
  if (text.trim() === "" || !Number.isFinite(x) || x <= 0) {
    throw new UsageError(`--${name} must be a positive number, got '${text}'`);
  }
  return x;
}

/**
 * A seed: any safe integer, negative ones too, as `manualSeed` and PyTorch's `manual_seed` take
 * them (`--seed -1` is a seed like any other).
 */
export function seedOption(text: string, name = "seed"): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isSafeInteger(n)) {
    throw new UsageError(
      `--${name} must be an integer (negative ones too, up to 2^53 - 1 in size), got '${text}'`,
    );
  }
  return n;
}

/** A finite number; "" is not 0. */
export function numberOption(name: string, text: string): number {
  const x = Number(text);
  if (text.trim() === "" || !Number.isFinite(x)) {
    throw new UsageError(`--${name} must be a number, got '${text}'`);
  }
  return x;
}

/** A finite number, 0 or more (a weight decay: 0 is none). */
export function nonNegativeOption(name: string, text: string): number {
  const x = Number(text);
  if (text.trim() === "" || !Number.isFinite(x) || x < 0) {
    throw new UsageError(`--${name} must be a number >= 0, got '${text}'`);
  }
  return x;
}

/** A probability p with 0 <= p < 1 (a dropout rate: at 1 everything is dropped, nothing learned). */
export function probabilityOption(name: string, text: string): number {
  const p = Number(text);
  if (text.trim() === "" || !(p >= 0 && p < 1)) {
    throw new UsageError(`--${name} must be a probability from 0 up to (not including) 1, got '${text}'`);
  }
  return p;
}

/** The kernels of @tsgrad/tensor an example can be told to use (`setBackend`). */
export type Backend = "wasm" | "js";

export function backendOption(text: string): Backend {
  if (text === "wasm" || text === "js") return text;
  throw new UsageError(`--backend must be wasm or js, got '${text}'`);
}

export function variantsOption(text: string): Variant[] {
  if (text === "both") return ["scratch", "concise"];
  if (text === "scratch" || text === "concise") return [text];
  throw new UsageError(`--variant must be scratch, concise or both, got '${text}'`);
}

/**
 * parseArgs over `argv`, without the "--" that `pnpm <script> -- --lr 3` hands on, and with
 * unknown options and missing values (TypeErrors of node:util) turned into UsageErrors.
 */
export type ParsedValues<O extends NonNullable<ParseArgsConfig["options"]>> = ReturnType<
  typeof parseArgs<{ args: string[]; allowPositionals: false; options: O }>
>["values"];

export function parseArgv<O extends NonNullable<ParseArgsConfig["options"]>>(
  argv: readonly string[],
  options: O,
): ParsedValues<O> {
  const args = joinNegativeValues(argv[0] === "--" ? argv.slice(1) : argv, options);
  try {
    return parseArgs({ args, allowPositionals: false, options }).values;
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/**
 * `--lr -1` as `--lr=-1`: node:util reads a value that starts with a dash as a missing one
 * ("argument is ambiguous"); a negative number after a string option is its value, which the
 * option's own check then accepts or refuses by name.
 */
function joinNegativeValues(
  argv: readonly string[],
  options: NonNullable<ParseArgsConfig["options"]>,
): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    const name = a.startsWith("--") && !a.includes("=") ? a.slice(2) : null;
    if (
      name !== null &&
      options[name]?.type === "string" &&
      next !== undefined &&
      /^-(\d|\.\d|inf)/i.test(next)
    ) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

type TrainingValues = Partial<Record<"variant" | "lr" | "epochs" | "batch-size" | "seed" | "out", string>> & {
  json?: boolean;
};

/** The common options from parsed values, checked, with the example's defaults. */
export function trainingOptions(values: TrainingValues, defaults: TrainingOptions): TrainingOptions {
  return {
    variants: values.variant === undefined ? defaults.variants : variantsOption(values.variant),
    lr: values.lr === undefined ? defaults.lr : positiveOption("lr", values.lr),
    epochs: values.epochs === undefined ? defaults.epochs : integerOption("epochs", values.epochs, 1),
    batchSize:
      values["batch-size"] === undefined
        ? defaults.batchSize
        : integerOption("batch-size", values["batch-size"], 1),
    seed: values.seed === undefined ? defaults.seed : seedOption(values.seed),
    out: values.out ?? defaults.out,
    json: values.json ?? false,
  };
}

/**
 * A CLI's main: runs `body`, which returns the exit status (0: fine). A UsageError becomes
 * "name: message" and a hint on stderr with status 2; any other error (data not found, a
 * diverged run...) one line "name: Error: message" with status 1 (the stack with
 * TSGRAD_DEBUG=1).
 */
export async function runMain(name: string, body: () => Promise<number> | number): Promise<void> {
  try {
    process.exitCode = await body();
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${name}: ${e.message}\nRun with --help for the options.`);
      process.exitCode = 2;
      return;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    console.error(process.env.TSGRAD_DEBUG ? err.stack : `${name}: ${err.name}: ${err.message}`);
    process.exitCode = 1;
  }
}

/** What an example's CLI parses: --help, or the options of a run. */
export type LabCommand<O> = { help: true } | { help: false; options: O };

/**
 * A main whose options `parse` reads (see runMain): prints `help` for --help, else runs `body`
 * with the options, which returns the exit status.
 */
export async function runCommand<O>(
  name: string,
  help: string,
  parse: (argv: string[]) => LabCommand<O>,
  body: (options: O) => Promise<number> | number,
): Promise<void> {
  await runMain(name, () => {
    const command = parse(process.argv.slice(2));
    if (!command.help) return body(command.options);
    console.log(help);
    return 0;
  });
}

/**
 * The main of the linear- and logistic-regression examples: prints `help` for --help, else
 * checks the output folder (before any work) and runs the variants, and exits 1 if one diverged
 * (it has been explained already; the status tells scripts it did not converge).
 */
export async function runLabMain<O extends { out: string }>(
  name: string,
  help: string,
  parse: (argv: string[]) => LabCommand<O>,
  run: (options: O, print: (line: string) => void) => Promise<{ results: readonly { diverged: unknown }[] }>,
): Promise<void> {
  await runCommand(name, help, parse, async (options) => {
    checkOutputDir(options.out);
    const summary = await run(options, (line) => console.log(line));
    return summary.results.some((r) => r.diverged !== null) ? 1 : 0;
  });
}
