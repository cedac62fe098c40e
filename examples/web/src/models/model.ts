// What every variant file builds: d2l's three pieces of a training run, in the trainer's types.
import type { LossLike, Net, Updater } from "tsgrad";

export interface Model {
  /** The network: an nn Module, or a plain object with forward (from scratch). */
  net: Net;
  /** Per-example losses (reduction 'none', as in the book). */
  loss: LossLike;
  /** A built-in optimizer, or d2l's updater: a function of the batch size. */
  updater: Updater;
}
