// Imports every package's built dist under plain node, outside vitest: CommonJS dependencies
// such as ndarray resolve differently there (named imports that vitest accepts throw in node).
// The dist must load and expose the same runtime exports as the TypeScript sources, through
// import and through require().
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const packages = readdirSync(join(root, "packages")).map((dir) => {
  const manifest = JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8"));
  return { dir, name: manifest.name as string, entry: manifest.exports["."].import as string };
});

describe("built dist under plain node", () => {
  for (const { dir, name, entry } of packages) {
    it(`${name}: dist loads in node with the exports of src`, async () => {
      const file = join(root, "packages", dir, entry);
      expect(existsSync(file), `${file} is missing: run pnpm build`).toBe(true);
      // Resolve through the package name from inside the package, as a user's import would.
      const script = `import(${JSON.stringify(name)}).then((m) => console.log(JSON.stringify(Object.keys(m).sort())))`;
      const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
        cwd: join(root, "packages", dir),
        encoding: "utf8",
      });
      const fromDist = JSON.parse(out.trim()) as string[];
      const fromSrc = Object.keys(await import(join(root, "packages", dir, "src/index.ts"))).sort();
      expect(fromDist).toEqual(fromSrc);
      // CommonJS callers: Node >= 20.19 require()s ES modules through the "default" condition.
      const cjs = `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(name)})).sort()))`;
      const required = execFileSync(process.execPath, ["--no-warnings", "-e", cjs], {
        cwd: join(root, "packages", dir),
        encoding: "utf8",
      });
      expect(JSON.parse(required.trim())).toEqual(fromSrc);
    });
  }
});
