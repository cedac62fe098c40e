// docs/pytorch-names.md (issue 18): rendered again from the packages' sources, it must equal the
// committed file, and every export and Tensor member must have a row or be listed as tsgrad
// only, so that a new op cannot land without its PyTorch name.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

type Namespace = Record<string, unknown>;
interface NameMap {
  pytorch: Record<string, Record<string, string | null>>;
  tsgradOnly: Record<string, string[]>;
  internal: string[];
}
/** What scripts/pytorch-names.mjs exports (a plain .mjs file, so typed here). */
interface Script {
  outputPath: string;
  loadMap(): NameMap;
  publicPackages(): { name: string; dir: string }[];
  renderPytorchNames(namespaces: Record<string, Namespace>, map?: NameMap): string;
}

const script = (await import(join(root, "scripts/pytorch-names.mjs"))) as Script;
const namespaces: Record<string, Namespace> = {};
for (const { name, dir } of script.publicPackages()) {
  namespaces[name] = (await import(join(root, "packages", dir, "src/index.ts"))) as Namespace;
}
const tensorPkg = namespaces["@tsgrad/tensor"]!;

/** Every name the table must hold, per package, found here independently of the script. */
function expectedNames(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [pkg, ns] of Object.entries(namespaces)) {
    const names = Object.keys(ns);
    for (const [name, v] of Object.entries(ns)) {
      // F and init: objects of functions (the other objects are data: DTYPES, PALETTE...).
      const isNamespace =
        typeof v === "object" &&
        v !== null &&
        !Array.isArray(v) &&
        Object.values(v).every((m) => typeof m === "function");
      if (isNamespace && Object.keys(v).length > 0) names.push(...Object.keys(v).map((m) => `${name}.${m}`));
    }
    out.set(pkg, names);
  }
  const Tensor = tensorPkg.Tensor as { prototype: object };
  const tensor = tensorPkg.tensor as (data: number[]) => object;
  const members = new Set([...Object.getOwnPropertyNames(Tensor.prototype), ...Object.keys(tensor([0]))]);
  members.delete("constructor");
  const internal = script.loadMap().internal;
  out.get("@tsgrad/tensor")!.push(...[...members].map((m) => `x.${m}`).filter((m) => !internal.includes(m)));
  return out;
}

/** `package name` for each name in the table's tsgrad column and in the "tsgrad only" list. */
function listedNames(markdown: string): Set<string> {
  const listed = new Set<string>();
  const names = (text: string): string[] => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  for (const line of markdown.split("\n")) {
    // A table row: PyTorch | tsgrad | package | notes, split at the pipes that are not escaped.
    const cells = line.startsWith("| ")
      ? line
          .slice(1, -1)
          .split(/(?<!\\)\|/)
          .map((c) => c.trim())
      : [];
    if (cells[2]?.startsWith("@tsgrad/"))
      for (const name of names(cells[1]!)) listed.add(`${cells[2]} ${name}`);
    const only = /^- (@tsgrad\/[\w-]+): (.*)$/.exec(line);
    if (only) for (const name of names(only[2]!)) listed.add(`${only[1]} ${name}`);
  }
  return listed;
}

describe("docs/pytorch-names.md", () => {
  const markdown = script.renderPytorchNames(namespaces);

  it("is up to date with the exports and scripts/pytorch-names.json", () => {
    expect(
      readFileSync(script.outputPath, "utf8"),
      "docs/pytorch-names.md is out of date: run pnpm build && node scripts/pytorch-names.mjs",
    ).toBe(markdown);
  });

  it("has a row or a tsgrad-only entry for every export and Tensor member", () => {
    const listed = listedNames(markdown);
    const missing: string[] = [];
    for (const [pkg, names] of expectedNames()) {
      for (const name of names) if (!listed.has(`${pkg} ${name}`)) missing.push(`${pkg} ${name}`);
    }
    expect(missing).toEqual([]);
    expect(listed.has("@tsgrad/tensor x.indexSelect")).toBe(true);
    expect(listed.has("@tsgrad/nn F.crossEntropy")).toBe(true);
  });

  it("gives a new tensor function its torch row, and refuses a new export no rule covers", () => {
    const withOp = { ...namespaces, "@tsgrad/tensor": { ...tensorPkg, fooBar: () => 0 } };
    expect(script.renderPytorchNames(withOp)).toMatch(
      /\| `torch\.foo_bar` +\| `fooBar` +\| @tsgrad\/tensor +\|/,
    );
    const withHelper = { ...namespaces, "@tsgrad/plot": { ...namespaces["@tsgrad/plot"], zoomTo: () => 0 } };
    expect(() => script.renderPytorchNames(withHelper)).toThrow("@tsgrad/plot: zoomTo has no PyTorch name");
  });

  it("refuses a JSON entry for a name that is not exported, and an op the catalogue cannot reach", () => {
    const map = script.loadMap();
    const stale = { ...map, pytorch: { ...map.pytorch, "@tsgrad/metrics": { accuracyy: "d2l.accuracy" } } };
    expect(() => script.renderPytorchNames(namespaces, stale)).toThrow(
      "@tsgrad/metrics: scripts/pytorch-names.json names accuracyy, which is not exported",
    );
    const catalogueOps = tensorPkg.catalogueOps as () => ReadonlyMap<string, unknown>;
    const hidden = new Map([...catalogueOps(), ["hiddenOp", null]]);
    const withHidden = { ...namespaces, "@tsgrad/tensor": { ...tensorPkg, catalogueOps: () => hidden } };
    expect(() => script.renderPytorchNames(withHidden)).toThrow("op hiddenOp is no export or method");
  });
});

it("no two packages export different values under one name (the umbrella's export * would drop it)", () => {
  const owner = new Map<string, { pkg: string; value: unknown }>();
  const clashes: string[] = [];
  for (const [pkg, ns] of Object.entries(namespaces)) {
    for (const [name, value] of Object.entries(ns)) {
      const first = owner.get(name);
      if (first === undefined) owner.set(name, { pkg, value });
      else if (first.value !== value) clashes.push(`${name}: ${first.pkg} and ${pkg}`);
    }
  }
  expect(clashes).toEqual([]);
});
