// Every tarball as published: publint --strict and Are The Types Wrong (every resolution mode;
// the packages ship ES modules only, see README.md here), and what the tarball holds: the build,
// the sources its source maps and declaration maps point at, no tests, versions instead of
// workspace: ranges, and README links that resolve.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, describe, expect, inject, it } from "vitest";
import { consumerDir, ok } from "./lib.js";

const tarballs = inject("tarballs");
const ACCEPTED = ["CJSResolvesToESM"];

interface AttwResult {
  name: string;
  problems: { kind: string; title: string; resolutionKind?: string; entrypoint?: string }[];
}
let attwResults: Record<string, AttwResult> | undefined;
/** attw.mjs on every tarball, once (one process: TypeScript loads once). */
async function attw(): Promise<Record<string, AttwResult>> {
  if (attwResults === undefined) {
    const r = await ok(process.execPath, [join(consumerDir, "attw.mjs"), ...Object.values(tarballs)], {
      cwd: consumerDir,
      timeout: 300_000,
    });
    attwResults = {};
    for (const line of r.stdout.trim().split("\n")) {
      const result = JSON.parse(line) as AttwResult;
      attwResults[result.name] = result;
    }
  }
  return attwResults;
}
const names = Object.keys(tarballs).sort();
const scratch = mkdtempSync(join(tmpdir(), "tsgrad-unpacked-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const unpacked = new Map<string, { root: string; files: Set<string> }>();
/** The tarball's files, relative to its package/ folder, and that folder. */
async function unpack(name: string): Promise<{ root: string; files: Set<string> }> {
  const done = unpacked.get(name);
  if (done !== undefined) return done;
  const dest = join(scratch, name.replace("/", "+"));
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  await ok("tar", ["xzf", tarballs[name] as string, "-C", dest], { cwd: dest });
  const root = join(dest, "package");
  const files = new Set<string>();
  const walk = (d: string, rel: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      const r = rel === "" ? f : `${rel}/${f}`;
      if (statSync(p).isDirectory()) walk(p, r);
      else files.add(r);
    }
  };
  walk(root, "");
  unpacked.set(name, { root, files });
  return { root, files };
}

describe.each(names)("%s", (name) => {
  it("passes publint --strict", async () => {
    const tarball = readFileSync(tarballs[name] as string);
    const { messages, pkg } = await publint({
      pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
      strict: true,
      level: "suggestion",
    });
    const lines = messages.map((m) => `${m.type}: ${formatMessage(m, pkg) ?? m.code}`);
    const suggestions = lines.filter((l) => l.startsWith("suggestion"));
    if (suggestions.length > 0)
      console.log(`publint suggestions for ${name}:\n  ${suggestions.join("\n  ")}`);
    expect(lines.filter((l) => !l.startsWith("suggestion"))).toEqual([]);
  });

  it("passes Are The Types Wrong (all four resolution modes; ESM-only is by design)", async () => {
    const result = (await attw())[name];
    expect(result, `attw printed nothing for ${name}`).toBeDefined();
    // CJSResolvesToESM ("Entrypoint is ESM-only", node16 from CJS) is the one accepted problem:
    // the packages ship ES modules only; CommonJS callers require() them on Node 20.19+ and
    // TypeScript types that under module NodeNext (types.test.ts checks a .cts file), but attw's
    // TypeScript (5.6) predates require(esm). Everything else fails, in every mode, node10 included.
    const problems = (result?.problems ?? []).filter((p) => !ACCEPTED.includes(p.kind));
    expect(problems).toEqual([]);
  });

  it("holds the build, the sources its maps point at, and no tests", async () => {
    const { root, files } = await unpack(name);
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    // pnpm pack turned workspace:^ into the versions packed here.
    for (const [dep, range] of Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies })) {
      expect(range, `${dep}`).not.toMatch(/^workspace:/);
    }
    for (const field of ["repository", "homepage", "bugs", "license", "engines"]) {
      expect(manifest[field], field).toBeDefined();
    }
    expect(manifest.repository.directory).toMatch(/^packages\//);
    expect(files).toContain("dist/index.js");
    expect(files).toContain("dist/index.d.ts");
    expect(files).toContain("README.md");
    const unwanted = [...files].filter((f) =>
      /\.test\.ts$|\.test-util\.ts$|\/fixtures\/|\.tsbuildinfo$/.test(f),
    );
    expect(unwanted).toEqual([]);

    // No data in the declarations: the embedded wasm module is typed `string`, not its
    // base64 text as a literal type (build-wasm.mjs), and so is everything else.
    const literals = [...files]
      .filter((f) => f.endsWith(".d.ts"))
      .filter((f) => /"[^"\n]{1000,}"|'[^'\n]{1000,}'/.test(readFileSync(join(root, f), "utf8")));
    expect(literals, "declarations with a string literal type over 1000 characters").toEqual([]);

    const missing: string[] = [];
    for (const file of files) {
      if (/\.(js|d\.ts)$/.test(file)) {
        // The map each output names, and the sources each map names, are in the tarball.
        const text = readFileSync(join(root, file), "utf8");
        const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text)?.[1];
        if (url !== undefined && !url.startsWith("data:")) {
          const map = posix.join(posix.dirname(file), url);
          if (!files.has(map)) missing.push(`${file} -> ${map}`);
        }
      }
      if (file.endsWith(".map")) {
        const map = JSON.parse(readFileSync(join(root, file), "utf8")) as {
          sources: string[];
          sourceRoot?: string;
          sourcesContent?: (string | null)[];
        };
        map.sources.forEach((source, i) => {
          const target = posix.join(posix.dirname(file), map.sourceRoot ?? "", source);
          if (!files.has(target) && typeof map.sourcesContent?.[i] !== "string")
            missing.push(`${file} -> ${target}`);
        });
      }
    }
    expect(missing, "source maps pointing at files not in the tarball").toEqual([]);
  });

  it("has a README whose relative links and images are in the tarball", async () => {
    const { root, files } = await unpack(name);
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const broken: string[] = [];
    for (const [, target] of readme.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      if (target === undefined || /^([a-z][a-z0-9+.-]*:|#)/i.test(target)) continue;
      const path = posix.normalize(target.split("#")[0] as string);
      if (!files.has(path) && ![...files].some((f) => f.startsWith(`${path}/`))) broken.push(target);
    }
    for (const [, target] of readme.matchAll(/<img[^>]*\ssrc="([^"]+)"/g)) {
      if (target !== undefined && !/^[a-z][a-z0-9+.-]*:/i.test(target) && !files.has(posix.normalize(target)))
        broken.push(target);
    }
    expect(broken).toEqual([]);
  });
});
