#!/usr/bin/env node
// Are The Types Wrong on packed tarballs, in one process (the CLI takes one tarball per run and
// loads TypeScript each time): node tools/consumer/attw.mjs a.tgz b.tgz ... prints one JSON object
// per tarball, { file, name, version, problems: [{ kind, title, resolutionKind, entrypoint }] },
// with every problem attw finds in all four resolution modes (node10, node16 from CJS, node16
// from ESM, bundler): the CLI's default "strict" profile. The test decides what it accepts.
// CLI equivalent, for one package: attw --pack packages/<name> (from tools/node_modules/.bin).
import { readFileSync } from "node:fs";
import { checkPackage, createPackageFromTarballData } from "@arethetypeswrong/core";
import { problemKindInfo } from "@arethetypeswrong/core/problems";

for (const file of process.argv.slice(2)) {
  const pkg = createPackageFromTarballData(new Uint8Array(readFileSync(file)));
  const analysis = await checkPackage(pkg);
  if (!analysis.types) {
    console.log(
      JSON.stringify({ file, name: pkg.packageName, problems: [{ kind: "NoTypes", title: "no types" }] }),
    );
    continue;
  }
  const problems = analysis.problems.map((p) => ({
    kind: p.kind,
    title: problemKindInfo[p.kind]?.title ?? p.kind,
    resolutionKind: "resolutionKind" in p ? p.resolutionKind : undefined,
    entrypoint: "entrypoint" in p ? p.entrypoint : undefined,
  }));
  console.log(
    JSON.stringify({ file, name: analysis.packageName, version: analysis.packageVersion, problems }),
  );
}
