// The settings form: the model list, the book's defaults, and reading a checked TrainConfig.
import { DEFAULT_CONFIG, isVariantId, type TrainConfig, VARIANT_IDS, VARIANTS } from "../models/catalog.js";
import { byId } from "./dom.js";

const TRAIN_EXAMPLES = 60_000;
const MAX_EPOCHS = 100;

export class Settings {
  readonly variant = byId("variant", HTMLSelectElement);
  private readonly lr = byId("lr", HTMLInputElement);
  private readonly batchSize = byId("batch-size", HTMLInputElement);
  private readonly epochs = byId("epochs", HTMLInputElement);

  constructor() {
    for (const id of VARIANT_IDS) {
      const { title, section } = VARIANTS[id];
      this.variant.add(new Option(`${title} (d2l ${section})`, id));
    }
    this.variant.value = DEFAULT_CONFIG.variant;
    this.restoreDefaults();
  }

  /** The book's learning rate, batch size and epochs (the model stays). */
  restoreDefaults(): void {
    this.lr.value = String(DEFAULT_CONFIG.lr);
    this.batchSize.value = String(DEFAULT_CONFIG.batchSize);
    this.epochs.value = String(DEFAULT_CONFIG.epochs);
    for (const input of [this.lr, this.batchSize, this.epochs]) input.setCustomValidity("");
  }

  /** The settings, or null after telling the user (next to the field) what to fix. */
  read(): TrainConfig | null {
    const lr = this.lr.valueAsNumber;
    const batchSize = this.batchSize.valueAsNumber;
    const epochs = this.epochs.valueAsNumber;
    const checks: [HTMLInputElement, boolean, string][] = [
      [this.lr, Number.isFinite(lr) && lr > 0, "The learning rate must be a positive number, such as 0.1."],
      [
        this.batchSize,
        Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= TRAIN_EXAMPLES,
        `The batch size must be a whole number from 1 to ${TRAIN_EXAMPLES.toLocaleString("en-US")}.`,
      ],
      [
        this.epochs,
        Number.isInteger(epochs) && epochs >= 1 && epochs <= MAX_EPOCHS,
        `The number of epochs must be a whole number from 1 to ${MAX_EPOCHS}.`,
      ],
    ];
    for (const [input, ok, message] of checks) input.setCustomValidity(ok ? "" : message);
    const bad = checks.find(([, ok]) => !ok);
    if (bad !== undefined) {
      bad[0].reportValidity();
      return null;
    }
    const variant = this.variant.value;
    if (!isVariantId(variant)) return null;
    return { variant, lr, batchSize, epochs, seed: DEFAULT_CONFIG.seed };
  }
}
