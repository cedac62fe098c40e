#!/usr/bin/env node
// CLI: `pnpm tensor-basics [--seed N]`.
import { parseArgs } from "node:util";
import { run } from "./lab.js";

// `pnpm <script> -- --flag` passes the "--" through: drop it.
const argv = process.argv.slice(2);
const { values } = parseArgs({
  args: argv[0] === "--" ? argv.slice(1) : argv,
  options: { seed: { type: "string", default: "0" }, help: { type: "boolean", short: "h" } },
});
if (values.help) {
  console.log(`Usage: pnpm tensor-basics [--seed N]

The chapter's seed lab with tsgrad: broadcast subtraction three ways and the in-place shape
error explained, P @ Q.T with N(0, 0.01) matrices, sums with keepdim, and the gradient of
x^2 + noGrad(x^3) at x = 1.

Options:
  --seed N    seed of the random matrices (default 0)
  -h, --help  this help`);
} else {
  run((line) => console.log(line), Number(values.seed));
}
