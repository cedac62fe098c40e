// The built page in headless Chromium, as a learner uses it: the served data is loaded and
// verified, the wasm backend runs, one epoch of concise softmax regression started from the
// keyboard reaches the book's accuracy, Stop and Reset work, the page fits a 390-px-wide
// screen, and a missing or wrong data file is explained. Screenshots go to test-results/web/.
// Runs once (in the "wasm" project) where Chromium and the data are found; must run, and so
// fails without them, under CI=true.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../src/models/catalog.js";
import { ensureBuilt } from "./build.js";
import { nodeEpochs } from "./node-epoch.js";
import { type StaticServer, serveStatic } from "./static-server.js";

const CHROMIUM = "/usr/bin/chromium";
const webDir = fileURLToPath(new URL("..", import.meta.url));
const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const shots = join(repoRoot, "test-results", "web");
const TRAIN_IMAGES = "train-images-idx3-ubyte";
// Where the Node loader (and so the build's copy) finds the data, or a copy already made.
const dataDirs = [
  join(webDir, "public", "data", "fashion-mnist"),
  process.env.FASHION_MNIST_DIR,
  join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "tsgrad", "fashion-mnist"),
  "/usr/share/datasets/fashion-mnist",
];
const hasData = dataDirs.some(
  (d) =>
    d !== undefined && d !== "" && [TRAIN_IMAGES, `${TRAIN_IMAGES}.gz`].some((f) => existsSync(join(d, f))),
);
const hasChromium = existsSync(CHROMIUM);
const CONFIG = { ...DEFAULT_CONFIG, variant: "softmax-concise", epochs: 1 } as const;

/** Text of a cell of the epoch table's last row. */
const lastEpoch = (page: Page, key: string) =>
  page.$eval(`#epochs-body tr:last-child td[data-key="${key}"]`, (td) => td.textContent ?? "");
const phase = (page: Page) => page.evaluate(() => document.body.dataset.phase);
const waitForPhase = (page: Page, p: string, timeout = 60_000) =>
  page.waitForFunction((want) => document.body.dataset.phase === want, p, { timeout });

/** Presses Tab (around the page, at most 40 times) until `id` has the focus, as a keyboard user would. */
async function tabTo(page: Page, id: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
  }
  throw new Error(`Tab never reached #${id}`);
}

// One browser project runs it: the page is the same whichever backend vitest's project names.
describe.runIf(
  process.env.TSGRAD_BACKEND !== "js" && ((hasChromium && hasData) || process.env.CI === "true"),
)("the web page in headless Chromium", () => {
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  // Epoch seconds in Chromium: the first one (with the warm-up), and later ones (the Stop test).
  let chromiumFirst = Number.NaN;
  let chromiumLater: number[] = [];
  let firstTestAcc = "";

  beforeAll(async () => {
    expect(hasChromium, `${CHROMIUM} is missing: apt-get install chromium`).toBe(true);
    expect(hasData, "Fashion-MNIST is missing: apt-get install dataset-fashion-mnist").toBe(true);
    ensureBuilt(webDir, repoRoot);
    for (const f of [TRAIN_IMAGES, "t10k-labels-idx1-ubyte"]) {
      expect(existsSync(join(webDir, "dist", "data", "fashion-mnist", `${f}.gz`)), `dist lacks ${f}.gz`).toBe(
        true,
      );
    }
    mkdirSync(shots, { recursive: true });
    server = await serveStatic(join(webDir, "dist"));
    browser = await chromium.launch({ executablePath: CHROMIUM });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(e.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("loads the served data, verified, on the wasm backend", { timeout: 90_000 }, async () => {
    await page.goto(server.url);
    await page.waitForFunction(() => document.body.dataset.phase !== "loading", null, { timeout: 80_000 });
    expect(await page.textContent("#data-status")).toMatch(
      /^Fashion-MNIST served by this site: 60,000 training and 10,000 test images, verified by SHA-256/,
    );
    expect(await page.getAttribute("#backend", "data-backend")).toBe("wasm");
    // The server sends COOP and COEP, so the page may share memory with its workers' threads:
    // as many as the cores, at most 4 (setNumThreads' default).
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const threads = await page.evaluate(() => Math.min(navigator.hardwareConcurrency, 4));
    expect(await page.textContent("#backend")).toBe(
      `wasm (relaxed-simd, ${threads} ${threads === 1 ? "thread" : "threads"})`,
    );
  });

  it("trains softmax concise for one epoch, started with Tab and Enter, to test accuracy >= 0.75", {
    timeout: 60_000,
  }, async () => {
    await page.selectOption("#variant", CONFIG.variant);
    await page.fill("#epochs", String(CONFIG.epochs));
    await tabTo(page, "train");
    await page.keyboard.press("Enter");
    expect(await phase(page)).toBe("training");
    await waitForPhase(page, "ready");
    expect(await page.textContent("#run-status")).toMatch(/^Done: test accuracy 0\.\d+ after 1 epochs/);
    // The focus went to Stop during the run, and is back on Train.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("train");
    firstTestAcc = await lastEpoch(page, "testAcc");
    const testAcc = Number(firstTestAcc);
    expect(testAcc).toBeGreaterThanOrEqual(0.75);
    chromiumFirst = Number(await lastEpoch(page, "seconds"));
    // The confusion matrix covers the test set, and its diagonal is the test accuracy.
    const matrix = await page.$$eval("#confusion tbody tr", (rows) =>
      rows.map((r) => [...r.querySelectorAll("td")].map((td) => Number(td.textContent))),
    );
    expect(matrix).toHaveLength(10);
    expect(matrix.flat().reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(matrix.reduce((s, row, i) => s + row[i]!, 0) / 10_000).toBeCloseTo(testAcc, 3);
    expect(await page.getAttribute("#predictions", "alt")).toMatch(
      /^The first 8 test images, true → predicted: /,
    );
    expect(await page.isVisible("#curves")).toBe(true);
    await page.screenshot({ path: join(shots, "desktop.png"), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it("shows the code that runs: the variant's file, as it is", async () => {
    const shown = await page.textContent("#source");
    expect(shown).toBe(readFileSync(join(webDir, "src", "models", "softmax-concise.ts"), "utf8"));
    await page.selectOption("#variant", "mlp-scratch");
    expect(await page.textContent("#source-file")).toBe("src/models/mlp-scratch.ts");
    await page.selectOption("#variant", CONFIG.variant);
  });

  it("fits a 390-px-wide screen without horizontal scrolling", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    // Neither the page nor the tables' own scroll boxes scroll sideways, with results shown.
    const overflowing = await page.evaluate(() =>
      [document.documentElement, ...document.querySelectorAll(".scroll")]
        .filter((e) => e.scrollWidth > e.clientWidth)
        .map(
          (e) => `${e.tagName} ${e.querySelector("table")?.id ?? ""}: ${e.scrollWidth} > ${e.clientWidth}`,
        ),
    );
    expect(overflowing).toEqual([]);
    expect(await page.isVisible("#confusion")).toBe(true);
    await page.screenshot({ path: join(shots, "mobile.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("stops a run with Space on Stop, and Reset (Enter) clears the results", {
    timeout: 90_000,
  }, async () => {
    await page.fill("#epochs", "50");
    await tabTo(page, "train");
    await page.keyboard.press(" ");
    // The focus moves to Stop while a run goes; stopped after a few epochs, the curves stay.
    await page.waitForSelector("#epochs-body tr:nth-child(3)", { timeout: 30_000 });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("stop");
    await page.keyboard.press(" ");
    await page.screenshot({ path: join(shots, "stopped.png"), fullPage: true });
    expect(await page.textContent("#run-status")).toMatch(/^Stopped after \d+ of 50 epochs\.$/);
    const seconds = await page.$$eval('#epochs-body td[data-key="seconds"]', (tds) =>
      tds.map((td) => Number(td.textContent)),
    );
    expect(seconds.length).toBeGreaterThanOrEqual(3);
    expect(seconds.length).toBeLessThan(50);
    chromiumLater = seconds.slice(1);
    // A new worker loads the data again; Train works once it has.
    await waitForPhase(page, "ready", 80_000);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("train");
    await tabTo(page, "reset");
    await page.keyboard.press("Enter");
    expect(await page.$$eval("#epochs-body tr", (r) => r.length)).toBe(0);
    expect(await page.inputValue("#epochs")).toBe(String(DEFAULT_CONFIG.epochs));
    expect(await page.isHidden("#confusion")).toBe(true);
    expect(consoleErrors).toEqual([]);
  });

  it("runs the MLP's big products on the training worker's own workers too", {
    timeout: 90_000,
  }, async () => {
    await page.selectOption("#variant", "mlp-concise");
    await page.fill("#epochs", "1");
    await page.click("#train");
    await waitForPhase(page, "ready", 80_000);
    expect(await page.textContent("#run-status")).toMatch(/^Done: test accuracy 0\.\d+ after 1 epochs/);
    // Chunks of products per thread: [the training worker, its workers...].
    const chunks = ((await page.getAttribute("#backend", "data-chunks")) ?? "").split(" ").map(Number);
    expect(chunks[0]).toBeGreaterThan(0);
    if (Number(await page.getAttribute("#backend", "data-threads")) > 1) {
      expect(chunks.slice(1).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    }
    await tabTo(page, "reset");
    await page.keyboard.press("Enter");
    await page.selectOption("#variant", CONFIG.variant);
    expect(consoleErrors).toEqual([]);
  });

  it("prints the epoch times in Chromium beside Node's, for the same code", { timeout: 60_000 }, async () => {
    const node = await nodeEpochs({ ...CONFIG, epochs: 3 });
    const mean = (xs: number[]) => (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(2);
    console.log(
      `softmax concise, batch ${CONFIG.batchSize}, seconds per epoch: first epoch (with warm-up) ` +
        `Chromium ${chromiumFirst.toFixed(2)}, Node ${node.seconds[0]!.toFixed(2)}; later epochs ` +
        `Chromium ${mean(chromiumLater)}, Node ${mean(node.seconds.slice(1))} ` +
        `(Chromium: ${await page.textContent("#backend")}; Node ${process.version}: ${node.backend})`,
    );
    // The same code, seed and data: the first epoch as in the page (up to the kernels' rounding:
    // Chromium's wasm build has fused multiply-adds, Node 20's not).
    expect(node.testAcc).toBeCloseTo(Number(firstTestAcc), 2);
  });

  it("says which data file is missing or wrong", { timeout: 60_000 }, async () => {
    const other = await browser.newPage();
    try {
      // Not served: a 404 names the file and says what to do.
      await other.route("**/train-labels-idx1-ubyte.gz", (r) => r.fulfill({ status: 404, body: "" }));
      await other.goto(server.url);
      await waitForPhase(other, "no-data");
      expect(await other.textContent("#data-status")).toMatch(
        /^This site does not serve the Fashion-MNIST files \(HTTP 404 for \S+train-labels-idx1-ubyte\.gz\)\. Drop the four/,
      );
      expect(await other.isDisabled("#train")).toBe(true);
      // Dropped files: a name that is none of the four, and the ones still needed.
      await other.evaluate(() => {
        const dt = new DataTransfer();
        dt.items.add(new File(["x"], "notes.txt"));
        dt.items.add(new File(["x"], "t10k-labels-idx1-ubyte.gz"));
        document.body.dispatchEvent(
          new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }),
        );
      });
      expect(await other.textContent("#data-status")).toBe(
        "notes.txt is not one of the four files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz). Still needed: train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz.",
      );
      // Chosen files, two not what their names say (small ones: no 26 MB to decompress): the
      // SHA-256 of the first checked fails, and the file is named.
      const dir = join(webDir, "dist", "data", "fashion-mnist");
      const file = (name: string, from = name) => ({
        name,
        mimeType: "application/gzip",
        buffer: readFileSync(join(dir, from)),
      });
      await other.setInputFiles("#data-files", [
        file("train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
        file("train-labels-idx1-ubyte.gz"),
        file("t10k-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
        file("t10k-labels-idx1-ubyte.gz"),
      ]);
      await waitForPhase(other, "no-data");
      expect(await other.textContent("#data-status")).toMatch(
        /"(train|t10k)-images-idx3-ubyte\.gz" failed verification: the SHA-256 of its decompressed content is [0-9a-f]{64}, expected [0-9a-f]{64} .*Drop or choose a good copy of that file\.$/,
      );
      expect(await other.isDisabled("#train")).toBe(true);
    } finally {
      await other.close();
    }
  });
});
