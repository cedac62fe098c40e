// Order statistics of a list of timings: the median is what the tables report, the
// interquartile range (as a percentage of the median) says how much to trust it.

export interface Summary {
  /** Median time of one call, in milliseconds. */
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** (q3 - q1) / median, in percent: the spread of the middle half of the samples. */
  iqrPct: number;
  /** The raw per-call times, one per sample, in the order they were taken. */
  samplesMs: number[];
}

/** The q-quantile (0..1) of sorted values, linearly interpolated between neighbours. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (pos - lo);
}

export function summarize(samplesMs: readonly number[]): Summary {
  const sorted = [...samplesMs].sort((x, y) => x - y);
  const medianMs = quantile(sorted, 0.5);
  const iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
  return {
    medianMs,
    minMs: sorted[0] ?? Number.NaN,
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
    iqrPct: medianMs > 0 ? (100 * iqr) / medianMs : Number.NaN,
    samplesMs: [...samplesMs],
  };
}
