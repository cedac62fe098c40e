// Type-checks the built declarations (dist/**/*.d.ts) the way a strict consumer project sees
// them: `strict`, `skipLibCheck: false`, packages installed as npm would install them (only
// their `dependencies`, none of the devDependencies such as @types/ndarray that the monorepo
// resolves through its own node_modules). Twice: a Node project (`types: ["node"]`) and a
// browser project (`lib: ES2022, DOM`, no @types/node), where a `NodeJS.*` type, `Buffer` or a
// `node:` import in a public declaration fails.
import { execFileSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const tsc = join(root, "node_modules/typescript/bin/tsc");

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
}
const packages = readdirSync(join(root, "packages")).map((dir) => {
  const manifest = JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8")) as Manifest;
  return { dir: join(root, "packages", dir), manifest };
});

/** A consumer's node_modules: each package's package.json and built .d.ts, plus its third-party dependencies. */
function install(modules: string): void {
  for (const { dir, manifest } of packages) {
    const target = join(modules, manifest.name);
    mkdirSync(target, { recursive: true });
    cpSync(join(dir, "package.json"), join(target, "package.json"));
    // Declarations only: tsc reads nothing else, and the .js (the embedded wasm) is large.
    cpSync(join(dir, "dist"), join(target, "dist"), {
      recursive: true,
      filter: (src) => src.endsWith(".d.ts") || statSync(src).isDirectory(),
    });
    for (const dep of Object.keys(manifest.dependencies ?? {})) {
      const link = join(modules, dep);
      if (dep.startsWith("@tsgrad/") || dep === "tsgrad") continue;
      try {
        mkdirSync(dirname(link), { recursive: true });
        symlinkSync(realpathSync(join(dir, "node_modules", dep)), link, "dir");
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      }
    }
  }
}

// Every package, imported the way a user would, and a few of their types in use.
const common = `
import * as tg from "tsgrad";
${packages
  .filter(({ manifest }) => manifest.name !== "tsgrad")
  .map(
    ({ manifest }, i) =>
      `import * as p${i} from "${manifest.name}";\nexport const used${i} = Object.keys(p${i});`,
  )
  .join("\n")}
import { Tensor, tensor } from "@tsgrad/tensor";
import type { AnimatorOptions } from "@tsgrad/trainer";

export const x: Tensor = tensor([[1, 2], [3, 4]]);
export const y: tg.Tensor = x.matmul(x).sum();
export const net: tg.Sequential = new tg.Sequential(new tg.Linear(2, 1));
export const param: tg.Parameter = new tg.Parameter(x);
// Any object with write() fits the Animator's stream, in the browser too.
const lines: string[] = [];
export const options: AnimatorOptions = { stream: { write: (s: string) => lines.push(s) }, live: false };
export const animator = new tg.Animator(options);
`;
// Node only: process.stdout still fits the stream option.
const nodeOnly = `
import { Animator } from "@tsgrad/trainer";
export const terminal = new Animator({ stream: process.stdout });
`;

const base = {
  strict: true,
  skipLibCheck: false,
  noEmit: true,
  target: "ES2022",
  forceConsistentCasingInFileNames: true,
};
const setups = {
  node: {
    compilerOptions: {
      ...base,
      lib: ["ES2022"],
      module: "NodeNext",
      moduleResolution: "NodeNext",
      // @types/node lives outside node_modules, so the browser setup cannot find it.
      typeRoots: ["./node-types"],
      types: ["node"],
    },
    files: ["src/common.ts", "src/node.ts"],
  },
  browser: {
    compilerOptions: {
      ...base,
      lib: ["ES2022", "DOM"],
      module: "ESNext",
      moduleResolution: "Bundler",
      types: [],
    },
    files: ["src/common.ts"],
  },
};

let project = "";
beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), "tsgrad-consumer-"));
  install(join(project, "node_modules"));
  mkdirSync(join(project, "node-types"));
  symlinkSync(realpathSync(join(root, "node_modules/@types/node")), join(project, "node-types/node"), "dir");
  mkdirSync(join(project, "src"));
  writeFileSync(join(project, "src/common.ts"), common);
  writeFileSync(join(project, "src/node.ts"), nodeOnly);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", type: "module" }));
  for (const [name, config] of Object.entries(setups)) {
    writeFileSync(join(project, `tsconfig.${name}.json`), JSON.stringify(config, null, 2));
  }
});
afterAll(() => {
  if (project !== "") rmSync(project, { recursive: true, force: true });
});

describe("built declarations in a strict consumer (skipLibCheck: false)", () => {
  for (const name of Object.keys(setups)) {
    it(`type-check in a ${name} project`, () => {
      let output = "";
      try {
        execFileSync(process.execPath, [tsc, "-p", `tsconfig.${name}.json`, "--pretty", "false"], {
          cwd: project,
          encoding: "utf8",
        });
      } catch (e) {
        const err = e as { stdout?: string; stderr?: string; message: string };
        output = `${err.stdout ?? ""}${err.stderr ?? ""}` || err.message;
      }
      expect(output, "tsc errors (run pnpm build first if dist is missing)").toBe("");
    }, 60_000);
  }
});
