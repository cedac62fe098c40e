import { TsgradError } from "@tsgrad/tensor";

/**
 * A data set, file or batch that is not what it should be: a truncated or corrupted file, a
 * checksum that does not match, a dataset whose parts disagree. Like every tsgrad error the
 * message starts with the function's name; when a file is involved it names the file too
 * (`file` holds its path or name).
 */
export class DataError extends TsgradError {
  override name = "DataError";
  /** The file (path, URL or name) the error is about, when there is one. */
  readonly file: string | undefined;

  constructor(message: string, options?: { file?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.file = options?.file;
  }
}
