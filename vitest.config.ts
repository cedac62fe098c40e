import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// One vitest run for the whole repo: each package (and examples/) is a project, run twice, once
// per kernel backend of @tsgrad/tensor (TSGRAD_BACKEND=js, TSGRAD_BACKEND=wasm): projects are
// named "<package> (js)" and "<package> (wasm)"; tools/ (@tsgrad/repo-tools) runs once.
// Workspace packages resolve to their TypeScript sources, so tests never need a build, except
// for the wasm module, which `pnpm build` compiles from packages/tensor/asm into src/generated/;
// the plain-node smoke test in tools/ checks the built dist separately.
const root = fileURLToPath(new URL(".", import.meta.url));
for (const generated of ["wasm-module.ts", "version.ts"]) {
  if (!existsSync(`${root}packages/tensor/src/generated/${generated}`)) {
    throw new Error(
      `packages/tensor/src/generated/${generated} is missing: the build generates it (the wasm ` +
        "module from packages/tensor/asm, the version from package.json). Run `pnpm build` before vitest.",
    );
  }
}
const backends = ["js", "wasm"] as const;
// A folder that does not exist yet (examples/ before the first example) has no projects.
const dirs = (parent: string) =>
  (existsSync(`${root}${parent}`) ? readdirSync(`${root}${parent}`, { withFileTypes: true }) : [])
    .filter((d) => d.isDirectory())
    .map((d) => `${parent}/${d.name}`)
    .filter((d) => {
      try {
        readFileSync(`${root}${d}/package.json`);
        return true;
      } catch {
        return false;
      }
    });

const packages = dirs("packages");
const alias = Object.fromEntries(
  packages.map((dir) => {
    const name = JSON.parse(readFileSync(`${root}${dir}/package.json`, "utf8")).name as string;
    return [name, `${root}${dir}/src/index.ts`];
  }),
);

function project(dir: string, backend?: (typeof backends)[number]) {
  const name = JSON.parse(readFileSync(`${root}${dir}/package.json`, "utf8")).name as string;
  return {
    extends: true as const,
    test: {
      name: backend === undefined ? name : `${name} (${backend})`,
      root: `${root}${dir}`,
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      ...(backend === undefined ? {} : { env: { TSGRAD_BACKEND: backend } }),
    },
  };
}

export default defineConfig({
  resolve: { alias },
  test: {
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
    projects: [
      ...[...packages, ...dirs("examples")].flatMap((dir) =>
        backends.map((backend) => project(dir, backend)),
      ),
      project("tools"),
    ],
  },
});
