#!/usr/bin/env node
// CLI: `pnpm logistic-regression [-- --variant scratch|concise|both --lr X ...]`; --help says more.
import { runLabMain } from "@tsgrad/example-kit";
import { HELP, parseCli } from "./cli.js";
import { run } from "./run.js";

await runLabMain("logistic-regression", HELP, parseCli, run);
