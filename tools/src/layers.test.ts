// The layering rule of DESIGN.md section 1, also run by `pnpm lint`.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const script = fileURLToPath(new URL("../../scripts/check-layers.mjs", import.meta.url));

it("no package of the repo imports a higher layer", () => {
  expect(execFileSync(process.execPath, [script], { encoding: "utf8" })).toContain("layers: ok");
});

function fakeRepo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "tsgrad-layers-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

it("rejects a lower package importing a higher one, naming the file", () => {
  const dir = fakeRepo({
    "packages/tensor/package.json": JSON.stringify({ name: "@tsgrad/tensor" }),
    "packages/tensor/src/index.ts": 'import { Linear } from "@tsgrad/nn";\nexport { Linear };\n',
  });
  const r = spawnSync(process.execPath, [script, dir], { encoding: "utf8" });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain(
    "packages/tensor/src/index.ts: imports @tsgrad/nn, a layer that @tsgrad/tensor may not use",
  );
});

it("rejects an undeclared dependency and a relative import into another package", () => {
  const dir = fakeRepo({
    "packages/nn/package.json": JSON.stringify({ name: "@tsgrad/nn", dependencies: {} }),
    "packages/nn/src/index.ts":
      'export * from "@tsgrad/tensor";\nexport * from "../../autograd/src/index.js";\n',
  });
  const r = spawnSync(process.execPath, [script, dir], { encoding: "utf8" });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain("imports @tsgrad/tensor but @tsgrad/nn's package.json does not declare it");
  expect(r.stderr).toContain("relative import ../../autograd/src/index.js leaves the package");
});
