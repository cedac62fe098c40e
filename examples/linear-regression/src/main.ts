#!/usr/bin/env node
// CLI: `pnpm linear-regression [-- --variant scratch|concise|both --lr X ...]`; --help says more.
import { HELP, parseCli, UsageError } from "./cli.js";
import { run } from "./run.js";

try {
  const command = parseCli(process.argv.slice(2));
  if (command.help) console.log(HELP);
  else {
    const summary = await run(command.options, (line) => console.log(line));
    // A diverged run has been explained already; the status tells scripts it did not converge.
    if (summary.results.some((r) => r.diverged !== null)) process.exitCode = 1;
  }
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  console.error(`linear-regression: ${e.message}\nRun with --help for the options.`);
  process.exitCode = 2;
}
