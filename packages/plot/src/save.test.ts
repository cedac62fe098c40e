import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tensor, ValueError } from "@tsgrad/tensor";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { saveFile } from "./save.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "tsgrad-plot-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("saveFile", () => {
  it("writes text and bytes, creating folders, leaving no temporary file", async () => {
    await saveFile(join(dir, "a", "b", "chart.svg"), "<svg/>");
    await saveFile(join(dir, "grid.png"), new Uint8Array([137, 80, 78, 71]));
    expect(await readFile(join(dir, "a", "b", "chart.svg"), "utf8")).toBe("<svg/>");
    expect([...(await readFile(join(dir, "grid.png")))]).toEqual([137, 80, 78, 71]);
    expect((await readdir(dir)).sort()).toEqual(["a", "grid.png"]);
    expect(await readdir(join(dir, "a", "b"))).toEqual(["chart.svg"]);
  });

  it("replaces an existing file whole", async () => {
    const path = join(dir, "chart.svg");
    await writeFile(path, "x".repeat(1000));
    await saveFile(path, "new");
    expect(await readFile(path, "utf8")).toBe("new");
  });

  it("removes its temporary file and keeps the old one when the rename fails", async () => {
    // A folder where the file should go makes the rename fail.
    const path = join(dir, "taken");
    await saveFile(join(path, "inside.txt"), "keep");
    await expect(saveFile(path, "data")).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(["taken"]);
    expect(await readFile(join(path, "inside.txt"), "utf8")).toBe("keep");
  });
});

describe("saveFile from plain JavaScript", () => {
  it("rejects (never throws) a path or contents of the wrong kind, before writing anything", async () => {
    const js = (v: unknown) => v as never;
    await expect(saveFile(js(undefined), "x")).rejects.toThrowError(ValueError);
    await expect(saveFile(js(undefined), "x")).rejects.toThrowError(
      /^saveFile: path must be a non-empty string, got undefined$/,
    );
    await expect(saveFile("", "x")).rejects.toThrowError('saveFile: path must be a non-empty string, got ""');
    const path = join(dir, "out.bin");
    await expect(saveFile(path, js([1, 2]))).rejects.toThrowError(
      /^saveFile: contents must be a string or a Uint8Array, got \[1, 2\]$/,
    );
    await expect(saveFile(path, js(tensor([1])))).rejects.toThrowError("got a tensor of shape [1]");
    expect(await readdir(dir)).toEqual([]);
  });
});
