#!/usr/bin/env node
// CLI: `pnpm linear-regression [-- --variant scratch|concise|both --lr X ...]`; --help says more.
import { runMain } from "@tsgrad/example-kit";
import { HELP, parseCli } from "./cli.js";
import { run } from "./run.js";

await runMain("linear-regression", async () => {
  const command = parseCli(process.argv.slice(2));
  if (command.help) {
    console.log(HELP);
    return 0;
  }
  const summary = await run(command.options, (line) => console.log(line));
  // A diverged run has been explained already; the status tells scripts it did not converge.
  return summary.results.some((r) => r.diverged !== null) ? 1 : 0;
});
