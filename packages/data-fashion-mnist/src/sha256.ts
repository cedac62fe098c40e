// SHA-256 of a byte array as lowercase hex: node:crypto in Node (faster), Web Crypto elsewhere.
import { checkBytes } from "./args.js";
import { optionalBuiltin } from "./runtime.js";

type Crypto = typeof import("node:crypto");

/** The SHA-256 digest of `bytes` as 64 lowercase hex digits (how downloads and files are verified). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  checkBytes("sha256Hex", "bytes", bytes);
  const nodeCrypto = optionalBuiltin<Crypto>("node:crypto", "sha256Hex");
  if (nodeCrypto !== null) return nodeCrypto.createHash("sha256").update(bytes).digest("hex");
  const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
