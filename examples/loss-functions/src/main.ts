#!/usr/bin/env node
// CLI: `pnpm loss-functions [-- --target Y --delta D --range LO,HI ...]`; --help says more.
import { checkOutputDir, runCommand } from "@tsgrad/example-kit";
import { HELP, parseCli } from "./cli.js";
import { run } from "./run.js";

// A bad option (unknown, not a number, an --out that cannot be a folder) is one line and
// status 2, before any work.
await runCommand("loss-functions", HELP, parseCli, async (options) => {
  checkOutputDir(options.out);
  await run(options, (line) => console.log(line));
  return 0;
});
