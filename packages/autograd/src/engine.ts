// The backward engine: walks the graph from a tensor in reverse topological order, applies
// each node's backward, un-broadcasts, and accumulates into the leaves' `.grad`.
import {
  AutogradError,
  argError,
  type BackwardOptions,
  checkBoolean,
  checkOptions,
  fmtShape,
  onesLike,
  sumToShape,
  Tensor,
  type TypedArray,
} from "@tsgrad/tensor";
import { noGrad } from "./grad-mode.js";
import { Node } from "./node.js";
import { collectFreshStorages, nonDifferentiableOrigin } from "./record.js";

/** Nodes reachable from `root`, each after every node that feeds gradient into it. */
function topoOrder(root: Node): Node[] {
  const order: Node[] = [];
  const seen = new Set<Node>([root]);
  // Iterative post-order DFS: deep graphs must not overflow the JS stack.
  const stack: { node: Node; next: number }[] = [{ node: root, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const edges = top.node.edges;
    if (top.next < edges.length) {
      const e = edges[top.next++];
      if (e?.node !== undefined && !seen.has(e.node)) {
        seen.add(e.node);
        stack.push({ node: e.node, next: 0 });
      }
    } else {
      order.push(top.node);
      stack.pop();
    }
  }
  return order.reverse();
}

/**
 * Who holds which gradient arrays during a backward pass, so that a leaf's `.grad` can take a
 * gradient without copying it, as PyTorch's AccumulateGrad takes one nobody else references:
 * - fresh: arrays that ops allocated during this pass (record.ts); no user code holds them;
 * - pending: for each array, how many nodes that have not run yet will read it;
 * - taken: arrays that became a leaf's `.grad` in this pass.
 * A leaf takes a fresh gradient that covers its whole array, contiguously, when no pending node
 * reads that array and no other leaf took it; from then on only that `.grad` holds the array
 * (rules derive their results from their own inputs), so adding to it in place is safe. Unlike
 * PyTorch's reference count, this cannot see a custom Function's backward that stores a tensor
 * it returns somewhere else: it would then share the array with `.grad`.
 */
interface Ownership {
  // Weak: noting an array must not keep the intermediate gradients of a pass alive.
  fresh: WeakSet<TypedArray>;
  pending: Map<TypedArray, number>;
  taken: Set<TypedArray>;
}

function pend(own: Ownership, t: Tensor, by: number): void {
  const n = (own.pending.get(t.storage) ?? 0) + by;
  if (n > 0) own.pending.set(t.storage, n);
  else own.pending.delete(t.storage);
}

/** Whether a leaf may keep `grad` itself as its `.grad` (see Ownership). */
function mayTake(own: Ownership, grad: Tensor): boolean {
  const data = grad.storage;
  return (
    own.fresh.has(data) &&
    !own.pending.has(data) &&
    !own.taken.has(data) &&
    grad.offset === 0 &&
    grad.numel() === data.length &&
    grad.isContiguous()
  );
}

function accumulate(leaf: Tensor, g: Tensor, own: Ownership | null): void {
  const grad = g.dtype === leaf.dtype ? g : g.to(leaf.dtype);
  if (leaf.grad === null) {
    if (own !== null && mayTake(own, grad)) {
      own.taken.add(grad.storage);
      leaf.grad = grad;
    } else {
      // A contiguous copy: the gradient may be shared (add's rule returns it twice), a
      // broadcast view, or the caller's own tensor.
      leaf.grad = grad.clone();
    }
  } else {
    leaf.grad.add_(grad);
  }
}

/** backward's options from plain JavaScript (Tensor.backward checks the gradient). */
function checkBackwardOptions(options: unknown): BackwardOptions {
  if (options instanceof Tensor) throw argError("backward", "options", "an object of options", options);
  checkOptions("backward", "options", options, ["retainGraph"]);
  const checked: BackwardOptions = options ?? {};
  if (checked.retainGraph !== undefined) checkBoolean("backward", "retainGraph", checked.retainGraph);
  return checked;
}

export function backward(root: Tensor, gradient: Tensor | undefined, opts: BackwardOptions): void {
  const options = checkBackwardOptions(opts);
  if (!root.requiresGrad) {
    const op = nonDifferentiableOrigin.get(root);
    throw new AutogradError(
      op !== undefined
        ? `backward: ${op} is not differentiable, so its result does not require grad and has no gradFn`
        : "backward: element 0 of tensors does not require grad and does not have a gradFn",
    );
  }
  let g: Tensor;
  if (gradient === undefined) {
    if (root.numel() !== 1) {
      throw new AutogradError(
        `backward: grad can be implicitly created only for scalar outputs, but the tensor has shape ${fmtShape(root.shape)}; pass a gradient of that shape`,
      );
    }
    g = onesLike(root);
  } else {
    if (gradient.shape.length !== root.shape.length || gradient.shape.some((s, i) => s !== root.shape[i])) {
      throw new AutogradError(
        `backward: gradient has shape ${fmtShape(gradient.shape)} but the tensor has shape ${fmtShape(root.shape)}`,
      );
    }
    g = gradient;
  }
  const rootNode = root.gradFn;
  if (!(rootNode instanceof Node)) {
    noGrad(() => accumulate(root, g, null));
    return;
  }
  const order = topoOrder(rootNode);
  const grads = new Map<Node, Tensor>([[rootNode, g]]);
  const own: Ownership = { fresh: new WeakSet(), pending: new Map(), taken: new Set() };
  pend(own, g, 1);
  collectFreshStorages(own.fresh);
  try {
    noGrad(() => pass(order, grads, options, own));
  } finally {
    collectFreshStorages(null);
  }
}

/** Applies every node in `order`, routing gradients to the next nodes and the leaves. */
function pass(
  order: readonly Node[],
  grads: Map<Node, Tensor>,
  options: BackwardOptions,
  own: Ownership,
): void {
  for (const node of order) {
    const gout = grads.get(node);
    grads.delete(node);
    if (gout !== undefined) {
      const gins = node.apply(gout);
      pend(own, gout, -1);
      const shaped = node.edges.map((edge, i) => {
        const gi = gins[i];
        return edge === null || gi === null || gi === undefined ? null : sumToShape(gi, node.inputShapes[i]!);
      });
      // Nodes first, so that a leaf never takes an array a node is about to read.
      node.edges.forEach((edge, i) => {
        const s = shaped[i];
        if (edge?.node === undefined || s === null || s === undefined) return;
        const prev = grads.get(edge.node);
        const next = prev === undefined ? s : prev.add(s);
        if (prev !== undefined) pend(own, prev, -1);
        pend(own, next, 1);
        grads.set(edge.node, next);
      });
      node.edges.forEach((edge, i) => {
        const s = shaped[i];
        if (edge?.leaf !== undefined && s !== null && s !== undefined) accumulate(edge.leaf, s, own);
      });
    }
    if (!options.retainGraph) node.release();
  }
}
