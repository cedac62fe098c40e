// The packages in Node, installed from their tarballs by npm into fresh projects outside the
// repository, run by the consumer's Node (NODE_BIN): @tsgrad/tensor alone, the five packages of
// linear regression, the umbrella package on the real Fashion-MNIST, require() from CommonJS,
// and two installed copies of @tsgrad/tensor.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allPackages, installedCopies, node, npmProject, ok, tarball } from "./lib.js";

const linregPackages = [
  "@tsgrad/tensor",
  "@tsgrad/autograd",
  "@tsgrad/nn",
  "@tsgrad/losses",
  "@tsgrad/optim",
];
const dirs = { tensor: "", linreg: "", umbrella: "" };
// The three projects install side by side (npm's cache takes concurrent installs).
beforeAll(async () => {
  [dirs.tensor, dirs.linreg, dirs.umbrella] = await Promise.all([
    npmProject("tensor", [tarball("@tsgrad/tensor")], ["tensor-only.mjs", "require.cjs"]),
    npmProject("linreg", linregPackages.map(tarball), ["linear-regression.mjs", "require.cjs"]),
    // Every tarball on the command line: the @tsgrad packages are not on the registry (and a
    // name there must never stand in for the one built here).
    npmProject("umbrella", allPackages().map(tarball), [
      "fashion-mnist.mjs",
      "require.cjs",
      "two-copies.mjs",
    ]),
  ]);
});
afterAll(() => {
  const made = Object.values(dirs).filter((d) => d !== "");
  if (process.env.KEEP_CONSUMER === "1") console.log(`consumer projects kept: ${made.join(" ")}`);
  else for (const d of made) rmSync(d, { recursive: true, force: true });
});

function json(r: { status: number | null; stdout: string; output: string }): Record<string, unknown> {
  expect(r.status, r.output).toBe(0);
  const line = r.stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(line) as Record<string, unknown>;
}

describe("@tsgrad/tensor alone", () => {
  let dir = "";
  beforeAll(() => {
    dir = dirs.tensor;
  });

  it("installs without any other @tsgrad package", async () => {
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    expect(Object.keys(pkg.dependencies)).toEqual(["@tsgrad/tensor"]);
    expect(installedCopies(dir, "@tsgrad/autograd")).toEqual([]);
  });

  it("runs an ES module script", async () => {
    const r = json(await node(dir, ["tensor-only.mjs"]));
    expect(r.broadcast).toEqual([
      [11, 22],
      [13, 24],
    ]);
    expect(r.product).toEqual([[17], [39]]);
    expect(r.mean).toBeCloseTo(4.5, 6);
    // PyTorch's defaults: float32 for floats; tsgrad keeps integers in int32.
    expect(r.dtypes).toEqual({ float: "float32", int: "int32" });
    expect(r.printed).toBe("tensor([[0.5000, 1.0000]])");
    expect(r.backend).toBe("wasm");
  });

  it("is require()d from a .cjs file", async () => {
    const r = json(await node(dir, ["require.cjs", "@tsgrad/tensor"]));
    expect((r.counts as Record<string, number>)["@tsgrad/tensor"]).toBeGreaterThan(50);
    expect(r.sum).toBe(6);
  });
});

describe("tensor, autograd, nn, losses and optim", () => {
  const names = linregPackages;
  let dir = "";
  beforeAll(() => {
    dir = dirs.linreg;
  });

  it("train linear regression: the loss goes down and the fit finds w and b", async () => {
    const r = json(await node(dir, ["linear-regression.mjs"]));
    const losses = r.losses as number[];
    expect(losses).toHaveLength(4);
    // d2l 3.3: from ~30 down to the noise's variance (1e-4 / 2) in three epochs.
    expect(losses[0]).toBeGreaterThan(1);
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThan(losses[i - 1] as number);
    expect(losses.at(-1)).toBeLessThan(1e-3);
    const [[w1, w2]] = r.w as [[number, number]];
    expect(w1).toBeCloseTo(2, 2);
    expect(w2).toBeCloseTo(-3.4, 2);
    expect((r.b as number[])[0]).toBeCloseTo(4.2, 2);
  });

  it("are require()d from a .cjs file", async () => {
    const r = json(await node(dir, ["require.cjs", ...names]));
    for (const name of names) expect((r.counts as Record<string, number>)[name], name).toBeGreaterThan(0);
    expect(r.sum).toBe(6);
  });
});

describe("the umbrella package tsgrad", () => {
  let dir = "";
  beforeAll(() => {
    dir = dirs.umbrella;
  });

  it("installs one copy of each package", async () => {
    for (const name of allPackages()) expect(installedCopies(dir, name), name).toHaveLength(1);
  });

  const dataDir = process.env.FASHION_MNIST_DIR || "/usr/share/datasets/fashion-mnist";
  const files = [
    "train-images-idx3-ubyte.gz",
    "train-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz",
  ];
  const haveData = files.every((f) => existsSync(join(dataDir, f)));
  // In CI the data must be there (.ci/run installs Debian's dataset-fashion-mnist): a skip
  // would hide that nothing trained.
  it.skipIf(!haveData && process.env.CI !== "true")(
    "trains one epoch of softmax regression on the real Fashion-MNIST",
    async () => {
      expect(
        haveData,
        `Fashion-MNIST is missing from ${dataDir} (apt-get install dataset-fashion-mnist)`,
      ).toBe(true);
      const r = json(await node(dir, ["fashion-mnist.mjs", dataDir]));
      expect(r.examples).toBe(60_000);
      expect(r.backend).toBe("wasm");
      // d2l 3.7 after one epoch at lr 0.1: train loss ~0.79, train acc ~0.75, test acc ~0.79.
      expect(r.loss).toBeGreaterThan(0.6);
      expect(r.loss).toBeLessThan(1.0);
      expect(r.acc).toBeGreaterThan(0.7);
      expect(r.testAcc).toBeGreaterThan(0.7);
    },
  );

  it("every package is require()d from a .cjs file", async () => {
    const r = json(await node(dir, ["require.cjs", ...allPackages()]));
    for (const name of allPackages())
      expect((r.counts as Record<string, number>)[name], name).toBeGreaterThan(0);
    expect(r.sum).toBe(6);
  });

  // Last in this file: it changes the project. npm nests a second copy when two packages ask
  // for versions of @tsgrad/tensor that no one version satisfies; here autograd gets its own.
  it("with a second @tsgrad/tensor nested under autograd, import fails naming both versions", async () => {
    const nested = join(dir, "node_modules/@tsgrad/autograd/node_modules/@tsgrad/tensor");
    mkdirSync(nested, { recursive: true });
    await ok("tar", ["xzf", tarball("@tsgrad/tensor"), "-C", nested, "--strip-components=1"], { cwd: dir });
    const first = JSON.parse(
      readFileSync(join(dir, "node_modules/@tsgrad/tensor/package.json"), "utf8"),
    ).version;
    const second = `${first}-second`;
    // What a build of that version would hold: its package.json and its generated version.
    const manifest = JSON.parse(readFileSync(join(nested, "package.json"), "utf8"));
    writeFileSync(join(nested, "package.json"), JSON.stringify({ ...manifest, version: second }, null, 2));
    const versionModule = join(nested, "dist/generated/version.js");
    if (existsSync(versionModule)) {
      const text = readFileSync(versionModule, "utf8");
      writeFileSync(versionModule, text.replace(JSON.stringify(first), JSON.stringify(second)));
    }
    expect(
      installedCopies(dir, "@tsgrad/tensor")
        .map((c) => c.version)
        .sort(),
    ).toEqual([first, second].sort());

    const r = json(await node(dir, ["two-copies.mjs"]));
    expect(r.grad, "two copies loaded silently").toBeUndefined();
    const message = String(r.error);
    expect(message).toContain("two copies of @tsgrad/tensor");
    expect(message).toContain(`${first} at `);
    expect(message).toContain(`${second} at `);
    // And how to fix it.
    expect(message).toMatch(/npm (ls|dedupe)/);
  });
});
