// The mains' shared part: --backend checked with the other options, the folders checked before
// any work (the output folder first), and the exit status of the variants.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempFixtures } from "../testing.js";
import { UsageError } from "../usage-error.js";
import { dataOptions, runVariants, startRun } from "./main.js";

describe("dataOptions", () => {
  it("takes --data-dir as given and --backend wasm or js", () => {
    expect(dataOptions({})).toEqual({ dataDir: undefined, backend: undefined });
    expect(dataOptions({ "data-dir": "d", backend: "js" })).toEqual({ dataDir: "d", backend: "js" });
    expect(() => dataOptions({ backend: "gpu" })).toThrow(
      new UsageError("--backend must be wasm or js, got 'gpu'"),
    );
  });
});

describe("startRun", () => {
  const { dir, file } = tempFixtures("example-kit-start-");
  const o = { batchSize: 256, seed: 0, json: false, backend: undefined };

  it("checks the output folder, then --data-dir, before any work", async () => {
    const print = () => expect.fail("nothing is printed before the checks pass");
    await expect(startRun({ ...o, out: file, dataDir: join(dir, "none") }, print)).rejects.toThrow(
      `--out '${file}' cannot be used as the output folder: it is a file`,
    );
    await expect(
      startRun({ ...o, out: join(dir, "out"), dataDir: join(dir, "none") }, print),
    ).rejects.toThrow(new UsageError(`--data-dir '${join(dir, "none")}' does not exist`));
  });
});

describe("runVariants", () => {
  const o = {
    ...{ variants: ["scratch", "concise"] as ("scratch" | "concise")[], lr: 0.1, epochs: 2, batchSize: 8 },
    ...{ seed: 3, out: "runs/x", json: false },
  };

  it("runs each variant in its own folder, headed in the text, and returns 1 when one diverged", async () => {
    const lines: string[] = [];
    const print = (l: string) => lines.push(l);
    const seen: unknown[] = [];
    const status = await runVariants(o, print, async (v) => {
      seen.push({ ...v, print: undefined });
      return { diverged: v.variant === "concise" ? { epoch: 1 } : null };
    });
    expect(status).toBe(1);
    expect(lines).toEqual(["\n== scratch ==", "\n== concise =="]);
    expect(seen).toEqual(
      ["scratch", "concise"].map((variant) => ({
        ...{ variant, epochs: 2, lr: 0.1, batchSize: 8, seed: 3, out: `runs/x/${variant}` },
        ...{ json: false, print: undefined, predictN: 6 },
      })),
    );
  });

  it("returns 0 when none diverged, and prints no headings with --json", async () => {
    const lines: string[] = [];
    const status = await runVariants(
      { ...o, json: true },
      (l) => lines.push(l),
      async () => ({ diverged: null }),
    );
    expect(status).toBe(0);
    expect(lines).toEqual([]);
  });
});
