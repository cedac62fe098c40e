// The loader's errors, said for a learner: which file, what is wrong, and what to do.
import { FASHION_MNIST_FILE_KEYS, type FashionMnistFileKey } from "tsgrad";
import type { DataSource } from "../worker/protocol.js";
import { EXPECTED_NAMES } from "./files.js";

const HOW_TO_GET =
  `Drop the four Fashion-MNIST files onto this page, or choose them with the file button ` +
  `(${EXPECTED_NAMES.join(", ")}; on Debian or Ubuntu, apt-get install dataset-fashion-mnist ` +
  `puts them in /usr/share/datasets/fashion-mnist).`;

export function explainDataError(message: string, source: DataSource): string {
  if (source.kind === "url") {
    const notServed = /could not fetch (\S+): HTTP (\d+)/.exec(message);
    if (notServed !== null) {
      return `This site does not serve the Fashion-MNIST files (HTTP ${notServed[2]} for ${notServed[1]}). ${HOW_TO_GET}`;
    }
    return `The Fashion-MNIST files served by this site cannot be used: ${message}. ${HOW_TO_GET}`;
  }
  // The loader names bytes by their key ("trainImages bytes"): name the file the user gave.
  let text = message;
  for (const key of FASHION_MNIST_FILE_KEYS as readonly FashionMnistFileKey[]) {
    text = text.replaceAll(`${key} bytes`, `"${source.files[key].name}"`);
  }
  return `${text}. Drop or choose a good copy of that file.`;
}
