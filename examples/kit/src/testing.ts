// For the examples' tests: whether the real-data tests run, and the built command as a user runs
// it. Plain functions (no vitest here): a missing build throws, which fails the test that ran it.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FASHION_MNIST_SYSTEM_DIR } from "@tsgrad/data-fashion-mnist";

/** The Fashion-MNIST files are here: Debian's dataset-fashion-mnist, or FASHION_MNIST_DIR set. */
export const hasFashionMnist =
  existsSync(join(FASHION_MNIST_SYSTEM_DIR, "train-images-idx3-ubyte.gz")) ||
  process.env.FASHION_MNIST_DIR !== undefined;

/**
 * Whether the tests on the real Fashion-MNIST run: wherever the files are found, and always under
 * CI=true, where a machine without the data must fail them, not skip them.
 */
export const runRealDataTests = hasFashionMnist || process.env.CI === "true";

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The built command at `main` (`new URL("../dist/main.js", import.meta.url)` in a test), as a
 * function that runs it with node and the arguments and collects its output.
 */
export function builtCli(main: URL): (...args: string[]) => CliResult {
  const path = fileURLToPath(main);
  return (...args) => {
    if (!existsSync(path)) throw new Error(`${path} is missing: run pnpm build`);
    const r = spawnSync(process.execPath, [path, ...args], { encoding: "utf8" });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
}

/** A fresh temporary folder for a test's outputs, with an empty file and an empty folder in it. */
export function tempFixtures(prefix: string): { dir: string; file: string; emptyDir: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = join(dir, "a-file");
  writeFileSync(file, "");
  const emptyDir = join(dir, "empty");
  mkdirSync(emptyDir);
  return { dir, file, emptyDir };
}
