#!/usr/bin/env node
// CLI: `pnpm linear-regression [-- --variant scratch|concise|both --lr X ...]`; --help says more.
import { runLabMain } from "@tsgrad/example-kit";
import { HELP, parseCli } from "./cli.js";
import { run } from "./run.js";

await runLabMain("linear-regression", HELP, parseCli, run);
