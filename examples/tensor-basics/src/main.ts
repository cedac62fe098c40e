#!/usr/bin/env node
// CLI: `pnpm tensor-basics [--seed N] [--json] [--out DIR]`.
import { writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { checkOutputDir, parseArgv, runMain, seedOption } from "@tsgrad/example-kit";
import { run, summary } from "./lab.js";

const HELP = `Usage: pnpm tensor-basics [--seed N] [--json] [--out DIR]

The chapter's seed lab with tsgrad: broadcast subtraction three ways and the in-place shape
error explained, P @ Q.T with N(0, 0.01) matrices, sums with keepdim, and the gradient of
x^2 + noGrad(x^3) at x = 1. (There is no training here, so the training examples' --epochs,
--lr and --batch-size do not apply.)

Options:
  --seed N    seed of the random matrices, any integer (default 0)
  --json      print the results as one JSON object instead of the walkthrough
  --out DIR   also write summary.json there (default runs/tensor-basics)
  -h, --help  this help`;

const OPTIONS = {
  seed: { type: "string" },
  json: { type: "boolean" },
  out: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

// A bad option (unknown, a seed that is not an integer, an --out that cannot be a folder) is one
// line and status 2, before any work.
await runMain("tensor-basics", async () => {
  const values = parseArgv(process.argv.slice(2), OPTIONS);
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const seed = values.seed === undefined ? 0 : seedOption(values.seed);
  const out = values.out ?? "runs/tensor-basics";
  checkOutputDir(out);
  const result = summary(seed);
  if (values.json) console.log(JSON.stringify(result));
  else run((line) => console.log(line), seed);
  await mkdir(out, { recursive: true });
  writeFileSync(`${out}/summary.json`, `${JSON.stringify(result, null, 2)}\n`);
  return 0;
});
