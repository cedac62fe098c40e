import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkOutputDir, UsageError } from "./index.js";

describe("checkOutputDir", () => {
  const dir = mkdtempSync(join(tmpdir(), "example-kit-"));
  const file = join(dir, "a-file");
  writeFileSync(file, "");

  it("takes a folder that exists or can be created, and creates nothing", () => {
    expect(() => checkOutputDir(dir)).not.toThrow();
    expect(() => checkOutputDir(join(dir, "new", "deeper"))).not.toThrow();
    expect(existsSync(join(dir, "new"))).toBe(false);
    expect(() => checkOutputDir("relative/runs")).not.toThrow();
  });

  it("refuses a file, a path under a file and an empty path, naming the option and why", () => {
    expect(() => checkOutputDir(file)).toThrow(
      new UsageError(`--out '${file}' cannot be used as the output folder: it is a file`),
    );
    expect(() => checkOutputDir(join(file, "sub", "x"))).toThrow(
      new UsageError(
        `--out '${join(file, "sub", "x")}' cannot be used as the output folder: '${file}' is a file`,
      ),
    );
    expect(() => checkOutputDir("", "--report-dir")).toThrow(
      "--report-dir '' cannot be used as the output folder: the path is empty",
    );
  });

  // root may write anywhere: the permission check only shows for other users.
  it.skipIf(process.getuid?.() === 0)("refuses a folder it may not write into", () => {
    const locked = join(dir, "locked");
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    expect(() => checkOutputDir(join(locked, "out"))).toThrow(`'${locked}' is not writable (EACCES)`);
    chmodSync(locked, 0o700);
  });
});
