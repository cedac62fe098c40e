import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { builtCli, tempFixtures } from "./testing.js";

describe("builtCli", () => {
  const { dir, file, emptyDir } = tempFixtures("example-kit-testing-");

  it("makes a fresh folder with an empty file and an empty folder in it", () => {
    expect(readdirSync(dir).sort()).toEqual(["a-file", "empty"]);
    expect(readFileSync(file, "utf8")).toBe("");
    expect(readdirSync(emptyDir)).toEqual([]);
  });

  it("runs the script with node and the arguments, and collects status, stdout and stderr", () => {
    const main = join(dir, "main.mjs");
    writeFileSync(
      main,
      "console.log(process.argv.slice(2).join(' ')); console.error('e'); process.exitCode = 3;\n",
    );
    expect(builtCli(pathToFileURL(main))("--lr", "-1")).toEqual({
      status: 3,
      stdout: "--lr -1\n",
      stderr: "e\n",
    });
  });

  it("says to build when the script is missing", () => {
    const missing = join(dir, "dist", "main.js");
    expect(existsSync(missing)).toBe(false);
    expect(() => builtCli(pathToFileURL(missing))()).toThrow(`${missing} is missing: run pnpm build`);
  });
});
