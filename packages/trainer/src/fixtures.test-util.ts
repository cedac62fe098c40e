// A small, separable 3-class problem and a seeded shuffling loader for the trainer's tests.
import { Generator, normal, randperm, type Tensor, tensor } from "@tsgrad/tensor";

/** Gaussian blobs around three centers in 2-D: easy to classify. */
export function blobs(n: number, seed: number): { X: Tensor; y: Tensor } {
  const g = new Generator(seed);
  const noise = normal(0, 0.5, [n, 2], { generator: g });
  const labels = Array.from({ length: n }, (_, i) => i % 3);
  const centers = [
    [2, 0],
    [-2, 2],
    [-2, -2],
  ];
  const X = noise.add(
    tensor(
      labels.map((c) => centers[c]!),
      { dtype: "float32" },
    ),
  );
  return { X, y: tensor(labels, { dtype: "int32" }) };
}

/** Batches of (X, y), reshuffled every epoch with `generator` (a tiny DataLoader). */
export class ShuffledBatches implements Iterable<readonly [Tensor, Tensor]> {
  constructor(
    readonly X: Tensor,
    readonly y: Tensor,
    readonly batchSize: number,
    readonly generator: Generator | null,
  ) {}
  get length(): number {
    return Math.ceil(this.X.shape[0]! / this.batchSize);
  }
  *[Symbol.iterator](): Iterator<readonly [Tensor, Tensor]> {
    const n = this.X.shape[0]!;
    const order = this.generator === null ? null : randperm(n, { generator: this.generator });
    for (let s = 0; s < n; s += this.batchSize) {
      const len = Math.min(this.batchSize, n - s);
      if (order === null) yield [this.X.narrow(0, s, len), this.y.narrow(0, s, len)];
      else {
        const idx = order.narrow(0, s, len);
        yield [this.X.indexSelect(0, idx), this.y.indexSelect(0, idx)];
      }
    }
  }
}
