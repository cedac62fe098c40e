// The page's side of the training worker. An epoch is one synchronous loop in the worker, so a
// run is stopped by terminating the worker; a fresh one then loads the data again.
import type { TrainConfig } from "./models/catalog.js";
import type { DataSource, FromWorker, ToWorker } from "./worker/protocol.js";

export class TrainerClient {
  private worker: Worker;
  private source: DataSource | null = null;

  constructor(private readonly onMessage: (message: FromWorker) => void) {
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    // Vite bundles the worker from this literal `new Worker(new URL(...))`.
    const worker = new Worker(new URL("./worker/training.worker.ts", import.meta.url), { type: "module" });
    // Messages a terminated worker had already sent are dropped: they belong to a stopped run.
    worker.addEventListener("message", (e: MessageEvent<FromWorker>) => {
      if (worker === this.worker) this.onMessage(e.data);
    });
    worker.addEventListener("error", (e: ErrorEvent) => {
      if (worker === this.worker)
        this.onMessage({ type: "error", message: e.message || "the worker failed" });
    });
    return worker;
  }

  private post(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  /** Loads (and verifies) the four files in the worker; answers "data" or "data-error". */
  load(source: DataSource): void {
    this.source = source;
    this.post({ type: "load", source });
  }

  train(config: TrainConfig): void {
    this.post({ type: "train", config });
  }

  /** Ends whatever runs now, and has a new worker load the data (the same, `source`, or none). */
  restart(source: DataSource | null = this.source): void {
    this.worker.terminate();
    this.worker = this.spawn();
    if (source !== null) this.load(source);
  }
}
