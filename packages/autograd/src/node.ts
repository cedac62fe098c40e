import { AutogradError, fmtShape, type GradFn, type Tensor, ValueError } from "@tsgrad/tensor";

/** Where a gradient flows: into another node, or into a leaf's `.grad`. */
export type Edge = { node: Node; leaf?: undefined } | { node?: undefined; leaf: Tensor } | null;

/** Computes the gradients of a node's inputs from the gradient of its output. */
export type BackwardFn = (grad: Tensor) => readonly (Tensor | null)[];

let live = 0;
const registry = new FinalizationRegistry<{ released: boolean }>((state) => {
  if (!state.released) live--;
});

/**
 * One recorded op in the graph. It holds what its backward needs (in the closure) until it
 * is released after `backward()` (unless retainGraph), which is what frees the graph.
 */
export class Node implements GradFn {
  readonly name: string;
  /** One edge per op input; null where the input needs no gradient. */
  readonly edges: readonly Edge[];
  /** Input shapes, for un-broadcasting gradients. */
  readonly inputShapes: readonly (readonly number[])[];
  private fn: BackwardFn | null;
  private readonly state = { released: false };
  /** Saved tensors with the version they had when saved: modified later means stale. */
  private readonly saved: readonly { t: Tensor; version: number }[];

  constructor(
    name: string,
    edges: readonly Edge[],
    inputShapes: readonly (readonly number[])[],
    fn: BackwardFn,
    saved: readonly Tensor[],
  ) {
    this.name = name;
    this.edges = edges;
    this.inputShapes = inputShapes;
    this.fn = fn;
    this.saved = saved.map((t) => ({ t, version: t.version }));
    live++;
    // The state doubles as the unregister token: release() removes the registry's entry at
    // once, so a training loop that never yields to the event loop (where the registry's
    // cleanup runs) does not accumulate entries.
    registry.register(this, this.state, this.state);
  }

  get released(): boolean {
    return this.state.released;
  }

  apply(grad: Tensor): readonly (Tensor | null)[] {
    if (this.fn === null) {
      throw new AutogradError(
        `backward: trying to backward through the graph a second time (${this.name}); its saved tensors were freed after the first backward. Pass { retainGraph: true } to the first backward() if you need to backward twice.`,
      );
    }
    for (const { t, version } of this.saved) {
      if (t.isDisposed) {
        throw new ValueError(
          `backward: a tensor that ${this.name} saved for its gradient (shape ${fmtShape(t.shape)}) was disposed by tidy() or dispose(); call backward() inside the tidy() that ran the forward pass`,
        );
      }
      if (t.version !== version) {
        throw new AutogradError(
          `backward: one of the variables needed for gradient computation has been modified by an inplace operation: [${t.dtype} [${t.shape.join(", ")}]] is at version ${t.version}; expected version ${version} instead (${this.name})`,
        );
      }
    }
    return this.fn(grad);
  }

  /** Drops the backward closure and with it every saved tensor. */
  release(): void {
    if (this.state.released) return;
    this.state.released = true;
    this.fn = null;
    live--;
    registry.unregister(this.state);
  }
}

/** Live (not yet released or collected) graph nodes, for tests that prove nothing is retained. */
export function memory(): { liveNodes: number } {
  return { liveNodes: live };
}
