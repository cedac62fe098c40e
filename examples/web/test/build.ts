// The test drives the built page: it builds it first when dist/ is missing or older than what
// goes into it (the page's files, or a package's dist after `pnpm build`), as `pnpm web:build` does.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** The newest modification time of `path`, a file or (recursively) a folder's files. */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export function builtAt(webDir: string): number {
  return newest(join(webDir, "dist", "index.html"));
}

export function sourcesAt(webDir: string, repoRoot: string): number {
  const own = ["index.html", "vite.config.ts", "package.json", "src", "vite"].map((p) =>
    newest(join(webDir, p)),
  );
  const packages = join(repoRoot, "packages");
  const libs = readdirSync(packages).map((p) => newest(join(packages, p, "dist")));
  return Math.max(...own, ...libs);
}

/** Builds the site with Vite unless dist/ is newer than its sources; returns what it printed. */
export function ensureBuilt(webDir: string, repoRoot: string): string {
  if (builtAt(webDir) > sourcesAt(webDir, repoRoot)) return "dist is up to date";
  const vite = join(
    dirname(createRequire(join(webDir, "package.json")).resolve("vite/package.json")),
    "bin",
    "vite.js",
  );
  const r = spawnSync(process.execPath, [vite, "build"], { cwd: webDir, encoding: "utf8", timeout: 180_000 });
  if (r.status !== 0) throw new Error(`vite build failed (status ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}
