// Timing of competing implementations ("peers") of one kernel. Each peer is warmed up
// (JIT tiers, wasm compilation, caches), then calibrated so that one sample runs the kernel
// often enough to dwarf the timer's resolution. Samples are taken in rounds that visit every
// peer once, in a rotated order, so slow machine drift (thermal, other load) hits all peers
// alike and cancels out of their ratios. The reported time is the median over rounds.
import { performance } from "node:perf_hooks";
import { type Summary, summarize } from "./stats.js";

export interface Peer {
  /** Row label, e.g. "tsgrad-js" or "tfjs-wasm". */
  name: string;
  /** Selects this peer's backend (tsgrad.setBackend, tf.setBackend); not timed. */
  activate: () => Promise<void>;
  /** One call of the kernel. Its result is kept so the work cannot be optimized away. */
  run: () => unknown;
}

export interface TimingConfig {
  /** Minimum warm-up time per peer before calibration. */
  warmupMs: number;
  /** Target duration of one sample: the kernel is repeated until a sample lasts about this long. */
  sampleMs: number;
  /** Number of samples (rounds) per peer; the median of these is reported. */
  rounds: number;
}

export const DEFAULT_TIMING: TimingConfig = { warmupMs: 150, sampleMs: 25, rounds: 15 };
export const QUICK_TIMING: TimingConfig = { warmupMs: 40, sampleMs: 8, rounds: 5 };

export interface Timing extends Summary {
  /** Kernel calls per sample, from calibration. */
  repsPerSample: number;
}

/** A place for results to go so V8 cannot drop the calls that produce them. */
let sink: unknown;
export function lastSink(): unknown {
  return sink;
}

const gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

/** Runs `run` `reps` times and returns the mean milliseconds per call. */
function sample(run: () => unknown, reps: number): number {
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) sink = run();
  return (performance.now() - t0) / reps;
}

/** Warm-up, then a reps-per-sample count that makes one sample last about `sampleMs`. */
function warmAndCalibrate(peer: Peer, cfg: TimingConfig): number {
  const start = performance.now();
  let calls = 0;
  while (calls < 3 || performance.now() - start < cfg.warmupMs) {
    sink = peer.run();
    calls++;
  }
  // Per-call estimate from a fresh, already warm run of a few calls.
  const probeReps = Math.max(1, Math.min(calls, 5));
  const perCall = sample(peer.run, probeReps);
  return Math.max(1, Math.round(cfg.sampleMs / Math.max(perCall, 1e-6)));
}

/**
 * Times every peer; returns their timings by name. Peers must compute the same thing: the
 * caller checks that separately (see checks.ts), timing never looks at results.
 */
export async function measurePeers(peers: readonly Peer[], cfg: TimingConfig): Promise<Map<string, Timing>> {
  const reps = new Map<string, number>();
  for (const peer of peers) {
    await peer.activate();
    reps.set(peer.name, warmAndCalibrate(peer, cfg));
  }
  const samples = new Map<string, number[]>(peers.map((p) => [p.name, []]));
  for (let round = 0; round < cfg.rounds; round++) {
    for (let i = 0; i < peers.length; i++) {
      const peer = peers[(round + i) % peers.length]!;
      await peer.activate();
      // Start each sample from a clean heap so one peer's garbage is not collected on the
      // next peer's clock; a peer's own garbage still costs it inside its sample.
      gc?.();
      samples.get(peer.name)!.push(sample(peer.run, reps.get(peer.name)!));
    }
  }
  const out = new Map<string, Timing>();
  for (const peer of peers) {
    out.set(peer.name, { ...summarize(samples.get(peer.name)!), repsPerSample: reps.get(peer.name)! });
  }
  return out;
}
