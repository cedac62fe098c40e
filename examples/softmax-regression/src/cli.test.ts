// The built CLI as a user runs it: every option is checked before any work (a bad one is one
// line and status 2), the output says where the data came from, and a diverged variant is
// explained (epoch, batch, learning rate, a smaller one to try) with status 1.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { FASHION_MNIST_SYSTEM_DIR } from "@tsgrad/data-fashion-mnist";
import { builtCli, runRealDataTests, tempFixtures } from "@tsgrad/example-kit/testing";
import { describe, expect, it } from "vitest";

const cli = builtCli(new URL("../dist/main.js", import.meta.url));
const { dir: tmp, file, emptyDir: empty } = tempFixtures("softmax-cli-");

// The option checks do not depend on the kernels: they run in one of the two backend projects.
describe.runIf(process.env.TSGRAD_BACKEND !== "js")("softmax CLI: bad options", () => {
  it.each([
    [["--out", file], `--out '${file}' cannot be used as the output folder: it is a file`],
    [
      ["--out", join(file, "x")],
      `--out '${join(file, "x")}' cannot be used as the output folder: '${file}' is a file`,
    ],
    [["--lr", "-1"], "--lr must be a positive number, got '-1'"],
    [["--epochs", "-1"], "--epochs must be an integer >= 1, got '-1'"],
    [["--data-dir", join(tmp, "missing")], `--data-dir '${join(tmp, "missing")}' does not exist`],
    [["--data-dir", file], `--data-dir '${file}' is not a folder`],
    [
      ["--data-dir", empty],
      `--data-dir '${empty}' does not hold Fashion-MNIST: no train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (gzipped or not) there`,
    ],
    [["--backend", "gpu"], "--backend must be wasm or js, got 'gpu'"],
  ])("answers %j with one line and status 2, before any work", (args, message) => {
    const r = cli(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const [first, hint, end] = r.stderr.split("\n");
    expect(first!.startsWith(`softmax: ${message}`), r.stderr).toBe(true);
    expect([hint, end]).toEqual(["Run with --help for the options.", ""]);
  });

  it("checks the output folder before the data", () => {
    const r = cli("--out", file, "--data-dir", empty);
    expect(r.stderr).toContain("--out");
  });
});

describe.runIf(runRealDataTests)("softmax CLI on the real data: divergence", () => {
  it("stops both variants at an absurd learning rate, says so and where the data came from, exits 1", {
    timeout: 60_000,
  }, () => {
    const out = join(tmp, "lr1e30");
    const r = cli("--lr", "1e30", "--epochs", "1", "--out", out);
    expect(r.status, r.stderr).toBe(1);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^data: Fashion-MNIST from \S+ \(.+\)$/);
    // Scratch: the hand-written softmax underflows, so the loss becomes Infinity or NaN.
    expect(r.stdout).toMatch(
      /^scratch: the loss became (NaN|Infinity) at epoch 1, batch \d+ with learning rate 1e\+30; the training diverged: try a smaller learning rate, such as 1e\+29\.$/m,
    );
    // Concise: the fused cross-entropy stays finite and grows with the learning rate.
    expect(r.stdout).toMatch(
      /^concise: the loss grew to \S+ at epoch 1, batch \d+ with learning rate 1e\+30, more than 10 times its 2\.3\d* at the start; the training diverged: try a smaller learning rate, such as 1e\+29\.$/m,
    );
    expect(r.stdout).not.toContain("predictions");
    expect(existsSync(join(out, "concise", "predictions.png"))).toBe(false);
  });

  it("stops concise at --lr 5 too (--json: the reason and the data's folder in the summary)", {
    timeout: 60_000,
  }, () => {
    const dataDir = process.env.FASHION_MNIST_DIR ?? FASHION_MNIST_SYSTEM_DIR;
    const r = cli(
      "--variant",
      "concise",
      "--lr",
      "5",
      "--epochs",
      "1",
      "--json",
      "--data-dir",
      dataDir,
      "--out",
      join(tmp, "lr5"),
    );
    expect(r.status, r.stderr).toBe(1);
    const objects = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objects).toHaveLength(1);
    const summary = objects[0]!.summary as {
      diverged: {
        epoch: number;
        batch: number;
        reason: string;
        loss: number;
        start: number;
        message: string;
      };
      data: { dirs: string[]; origins: string[] };
    };
    expect(summary.diverged).toMatchObject({ epoch: 1, reason: "grew" });
    expect(summary.diverged.loss).toBeGreaterThan(10 * summary.diverged.start);
    expect(summary.diverged.message).toContain("with learning rate 5,");
    expect(summary.data).toMatchObject({ dirs: [dataDir], origins: ["--data-dir"] });
  });
});
