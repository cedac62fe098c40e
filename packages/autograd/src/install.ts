// Importing @tsgrad/autograd plugs the graph recorder into the tensor package's dispatch point
// and provides `tensor.backward()`. This module's side effect is the point of the package.
import { addDispatchHook, setBackwardEngine } from "@tsgrad/tensor";
import { backward } from "./engine.js";
import { recordHook } from "./record.js";

let installed = false;

export function installAutograd(): void {
  if (installed) return;
  installed = true;
  addDispatchHook(recordHook);
  setBackwardEngine({ backward });
}

installAutograd();
