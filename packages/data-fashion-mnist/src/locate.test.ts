import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataError } from "@tsgrad/data";
import { ValueError } from "@tsgrad/tensor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FashionMNIST, loadDataFashionMnist } from "./dataset.js";
import { FILE_SIZES, type FileKey } from "./files.js";
import { fileName, gz, shaTable, tinyFiles } from "./fixtures.test-util.js";
import { gunzipPortable, maxCompressedSize } from "./gunzip.js";
import { cacheDirectory, locateFile } from "./node/locate.js";

const files = tinyFiles();
const sha256 = shaTable(files);
let dir: string;
let server: Server;
let base: string;
const hits: string[] = [];
/** Paths answering 500 this many more times before they serve the file. */
const flaky = new Map<string, number>();
/** Paths serving corrupted bytes. */
const corrupt = new Set<string>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tsgrad-fmnist-"));
  const byName = new Map(
    (Object.keys(files) as FileKey[]).map((k): [string, Uint8Array] => [
      `/${fileName(k, true)}`,
      gz(files[k]),
    ]),
  );
  server = createServer((req, res) => {
    const path = req.url ?? "/";
    hits.push(path);
    const left = flaky.get(path) ?? 0;
    if (left > 0) {
      flaky.set(path, left - 1);
      res.writeHead(500).end("try again");
      return;
    }
    if (path.startsWith("/endless/")) {
      // No length, and no end: only the client stopping ends it.
      res.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 0x1f);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) {}
      };
      res.on("drain", pump);
      res.on("close", () => res.off("drain", pump));
      pump();
      return;
    }
    if (path.startsWith("/liar/")) {
      res.writeHead(200, { "content-length": String(8 * 2 ** 30) }).write("x");
      return;
    }
    const body = byName.get(path.replace(/^\/mirror2/, ""));
    if (body === undefined || path.startsWith("/missing")) {
      res.writeHead(404).end("not here");
      return;
    }
    const out = corrupt.has(path) ? body.map((b, i) => (i === body.length - 20 ? b ^ 1 : b)) : body;
    res.writeHead(200, { "content-length": String(out.length) }).end(Buffer.from(out));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // Bounded: the server stops by itself even if a test run is interrupted.
  server.unref();
  setTimeout(() => server.close(), 60_000).unref();
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  server.close();
  await rm(dir, { recursive: true, force: true });
});

/** A fresh sandbox: empty cache, no system folder, nothing from the real environment. */
async function sandbox(name: string) {
  const root = join(dir, name);
  await mkdir(root, { recursive: true });
  const env = { XDG_CACHE_HOME: join(root, "cache"), HOME: join(root, "home") };
  const warnings: string[] = [];
  return {
    root,
    env,
    warnings,
    options: {
      env,
      systemDir: join(root, "system"),
      sha256,
      mirrors: [base],
      retries: 2,
      retryDelayMs: 1,
      timeoutMs: 5000,
      progress: false,
      warn: (m: string) => warnings.push(m),
    },
  };
}

describe("locating the files", () => {
  it("uses $XDG_CACHE_HOME/tsgrad/fashion-mnist, else ~/.cache/tsgrad/fashion-mnist", () => {
    expect(cacheDirectory({ XDG_CACHE_HOME: "/x/cache", HOME: "/h" })).toBe("/x/cache/tsgrad/fashion-mnist");
    expect(cacheDirectory({ HOME: "/h" })).toBe("/h/.cache/tsgrad/fashion-mnist");
  });

  it("searches root, FASHION_MNIST_DIR, the cache and the system folder in that order, gzipped or not", async () => {
    const s = await sandbox("order");
    const places = {
      root: join(s.root, "root"),
      env: join(s.root, "env"),
      cache: join(s.env.XDG_CACHE_HOME, "tsgrad", "fashion-mnist"),
      system: s.options.systemDir,
    };
    for (const d of Object.values(places)) await mkdir(d, { recursive: true });
    await writeFile(join(places.system, fileName("trainLabels", true)), gz(files.trainLabels));
    const env = { ...s.env, FASHION_MNIST_DIR: places.env };
    const opts = { ...s.options, env, root: places.root, download: false };
    expect((await locateFile("trainLabels", opts)).origin).toBe("system");
    await writeFile(join(places.cache, fileName("trainLabels", false)), files.trainLabels);
    expect((await locateFile("trainLabels", opts)).origin).toBe("cache");
    await writeFile(join(places.env, fileName("trainLabels", true)), gz(files.trainLabels));
    expect((await locateFile("trainLabels", opts)).origin).toBe("FASHION_MNIST_DIR");
    await writeFile(join(places.root, fileName("trainLabels", false)), files.trainLabels);
    const found = await locateFile("trainLabels", opts);
    expect(found.origin).toBe("root");
    expect(found.path).toBe(join(places.root, "train-labels-idx1-ubyte"));
    expect(Array.from(found.data)).toEqual(Array.from(files.trainLabels));
    expect(s.warnings).toEqual([]);
  });

  it("downloads into the cache through a temp file, retrying a failing mirror, then reads the cache", async () => {
    const s = await sandbox("download");
    flaky.set("/train-images-idx3-ubyte.gz", 1);
    hits.length = 0;
    const got = await locateFile("trainImages", s.options);
    expect(got.origin).toBe("download");
    const cache = join(s.env.XDG_CACHE_HOME, "tsgrad", "fashion-mnist");
    expect(got.path).toBe(join(cache, "train-images-idx3-ubyte.gz"));
    expect(hits.filter((h) => h === "/train-images-idx3-ubyte.gz").length).toBe(2);
    expect(await readdir(cache)).toEqual(["train-images-idx3-ubyte.gz"]); // no temp file left
    expect(Array.from(got.data)).toEqual(Array.from(files.trainImages));
    hits.length = 0;
    expect((await locateFile("trainImages", s.options)).origin).toBe("cache");
    expect(hits).toEqual([]);
  });

  it("downloads into root when root is given, trying the next mirror after a 404", async () => {
    const s = await sandbox("root-download");
    const root = join(s.root, "data");
    const got = await locateFile("testLabels", {
      ...s.options,
      root,
      mirrors: [`${base}missing/`, `${base}mirror2/`],
    });
    expect(got.path).toBe(join(root, "t10k-labels-idx1-ubyte.gz"));
    // (gzip headers hold a time stamp: compare the content.)
    expect(Array.from(gunzipPortable(await readFile(got.path), "t"))).toEqual(Array.from(files.testLabels));
  });

  it("never keeps a download that fails verification, and says why", async () => {
    const s = await sandbox("corrupt");
    corrupt.add("/t10k-images-idx3-ubyte.gz");
    try {
      const err = await locateFile("testImages", s.options).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DataError);
      const msg = (err as DataError).message;
      expect(msg).toContain(
        "FashionMNIST: could not find t10k-images-idx3-ubyte (gzipped or not) or download it.",
      );
      expect(msg).toContain("(attempt 2 of 2)");
      expect(msg).toMatch(/failed verification|not a valid gzip stream/);
      const cache = join(s.env.XDG_CACHE_HOME, "tsgrad", "fashion-mnist");
      expect(await readdir(cache)).toEqual([]);
    } finally {
      corrupt.delete("/t10k-images-idx3-ubyte.gz");
    }
  });

  it("reports a cached file that fails verification and fetches it again", async () => {
    const s = await sandbox("recache");
    const cache = join(s.env.XDG_CACHE_HOME, "tsgrad", "fashion-mnist");
    await mkdir(cache, { recursive: true });
    const broken = files.trainLabels.slice();
    broken[10]! ^= 1;
    await writeFile(join(cache, "train-labels-idx1-ubyte"), broken);
    const got = await locateFile("trainLabels", s.options);
    expect(got.origin).toBe("download");
    expect(s.warnings.length).toBe(1);
    expect(s.warnings[0]).toContain(
      `FashionMNIST: ${join(cache, "train-labels-idx1-ubyte")} failed verification`,
    );
    expect(s.warnings[0]).toContain("removing it from the cache and fetching it again");
    expect((await readdir(cache)).sort()).toEqual(["train-labels-idx1-ubyte.gz"]);
  });

  it("stops a download at the largest valid size of the file, and keeps nothing", async () => {
    const s = await sandbox("endless");
    const cap = maxCompressedSize(FILE_SIZES.trainLabels);
    const err = await locateFile("trainLabels", {
      ...s.options,
      retries: 1,
      mirrors: [`${base}endless/`, `${base}liar/`],
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    const msg = (err as DataError).message;
    expect(msg).toMatch(
      new RegExp(
        `download ${base}endless/train-labels-idx1-ubyte.gz \\(attempt 1 of 1\\): the server sent \\d+ bytes and more, more than the ${cap} a valid file can have`,
      ),
    );
    expect(msg).toContain(
      `download ${base}liar/train-labels-idx1-ubyte.gz (attempt 1 of 1): the server announces 8589934592 bytes, more than the ${cap} a valid file can have`,
    );
    expect(await readdir(join(s.env.XDG_CACHE_HOME, "tsgrad", "fashion-mnist"))).toEqual([]);
    // The browser path has the same cap (either file of the split may fail first).
    await expect(FashionMNIST.load({ train: false, source: `${base}endless/`, sha256 })).rejects.toThrow(
      /^FashionMNIST: could not fetch http:\/\/[^ ]+\/endless\/t10k-(images-idx3|labels-idx1)-ubyte\.gz: the server sent \d+ bytes and more, more than the \d+ a valid file can have$/,
    );
  });

  it("removes what killed downloads left in the cache, even when the file is found", async () => {
    const s = await sandbox("stale");
    const cache = join(s.env.XDG_CACHE_HOME, "tsgrad", "fashion-mnist");
    await mkdir(cache, { recursive: true });
    await writeFile(join(cache, fileName("testLabels", true)), gz(files.testLabels));
    const dead = spawnSync(process.execPath, [
      "-e",
      "process.stdout.write(String(process.pid))",
    ]).stdout.toString();
    const names = [
      `.train-images-idx3-ubyte.gz.${dead}.1a2b3c4d.tmp`, // a killed download: removed
      `.t10k-labels-idx1-ubyte.${dead}.x9.tmp`, // a killed write of another file: removed
      `.train-images-idx3-ubyte.gz.${process.pid}.live01.tmp`, // a live writer's: kept
      `.notes.txt.${dead}.abc.tmp`, // not one of ours: kept
    ];
    for (const name of names) await writeFile(join(cache, name), "partial");
    expect((await locateFile("testLabels", { ...s.options, download: false })).origin).toBe("cache");
    expect((await readdir(cache)).sort()).toEqual([...names.slice(2), fileName("testLabels", true)].sort());
  });

  it("when nothing works, lists where it looked and how to fix it", async () => {
    const s = await sandbox("nothing");
    const err = await locateFile("trainLabels", {
      ...s.options,
      mirrors: ["http://127.0.0.1:9/"],
      retries: 1,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    const msg = (err as DataError).message;
    expect(msg).toContain("Looked in:");
    expect(msg).toContain("the root option: not set");
    expect(msg).toContain("FASHION_MNIST_DIR: not set");
    expect(msg).toContain(
      `the cache (${join(s.env.XDG_CACHE_HOME, "tsgrad", "fashion-mnist")}): no train-labels-idx1-ubyte`,
    );
    expect(msg).toContain(`Debian's dataset-fashion-mnist (${s.options.systemDir})`);
    expect(msg).toContain("download http://127.0.0.1:9/train-labels-idx1-ubyte.gz (attempt 1 of 1)");
    expect(msg).toContain("apt-get install dataset-fashion-mnist");
    expect(msg).toContain("FASHION_MNIST_DIR");
    const off = await locateFile("trainLabels", { ...s.options, download: false }).catch((e: unknown) => e);
    expect((off as DataError).message).toContain("download: disabled (download: false)");
  });
});

describe("FashionMNIST from bytes and URLs (the browser path)", () => {
  it("loads from bytes, gzipped or not", async () => {
    const ds = await FashionMNIST.load({
      train: false,
      sha256,
      source: { testImages: gz(files.testImages), testLabels: files.testLabels.buffer as ArrayBuffer },
    });
    expect(ds.length).toBe(5);
  });

  it("loads every file from a base URL and builds the two loaders", async () => {
    const { trainIter, testIter } = await loadDataFashionMnist(4, { source: base, sha256 });
    expect(trainIter.length).toBe(3);
    expect(testIter.length).toBe(2);
    const [X, y] = [...testIter][0]!;
    expect(X.shape).toEqual([4, 1, 28, 28]);
    expect(y.dtype).toBe("int32");
  });

  it("resolves a relative base URL against the page, as fetch does in a browser", async () => {
    const page = globalThis as { location?: { href: string } };
    page.location = { href: `${base}app/index.html` };
    try {
      const ds = await FashionMNIST.load({ train: false, source: "/", sha256 });
      expect(ds.length).toBe(5);
    } finally {
      delete page.location;
    }
  });

  it("names a missing file and a failed fetch", async () => {
    await expect(FashionMNIST.load({ source: {}, sha256 })).rejects.toThrow(
      "FashionMNIST: source has no trainImages (train-images-idx3-ubyte); give bytes or a URL for it",
    );
    await expect(FashionMNIST.load({ source: `${base}missing/`, sha256 })).rejects.toThrow(
      `FashionMNIST: could not fetch ${base}missing/train-images-idx3-ubyte.gz: HTTP 404`,
    );
    await expect(
      FashionMNIST.load({
        train: false,
        source: { testImages: files.testImages, testLabels: files.testLabels },
      }),
    ).rejects.toThrow("failed verification");
  });
});

describe("locating from plain JavaScript", () => {
  const js = (v: unknown) => v as never;

  it("locateFashionMnistFile rejects (never throws) a bad key or option, before any file is read", async () => {
    const { locateFashionMnistFile } = await import("./index.js");
    await expect(locateFashionMnistFile(js("trainImage"))).rejects.toThrowError(ValueError);
    await expect(locateFashionMnistFile(js("trainImage"))).rejects.toThrowError(
      /^locateFashionMnistFile: key must be one of "trainImages", "trainLabels", "testImages", "testLabels", got "trainImage"$/,
    );
    await expect(locateFashionMnistFile(js(undefined))).rejects.toThrowError("got undefined");
    const bad: [Record<string, unknown>, string][] = [
      [{ rot: "/x" }, 'unknown option "rot" in options; did you mean "root"?'],
      [{ root: 2 }, "options.root must be a string (a folder), got 2"],
      [{ download: null }, "options.download must be true or false, got null"],
      [{ systemDir: [] }, "options.systemDir must be a string (a folder), got []"],
      [{ progress: "yes" }, 'options.progress must be true or false, got "yes"'],
      [{ warn: "console" }, 'options.warn must be a function, got "console"'],
      [{ retries: 0 }, "options.retries must be an integer >= 1, got 0"],
      [
        { retryDelayMs: -1 },
        "options.retryDelayMs must be a number of milliseconds in [0, 2147483647], got -1",
      ],
      [
        { timeoutMs: 1.5 },
        "options.timeoutMs must be an integer number of milliseconds in [1, 4294967295], got 1.5",
      ],
      [
        { timeoutMs: 1e12 },
        "options.timeoutMs must be an integer number of milliseconds in [1, 4294967295], got 1000000000000",
      ],
      [{ mirrors: "http://x/" }, 'options.mirrors must be an array of base URLs (strings), got "http://x/"'],
      [{ env: null }, "options.env must be an object of environment variables, got null"],
      [{ env: { HOME: 2 } }, "options.env.HOME must be a string, got 2"],
      [
        { source: 2 },
        "options.source must be a base URL (absolute, or relative to the page in a browser) or an object of files by key, got 2",
      ],
      [
        { source: "data/" },
        'options.source must be a base URL (absolute, or relative to the page in a browser) or an object of files by key, got "data/"',
      ],
      [{ mirrors: ["mirror"] }, 'options.mirrors must be an array of base URLs (strings), got ["mirror"]'],
      [
        { source: { trainImage: "x" } },
        'unknown option "trainImage" in options.source; did you mean "trainImages"?',
      ],
      [
        { source: { trainImages: [1] } },
        "options.source.trainImages must be bytes (a Uint8Array or an ArrayBuffer) or a URL, got [1]",
      ],
      [{ sha256: true }, "options.sha256 must be false or an object of SHA-256 digests by key, got true"],
      [
        { sha256: { trainImages: "abc" } },
        'options.sha256.trainImages must be a SHA-256 digest (64 hex digits), got "abc"',
      ],
    ];
    for (const [options, message] of bad) {
      await expect(locateFashionMnistFile("trainImages", js(options))).rejects.toThrowError(
        `locateFashionMnistFile: ${message}`,
      );
    }
  });

  it("the file tables cannot be changed from outside", async () => {
    const { FASHION_MNIST_FILE_KEYS, FASHION_MNIST_FILES, FASHION_MNIST_MIRRORS, FASHION_MNIST_SHA256 } =
      await import("./index.js");
    for (const table of [
      FASHION_MNIST_FILE_KEYS,
      FASHION_MNIST_FILES,
      FASHION_MNIST_MIRRORS,
      FASHION_MNIST_SHA256,
    ]) {
      expect(Object.isFrozen(table)).toBe(true);
    }
  });

  it("fashionMnistCacheDir rejects an env that is not one", async () => {
    const { fashionMnistCacheDir } = await import("./index.js");
    await expect(fashionMnistCacheDir(js(null))).rejects.toThrowError(
      /^fashionMnistCacheDir: env must be an object of environment variables, got null$/,
    );
    await expect(fashionMnistCacheDir(js({ HOME: ["/h"] }))).rejects.toThrowError(
      'fashionMnistCacheDir: env.HOME must be a string, got ["/h"]',
    );
    expect(await fashionMnistCacheDir({ XDG_CACHE_HOME: "/x" })).toBe("/x/tsgrad/fashion-mnist");
  });
});
