// A release dry run on a scratch copy: `changeset version` with the pending changesets, then
// `pnpm pack` of every public package. The packages version together (one fixed group in
// .changeset/config.json, see README "Versioning"), so afterwards every public package has the
// same version, a CHANGELOG.md with it, and tarballs whose internal ranges accept exactly it.
import { execFile } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const changesetBin = join(root, "node_modules", ".bin", "changeset");

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
}
const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8")) as Manifest;
const dirs = readdirSync(join(root, "packages"));
const manifests = dirs.map((dir) => readJson(join(root, "packages", dir, "package.json")));
const names = manifests.map((m) => m.name);
const internal = (m: Manifest) => Object.keys(m.dependencies ?? {}).filter((d) => names.includes(d));

describe("versioning policy", () => {
  it("one fixed group holds exactly the public packages", () => {
    const config = JSON.parse(readFileSync(join(root, ".changeset", "config.json"), "utf8")) as {
      fixed: string[][];
      linked: string[][];
    };
    expect(config.fixed).toHaveLength(1);
    expect([...(config.fixed[0] ?? [])].sort()).toEqual([...names].sort());
    expect(config.linked).toEqual([]);
  });

  it("the public packages have one version now", () => {
    expect(new Set(manifests.map((m) => m.version)).size).toBe(1);
  });
});

describe("release dry run on a scratch copy (changeset version, then pnpm pack)", () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), "tsgrad-release-"));
    for (const f of ["package.json", "pnpm-workspace.yaml", ".changeset"]) {
      cpSync(join(root, f), join(scratch, f), { recursive: true });
    }
    for (const dir of dirs) {
      const to = join(scratch, "packages", dir);
      mkdirSync(to, { recursive: true });
      cpSync(join(root, "packages", dir, "README.md"), join(to, "README.md"));
      const changelog = join(root, "packages", dir, "CHANGELOG.md");
      if (existsSync(changelog)) cpSync(changelog, join(to, "CHANGELOG.md"));
      // Without scripts: packing must not build (prepack); only the manifests matter here.
      const { scripts: _scripts, ...manifest } = readJson(join(root, "packages", dir, "package.json"));
      writeFileSync(join(to, "package.json"), JSON.stringify(manifest, null, 2));
    }
    // pnpm rewrites `workspace:` ranges from the installed packages: link them as an install would.
    for (const [i, dir] of dirs.entries()) {
      for (const dep of internal(manifests[i] as Manifest)) {
        const link = join(scratch, "packages", dir, "node_modules", dep);
        mkdirSync(join(link, ".."), { recursive: true });
        symlinkSync(join(scratch, "packages", dirs[names.indexOf(dep)] as string), link);
      }
    }
    // changesets reads git for the commits that added each changeset.
    const git = (...args: string[]) => run("git", args, { cwd: scratch });
    await git("init", "-q");
    await git("add", "-A");
    await git("-c", "user.name=ci", "-c", "user.email=ci@localhost", "commit", "-qm", "scratch");
    await run(changesetBin, ["version"], { cwd: scratch, env: { ...process.env, CI: "true" } });
    await Promise.all(
      dirs.map((dir) =>
        run("pnpm", ["pack", "--pack-destination", join(scratch, "tarballs", dir)], {
          cwd: join(scratch, "packages", dir),
        }),
      ),
    );
  }, 120_000);
  afterAll(() => {
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  const versioned = () => dirs.map((dir) => readJson(join(scratch, "packages", dir, "package.json")));

  it("consumes every changeset and moves every public package to one version", () => {
    const left = readdirSync(join(scratch, ".changeset")).filter(
      (f) => f.endsWith(".md") && f !== "README.md",
    );
    expect(left).toEqual([]);
    const versions = new Set(versioned().map((m) => m.version));
    expect(versions.size).toBe(1);
    const pending = readdirSync(join(root, ".changeset")).some((f) => f.endsWith(".md") && f !== "README.md");
    if (pending) expect([...versions][0]).not.toBe(manifests[0]?.version);
  });

  it("writes each package's CHANGELOG.md with the new version", () => {
    for (const [i, dir] of dirs.entries()) {
      const version = versioned()[i]?.version;
      const changelog = readFileSync(join(scratch, "packages", dir, "CHANGELOG.md"), "utf8");
      expect(changelog, dir).toMatch(
        new RegExp(`^# ${names[i]}\\n\\n## ${version?.replace(/\./g, "\\.")}\\n`),
      );
    }
  });

  it("packs tarballs whose internal dependencies are ^ of that one version", async () => {
    for (const dir of dirs) {
      const [tarball] = readdirSync(join(scratch, "tarballs", dir));
      const { stdout } = await run("tar", [
        "-xzOf",
        join(scratch, "tarballs", dir, tarball as string),
        "package/package.json",
      ]);
      const packed = JSON.parse(stdout) as Manifest;
      const version = versioned()[0]?.version;
      expect(packed.version, dir).toBe(version);
      for (const dep of internal(packed))
        expect(`${dir} → ${dep}@${packed.dependencies?.[dep]}`).toBe(`${dir} → ${dep}@^${version}`);
      expect(JSON.stringify(packed), dir).not.toContain("workspace:");
    }
  });
});
