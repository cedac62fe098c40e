// The packages in a real browser: tools/browser/entry.ts is bundled with esbuild for the
// browser (Node-only modules replaced through the packages' "browser" fields, node:* imports
// left external: they sit behind runtime checks) and run in headless Chromium, which prints
// the page after its work is done. Runs where Chromium is installed; CI installs it.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { describe, expect, it } from "vitest";

const CHROMIUM = "/usr/bin/chromium";
const toolsDir = fileURLToPath(new URL("..", import.meta.url));

describe.runIf(existsSync(CHROMIUM) || process.env.CI === "true")("in headless Chromium", () => {
  it("loads Fashion-MNIST from bytes, trains with autograd, and switches to the wasm backend", {
    timeout: 120_000,
  }, () => {
    const dir = mkdtempSync(join(tmpdir(), "tsgrad-browser-"));
    buildSync({
      absWorkingDir: toolsDir,
      entryPoints: ["browser/entry.ts"],
      bundle: true,
      format: "esm",
      platform: "browser",
      outfile: join(dir, "bundle.js"),
      external: ["node:*"],
      logLevel: "silent",
    });
    writeFileSync(
      join(dir, "index.html"),
      '<!doctype html><html><head><meta charset="utf-8"></head><body><pre id="result">pending</pre><script type="module" src="bundle.js"></script></body></html>',
    );
    const dom = execFileSync(
      CHROMIUM,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        `--user-data-dir=${join(dir, "profile")}`,
        "--allow-file-access-from-files",
        "--virtual-time-budget=30000",
        "--dump-dom",
        `file://${join(dir, "index.html")}`,
      ],
      { encoding: "utf8", timeout: 90_000, stdio: ["ignore", "pipe", "ignore"] },
    );
    const text = /<pre id="result">(.*?)<\/pre>/s.exec(dom)?.[1] ?? "";
    const result = JSON.parse(
      text
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, "&")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">"),
    ) as Record<string, unknown>;
    expect(result.error).toBeUndefined();
    expect(result.hasProcess).toBe(false);
    expect(result.trainBatches).toBe(9);
    expect(result.testBatches).toBe(2);
    expect(Number.isFinite(result.firstLoss)).toBe(true);
    expect(Number.isFinite(result.lastLoss)).toBe(true);
    expect(result.backend).toBe("wasm");
    // Chromium has relaxed SIMD: the fused multiply-add build of the kernels runs there.
    expect(result.variant).toBe("relaxed-simd");
    expect(result.product).toEqual([[17], [39]]);
    expect(result.tidyMatches).toBe(true);
    expect(result.printed).toBe("tensor([[0.5000, 1.0000]])");
  });
});
