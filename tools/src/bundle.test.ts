// A user's bundle of the umbrella package: esbuild keeps only what the entry uses, guided by
// the packages' "sideEffects" fields. With the umbrella marked side-effect free, a bundle of
// `import { tensor } from "tsgrad"` dropped the modules' initialization (tensor() threw
// "ValueError is not a constructor") and autograd's engine (backward() had none).
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { describe, expect, it } from "vitest";

const toolsDir = fileURLToPath(new URL("..", import.meta.url));

function runBundle(contents: string): string {
  const dir = mkdtempSync(join(tmpdir(), "tsgrad-bundle-"));
  const outfile = join(dir, "bundle.mjs");
  buildSync({
    stdin: { contents, resolveDir: toolsDir, loader: "js" },
    bundle: true,
    format: "esm",
    platform: "node",
    outfile,
    logLevel: "silent",
  });
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }');
  return execFileSync(process.execPath, [outfile], { encoding: "utf8" });
}

describe("a bundle of the umbrella package", () => {
  it("keeps the tensors' setup and autograd when the entry imports only tensor", { timeout: 60_000 }, () => {
    const out = runBundle(
      'import { tensor } from "tsgrad";\n' +
        "const x = tensor([1.5], { requiresGrad: true });\n" +
        "x.mul(x).sum().backward();\n" +
        "console.log(x.grad.toString());\n",
    );
    expect(out.trim()).toBe("tensor([3.])");
  });
});
