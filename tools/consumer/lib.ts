// Helpers of the consumer suite: running commands, making npm projects outside the repository
// from the packed tarballs, and running a page in headless Chromium.
import { spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
export const consumerDir = fileURLToPath(new URL(".", import.meta.url));
export const fixtures = fileURLToPath(new URL("fixtures", import.meta.url));
/** The consumer's Node: NODE_BIN (CI runs the suite on Node 22, 24 and 26 this way), else this one. */
export const NODE = process.env.NODE_BIN || process.execPath;
export const CHROMIUM = process.env.CHROMIUM_BIN || "/usr/bin/chromium";
const toolsBin = join(repoRoot, "tools/node_modules/.bin");

declare module "vitest" {
  export interface ProvidedContext {
    /** Folder of the packed tarballs, one per public package (setup.ts). */
    tarballDir: string;
    /** Package name to tarball path. */
    tarballs: Record<string, string>;
    /** Package name to its folder in the repository. */
    packageDirs: Record<string, string>;
  }
}

export function tarball(name: string): string {
  const path = inject("tarballs")[name];
  if (path === undefined) throw new Error(`no tarball for ${name}`);
  return path;
}
export const allPackages = (): string[] => Object.keys(inject("tarballs")).sort();

/** The environment of child processes: without the npm_* and pnpm variables of the script runner. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    const lower = k.toLowerCase();
    if (
      lower.startsWith("npm_") &&
      !["npm_config_registry", "npm_config_cache", "npm_config_userconfig"].includes(lower)
    )
      continue;
    if (lower.startsWith("pnpm_") || k === "NODE_OPTIONS" || k === "TSGRAD_BACKEND" || k.startsWith("VITEST"))
      continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

export interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The command, stdout and stderr, for assertion messages. */
  output: string;
}

/**
 * Runs a command to its end, asynchronously: a test worker that blocked in spawnSync for long
 * would miss vitest's RPC deadlines, and async lets a file's concurrent tests run side by side.
 */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; timeout?: number },
): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: cleanEnv(options.env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => {
      stdout += s;
    });
    child.stderr.setEncoding("utf8").on("data", (s: string) => {
      stderr += s;
    });
    const limit = options.timeout ?? 120_000;
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${limit / 1000} s]`;
      child.kill("SIGKILL");
    }, limit);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, output: `$ ${command} ${args.join(" ")}\n${stdout}${stderr}` });
    });
  });
}

/** Runs and throws with the output unless the command exits 0. */
export async function ok(...args: Parameters<typeof run>): Promise<Result> {
  const r = await run(...args);
  if (r.status !== 0) throw new Error(`exit status ${r.status} in ${args[2].cwd}\n${r.output}`);
  return r;
}

/** A script under the consumer's Node. */
export const node = (cwd: string, args: readonly string[], env?: Record<string, string>): Promise<Result> =>
  run(NODE, args, { cwd, ...(env === undefined ? {} : { env }) });

/** A command of tools/node_modules/.bin (esbuild, vite, webpack), run by the Node on PATH. */
export function toolBin(name: string): string {
  const path = join(toolsBin, name);
  if (!existsSync(path)) throw new Error(`${path} is missing: run pnpm install`);
  return path;
}
export const tscBin = join(repoRoot, "node_modules/typescript/bin/tsc");

/**
 * A fresh npm project in the OS temp folder (outside the repository, so nothing resolves from
 * its node_modules), with `tarballs` installed by npm as a user would: their dependencies come
 * from the registry (or npm's cache). `files` (names in fixtures/) are copied into it.
 */
export async function npmProject(
  label: string,
  tarballs: readonly string[],
  files: readonly string[] = [],
): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `tsgrad-consumer-${label}-`));
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: `consumer-${label}`, version: "1.0.0", private: true, type: "module" }, null, 2)}\n`,
  );
  await ok(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      "--loglevel=error",
      "--save-exact",
      ...tarballs,
    ],
    { cwd: dir, timeout: 300_000 },
  );
  for (const f of files) cpSync(join(fixtures, f), join(dir, f), { recursive: true });
  return dir;
}

/** The version and folder of every installed copy of `name` under `dir`/node_modules. */
export function installedCopies(dir: string, name: string): { version: string; path: string }[] {
  const found: { version: string; path: string }[] = [];
  const walk = (modules: string) => {
    if (!existsSync(modules)) return;
    const candidate = join(modules, name, "package.json");
    if (existsSync(candidate)) {
      found.push({ version: JSON.parse(readFileSync(candidate, "utf8")).version, path: join(modules, name) });
    }
    for (const entry of readdirSync(modules)) {
      const scoped = entry.startsWith("@")
        ? readdirSync(join(modules, entry)).map((e) => `${entry}/${e}`)
        : [entry];
      for (const pkg of scoped) walk(join(modules, pkg, "node_modules"));
    }
  };
  walk(join(dir, "node_modules"));
  return found;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
  ".wasm": "application/wasm",
  ".json": "application/json",
};

/**
 * Serves `dir` on 127.0.0.1 and opens `page` in headless Chromium, which prints the page once its
 * work is done; returns the JSON the page wrote into <pre id="result">. Over HTTP rather than
 * file://, as a deployed app is served (Vite's index.html refers to /assets/...).
 */
export async function runInChromium(dir: string, page = "index.html"): Promise<Record<string, unknown>> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    const file = join(dir, path.endsWith("/") ? `${path}index.html` : path);
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  const profile = mkdtempSync(join(tmpdir(), "tsgrad-chromium-"));
  try {
    const dom = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        CHROMIUM,
        [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          `--user-data-dir=${profile}`,
          "--virtual-time-budget=30000",
          "--dump-dom",
          `http://127.0.0.1:${port}/${page}`,
        ],
        { stdio: ["ignore", "pipe", "ignore"] },
      );
      let out = "";
      child.stdout.setEncoding("utf8").on("data", (s: string) => {
        out += s;
      });
      const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
      child.on("error", reject);
      child.on("close", (code) => {
        clearTimeout(timer);
        if (code === 0) resolve(out);
        else reject(new Error(`chromium exited with ${code}\n${out}`));
      });
    });
    const text = /<pre id="result">(.*?)<\/pre>/s.exec(dom)?.[1] ?? "";
    const json = text
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
    try {
      return JSON.parse(json) as Record<string, unknown>;
    } catch {
      throw new Error(
        `the page did not finish: <pre id="result"> holds ${JSON.stringify(text.slice(0, 500))}`,
      );
    }
  } finally {
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, text);
  }
}
