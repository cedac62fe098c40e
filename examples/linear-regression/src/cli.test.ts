// The built CLI as a user runs it: a bad option is one line and status 2 before any training;
// a diverged run is explained (epoch, minibatch, learning rate, a smaller one to try), status 1.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { builtCli, tempFixtures } from "@tsgrad/example-kit/testing";
import { describe, expect, it } from "vitest";

const cli = builtCli(new URL("../dist/main.js", import.meta.url));

describe("linear-regression CLI", () => {
  const { dir: tmp, file } = tempFixtures("linear-regression-cli-");

  // The option checks do not depend on the kernels: they run in one of the two backend projects.
  it.runIf(process.env.TSGRAD_BACKEND !== "js").each([
    [["--out", file], `--out '${file}' cannot be used as the output folder: it is a file`],
    [
      ["--out", join(file, "run")],
      `--out '${join(file, "run")}' cannot be used as the output folder: '${file}' is a file`,
    ],
    [["--lr", "-1"], "--lr must be a positive number, got '-1'"],
    [["--lr", "0"], "--lr must be a positive number, got '0'"],
    [["--epochs", "-3"], "--epochs must be an integer >= 1, got '-3'"],
    [["--batch-size", "-10"], "--batch-size must be an integer >= 1, got '-10'"],
    [["--seed", "1.5"], "--seed must be an integer"],
    [["--bogus"], "Unknown option '--bogus'"],
  ])("answers %j with one line and status 2, before training", (args, message) => {
    const r = cli(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const [first, hint, end] = r.stderr.split("\n");
    expect(first!.startsWith(`linear-regression: ${message}`), r.stderr).toBe(true);
    expect([hint, end]).toEqual(["Run with --help for the options.", ""]);
  });

  it("takes a negative seed", () => {
    const out = join(tmp, "seed");
    const r = cli("--seed", "-1", "--variant", "scratch", "--epochs", "1", "--json", "--out", out);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.trim().split("\n").at(-1)!).hyperParameters.seed).toBe(-1);
    expect(readdirSync(out).sort()).toEqual(["loss.svg", "summary.json"]);
  });

  it("stops a diverging run in both variants, names where and the learning rate, and exits 1", () => {
    const r = cli("--lr", "3", "--out", join(tmp, "lr3"));
    expect(r.status).toBe(1);
    const stops = r.stdout.split("\n").filter((l) => l.startsWith("epoch 1: the loss"));
    expect(stops).toHaveLength(2);
    for (const line of stops) {
      expect(line).toMatch(
        /^epoch 1: the loss grew to \S+ at minibatch \d+ with learning rate 3, more than 10 times its \S+ at the start; training stopped\.$/,
      );
    }
    expect(r.stdout).toContain("Try a smaller --lr, such as 0.3 (the default is 0.03).");
  });
});
