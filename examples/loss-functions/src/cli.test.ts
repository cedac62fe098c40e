// The built CLI as a user runs it: a bad option is one line naming the option and the value,
// with status 2 and before any work; --json writes only JSON to stdout.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { builtCli, tempFixtures } from "@tsgrad/example-kit/testing";
import { describe, expect, it } from "vitest";

const cli = builtCli(new URL("../dist/main.js", import.meta.url));

const { dir: tmp, file } = tempFixtures("loss-functions-cli-");

// The CLI does not depend on the kernels: it runs in one of the two backend projects.
describe.runIf(process.env.TSGRAD_BACKEND !== "js")("loss-functions CLI", () => {
  it.each([
    [["--bogus"], "Unknown option '--bogus'"],
    [["--delta"], "Option '--delta <value>' argument missing"],
    [["--delta", "0"], "--delta must be a positive number, got '0'"],
    [["--delta", "-1"], "--delta must be a positive number, got '-1'"],
    [["--delta", "inf"], "--delta must be a positive number, got 'inf'"],
    [["--target", "x"], "--target must be a number, got 'x'"],
    [["--target", ""], "--target must be a number, got ''"],
    [["--range", "3,-3"], "--range must be two numbers LO,HI with LO < HI, got '3,-3'"],
    [["--range", "-3"], "--range must be two numbers LO,HI with LO < HI, got '-3'"],
    [["--range", "-3,3,4"], "--range must be two numbers LO,HI with LO < HI, got '-3,3,4'"],
    [["--range", "a,3"], "--range must be two numbers LO,HI with LO < HI, got 'a,3'"],
    [["--range", ",3"], "--range must be two numbers LO,HI with LO < HI, got ',3'"],
    [["--points", "1"], "--points must be an integer >= 2, got '1'"],
    [["--points", "2.5"], "--points must be an integer >= 2, got '2.5'"],
    [["--points", "1e6"], "--points must be at most 100000, got '1e6'"],
    [["--out", file], `--out '${file}' cannot be used as the output folder: it is a file`],
    [
      ["--out", join(file, "x")],
      `--out '${join(file, "x")}' cannot be used as the output folder: '${file}' is a file`,
    ],
  ])("answers %j with one line and status 2, before any work", (args, message) => {
    const r = cli(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`loss-functions: ${message}\nRun with --help for the options.\n`);
  });

  it("writes nothing when an option is bad", () => {
    const out = join(tmp, "bad");
    expect(cli("--out", out, "--delta", "0").status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it("prints only one JSON line on stdout with --json, negative values after the flags included", () => {
    const out = join(tmp, "json");
    const r = cli("--json", "--range", "-2,1", "--target", "-0.5", "--delta", "0.25", "--out", out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe("");
    const summary = JSON.parse(lines[0]!) as { options: unknown; files: string[] };
    expect(summary.options).toEqual({ target: -0.5, delta: 0.25, range: [-2, 1], points: 601 });
    expect(readdirSync(out).sort()).toEqual([
      "derivative.svg",
      "loss.svg",
      "normal.svg",
      "report.html",
      "summary.json",
    ]);
  });

  it("prints the help with status 0", () => {
    const r = cli("--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: pnpm loss-functions/);
    for (const o of ["--target Y", "--delta D", "--range LO,HI", "--points N", "--out DIR", "--json"]) {
      expect(r.stdout).toContain(o);
    }
  });
});
