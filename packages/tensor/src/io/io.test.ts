import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeBuiltin, readRegularFile, removeStaleTemporaries, writeFileAtomic } from "../index.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tsgrad-io-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// The pid of a process that has exited: its temporaries are a dead writer's.
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(child.stdout.toString());
}

const fail = (message: string, cause?: unknown) => new RangeError(message, { cause });

describe("writeFileAtomic", () => {
  it("writes and replaces a file, creating its folder, leaving no temporary behind", async () => {
    const path = join(dir, "sub", "a.bin");
    await writeFileAtomic(path, new Uint8Array([1, 2, 3]), "test");
    await writeFileAtomic(path, "replaced", "test");
    expect(await readFile(path, "utf8")).toBe("replaced");
    expect(await readdir(join(dir, "sub"))).toEqual(["a.bin"]);
  });

  it("removes the temporaries of dead writers of the same file, and only those", async () => {
    const sub = join(dir, "stale");
    await mkdir(sub);
    const dead = deadPid();
    const names = [
      `.w.json.${dead}.abc123.tmp`, // dead writer of w.json: removed
      `.w.json.${process.pid}.live01.tmp`, // this process is alive: kept
      `.other.json.${dead}.abc123.tmp`, // another file's: kept
      "w.json.tmp", // not ours: kept
    ];
    for (const name of names) await writeFile(join(sub, name), "x");
    await writeFileAtomic(join(sub, "w.json"), "{}", "test");
    expect((await readdir(sub)).sort()).toEqual([...names.slice(1), "w.json"].sort());
    expect(await removeStaleTemporaries(sub, ["other.json"], "test")).toEqual([
      join(sub, names[2] as string),
    ]);
    expect(await removeStaleTemporaries(join(dir, "missing"), ["x"], "test")).toEqual([]);
  });

  it("leaves the old file whole when the write fails, and names bad arguments", async () => {
    const path = join(dir, "keep.txt");
    await writeFile(path, "old");
    // A folder where the temporary's folder should be: the write fails, the file stays.
    await expect(writeFileAtomic(join(path, "inside"), "new", "test")).rejects.toThrow();
    expect(await readFile(path, "utf8")).toBe("old");
    await expect(writeFileAtomic("", "x", "save")).rejects.toThrow(
      'save: path must be a non-empty string, got ""',
    );
    await expect(writeFileAtomic(path, 3 as unknown as string, "save")).rejects.toThrow(
      "save: contents must be a string or a Uint8Array, got 3",
    );
  });
});

describe("readRegularFile", () => {
  it("reads a regular file and refuses one larger than the limit, naming it", async () => {
    const path = join(dir, "r.bin");
    await writeFile(path, new Uint8Array([5, 6, 7]));
    expect([...(await readRegularFile(path, 3, "load", fail))]).toEqual([5, 6, 7]);
    await expect(readRegularFile(path, 2, "load", fail)).rejects.toThrow(
      `load: ${path} is 3 bytes, more than the 2 a valid file can have`,
    );
    await expect(readRegularFile(path, 2, "load", fail)).rejects.toBeInstanceOf(RangeError);
  });

  it("refuses devices, FIFOs, folders, symlink loops and missing files at once", async () => {
    const zero = join(dir, "zero");
    await symlink("/dev/zero", zero);
    await expect(readRegularFile(zero, 100, "load", fail)).rejects.toThrow(
      `load: ${zero} is not a regular file (it is a device)`,
    );
    const fifo = join(dir, "fifo");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    await expect(readRegularFile(fifo, 100, "load", fail)).rejects.toThrow(
      `load: ${fifo} is not a regular file (it is a FIFO)`,
    );
    await expect(readRegularFile(dir, 100, "load", fail)).rejects.toThrow(
      "is not a regular file (it is a directory)",
    );
    const loop = join(dir, "loop");
    await symlink(loop, loop);
    await expect(readRegularFile(loop, 100, "load", fail)).rejects.toThrow(
      `load: cannot read ${loop}: ELOOP`,
    );
    await expect(readRegularFile(join(dir, "nope"), 100, "load", fail)).rejects.toThrow(
      `load: cannot read ${join(dir, "nope")}: ENOENT`,
    );
  });
});

describe("nodeBuiltin", () => {
  it("loads Node's modules, and says what is missing where there is no Node", () => {
    expect(nodeBuiltin<{ sep: string }>("node:path", "t").sep).toBe("/");
    const proc = process as { getBuiltinModule?: unknown };
    const saved = proc.getBuiltinModule;
    proc.getBuiltinModule = undefined;
    try {
      expect(() => nodeBuiltin("node:fs/promises", "saveFile")).toThrow(
        "saveFile: needs Node.js (20.16 or newer) for node:fs/promises",
      );
    } finally {
      proc.getBuiltinModule = saved;
    }
  });
});
