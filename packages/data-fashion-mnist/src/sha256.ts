// SHA-256 of a byte array as lowercase hex: node:crypto in Node (faster), Web Crypto elsewhere.
import { checkBytes } from "./args.js";

type Crypto = typeof import("node:crypto");
let nodeCrypto: Promise<Crypto | null> | null = null;

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  checkBytes("sha256Hex", "bytes", bytes);
  if (nodeCrypto === null) {
    const isNode = typeof process !== "undefined" && typeof process.versions?.node === "string";
    nodeCrypto = isNode ? import("node:crypto").catch(() => null) : Promise.resolve(null);
  }
  const c = await nodeCrypto;
  if (c !== null) return c.createHash("sha256").update(bytes).digest("hex");
  const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
