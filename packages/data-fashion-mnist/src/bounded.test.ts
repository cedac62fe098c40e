// Files and bytes are bounded: whatever is on disk or in memory under a Fashion-MNIST name
// (a mutated or lying IDX file, a gzip bomb, a FIFO, a device, a symlink loop, a folder, a file
// that grows), loading gives the right data or a DataError naming the file, quickly and in
// bounded memory. Most cases are in-memory decodes; the file-system kinds go through locateFile.
import { spawn, spawnSync } from "node:child_process";
import { lstat, mkdir, mkdtemp, rm, symlink, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, deflateRawSync, constants as zc } from "node:zlib";
import { DataError } from "@tsgrad/data";
import fc from "fast-check";
import { gzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FILE_SIZES, type FileKey } from "./files.js";
import { sha, shaTable, tinyFiles } from "./fixtures.test-util.js";
import { maxCompressedSize } from "./gunzip.js";
import { parseIdx, writeIdx } from "./idx.js";
import { locateFile } from "./node/locate.js";
import { decodeFile } from "./source.js";

const MiB = 1024 * 1024;
/** Each case, bombs included, must finish well within this (the bound: 3 s). */
const CASE_MS = 3000;
/** The process's peak resident memory (maxRSS) must stay below this. */
const PEAK_BYTES = 500 * MiB;
/** Per test: the whole file takes about 15 s on an idle machine; shared CI cores are slower. */
const TEST_MS = 60_000;

const cat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/**
 * One gzip member of `mib` MiB of zeros, about 1 KiB per MiB (deflate's 1032:1): 1 MiB of
 * zeros compressed once with a sync flush (byte-aligned, not final) repeated `mib` times, then
 * an empty final block. Built in milliseconds where compressing 1 GiB takes 10 s.
 */
function zeroBomb(mib: number): Uint8Array {
  const zeros = new Uint8Array(MiB);
  const block = deflateRawSync(zeros, { level: 9, finishFlush: zc.Z_SYNC_FLUSH });
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = crc32(zeros, crc);
  const header = Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff);
  const trailer = new Uint8Array(8);
  new DataView(trailer.buffer).setUint32(0, crc, true);
  new DataView(trailer.buffer).setUint32(4, (mib * MiB) >>> 0, true);
  return cat(header, ...new Array<Uint8Array>(mib).fill(block), Uint8Array.of(0x03, 0x00), trailer);
}

/** `members` gzip members of 1 MiB of zeros each, concatenated (one gzip file). */
function memberBomb(members: number): Uint8Array {
  return cat(...new Array<Uint8Array>(members).fill(gzipSync(new Uint8Array(MiB), { level: 9 })));
}

/** Runs `fn` as in a browser: no Node built-ins, so gunzip takes fflate and SHA-256 Web Crypto. */
async function withoutNodeBuiltins<T>(fn: () => Promise<T>): Promise<T> {
  const proc = process as { getBuiltinModule?: unknown };
  const saved = proc.getBuiltinModule;
  proc.getBuiltinModule = undefined;
  try {
    return await fn();
  } finally {
    proc.getBuiltinModule = saved;
  }
}

const paths = [
  { label: "zlib", run: <T>(fn: () => Promise<T>) => fn() },
  { label: "fflate", run: withoutNodeBuiltins },
] as const;

/**
 * Runs `fn`, measuring wall time and the CPU time of the whole process (zlib's thread pool
 * included). The bounds are checked on CPU time: on a shared, loaded machine wall time mostly
 * measures the neighbours. A hang (a FIFO read) still shows, as the test's timeout.
 */
async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number; cpuMs: number }> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const result = await fn();
  const used = process.cpuUsage(cpu);
  return { result, ms: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 };
}

/** What `fn` gave: its value, or what it threw. */
async function outcome<T>(fn: () => Promise<T>): Promise<{ value: T } | { error: unknown }> {
  try {
    return { value: await fn() };
  } catch (error) {
    return { error };
  }
}

/** Calls `fn`, expecting a DataError naming `name`; returns its message and how long it took. */
async function expectDataError(
  fn: () => Promise<unknown>,
  name: string,
): Promise<{ message: string; ms: number; cpuMs: number }> {
  const { result, ms, cpuMs } = await timed(() => outcome(fn));
  const err = "error" in result ? result.error : undefined;
  expect(err, `expected a DataError about ${name}`).toBeInstanceOf(DataError);
  const message = (err as DataError).message;
  expect(message).toContain(name);
  expect(cpuMs, `${name} took ${cpuMs.toFixed(0)} ms of CPU`).toBeLessThan(CASE_MS);
  return { message, ms, cpuMs };
}

const peakRss = () => process.resourceUsage().maxRSS * 1024;

describe("decoding mutated files: the right data or a DataError naming the file", {
  timeout: TEST_MS,
}, () => {
  const forms = ["raw", "gzip", "members"] as const;
  const file = fc.record({
    dims: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 3 }),
    seed: fc.integer({ min: 0, max: 255 }),
    form: fc.constantFrom(...forms),
    level: fc.integer({ min: 0, max: 9 }),
    verify: fc.boolean(),
  });
  const u32 = fc.oneof(
    fc.nat({ max: 16 }),
    fc.nat({ max: 0xffffffff }),
    fc.integer({ min: 2 ** 20, max: 2 ** 32 - 1 }),
  );
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant("none" as const) }),
    fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("append" as const), extra: fc.uint8Array({ minLength: 1, maxLength: 9 }) }),
    fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), bits: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ kind: fc.constant("u32" as const), at: fc.nat(), value: u32 }),
    // A lie in the IDX header, made before compressing: the gzip layer is intact.
    fc.record({ kind: fc.constant("dims" as const), dim: fc.nat(), value: u32 }),
    // The gzip trailer's size field (the raw file's last four bytes).
    fc.record({ kind: fc.constant("size" as const), value: u32 }),
    // A second member of 256 KiB of zeros: far past the file's size once decompressed.
    fc.record({ kind: fc.constant("bomb" as const) }),
  );
  type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;
  const bombMember = gzipSync(new Uint8Array(MiB / 4), { level: 9 });

  function build(
    f: { dims: number[]; seed: number; form: (typeof forms)[number]; level: number },
    m: Mutation,
  ) {
    const size = f.dims.reduce((a, b) => a * b, 1);
    const raw = writeIdx(
      Uint8Array.from({ length: size }, (_, i) => (i * 7 + f.seed) & 0xff),
      f.dims,
    );
    let content = raw;
    if (m.kind === "dims") {
      content = raw.slice();
      new DataView(content.buffer).setUint32(4 + 4 * (m.dim % f.dims.length), m.value);
    }
    const level = f.level as 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
    const cut = f.seed % (content.length + 1);
    let bytes =
      f.form === "raw"
        ? content
        : f.form === "gzip"
          ? gzipSync(content, { level })
          : cat(gzipSync(content.subarray(0, cut), { level }), gzipSync(content.subarray(cut), { level }));
    switch (m.kind) {
      case "truncate":
        bytes = bytes.subarray(0, m.at % (bytes.length + 1));
        break;
      case "append":
        bytes = cat(bytes, m.extra);
        break;
      case "flip":
        bytes = bytes.slice();
        if (bytes.length > 0) bytes[m.at % bytes.length]! ^= m.bits;
        break;
      case "u32":
        bytes = bytes.slice();
        if (bytes.length >= 4) new DataView(bytes.buffer).setUint32(m.at % (bytes.length - 3), m.value);
        break;
      case "size":
        bytes = bytes.slice();
        if (bytes.length >= 4) new DataView(bytes.buffer).setUint32(bytes.length - 4, m.value, true);
        break;
      case "bomb":
        bytes = cat(bytes, bombMember);
        break;
    }
    return { raw, bytes };
  }

  for (const [i, path] of paths.entries()) {
    it(`1600 mutated IDX files, raw, gzipped and in two gzip members (${path.label})`, async () => {
      let accepted = 0;
      let rejected = 0;
      let slowest = 0;
      let n = 0;
      await fc.assert(
        fc.asyncProperty(file, mutation, async (f, m) => {
          const { raw, bytes } = build(f, m);
          const name = `case-${n++}${f.form === "raw" ? "" : ".gz"}`;
          // The loaders' limit: the file's exact size, known in advance.
          const limit = raw.length;
          const sha256 = f.verify ? sha(raw) : undefined;
          const decode = async () => {
            const data = await path.run(() => decodeFile(bytes, name, sha256, limit));
            return { data, parsed: parseIdx(data, name) };
          };
          const { result, cpuMs } = await timed(() => outcome(decode));
          slowest = Math.max(slowest, cpuMs);
          if ("error" in result) {
            expect(result.error).toBeInstanceOf(DataError);
            expect((result.error as DataError).message).toContain(name);
            rejected++;
            return;
          }
          const { data, parsed } = result.value;
          accepted++;
          expect(data.length).toBeLessThanOrEqual(limit);
          expect(parsed.data.length).toBe(parsed.dims.reduce((a, b) => a * b, 1));
          // Verified, or untouched: exactly the file that was written.
          if (f.verify || m.kind === "none") expect(Buffer.compare(data, raw)).toBe(0);
        }),
        { numRuns: 1600, seed: 17 + i },
      );
      console.log(
        `${path.label}: ${accepted} accepted, ${rejected} refused, slowest ${slowest.toFixed(0)} ms of CPU`,
      );
      expect(accepted).toBeGreaterThan(200);
      expect(rejected).toBeGreaterThan(200);
      expect(slowest).toBeLessThan(CASE_MS);
    });
  }
});

describe("gzip bombs stop at the file's size", { timeout: TEST_MS }, () => {
  it("1 MiB of gzip expanding to 1 GiB, as one member and as 1024 members, and with a lying size field", async () => {
    const single = zeroBomb(1024);
    const members = memberBomb(1024);
    expect(single.length).toBeLessThan(1.1 * MiB);
    expect(members.length).toBeLessThan(1.1 * MiB);
    const lying = single.slice();
    const report: string[] = [];
    for (const limit of [FILE_SIZES.trainLabels, FILE_SIZES.trainImages]) {
      new DataView(lying.buffer).setUint32(lying.length - 4, limit, true);
      for (const [kind, bomb] of [
        ["one member", single],
        ["1024 members", members],
        ["lying size", lying],
      ] as const) {
        for (const path of paths) {
          const name = `bomb-${kind}-${limit}-${path.label}.gz`;
          const before = process.memoryUsage();
          const { message, ms, cpuMs } = await expectDataError(
            () => path.run(() => decodeFile(bomb, name, undefined, limit)),
            name,
          );
          const after = process.memoryUsage();
          expect(message).toContain(`decompresses to more than ${limit} bytes`);
          // What is still held (garbage included) just after: the output buffer, its copies and
          // at most one piece past the limit, never the gigabyte.
          const grown = after.arrayBuffers - before.arrayBuffers;
          expect(grown, name).toBeLessThan(3 * limit + 64 * MiB);
          report.push(
            `${kind} ${path.label} ${limit}: ${cpuMs.toFixed(0)} ms CPU, ${ms.toFixed(0)} ms wall, +${(grown / MiB).toFixed(0)} MiB`,
          );
        }
      }
    }
    console.log(`gzip bombs refused:\n  ${report.join("\n  ")}`);
  });

  it("the bombs are valid gzip: a small one decompresses to its zeros on both paths", async () => {
    for (const bomb of [zeroBomb(3), memberBomb(3)]) {
      for (const path of paths) {
        const data = await path.run(() => decodeFile(bomb, "small-bomb.gz", undefined, 3 * MiB));
        expect(data.length).toBe(3 * MiB);
        expect(data.every((b) => b === 0)).toBe(true);
      }
    }
  });
});

describe("file-system kinds under the data's names: refused at once, naming the file", {
  timeout: TEST_MS,
}, () => {
  const files = tinyFiles();
  const sha256 = shaTable(files);
  let dir: string;
  const warnings: string[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "tsgrad-bounded-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A folder `name` used as `root`, with nothing else to find and no download. */
  async function place(name: string) {
    const root = join(dir, name);
    await mkdir(root, { recursive: true });
    const options = {
      root,
      download: false,
      env: { XDG_CACHE_HOME: join(root, "cache"), HOME: join(root, "home") },
      systemDir: join(root, "no-system"),
      sha256,
      warn: (m: string) => warnings.push(m),
    };
    return { root, options, cache: join(root, "cache", "tsgrad", "fashion-mnist") };
  }

  const labels = "train-labels-idx1-ubyte";
  const images = "train-images-idx3-ubyte";

  it("refuses FIFOs, devices, symlink loops, folders and oversized (sparse) files", async () => {
    const mkfifo = async (p: string) => expect(spawnSync("mkfifo", [p]).status).toBe(0);
    const cases: [string, (path: string) => Promise<unknown>, (path: string) => string][] = [
      ["fifo", mkfifo, (p) => `${p} is not a regular file (it is a FIFO)`],
      ["zero", (p) => symlink("/dev/zero", p), (p) => `${p} is not a regular file (it is a device)`],
      ["urandom", (p) => symlink("/dev/urandom", p), (p) => `${p} is not a regular file (it is a device)`],
      ["loop", (p) => symlink(p, p), (p) => `cannot read ${p}: ELOOP`],
      ["folder", (p) => mkdir(p), (p) => `${p} is not a regular file (it is a directory)`],
      [
        "sparse",
        (p) => writeFile(p, "").then(() => truncate(p, 8 * 1024 * MiB)),
        (p) => `${p} is 8589934592 bytes, more than the ${maxCompressedSize(FILE_SIZES.trainLabels)}`,
      ],
    ];
    for (const gz of [false, true]) {
      for (const [kind, make, reason] of cases) {
        const { root, options } = await place(`${kind}${gz ? "-gz" : ""}`);
        const path = join(root, `${labels}${gz ? ".gz" : ""}`);
        await make(path);
        const { message } = await expectDataError(() => locateFile("trainLabels", options), path);
        expect(message).toContain(`FashionMNIST: ${reason(path)}`);
        // Reported as it happens too, and left where it is: only the cache's files are removed.
        expect(warnings.pop()).toMatch(/; trying the next location$/);
        await expect(lstat(path)).resolves.toBeDefined();
      }
    }
  });

  it("says where it looked when nothing is there, and reads a symlink to a real file", async () => {
    const { root, options } = await place("missing");
    const { message } = await expectDataError(() => locateFile("trainLabels", options), labels);
    expect(message).toContain(`the root option (${root}): no ${labels} or ${labels}.gz`);
    const target = join(root, "elsewhere.bin");
    await writeFile(target, files.trainLabels);
    await symlink(target, join(root, labels));
    expect(Buffer.compare((await locateFile("trainLabels", options)).data, files.trainLabels)).toBe(0);
  });

  it("gzip bombs on disk: refused by size, or stopped at the file's size", async () => {
    const { root, options } = await place("bombs");
    const bomb = memberBomb(1024);
    // A labels .gz is at most maxCompressedSize(60008) bytes: the 1 MiB bomb is never read.
    await writeFile(join(root, `${labels}.gz`), bomb);
    const small = await expectDataError(() => locateFile("trainLabels", options), `${labels}.gz`);
    expect(small.message).toContain(
      `more than the ${maxCompressedSize(FILE_SIZES.trainLabels)} a valid file can have`,
    );
    // An images .gz may be 47 MB: read, then decompressed no further than 47040016 bytes.
    await writeFile(join(root, `${images}.gz`), bomb);
    const big = await expectDataError(() => locateFile("trainImages", options), `${images}.gz`);
    expect(big.message).toContain(`decompresses to more than ${FILE_SIZES.trainImages} bytes`);
  });

  it("a file that grows while it is read: a DataError or the file as it was", async () => {
    const { root, options } = await place("grows");
    const path = join(root, labels);
    await writeFile(path, files.trainLabels);
    // Another process appends 4 KiB at a time (8 MiB at most, for 2 s at most), saying when it starts.
    const writer = spawn(process.execPath, [
      "-e",
      `const fs = require("fs"); const b = Buffer.alloc(4096, 7); const end = Date.now() + 2000;
       fs.appendFileSync(${JSON.stringify(path)}, b); process.stdout.write("go");
       for (let n = 1; n < 2048 && Date.now() < end; n++) fs.appendFileSync(${JSON.stringify(path)}, b);`,
    ]);
    let running = true;
    const exited = new Promise((resolve) => writer.on("exit", resolve)).then(() => {
      running = false;
    });
    await new Promise((resolve) => writer.stdout.once("data", resolve));
    let refused = 0;
    for (let i = 0; i < 5 || running; i++) {
      const { result, cpuMs } = await timed(() => outcome(() => locateFile("trainLabels", options)));
      expect(cpuMs).toBeLessThan(CASE_MS);
      if ("value" in result) {
        expect(Buffer.compare(result.value.data, files.trainLabels)).toBe(0);
      } else {
        expect(result.error).toBeInstanceOf(DataError);
        expect((result.error as DataError).message).toContain(path);
        refused++;
      }
    }
    await exited;
    expect(refused).toBeGreaterThan(0);
  });

  it("removes a FIFO or device link from its own cache (then finds nothing), leaves them elsewhere", async () => {
    const { root, options, cache } = await place("cache-kinds");
    await mkdir(cache, { recursive: true });
    const fifo = join(cache, labels);
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const link = join(cache, `${labels}.gz`);
    await symlink("/dev/zero", link);
    const outside = join(root, labels);
    await symlink("/dev/zero", outside);
    await expectDataError(() => locateFile("trainLabels", options), fifo);
    await expect(lstat(fifo)).rejects.toThrow("ENOENT");
    await expect(lstat(link)).rejects.toThrow("ENOENT");
    expect((await lstat(outside)).isSymbolicLink()).toBe(true);
  });

  it("every file of the data set has its cap", () => {
    for (const key of Object.keys(FILE_SIZES) as FileKey[]) {
      expect(maxCompressedSize(FILE_SIZES[key])).toBeGreaterThan(FILE_SIZES[key]);
      expect(maxCompressedSize(FILE_SIZES[key])).toBeLessThan(FILE_SIZES[key] * 1.01 + 65 * 1024);
    }
    expect(FILE_SIZES).toEqual({
      trainImages: 47040016,
      trainLabels: 60008,
      testImages: 7840016,
      testLabels: 10008,
    });
  });
});

describe("memory", () => {
  const start = process.memoryUsage();

  it("stayed bounded through every case above: peak RSS under 500 MB", () => {
    const now = process.memoryUsage();
    const peak = peakRss();
    console.log(
      `peak RSS ${(peak / MiB).toFixed(0)} MiB; since the start: RSS +${((now.rss - start.rss) / MiB).toFixed(0)} MiB, ` +
        `array buffers +${((now.arrayBuffers - start.arrayBuffers) / MiB).toFixed(0)} MiB`,
    );
    expect(peak).toBeLessThan(PEAK_BYTES);
    expect(now.rss).toBeLessThan(PEAK_BYTES);
  });
});
