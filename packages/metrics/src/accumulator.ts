import { fmtValue, IndexError, Tensor, ValueError } from "@tsgrad/tensor";

/**
 * Sums `n` running totals, as d2l's `Accumulator`: e.g. `[loss sum, correct, examples]` over the
 * batches of an epoch.
 *
 *     const metric = new Accumulator(3);
 *     metric.add(l.sum(), accuracy(yHat, y), y.numel());
 *     const trainLoss = metric.get(0) / metric.get(2);
 */
export class Accumulator {
  /** The totals (float64 JS numbers). */
  readonly data: number[];

  constructor(n: number) {
    if (!Number.isInteger(n) || n < 1)
      throw new ValueError(`Accumulator: n must be a positive integer, got ${fmtValue(n)}`);
    // The longest JavaScript array; anything longer is a RangeError from inside.
    if (n > 2 ** 32 - 1) throw new ValueError(`Accumulator: n must be at most ${2 ** 32 - 1}, got ${n}`);
    this.data = new Array<number>(n).fill(0);
  }

  /** Number of totals. */
  get length(): number {
    return this.data.length;
  }

  /** Adds one value to each total: numbers or one-element tensors, exactly `n` of them. */
  add(...values: (number | Tensor)[]): void {
    if (values.length !== this.data.length) {
      throw new ValueError(`Accumulator.add: expected ${this.data.length} values, got ${values.length}`);
    }
    const numbers = values.map((v, i) => {
      if (typeof v === "number") return v;
      if (v instanceof Tensor && v.numel() === 1) return v.item();
      throw new ValueError(
        `Accumulator.add: value ${i} must be a number or a one-element tensor, got ${fmtValue(v)}`,
      );
    });
    numbers.forEach((v, i) => {
      this.data[i]! += v;
    });
  }

  /** Sets every total back to 0. */
  reset(): void {
    this.data.fill(0);
  }

  /** Total `i` (negative counts from the end, like Python's `metric[-1]`). */
  get(i: number): number {
    const n = this.data.length;
    if (!Number.isInteger(i))
      throw new IndexError(`Accumulator.get: index must be an integer, got ${fmtValue(i)}`);
    const j = i < 0 ? i + n : i;
    if (j < 0 || j >= n) {
      throw new IndexError(`Accumulator.get: index ${i} is out of range for ${n} totals`);
    }
    return this.data[j]!;
  }
}
