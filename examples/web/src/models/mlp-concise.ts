// The concise multilayer perceptron (Dive into Deep Learning 4.3): nn.Sequential with a hidden
// layer of 256 units and ReLU, the built-in cross-entropy on logits, and the SGD optimizer.
import { CrossEntropyLoss, Flatten, init, Linear, type Module, ReLU, Sequential, SGD } from "tsgrad";
import type { Model } from "./model.js";

export function createModel(lr: number): Model {
  const net = new Sequential(new Flatten(), new Linear(784, 256), new ReLU(), new Linear(256, 10));
  // The book's init_weights: the weights from N(0, 0.01²); the biases keep Linear's own init.
  net.apply((m: Module) => {
    if (m instanceof Linear) init.normal_(m.weight, 0, 0.01);
  });
  const loss = new CrossEntropyLoss({ reduction: "none" });
  const updater = new SGD(net.parameters(), { lr });
  return { net, loss, updater };
}
