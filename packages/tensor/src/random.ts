import { fmtValue, ValueError } from "./errors.js";

/**
 * A seedable pseudo-random generator (xoshiro128**, seeded through splitmix32). Pure 32-bit
 * integer arithmetic, so the same seed gives the same numbers in every JS engine.
 * Every random function, initializer and DataLoader accepts one; without it they use the
 * default generator that `manualSeed` reseeds.
 */
export class Generator {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  // Box-Muller makes normals in pairs; the second is kept for the next call.
  private spare = Number.NaN;
  private seed_ = 0;

  constructor(seed = 0) {
    this.manualSeed(seed);
  }

  /** Reseeds in place (like `torch.Generator.manual_seed`) and returns this generator. */
  manualSeed(seed: number): this {
    if (!Number.isSafeInteger(seed))
      throw new ValueError(`manualSeed: seed must be a safe integer, got ${fmtValue(seed)}`);
    this.seed_ = seed;
    // The low and high 32 bits each go through a bijective mixer, so distinct seeds give
    // distinct states (s0 from the low word, s1 from the high word).
    const lo = seed >>> 0;
    const hi = Math.floor(seed / 4294967296) >>> 0;
    this.s0 = mix32(lo);
    this.s1 = mix32(hi ^ 0x9e3779b9);
    this.s2 = mix32((lo + 0x6a09e667) >>> 0);
    this.s3 = mix32((hi + 0xbb67ae85) >>> 0) | 1; // never all zero
    this.spare = Number.NaN;
    return this;
  }

  /** The seed last given to the constructor or `manualSeed`, as `torch.Generator.initial_seed`. */
  initialSeed(): number {
    return this.seed_;
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const s2 = this.s2;
    const s3 = this.s3;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 = s2 ^ s0;
    this.s3 = s3 ^ s1;
    this.s1 = s1 ^ this.s2;
    this.s0 = s0 ^ this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  random(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Standard normal, Box-Muller. */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = Number.NaN;
      return s;
    }
    // 1 - random() is in (0, 1], so the log is finite.
    const u = 1 - this.random();
    const v = this.random();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Uniform integer in [0, n) without modulo bias (n ≤ 2^32). */
  below(n: number): number {
    // One comparison on the hot path; NaN, strings and fractions would loop forever below.
    if (!(n >= 1) || n % 1 !== 0) {
      throw new ValueError(
        n <= 0
          ? `randint: the range must not be empty, got ${n} values`
          : `Generator.below: n must be a positive integer, got ${fmtValue(n)}`,
      );
    }
    if (n > 4294967296) return Math.floor(this.random() * n);
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  /**
   * The full state, for checkpoints; restore it with `setState`. The fifth number is the spare
   * normal of Box-Muller, NaN when there is none (JSON writes it as null: setState takes both).
   */
  getState(): number[] {
    return [this.s0, this.s1, this.s2, this.s3, this.spare, this.seed_];
  }

  /**
   * Restores a state that `getState` returned (`torch.Generator.set_state`) and returns this
   * generator; the numbers drawn next are those that followed it. Throws a `ValueError` for
   * anything but such a state.
   */
  setState(state: readonly (number | null)[]): this {
    const ok =
      Array.isArray(state) &&
      state.length === 6 &&
      state.every((v, i) => (i === 4 ? v === null || typeof v === "number" : Number.isSafeInteger(v)));
    if (!ok) {
      throw new ValueError(`Generator.setState: expected a state of 6 numbers, got ${fmtValue(state)}`);
    }
    [this.s0, this.s1, this.s2, this.s3] = state as [number, number, number, number];
    this.spare = state[4] ?? Number.NaN;
    this.seed_ = state[5] as number;
    return this;
  }
}

/** murmur3's 32-bit finalizer: a bijection that spreads every input bit. */
function mix32(x: number): number {
  let z = x >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** The generator used when a random function is not given one. */
export const defaultGenerator = new Generator(0);

/** Seeds the default generator, like `torch.manual_seed`. */
export function manualSeed(seed: number): Generator {
  return defaultGenerator.manualSeed(seed);
}
