// A fault campaign: a training child (test/kill-child.mjs, on the built packages) is killed
// with SIGKILL at 100+ random moments, mid-epoch, mid-checkpoint-write, mid-resume; each run is
// resumed (and maybe killed again) until one finishes, which must end with weights and metrics
// bit-identical to an uninterrupted run, leaving the checkpoint alone in its folder. The earlier
// two-file checkpoint failed this: 42 of 293 kills left files from two epochs.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";

const CHILD = fileURLToPath(new URL("../test/kill-child.mjs", import.meta.url));
const EPOCHS = 12;
const KILLS = 100;
const WORKERS = 3; // children at once: the machine's 2 cores stay busy while one starts up
const CHILD_LIMIT_MS = 60_000; // a child that runs longer has hung: the campaign fails

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "tsgrad-kill-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The child runs the built trainer: refuse a dist older than the sources under test. */
function checkBuilt(): void {
  const src = fileURLToPath(new URL(".", import.meta.url));
  const dist = join(src, "..", "dist");
  const tested = readdirSync(src).filter((f) => /^(checkpoint[-\w]*|train)\.ts$/.test(f));
  for (const file of tested) {
    const built = join(dist, file.replace(/\.ts$/, ".js"));
    const stale = (() => {
      try {
        return statSync(built).mtimeMs < statSync(join(src, file)).mtimeMs;
      } catch {
        return true;
      }
    })();
    if (stale) {
      throw new Error(
        `${built} is missing or older than src/${file}: run \`pnpm --filter @tsgrad/trainer... build\``,
      );
    }
  }
}

/** mulberry32: the kill delays, reproducible from the seed in a failure's message. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

interface Run {
  /** Killed by our SIGKILL. */
  killed: boolean;
  /** When each "epoch n" line came, in milliseconds after "start" (index n - 1). */
  epochAt: number[];
  /** The "result" line of a run that finished. */
  result: string | undefined;
  /** Milliseconds from "start" to exit. */
  trainingMs: number;
}

/** When to kill: `delayMs` after "start" (afterEpoch 0) or after the line "epoch <afterEpoch>". */
interface KillPlan {
  afterEpoch: number;
  delayMs: number;
}

/** Runs the child in `dir` and kills it as `plan` says (null: never). */
function runChild(dir: string, plan: KillPlan | null): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [CHILD, dir, String(EPOCHS)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const run: Run = { killed: false, epochAt: [], result: undefined, trainingMs: 0 };
    let started = 0;
    let stdout = "";
    let stderr = "";
    const timers: NodeJS.Timeout[] = [];
    const kill = () => {
      run.killed = child.kill("SIGKILL");
    };
    const hang = setTimeout(kill, CHILD_LIMIT_MS);
    const line = (text: string) => {
      if (text === "start") started = performance.now();
      else if (text.startsWith("epoch ")) run.epochAt.push(performance.now() - started);
      else if (text.startsWith("result ")) run.result = text.slice(7);
      const epoch = text === "start" ? 0 : text.startsWith("epoch ") ? Number(text.slice(6)) : -1;
      if (plan !== null && epoch === plan.afterEpoch) timers.push(setTimeout(kill, plan.delayMs));
    };
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout?.on("data", (d: Buffer) => {
      stdout += d.toString();
      for (let end = stdout.indexOf("\n"); end >= 0; end = stdout.indexOf("\n")) {
        line(stdout.slice(0, end));
        stdout = stdout.slice(end + 1);
      }
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      for (const t of [hang, ...timers]) clearTimeout(t);
      run.trainingMs = performance.now() - started;
      const hung = started === 0 || run.trainingMs >= CHILD_LIMIT_MS;
      if (signal === "SIGKILL" && run.killed && !hung) resolve(run);
      else if (code === 0 && run.result !== undefined) resolve({ ...run, killed: false });
      else reject(new Error(`the child in ${dir} ended with ${signal ?? `exit code ${code}`}:\n${stderr}`));
    });
  });
}

/** A dead writer's temporary of the checkpoint: the kill landed inside a checkpoint write. */
const isTemporary = (name: string) => /^\.checkpoint\.safetensors\.\d+\.\w+\.tmp$/.test(name);

it(`resumes bit-identically after ${KILLS}+ SIGKILLs at random moments`, { timeout: 300_000 }, async () => {
  checkBuilt();
  const reference = await runChild(tempDir(), null);
  expect(reference.result).toBeDefined();
  // An epoch once warm (its checkpoint write included): the window a targeted kill aims into.
  const at = reference.epochAt;
  const epochMs = (at[EPOCHS - 1]! - at[1]!) / (EPOCHS - 2);
  const seed = Date.now() % 1e6;
  const next = random(seed);
  const stats = { kills: 0, midWrite: 0, resumed: 0, trials: 0 };
  // Half the kills fall anywhere in what remains of the run (loading the checkpoint, training,
  // writing); half soon after an epoch's line, which comes just before its checkpoint's write
  // (the delay squared: most land early in the epoch, where the write is).
  const plan = (done: number): KillPlan | null => {
    if (stats.kills >= KILLS) return null;
    if (next() < 0.5)
      return { afterEpoch: 0, delayMs: (next() * (reference.trainingMs * (EPOCHS - done + 1))) / EPOCHS };
    return {
      afterEpoch: done + 1 + Math.floor(next() * (EPOCHS - done)),
      delayMs: (next() ** 2 * epochMs) / 2,
    };
  };
  // One trial: kill, resume, kill again... until a run finishes; the finished run must match.
  const trial = async () => {
    const dir = tempDir();
    let done = 0; // epochs surely checkpointed before this run: kills aim at what remains
    for (;;) {
      if (readdirSync(dir).includes("checkpoint.safetensors")) stats.resumed++;
      const run = await runChild(dir, plan(done));
      if (!run.killed) {
        expect(JSON.parse(run.result!), `trial in ${dir}, seed ${seed}`).toEqual(
          JSON.parse(reference.result!),
        );
        expect(readdirSync(dir), `${dir} after the run`).toEqual(["checkpoint.safetensors"]);
        return;
      }
      stats.kills++;
      if (readdirSync(dir).some(isTemporary)) stats.midWrite++;
      // The last epoch line's checkpoint may not be written; the one before it is.
      if (run.epochAt.length > 1) done = Math.min(EPOCHS - 1, done + run.epochAt.length - 1);
    }
  };
  const worker = async () => {
    while (stats.kills < KILLS) {
      stats.trials++;
      await trial();
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  console.log(
    `${process.env.TSGRAD_BACKEND}: ${stats.kills} kills in ${stats.trials} trials, ${stats.midWrite} inside a checkpoint write, ${stats.resumed} runs resumed from a checkpoint; seed ${seed}`,
  );
  expect(stats.kills).toBeGreaterThanOrEqual(KILLS);
  // The campaign reached the resume path, not only fresh starts.
  expect(stats.resumed).toBeGreaterThan(KILLS / 4);
});
