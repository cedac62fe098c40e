// Fetching a file with a cap on its size, in Node and in browsers: the announced length is
// checked first, then the body is read piece by piece and the transfer cancelled once it passes
// the cap, so a server streaming without end cannot fill memory. Errors name no URL: the
// callers say which one.

/** A response that was not 2xx (a 4xx means the file is not on that server). */
export class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

export interface FetchBoundedOptions {
  signal?: AbortSignal;
  /** Called after each piece with the bytes received and the announced total (0 if none). */
  onProgress?: (received: number, total: number) => void;
}

/** The body of `url`, at most `maxBytes` bytes. */
export async function fetchBounded(
  url: string,
  maxBytes: number,
  options: FetchBoundedOptions = {},
): Promise<Uint8Array> {
  const res = await fetch(url, options.signal === undefined ? {} : { signal: options.signal });
  if (!res.ok) throw new HttpStatusError(res.status);
  const total = Number(res.headers.get("content-length") ?? 0);
  const tooLarge = (what: string) => new Error(`${what}, more than the ${maxBytes} a valid file can have`);
  if (total > maxBytes) {
    await res.body?.cancel();
    throw tooLarge(`the server announces ${total} bytes`);
  }
  if (res.body === null) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.length;
    if (received > maxBytes) {
      await reader.cancel();
      throw tooLarge(`the server sent ${received} bytes and more`);
    }
    chunks.push(value);
    options.onProgress?.(received, total);
  }
  const out = new Uint8Array(received);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
