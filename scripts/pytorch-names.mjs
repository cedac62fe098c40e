#!/usr/bin/env node
// Generates docs/pytorch-names.md: the PyTorch name of every export of the public packages and
// of every Tensor member, from the code (each package's exports, Tensor's prototype, the op
// catalogue) plus scripts/pytorch-names.json, which keeps only what the naming rules below
// cannot derive. A name that no rule covers and the JSON does not list is an error, so a new
// export cannot go without its row; tools/src/pytorch-names.test.ts fails when the file is stale.
//
//   pnpm build && node scripts/pytorch-names.mjs [--check]
//
// (The script reads the built dist; the test renders the same table from the sources.)
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, "..");
export const outputPath = join(root, "docs", "pytorch-names.md");

/** The hand-kept map (see its $comment). */
export function loadMap() {
  return JSON.parse(readFileSync(join(here, "pytorch-names.json"), "utf8"));
}

/** `indexSelect` → `index_select`, `smoothL1Loss` → `smooth_l1_loss`, `zeros_` → `zeros_`. */
export function snakeCase(name) {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

/**
 * PyTorch's spelling by kind, per package: tsgrad keeps PyTorch's class names and camel-cases
 * the rest. A kind a package has no rule for (its constants; every export of the packages
 * holding d2l's helpers) must be in the JSON.
 */
const RULES = {
  "@tsgrad/tensor": {
    class: (n) => `torch.${n}`,
    function: (n) => `torch.${snakeCase(n)}`,
    member: (n) => `x.${snakeCase(n)}`,
  },
  "@tsgrad/autograd": { class: (n) => `torch.autograd.${n}`, function: (n) => `torch.${snakeCase(n)}` },
  "@tsgrad/nn": {
    class: (n) => `torch.nn.${n}`,
    function: (n) => `torch.nn.functional.${snakeCase(n)}`,
    "F.": (n) => `torch.nn.functional.${snakeCase(n)}`,
    "init.": (n) => `torch.nn.init.${snakeCase(n)}`,
  },
  "@tsgrad/losses": { class: (n) => `torch.nn.${n}`, function: (n) => `torch.nn.functional.${snakeCase(n)}` },
  "@tsgrad/optim": {
    class: (n) => (/LR(Scheduler)?$/.test(n) ? `torch.optim.lr_scheduler.${n}` : `torch.optim.${n}`),
  },
  "@tsgrad/data": {
    class: (n) => `torch.utils.data.${n}`,
    function: (n) => `torch.utils.data.${snakeCase(n)}`,
  },
};

/** The public packages (the umbrella `tsgrad` only re-exports them): name, folder, dist entry. */
export function publicPackages(repo = root) {
  return readdirSync(join(repo, "packages"))
    .map((dir) => ({
      dir,
      manifest: JSON.parse(readFileSync(join(repo, "packages", dir, "package.json"), "utf8")),
    }))
    .filter(({ manifest }) => manifest.name !== "tsgrad" && !manifest.private)
    .map(({ dir, manifest }) => ({ name: manifest.name, dir, entry: manifest.exports["."].import }));
}

const isClass = (v) => typeof v === "function" && /^class\b/.test(Function.prototype.toString.call(v));
/** `F` and `init`: plain objects (module namespaces) of functions. */
const isNamespace = (v) =>
  typeof v === "object" &&
  v !== null &&
  [null, Object.prototype].includes(Object.getPrototypeOf(v)) &&
  Object.keys(v).length > 0 &&
  Object.values(v).every((m) => typeof m === "function");
const kindOf = (v) => (isClass(v) ? "class" : typeof v === "function" ? "function" : "value");

/** Tensor's public members: its prototype's methods and accessors and its instance fields. */
export function tensorMembers(tensorPackage, map = loadMap()) {
  const names = new Set(Object.getOwnPropertyNames(tensorPackage.Tensor.prototype));
  for (const k of Object.keys(tensorPackage.tensor([0]))) names.add(k);
  names.delete("constructor");
  return [...names].map((n) => `x.${n}`).filter((n) => !map.internal.includes(n));
}

/** Every name the table must hold for a package, as the tsgrad column spells it, with its kind. */
export function publicNames(pkg, ns, map = loadMap()) {
  const out = [];
  for (const [name, v] of Object.entries(ns)) {
    out.push({ name, kind: isNamespace(v) ? "namespace" : kindOf(v) });
    if (isNamespace(v)) for (const m of Object.keys(v)) out.push({ name: `${name}.${m}`, kind: `${name}.` });
  }
  if (pkg === "@tsgrad/tensor") for (const name of tensorMembers(ns, map)) out.push({ name, kind: "member" });
  return out;
}

const code = (s) => `\`${s}\``;
/** Case-insensitive, then by case; not localeCompare, whose order depends on the machine's locale. */
const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const byName = (a, b) => compare(a.toLowerCase(), b.toLowerCase()) || compare(a, b);
const cell = (s) => s.replaceAll("|", "\\|");

/** A markdown table with padded columns, as `biome format` (which `pnpm lint` checks) lays it out. */
function table(header, rows) {
  const width = (s) => [...s].length;
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const line = (cells) => `| ${cells.map((c, i) => c + " ".repeat(widths[i] - width(c))).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

/**
 * The markdown of docs/pytorch-names.md for the packages' module namespaces (package name →
 * namespace). Throws, listing every problem, when a name is unclassified or the JSON names
 * something that does not exist.
 */
export function renderPytorchNames(namespaces, map = loadMap()) {
  const problems = [];
  const order = [
    ...map.packages.filter((p) => p in namespaces),
    ...Object.keys(namespaces)
      .filter((p) => !map.packages.includes(p))
      .sort(),
  ];
  const rows = [];
  const only = [];
  for (const pkg of order) {
    const names = publicNames(pkg, namespaces[pkg], map);
    const known = new Set(names.map((n) => n.name));
    const overrides = map.pytorch[pkg] ?? {};
    const notes = map.notes[pkg] ?? {};
    const tsgradOnly = map.tsgradOnly[pkg] ?? [];
    for (const key of [...Object.keys(overrides), ...Object.keys(notes), ...tsgradOnly]) {
      if (!known.has(key))
        problems.push(
          `${pkg}: scripts/pytorch-names.json names ${key}, which is not exported (nor a Tensor member)`,
        );
    }
    // One row per name; a tensor function and the method of the same name share a row.
    const groups = new Map();
    for (const { name, kind } of names) {
      if (tsgradOnly.includes(name)) continue;
      const pytorch = name in overrides ? overrides[name] : RULES[pkg]?.[kind]?.(name.replace(/^\w+\./, ""));
      if (pytorch === undefined) {
        problems.push(
          `${pkg}: ${name} has no PyTorch name: add it to scripts/pytorch-names.json (pytorch or tsgradOnly)`,
        );
        continue;
      }
      const key = kind === "member" ? name.slice(2) : name;
      const group = groups.get(key) ?? [];
      group.push({ name, pytorch, inNamespace: kind.endsWith(".") });
      groups.set(key, group);
    }
    for (const [key, group] of groups) {
      // The function form first, then the method.
      group.sort((a, b) => Number(a.name.startsWith("x.")) - Number(b.name.startsWith("x.")));
      const lacking = group.filter((g) => g.pytorch === null).map((g) => code(g.name));
      if (lacking.length === group.length) {
        problems.push(`${pkg}: ${key} has no PyTorch form: list it under tsgradOnly`);
        continue;
      }
      const note = [
        ...group.map((g) => notes[g.name]),
        lacking.length > 0 ? `${lacking.join(", ")}: tsgrad only` : undefined,
      ];
      rows.push({
        pkg,
        key,
        // F's and init's members after the package's own names.
        rank: Number(group[0].inNamespace),
        pytorch: group
          .filter((g) => g.pytorch !== null)
          .map((g) => code(g.pytorch))
          .join(" / "),
        tsgrad: group.map((g) => code(g.name)).join(" / "),
        notes: note.filter(Boolean).join("; "),
      });
    }
    const onlyHere = names.filter((n) => tsgradOnly.includes(n.name)).map((n) => n.name);
    if (onlyHere.length > 0) only.push(`- ${pkg}: ${onlyHere.sort(byName).map(code).join(", ")}`);
  }
  // Every op of the catalogue is reachable by some row's name (or by tsgrad-only names).
  const tensor = namespaces["@tsgrad/tensor"];
  if (tensor) {
    const reachable = new Set(publicNames("@tsgrad/tensor", tensor, map).map((n) => n.name));
    for (const op of tensor.catalogueOps().keys()) {
      const via = map.catalogue[op];
      if (reachable.has(op) || reachable.has(`x.${op}`)) continue;
      if (via === undefined)
        problems.push(`@tsgrad/tensor: op ${op} is no export or method: map it in catalogue`);
      else if (!reachable.has(via))
        problems.push(`@tsgrad/tensor: catalogue maps ${op} to ${via}, which is not exported`);
    }
  }
  if (problems.length > 0) throw new Error(`pytorch-names:\n  ${problems.join("\n  ")}`);

  const pkgRank = (p) => order.indexOf(p);
  rows.sort((a, b) => pkgRank(a.pkg) - pkgRank(b.pkg) || a.rank - b.rank || byName(a.key, b.key));
  return [
    "# PyTorch names in tsgrad",
    "",
    "<!-- Generated by scripts/pytorch-names.mjs from the packages' exports and scripts/pytorch-names.json: do not edit. -->",
    "",
    "Every function, class and Tensor member of the public packages, beside its PyTorch name. tsgrad",
    "spells PyTorch's names in camelCase (`index_select` → `indexSelect`); keyword arguments become",
    "an options object, last (`sum(x, 1, true, { dtype })`); named tuples become `{ values, indices }`;",
    "integer results are int32 where PyTorch's are int64. `x` is a tensor. Where PyTorch users reach",
    "for another library the column names it: `d2l` is the helper library of Dive into Deep Learning",
    "(PyTorch edition), and `torchvision`, `safetensors` and `sklearn.metrics` are their own.",
    "",
    ...table(
      ["PyTorch", "tsgrad", "package", "notes"],
      rows.map((r) => [r.pytorch, r.tsgrad, r.pkg, r.notes].map(cell)),
    ),
    "",
    "## tsgrad only",
    "",
    "No PyTorch counterpart: argument checks, the op and kernel extension API, wasm backends and",
    "workspaces, `tidy`, file formats and the Fashion-MNIST files, tsgrad's own errors.",
    "",
    ...only,
    "",
  ].join("\n");
}

async function main(args) {
  const namespaces = {};
  for (const { name, dir, entry } of publicPackages()) {
    const file = join(root, "packages", dir, entry);
    if (!existsSync(file)) throw new Error(`${file} is missing: run pnpm build first`);
    namespaces[name] = await import(pathToFileURL(file).href);
  }
  let markdown;
  try {
    markdown = renderPytorchNames(namespaces);
  } catch (e) {
    // A name the JSON lists but the dist lacks is most often a dist older than the sources.
    throw new Error(`${e.message}\n(read from the built dist: run pnpm build first if the sources changed)`);
  }
  if (!args.includes("--check")) {
    writeFileSync(outputPath, markdown);
    console.log(`pytorch-names: wrote ${outputPath}`);
  } else if (!existsSync(outputPath) || readFileSync(outputPath, "utf8") !== markdown) {
    console.error("pytorch-names: docs/pytorch-names.md is out of date: run node scripts/pytorch-names.mjs");
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
