// The options, parsed in process; and the built CLI as a user runs it: a bad option is one line
// on stderr and status 2 before any work, the output says where the data came from, and --json
// writes nothing but JSON lines on stdout.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { FASHION_MNIST_SYSTEM_DIR } from "@tsgrad/data-fashion-mnist";
import { UsageError } from "@tsgrad/example-kit";
import { builtCli, runRealDataTests, tempFixtures } from "@tsgrad/example-kit/testing";
import { describe, expect, it } from "vitest";
import { parseCli } from "./cli.js";

describe("parseCli", () => {
  it("has d2l 4.2's defaults, without weight decay or dropout", () => {
    expect(parseCli([])).toEqual({
      help: false,
      options: {
        variants: ["scratch", "concise"],
        lr: 0.1,
        epochs: 10,
        batchSize: 256,
        seed: 0,
        out: "runs/mlp",
        json: false,
        weightDecay: 0,
        dropout: 0,
        dataDir: undefined,
        backend: undefined,
      },
    });
  });

  it("reads the example's own options (after pnpm's --)", () => {
    const c = parseCli(["--", "--weight-decay", "3e-4", "--dropout", "0.5", "--backend", "js", "--json"]);
    expect(c).toMatchObject({ options: { weightDecay: 3e-4, dropout: 0.5, backend: "js", json: true } });
    expect(parseCli(["--data-dir", "some/dir"])).toMatchObject({ options: { dataDir: "some/dir" } });
    expect(parseCli(["--weight-decay", "0", "--dropout", "0"])).toMatchObject({
      options: { weightDecay: 0, dropout: 0 },
    });
    expect(parseCli(["-h"])).toEqual({ help: true });
  });

  it.each([
    [["--weight-decay", "-1"], "--weight-decay must be a number >= 0, got '-1'"],
    [["--weight-decay", "lots"], "--weight-decay must be a number >= 0, got 'lots'"],
    [["--weight-decay", "Infinity"], "--weight-decay must be a number >= 0, got 'Infinity'"],
    [["--dropout", "1"], "--dropout must be a probability from 0 up to (not including) 1, got '1'"],
    [["--dropout", "-0.1"], "--dropout must be a probability from 0 up to (not including) 1, got '-0.1'"],
    [["--dropout", ""], "--dropout must be a probability from 0 up to (not including) 1, got ''"],
    [["--backend", "gpu"], "--backend must be wasm or js, got 'gpu'"],
    [["--variant", "deep"], "--variant must be scratch, concise or both, got 'deep'"],
    [["--lr", "0"], "--lr must be a positive number, got '0'"],
    [["--hidden", "512"], "Unknown option '--hidden'"],
  ])("refuses %j: %s", (args, message) => {
    expect(() => parseCli(args)).toThrow(UsageError);
    expect(() => parseCli(args)).toThrow(message);
  });
});

const cli = builtCli(new URL("../dist/main.js", import.meta.url));
const { dir: tmp, file, emptyDir: empty } = tempFixtures("mlp-cli-");

// The built command runs on the default kernels whatever the project: once, in the wasm one.
describe.runIf(process.env.TSGRAD_BACKEND !== "js")("mlp CLI", () => {
  it.each([
    [["--out", file], `--out '${file}' cannot be used as the output folder: it is a file`],
    [["--weight-decay", "-0.01"], "--weight-decay must be a number >= 0, got '-0.01'"],
    [["--dropout", "1.5"], "--dropout must be a probability from 0 up to (not including) 1, got '1.5'"],
    [["--epochs", "0"], "--epochs must be an integer >= 1, got '0'"],
    [["--data-dir", join(tmp, "missing")], `--data-dir '${join(tmp, "missing")}' does not exist`],
    [["--data-dir", file], `--data-dir '${file}' is not a folder`],
    [
      ["--data-dir", empty],
      `--data-dir '${empty}' does not hold Fashion-MNIST: no train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (gzipped or not) there (without --data-dir the files are looked for in FASHION_MNIST_DIR, the cache and ${FASHION_MNIST_SYSTEM_DIR}, then downloaded)`,
    ],
  ])("answers %j with one line and status 2, before any work", (args, message) => {
    const r = cli(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`mlp: ${message}\nRun with --help for the options.\n`);
  });

  it("checks the output folder before the data", () => {
    const r = cli("--out", file, "--data-dir", empty);
    expect(r.stderr).toContain("--out");
  });

  it("prints the help with status 0", () => {
    const r = cli("--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: pnpm mlp \[options\]/);
    expect(r.stdout).toContain("--weight-decay λ");
    expect(r.stdout).toContain("--dropout p");
    expect(r.stdout).toContain("--data-dir DIR");
  });
});

describe.runIf(runRealDataTests && process.env.TSGRAD_BACKEND !== "js")("mlp CLI on the real data", () => {
  it("--json: only JSON lines on stdout, one per epoch and a summary", { timeout: 120_000 }, () => {
    const out = join(tmp, "json");
    const dataDir = process.env.FASHION_MNIST_DIR ?? FASHION_MNIST_SYSTEM_DIR;
    const args = [
      "--json",
      "--variant",
      "concise",
      "--epochs",
      "1",
      "--dropout",
      "0.2",
      "--data-dir",
      dataDir,
    ];
    const r = cli(...args, "--out", out);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    const objects = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objects).toHaveLength(2);
    expect(objects[0]).toMatchObject({ variant: "concise", epoch: 1 });
    expect(objects[1]!.summary).toMatchObject({ variant: "concise", dropout: 0.2, diverged: null });
    // Where the data came from: --data-dir, that folder and no other.
    expect(objects[1]!.summary).toMatchObject({ data: { dirs: [dataDir], origins: ["--data-dir"] } });
    expect(existsSync(join(out, "concise", "predictions.png"))).toBe(true);
  });

  it("stops both variants at an absurd learning rate, says so and where the data came from, exits 1", {
    timeout: 120_000,
  }, () => {
    const r = cli("--lr", "1e30", "--epochs", "1", "--out", join(tmp, "lr1e30"));
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout.split("\n")[0]).toMatch(/^data: Fashion-MNIST from \S+ \(.+\)$/);
    for (const variant of ["scratch", "concise"]) {
      expect(r.stdout).toMatch(
        new RegExp(
          `^${variant}: the loss (became|grew to) \\S+ at epoch 1, batch \\d+ with learning rate 1e\\+30.*such as 1e\\+29\\.$`,
          "m",
        ),
      );
    }
    expect(r.stdout).not.toContain("predictions");
  });
});
