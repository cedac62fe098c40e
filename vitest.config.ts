import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// One vitest run for the whole repo: each package (and examples/, tools/) is a project.
// Workspace packages resolve to their TypeScript sources, so tests never need a build;
// the plain-node smoke test in tools/ checks the built dist separately.
const root = fileURLToPath(new URL(".", import.meta.url));
const dirs = (parent: string) =>
  readdirSync(`${root}${parent}`, { withFileTypes: true })
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

export default defineConfig({
  resolve: { alias },
  test: {
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
    projects: [...packages, ...dirs("examples"), "tools"].map((dir) => ({
      extends: true,
      test: {
        name: JSON.parse(readFileSync(`${root}${dir}/package.json`, "utf8")).name as string,
        root: `${root}${dir}`,
        include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      },
    })),
  },
});
