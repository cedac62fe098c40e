// --data-dir is strict: a folder that cannot hold the data, or holds a file that fails
// verification, is a usage error (never a reason to take the data from elsewhere).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FASHION_MNIST_SYSTEM_DIR } from "@tsgrad/data-fashion-mnist";
import { describe, expect, it } from "vitest";
import { UsageError } from "../usage-error.js";
import { checkDataDir, describeSource, locateData } from "./data.js";

const NAMES = [
  "train-images-idx3-ubyte",
  "train-labels-idx1-ubyte",
  "t10k-images-idx3-ubyte",
  "t10k-labels-idx1-ubyte",
];

const tmp = mkdtempSync(join(tmpdir(), "example-kit-data-"));
const folder = (name: string, files: string[]) => {
  const dir = join(tmp, name);
  mkdirSync(dir);
  for (const f of files) writeFileSync(join(dir, f), "not IDX data");
  return dir;
};

describe("checkDataDir", () => {
  it("takes a folder with the four files, gzipped or not", () => {
    expect(() => checkDataDir(folder("plain", NAMES))).not.toThrow();
    expect(() =>
      checkDataDir(
        folder(
          "gzipped",
          NAMES.map((n) => `${n}.gz`),
        ),
      ),
    ).not.toThrow();
  });

  it("refuses a missing folder, a file, and a folder without all four files, naming what lacks", () => {
    const missing = join(tmp, "missing");
    expect(() => checkDataDir(missing)).toThrow(new UsageError(`--data-dir '${missing}' does not exist`));
    const file = join(tmp, "a-file");
    writeFileSync(file, "");
    expect(() => checkDataDir(file)).toThrow(new UsageError(`--data-dir '${file}' is not a folder`));
    const three = folder("three", NAMES.slice(1));
    expect(() => checkDataDir(three)).toThrow(
      `--data-dir '${three}' does not hold Fashion-MNIST: no train-images-idx3-ubyte (gzipped or not) there ` +
        `(without --data-dir the files are looked for in FASHION_MNIST_DIR, the cache and ${FASHION_MNIST_SYSTEM_DIR}, then downloaded)`,
    );
  });
});

describe("locateData", () => {
  it("refuses a file that fails verification in --data-dir, and takes no data from elsewhere", async () => {
    const bad = folder("bad", NAMES);
    const error = await locateData(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(new RegExp(`^--data-dir '${bad}': .*${NAMES[0]}`));
    expect((error as Error).message).not.toContain("trying the next location");
  });
});

describe("describeSource", () => {
  it("says where the files came from and how that folder was chosen", () => {
    const files = NAMES.map((n) => `/d/${n}.gz`);
    expect(describeSource({ dirs: ["/d"], origins: ["system"], files })).toBe(
      "data: Fashion-MNIST from /d (Debian's dataset-fashion-mnist)",
    );
    expect(describeSource({ dirs: ["/a", "/b"], origins: ["--data-dir", "cache"], files })).toBe(
      "data: Fashion-MNIST from /a, /b (--data-dir, the cache)",
    );
  });
});
