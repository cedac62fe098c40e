import { checkString } from "@tsgrad/tensor";

/** Escapes text for XML element content and attribute values (`&`, `<`, `>`, `"`, `'`). */
export function escapeXml(text: string): string {
  checkString("escapeXml", "text", text);
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === "&") out += "&amp;";
    else if (ch === "<") out += "&lt;";
    else if (ch === ">") out += "&gt;";
    else if (ch === '"') out += "&quot;";
    else if (ch === "'") out += "&apos;";
    // Control characters other than tab, newline and carriage return are not allowed in XML 1.0.
    else if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) out += "\uFFFD";
    else if (code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff)) out += "\uFFFD";
    else out += ch;
  }
  return out;
}

/** A number as it appears in SVG coordinates: at most 2 decimals, no trailing zeros, no `-0`. */
export function num(x: number): string {
  const r = Math.round(x * 100) / 100;
  return Object.is(r, -0) ? "0" : String(r);
}

/** A small stable hash (FNV-1a, 32 bits) for ids that must differ between charts in one page. */
export function hashString(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** Base64 of bytes, with the `btoa` that both browsers and Node (>= 16) have. */
export function base64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}
