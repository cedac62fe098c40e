// The built CLI as a user runs it: a bad option is one line and status 2 before any training;
// a diverged run is explained (epoch, minibatch, learning rate, a smaller one to try), status 1.
import { join } from "node:path";
import { builtCli, tempFixtures } from "@tsgrad/example-kit/testing";
import { describe, expect, it } from "vitest";

const cli = builtCli(new URL("../dist/main.js", import.meta.url));

describe("logistic-regression CLI", () => {
  const { dir: tmp, file } = tempFixtures("logistic-regression-cli-");

  // The option checks do not depend on the kernels: they run in one of the two backend projects.
  it.runIf(process.env.TSGRAD_BACKEND !== "js").each([
    [["--out", file], `--out '${file}' cannot be used as the output folder: it is a file`],
    [
      ["--out", join(file, "run")],
      `--out '${join(file, "run")}' cannot be used as the output folder: '${file}' is a file`,
    ],
    [["--lr", "-0.5"], "--lr must be a positive number, got '-0.5'"],
    [["--epochs", "-1"], "--epochs must be an integer >= 1, got '-1'"],
  ])("answers %j with one line and status 2, before training", (args, message) => {
    const r = cli(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const [first, hint, end] = r.stderr.split("\n");
    expect(first!.startsWith(`logistic-regression: ${message}`), r.stderr).toBe(true);
    expect([hint, end]).toEqual(["Run with --help for the options.", ""]);
  });

  it("stops both variants at --lr 1e38, names where and the learning rate, and exits 1", () => {
    const r = cli("--lr", "1e38", "--epochs", "2", "--out", join(tmp, "lr1e38"));
    expect(r.status, r.stderr).toBe(1);
    // Scratch: the hand-written sigmoid overflows to NaN.
    expect(r.stdout).toMatch(
      /^epoch 1: the loss became (NaN|Infinity) at minibatch \d+ with learning rate 1e\+38; training stopped\.$/m,
    );
    // Concise: BCEWithLogitsLoss stays finite, and grows with the scores.
    expect(r.stdout).toMatch(
      /^epoch 1: the loss grew to \S+ at minibatch \d+ with learning rate 1e\+38, more than 10 times its 0\.69\d* at the start; training stopped\.$/m,
    );
    expect(r.stdout.match(/Try a smaller --lr, such as 1e\+37 \(the default is 0\.5\)\./g)).toHaveLength(2);
    expect(r.stdout).not.toContain("learned w");
  });
});
