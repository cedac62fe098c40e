#!/usr/bin/env node
// CLI: `pnpm tensor-basics [--seed N] [--json] [--out DIR]`.
import { mkdirSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { run, summary } from "./lab.js";

/** A usage error: one line and a hint on stderr, status 2 (no stack trace). */
function usage(message: string): never {
  console.error(`tensor-basics: ${message}\nRun with --help for the options.`);
  process.exit(2);
}

// `pnpm <script> -- --flag` passes the "--" through: drop it.
const argv = process.argv.slice(2);
const options = {
  seed: { type: "string", default: "0" },
  json: { type: "boolean", default: false },
  out: { type: "string", default: "runs/tensor-basics" },
  help: { type: "boolean", short: "h" },
} as const;
let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof options }>>;
try {
  // `--seed -1` as `--seed=-1`, so that the seed's own check names it (node:util alone says
  // "argument is ambiguous").
  const given = argv[0] === "--" ? argv.slice(1) : argv;
  const args: string[] = [];
  for (let i = 0; i < given.length; i++) {
    if (given[i] === "--seed" && /^-\d/.test(given[i + 1] ?? "")) args.push(`--seed=${given[++i]}`);
    else args.push(given[i]!);
  }
  parsed = parseArgs({ args, options });
} catch (e) {
  usage(e instanceof Error ? e.message : String(e));
}
const { values } = parsed;
if (values.help) {
  console.log(`Usage: pnpm tensor-basics [--seed N] [--json] [--out DIR]

The chapter's seed lab with tsgrad: broadcast subtraction three ways and the in-place shape
error explained, P @ Q.T with N(0, 0.01) matrices, sums with keepdim, and the gradient of
x^2 + noGrad(x^3) at x = 1. (There is no training here, so the training examples' --epochs,
--lr and --batch-size do not apply.)

Options:
  --seed N    seed of the random matrices (default 0)
  --json      print the results as one JSON object instead of the walkthrough
  --out DIR   also write summary.json there (default runs/tensor-basics)
  -h, --help  this help`);
} else {
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) usage(`--seed must be an integer, got '${values.seed}'`);
  // The output folder is checked before any work (a file there, no permission).
  try {
    mkdirSync(values.out, { recursive: true });
  } catch (e) {
    usage(
      `--out '${values.out}' cannot be used as the output folder: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const result = summary(seed);
  if (values.json) console.log(JSON.stringify(result));
  else run((line) => console.log(line), seed);
  writeFileSync(`${values.out}/summary.json`, `${JSON.stringify(result, null, 2)}\n`);
}
