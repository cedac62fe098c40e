import type { FashionMnistSource, Sha256Table } from "./source.js";

/** How to find, fetch and verify the files (the Node path; `source` skips all of it). */
export interface LocateOptions {
  /** A folder searched first; downloads go here when it is given (else into the cache). */
  root?: string;
  /** Download what is not found (default true). */
  download?: boolean;
  /** Bytes or URLs instead of searching the file system (the browser path). */
  source?: FashionMnistSource;
  /** Expected SHA-256 of the decompressed files; `false` to skip (default: Fashion-MNIST's). */
  sha256?: Sha256Table;
  /** Environment to read FASHION_MNIST_DIR, XDG_CACHE_HOME and HOME from (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Debian's folder (default /usr/share/datasets/fashion-mnist). */
  systemDir?: string;
  /** Base URLs tried in order, each serving `<name>.gz` (default: the canonical mirrors). */
  mirrors?: readonly string[];
  /** Attempts per mirror (default 3), the first pause between them (default 500 ms, doubling). */
  retries?: number;
  retryDelayMs?: number;
  /** Time limit of one download attempt (default 300000 ms). */
  timeoutMs?: number;
  /** Show a progress bar while downloading (default: when stderr is a TTY). */
  progress?: boolean;
  /** Where reports go (a cached file that failed verification...); default console.warn. */
  warn?: (message: string) => void;
}
