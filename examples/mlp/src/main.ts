#!/usr/bin/env node
// CLI: `pnpm mlp [options]`; --help says more.
import { runCommand } from "@tsgrad/example-kit";
import { runVariants, startRun } from "@tsgrad/example-kit/fashion-mnist";
import { HELP, parseCli } from "./cli.js";
import { runVariant } from "./run.js";

await runCommand("mlp", HELP, parseCli, async (o) => {
  const print = (line: string) => console.log(line);
  // The output folder and --data-dir are checked before any work; the text starts with the data line.
  const data = await startRun(o, print);
  const { weightDecay, dropout } = o;
  return runVariants(o, print, (options) => runVariant({ ...options, weightDecay, dropout }, data));
});
