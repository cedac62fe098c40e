// Every TypeScript or JavaScript example in the READMEs runs, as a user would run it: compiled
// by esbuild, under plain node, importing the built packages by name, in an empty folder.
// A block without imports continues the file's previous block. A block that is a sketch, not a
// program, says so just above it: `<!-- readme-test: skip, <why> -->`.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { transform } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));

const readmes = [
  "README.md",
  ...["packages", "examples"].flatMap((parent) =>
    readdirSync(join(root, parent))
      .map((dir) => `${parent}/${dir}/README.md`)
      .filter((f) => existsSync(join(root, f))),
  ),
];

interface Program {
  line: number;
  code: string;
}

const BLOCK =
  /(?:<!--\s*readme-test:\s*skip\b([^>]*)-->\s*\n)?^```(ts|js|typescript|javascript)\n([\s\S]*?)^```$/gm;

/** The runnable programs of a README; sketches marked skip must say why. */
function programs(file: string): Program[] {
  const text = readFileSync(join(root, file), "utf8");
  const out: Program[] = [];
  for (const m of text.matchAll(BLOCK)) {
    const line = text.slice(0, m.index).split("\n").length;
    if (m[1] !== undefined) {
      expect(m[1].replace(/^[\s,:]+/, "").trim(), `${file}:${line}: a skipped block says why`).not.toBe("");
      continue;
    }
    const code = m[3] as string;
    const previous = out.at(-1);
    if (!/^import\b/m.test(code) && previous !== undefined) previous.code += `\n${code}`;
    else out.push({ line, code });
  }
  return out;
}

// The folder whose node_modules resolve the README's imports: the package itself (a package
// can import itself by name), the umbrella for the top-level README.
const home = (file: string) =>
  join(root, file === "README.md" ? "packages/tsgrad" : file.replace(/\/README\.md$/, ""));

const written: string[] = [];
const cwd = mkdtempSync(join(tmpdir(), "tsgrad-readme-"));
afterAll(() => {
  for (const f of written) rmSync(f, { force: true });
  rmSync(cwd, { recursive: true, force: true });
});

describe("README examples run", () => {
  for (const file of readmes) {
    for (const program of programs(file)) {
      it(`${file}:${program.line}`, async () => {
        const { code } = await transform(program.code, { loader: "ts", format: "esm", target: "es2022" });
        const script = join(home(file), `.readme-example-${program.line}.mjs`);
        written.push(script);
        writeFileSync(script, code);
        const where = mkdtempSync(join(cwd, "run-"));
        try {
          await run(process.execPath, [script], {
            cwd: where,
            timeout: 180_000,
            env: { ...process.env, NO_COLOR: "1" },
          });
        } catch (e) {
          const { stderr, message } = e as { stderr?: string; message: string };
          expect.fail(`${file}:${program.line} failed (${relative(root, script)}):\n${stderr || message}`);
        }
      }, 200_000);
    }
  }
});
