#!/usr/bin/env node
// Enforces DESIGN.md's layering: a package may import only the @tsgrad packages
// that scripts/layers.json allows it, must declare each one it imports in its
// package.json, and must not reach into another package through a relative path.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = process.argv[2]
  ? resolve(process.argv[2])
  : resolve(dirname(fileURLToPath(import.meta.url)), "..");
const layers = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "layers.json"), "utf8"));
const pkgDir = join(root, "packages");
const problems = [];

const nameOf = (full) => (full === "tsgrad" ? "tsgrad" : full.replace(/^@tsgrad\//, ""));

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) yield* sourceFiles(p);
    else if (/\.(ts|mts|js|mjs)$/.test(entry)) yield p;
  }
}

const importRe = /(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

for (const dir of readdirSync(pkgDir)) {
  const manifestPath = join(pkgDir, dir, "package.json");
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  } catch {
    continue;
  }
  const me = nameOf(manifest.name);
  const allowed = layers[me];
  if (!allowed) {
    problems.push(`${manifest.name}: not listed in scripts/layers.json`);
    continue;
  }
  const declared = new Set(
    Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })
      .filter((d) => d === "tsgrad" || d.startsWith("@tsgrad/"))
      .map(nameOf),
  );
  for (const d of declared) {
    if (!allowed.includes(d))
      problems.push(
        `${manifest.name}: depends on ${d}, which is not below it (allowed: [${allowed.join(", ")}])`,
      );
  }
  const srcDir = join(pkgDir, dir, "src");
  let files = [];
  try {
    files = [...sourceFiles(srcDir)];
  } catch {
    problems.push(`${manifest.name}: has no src/`);
  }
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const rel = relative(root, file);
    for (const m of text.matchAll(importRe)) {
      const spec = m[1] ?? m[2];
      if (spec === "tsgrad" || spec.startsWith("@tsgrad/")) {
        const target = nameOf(
          spec
            .split("/")
            .slice(0, spec.startsWith("@") ? 2 : 1)
            .join("/"),
        );
        if (target === me) continue;
        if (!allowed.includes(target))
          problems.push(`${rel}: imports ${spec}, a layer that ${manifest.name} may not use`);
        else if (!declared.has(target))
          problems.push(`${rel}: imports ${spec} but ${manifest.name}'s package.json does not declare it`);
      } else if (spec.startsWith(".")) {
        const target = resolve(dirname(file), spec);
        if (!target.startsWith(`${join(pkgDir, dir)}/`))
          problems.push(`${rel}: relative import ${spec} leaves the package`);
      }
    }
  }
}

// Folder layers inside a package (layers.json's "$folders"): ops → kernels → core → backends in
// @tsgrad/tensor, so that Tensor and the kernels never import the op modules that use them.
for (const [pkg, spec] of Object.entries(layers.$folders ?? {})) {
  if (pkg.startsWith("$")) continue;
  const src = join(pkgDir, pkg, "src");
  if (!existsSync(src)) continue;
  const folderOf = (file) => {
    const rel = relative(src, file);
    return rel.includes("/") ? rel.split("/")[0] : ".";
  };
  for (const file of sourceFiles(src)) {
    const rel = relative(src, file);
    if (spec.entries.includes(rel) || /\.test(-util)?\.ts$/.test(rel)) continue;
    const from = folderOf(file);
    const allowed = spec.layers[from];
    if (allowed === undefined) {
      problems.push(`${relative(root, file)}: folder ${from} has no layer in scripts/layers.json`);
      continue;
    }
    for (const m of readFileSync(file, "utf8").matchAll(importRe)) {
      const spec2 = m[1] ?? m[2];
      if (!spec2.startsWith(".")) continue;
      const target = resolve(dirname(file), spec2).replace(/\.js$/, ".ts");
      const to = folderOf(target);
      const name = relative(src, target);
      if (to === from || allowed.includes(to) || allowed.includes(name)) continue;
      problems.push(
        `${relative(root, file)}: imports ${spec2} (${to === "." ? name : to}), a layer that ${from === "." ? "src/" : `${from}/`} may not use`,
      );
    }
  }
}

if (problems.length > 0) {
  console.error(
    `Layering violations (see scripts/layers.json and DESIGN.md section 1):\n  ${problems.join("\n  ")}`,
  );
  process.exit(1);
}
console.log("layers: ok");
