// Global setup of the consumer suite: packs every public package with `pnpm pack` (which runs
// its prepack script, a turbo build of the package and what it depends on, and rewrites the
// workspace:^ ranges into versions), once, into a temporary folder shared by the test files.
// CONSUMER_TARBALLS=DIR packs into DIR and keeps it, or reuses the tarballs already there (the
// Node matrix packs once for all its runs).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

function check(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(" ")} in ${cwd}: exit ${r.status}\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

export default function setup(project: TestProject): () => void {
  const node = process.env.NODE_BIN || process.execPath;
  const version = check(node, ["--version"], repoRoot).trim();
  const [major = 0, minor = 0] = version.slice(1).split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    throw new Error(`NODE_BIN is ${node}, Node ${version}: the packages need Node 20.19 or newer`);
  }
  console.log(`consumer suite: consumer scripts run on ${node} (${version})`);

  const started = Date.now();
  const shared = process.env.CONSUMER_TARBALLS;
  if (shared) mkdirSync(shared, { recursive: true });
  const dir = shared || mkdtempSync(join(tmpdir(), "tsgrad-tarballs-"));
  const packages = readdirSync(join(repoRoot, "packages"))
    .map((d) => ({
      dir: join(repoRoot, "packages", d),
      manifest: JSON.parse(readFileSync(join(repoRoot, "packages", d, "package.json"), "utf8")),
    }))
    .filter(({ manifest }) => manifest.private !== true);
  // The umbrella first: its prepack builds every package (one turbo run); the other prepacks
  // then find turbo's cache. One at a time, so that two turbo runs never build the same package.
  packages.sort((a, b) => (a.manifest.name === "tsgrad" ? -1 : b.manifest.name === "tsgrad" ? 1 : 0));
  const tarballs: Record<string, string> = {};
  const packageDirs: Record<string, string> = {};
  for (const { dir: pkgDir, manifest } of packages) {
    const existing = `${String(manifest.name).replace(/^@/, "").replace("/", "-")}-${manifest.version}.tgz`;
    if (shared && existsSync(join(dir, existing))) {
      tarballs[manifest.name] = join(dir, existing);
      packageDirs[manifest.name] = pkgDir;
      continue;
    }
    const before = new Set(readdirSync(dir));
    check("pnpm", ["pack", "--pack-destination", dir], pkgDir);
    const made = readdirSync(dir).filter((f) => !before.has(f) && f.endsWith(".tgz"));
    if (made.length !== 1) throw new Error(`pnpm pack in ${pkgDir} made ${JSON.stringify(made)}`);
    tarballs[manifest.name] = join(dir, made[0] as string);
    packageDirs[manifest.name] = pkgDir;
  }
  console.log(
    `consumer suite: ${packages.length} tarballs in ${dir}, packed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  project.provide("tarballDir", dir);
  project.provide("tarballs", tarballs);
  project.provide("packageDirs", packageDirs);
  return () => {
    if (!shared && process.env.KEEP_CONSUMER !== "1") rmSync(dir, { recursive: true, force: true });
  };
}
