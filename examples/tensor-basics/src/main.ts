#!/usr/bin/env node
// CLI: `pnpm tensor-basics [--seed N] [--json] [--out DIR]`.
import { mkdirSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { run, summary } from "./lab.js";

// `pnpm <script> -- --flag` passes the "--" through: drop it.
const argv = process.argv.slice(2);
const { values } = parseArgs({
  args: argv[0] === "--" ? argv.slice(1) : argv,
  options: {
    seed: { type: "string", default: "0" },
    json: { type: "boolean", default: false },
    out: { type: "string", default: "runs/tensor-basics" },
    help: { type: "boolean", short: "h" },
  },
});
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
  if (!Number.isInteger(seed)) {
    console.error(`tensor-basics: --seed must be an integer, got ${values.seed}`);
    process.exit(2);
  }
  const result = summary(seed);
  if (values.json) console.log(JSON.stringify(result));
  else run((line) => console.log(line), seed);
  mkdirSync(values.out, { recursive: true });
  writeFileSync(`${values.out}/summary.json`, `${JSON.stringify(result, null, 2)}\n`);
}
