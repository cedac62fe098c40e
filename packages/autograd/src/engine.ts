// The backward engine: walks the graph from a tensor in reverse topological order, applies
// each node's backward, un-broadcasts, and accumulates into the leaves' `.grad`.
import { type BackwardOptions, fmtShape, onesLike, type Tensor } from "@tsgrad/tensor";
import { noGrad } from "./grad-mode.js";
import { Node } from "./node.js";
import { nonDifferentiableOrigin } from "./record.js";
import { sumToShape } from "./unbroadcast.js";

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

function accumulate(leaf: Tensor, g: Tensor): void {
  const grad = g.dtype === leaf.dtype ? g : g.to(leaf.dtype);
  // A fresh contiguous copy: the incoming gradient may be shared (add's rule returns g twice)
  // or a broadcast view.
  if (leaf.grad === null) leaf.grad = grad.clone();
  else leaf.grad.add_(grad);
}

export function backward(root: Tensor, gradient: Tensor | undefined, options: BackwardOptions): void {
  if (!root.requiresGrad) {
    const op = nonDifferentiableOrigin.get(root);
    throw new Error(
      op !== undefined
        ? `backward: ${op} is not differentiable, so its result does not require grad and has no gradFn`
        : "backward: element 0 of tensors does not require grad and does not have a gradFn",
    );
  }
  let g: Tensor;
  if (gradient === undefined) {
    if (root.numel() !== 1) {
      throw new Error(
        `backward: grad can be implicitly created only for scalar outputs, but the tensor has shape ${fmtShape(root.shape)}; pass a gradient of that shape`,
      );
    }
    g = onesLike(root);
  } else {
    if (gradient.shape.length !== root.shape.length || gradient.shape.some((s, i) => s !== root.shape[i])) {
      throw new Error(
        `backward: gradient has shape ${fmtShape(gradient.shape)} but the tensor has shape ${fmtShape(root.shape)}`,
      );
    }
    g = gradient;
  }
  const rootNode = root.gradFn;
  if (!(rootNode instanceof Node)) {
    noGrad(() => accumulate(root, g));
    return;
  }
  const order = topoOrder(rootNode);
  const grads = new Map<Node, Tensor>([[rootNode, g]]);
  noGrad(() => {
    for (const node of order) {
      const gout = grads.get(node);
      grads.delete(node);
      if (gout !== undefined) {
        const gins = node.apply(gout);
        node.edges.forEach((edge, i) => {
          const gi = gins[i];
          if (edge === null || gi === null || gi === undefined) return;
          const shaped = sumToShape(gi, node.inputShapes[i]!);
          if (edge.leaf !== undefined) accumulate(edge.leaf, shaped);
          else {
            const prev = grads.get(edge.node);
            grads.set(edge.node, prev === undefined ? shaped : prev.add(shaped));
          }
        });
      }
      if (!options.retainGraph) node.release();
    }
  });
}
