import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The consumer suite (`pnpm test:consumer`; see README.md here): the packed tarballs installed
// by npm into fresh projects in the OS temp folder. Not part of `pnpm test` (it needs the npm
// registry for the packages' third-party dependencies, and takes minutes). No aliases: nothing
// here imports the packages; every check runs in a child process inside a consumer project.
export default defineConfig({
  test: {
    name: "consumer",
    root: fileURLToPath(new URL(".", import.meta.url)),
    include: ["*.test.ts"],
    globalSetup: ["./setup.ts"],
    // The four files side by side, and up to three concurrent tests in a file (the bundlers'):
    // most of the time goes to child processes (npm, tsc, bundlers, Chromium), some waiting on
    // the network or a page.
    maxWorkers: 4,
    minWorkers: 1,
    maxConcurrency: 3,
    testTimeout: 180_000,
    hookTimeout: 300_000,
    reporters: ["default", "json"],
    outputFile: { json: "../../test-results/consumer.json" },
  },
});
