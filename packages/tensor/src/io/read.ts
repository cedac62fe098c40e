import { checkFunction, checkInt, checkString } from "../args.js";
import { checkPath } from "./atomic.js";
import { nodeBuiltin } from "./node.js";

type Fs = typeof import("node:fs/promises");
type FsConstants = typeof import("node:fs").constants;

/** What went wrong reading a file, for the caller's own error class. */
export type ReadFailure = (message: string, cause?: unknown) => Error;

/**
 * Reads a whole regular file of at most `maxBytes` bytes. Opened without blocking and checked
 * on the open handle, so a FIFO, a device (`/dev/zero`) or a socket is refused at once rather
 * than read forever, and a file larger than any valid one of its format is refused before a
 * byte is read. Messages name the file; `fail` makes the caller's error class from them.
 * Node only.
 */
export async function readRegularFile(
  path: string,
  maxBytes: number,
  caller: string,
  fail: ReadFailure,
): Promise<Uint8Array> {
  checkString("readRegularFile", "caller", caller);
  checkPath(caller, "path", path);
  checkInt(caller, "maxBytes", maxBytes, 0);
  checkFunction(caller, "fail", fail);
  const fs = nodeBuiltin<Fs>("node:fs/promises", caller);
  const { constants } = nodeBuiltin<{ constants: FsConstants }>("node:fs", caller);
  const ioError = (e: unknown) => fail(`${caller}: cannot read ${path}: ${(e as Error).message}`, e);
  const file = await fs.open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)).catch((e) => {
    throw ioError(e);
  });
  try {
    const stat = await file.stat().catch((e) => {
      throw ioError(e);
    });
    if (!stat.isFile()) {
      throw fail(`${caller}: ${path} is not a regular file (it is ${kindOf(stat)})`);
    }
    if (stat.size > maxBytes) {
      throw fail(`${caller}: ${path} is ${stat.size} bytes, more than the ${maxBytes} a valid file can have`);
    }
    // Read what stat promised, plus one byte to notice a file that grew since.
    const bytes = new Uint8Array(stat.size + 1);
    let length = 0;
    while (length < bytes.length) {
      const { bytesRead } = await file.read(bytes, length, bytes.length - length, null).catch((e) => {
        throw ioError(e);
      });
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > stat.size) throw fail(`${caller}: ${path} grew while it was read`);
    return bytes.subarray(0, length);
  } finally {
    await file.close();
  }
}

function kindOf(stat: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean }): string {
  if (stat.isDirectory()) return "a directory";
  if (stat.isFIFO()) return "a FIFO";
  if (stat.isSocket()) return "a socket";
  return "a device";
}
