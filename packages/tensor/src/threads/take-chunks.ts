/**
 * The loop every thread of a job runs, the calling thread and the workers alike: claim the
 * next chunk of rows, run the kernel on it, count it done. The workers get this function's
 * source text (worker-source.ts), so it must stand alone: no imports, no names from this
 * module, only its parameters and the globals Atomics and Math; the control slots are
 * numbers written out here and named in pool.ts's CONTROL.
 *
 * Slots of `c` (Int32Array over a SharedArrayBuffer):
 *   1 next chunk, as (tag << 16) | index    2 chunks done    3 chunk count
 *   5 failed (a kernel threw)               6 kernel index in `names`
 *   7 rows per chunk     8 rows in all      9 the argument that gets a chunk's row count
 *   10, 11 an argument advanced by row, and its bytes per row (A); 12, 13 the same for C
 *   14, 15 the work-area argument, and its bytes per thread      16 argument count
 *   32.. the kernel's arguments for the whole product
 *   64 + t  chunks thread t has run (t = 0: the calling thread), for the tests and the bench
 * A chunk is claimed with a compare-and-swap on slot 1 that also checks the job's tag, so a
 * thread that wakes late never claims (or runs) a chunk of a job it did not read.
 */
export function takeChunks(
  kernels: Record<string, (...args: number[]) => unknown>,
  names: readonly string[],
  c: Int32Array,
  tag: number,
  me: number,
): void {
  const args: number[] = [];
  for (;;) {
    const w = Atomics.load(c, 1);
    if (w >>> 16 !== tag) return;
    const chunk = w & 0xffff;
    const n = c[3] as number;
    if (chunk >= n) return;
    if (Atomics.compareExchange(c, 1, w, w + 1) !== w) continue;
    // This chunk is not done, so the job is live and its slots stay as they are.
    try {
      const rows = c[7] as number;
      const first = chunk * rows;
      const argc = c[16] as number;
      args.length = argc;
      for (let j = 0; j < argc; j++) {
        let v = c[32 + j] as number;
        if (j === c[9]) v = Math.min(rows, (c[8] as number) - first);
        if (j === c[10]) v += first * (c[11] as number);
        if (j === c[12]) v += first * (c[13] as number);
        if (j === c[14]) v += me * (c[15] as number);
        args[j] = v;
      }
      kernels[names[c[6] as number] as string]?.(...args);
    } catch {
      Atomics.store(c, 5, 1);
    }
    Atomics.add(c, 64 + me, 1);
    if (Atomics.add(c, 2, 1) + 1 === n) Atomics.notify(c, 2);
  }
}
