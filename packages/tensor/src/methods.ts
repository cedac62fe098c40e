import { Tensor } from "./tensor.js";

/** Methods an op module adds to Tensor, typed by the declarations it merged into Tensor. */
export type TensorMethods = { [K in keyof Tensor]?: Tensor[K] } & ThisType<Tensor>;

/**
 * Installs op methods on Tensor's prototype, non-enumerable like a class's own methods. Each
 * op module declares its methods on the Tensor interface and installs them here, so Tensor
 * itself imports no op (the op modules import Tensor, never the other way round).
 */
export function installMethods(methods: TensorMethods): void {
  for (const name of Object.keys(methods)) {
    const desc = Object.getOwnPropertyDescriptor(methods, name)!;
    desc.enumerable = false;
    Object.defineProperty(Tensor.prototype, name, { ...desc, configurable: true });
  }
}
