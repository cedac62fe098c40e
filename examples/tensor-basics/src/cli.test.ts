// The built CLI as a user runs it: usage errors are one line and status 2, before any work.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const main = fileURLToPath(new URL("../dist/main.js", import.meta.url));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  expect(existsSync(main), `${main} is missing: run pnpm build`).toBe(true);
  const r = spawnSync(process.execPath, [main, ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("tensor-basics CLI", () => {
  const hint = "Run with --help for the options.\n";

  it("answers an unknown flag, a bad seed and an unusable --out with one line and status 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "tensor-basics-"));
    const file = join(dir, "a-file");
    writeFileSync(file, "");
    for (const [args, message] of [
      [["--bogus"], "tensor-basics: Unknown option '--bogus'"],
      [
        ["--seed", "x"],
        "tensor-basics: --seed must be an integer (negative ones too, up to 2^53 - 1 in size), got 'x'",
      ],
      [["--seed", "1e300"], "tensor-basics: --seed must be an integer"],
      [["--out", file], `tensor-basics: --out '${file}' cannot be used as the output folder: it is a file`],
      [
        ["--out", join(file, "sub")],
        `tensor-basics: --out '${join(file, "sub")}' cannot be used as the output folder: '${file}' is a file`,
      ],
    ] as const) {
      const r = cli(...args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.startsWith(message), r.stderr).toBe(true);
      expect(r.stderr.endsWith(hint)).toBe(true);
      expect(r.stderr).not.toContain("    at ");
    }
  });

  it("takes a negative seed after the flag", () => {
    const r = cli("--seed", "-1", "--json", "--out", mkdtempSync(join(tmpdir(), "tensor-basics-")));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).seed).toBe(-1);
  });
});
