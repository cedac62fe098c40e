// A strict JSON reader for safetensors headers, reading what the reference implementation
// (serde_json in the Rust `safetensors` crate) reads. JSON.parse cannot serve: it keeps the
// last of two equal keys without a word, reads `4.0` and `1e2` as the integers 4 and 100 where
// serde_json refuses anything but an integer literal for an offset or a dimension, and builds
// plain objects, on which a "__proto__" key sets the prototype instead of holding data.

/** A JSON number as written: only an integer literal may be a dimension or an offset. */
export class JsonNumber {
  constructor(readonly text: string) {}
}

/** A JSON object: a Map, so that every key, "__proto__" included, is data, in file order. */
export type JsonObject = Map<string, Json>;
export type Json = null | boolean | string | JsonNumber | Json[] | JsonObject;

// serde_json's recursion limit: it refuses the 128th nested array or object. The same limit
// keeps a header of a million "[" from overflowing the stack here.
const MAX_DEPTH = 127;

/**
 * Parses JSON text (RFC 8259) with serde_json's strictness: no duplicate keys (stricter than
 * serde_json, which keeps the last of two tensor names), no lone surrogate in a \u escape, no
 * number beyond the double range. Throws a SyntaxError that says what and where.
 */
export function parseJson(text: string): Json {
  const reader = new Reader(text);
  reader.space();
  const value = reader.value(1);
  reader.space();
  if (reader.at < text.length) reader.fail("unexpected text after the JSON value");
  return value;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
// A run of string characters that need no attention: not a quote, a backslash or a control character.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it excludes
const PLAIN = /[^"\\\u0000-\u001f]*/y;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

class Reader {
  at = 0;
  constructor(private readonly text: string) {}

  fail(what: string): never {
    throw new SyntaxError(`${what} at character ${this.at}`);
  }

  /** Skips JSON whitespace: space, tab, line feed, carriage return. */
  space(): void {
    const t = this.text;
    while (this.at < t.length) {
      const c = t.charCodeAt(this.at);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.at++;
    }
  }

  value(depth: number): Json {
    switch (this.text[this.at]) {
      case "{":
        return this.object(depth);
      case "[":
        return this.array(depth);
      case '"':
        return this.string();
      case "t":
        return this.word("true", true);
      case "f":
        return this.word("false", false);
      case "n":
        return this.word("null", null);
      default:
        return this.number();
    }
  }

  private expect(c: string): void {
    if (this.text[this.at] !== c) this.unexpected(`expected ${JSON.stringify(c)}`);
    this.at++;
  }

  private unexpected(what: string): never {
    const c = this.text[this.at];
    return this.fail(c === undefined ? `${what}, found the end` : `${what}, found ${JSON.stringify(c)}`);
  }

  private word<T>(word: string, v: T): T {
    if (!this.text.startsWith(word, this.at)) this.unexpected("expected a JSON value");
    this.at += word.length;
    return v;
  }

  private number(): JsonNumber {
    NUMBER.lastIndex = this.at;
    const m = NUMBER.exec(this.text);
    if (m === null) return this.unexpected("expected a JSON value");
    if (!Number.isFinite(Number(m[0]))) this.fail(`number ${m[0].slice(0, 20)} out of range`);
    this.at += m[0].length;
    return new JsonNumber(m[0]);
  }

  private string(): string {
    this.at++; // the opening quote
    let out = "";
    for (;;) {
      PLAIN.lastIndex = this.at;
      const run = (PLAIN.exec(this.text) as RegExpExecArray)[0]; // matches, if only ""
      out += run;
      this.at += run.length;
      const c = this.text[this.at];
      if (c === '"') {
        this.at++;
        return out;
      }
      if (c !== "\\") this.unexpected("unterminated string or a control character in it");
      out += this.escape();
    }
  }

  private escape(): string {
    const c = this.text[this.at + 1];
    this.at += 2;
    if (c !== undefined && c !== "u" && Object.hasOwn(ESCAPES, c)) return ESCAPES[c] as string;
    if (c !== "u") {
      this.at--;
      return this.unexpected("invalid escape");
    }
    const unit = this.hex();
    if (unit >= 0xdc00 && unit <= 0xdfff) this.fail("lone trailing surrogate in a \\u escape");
    if (unit < 0xd800 || unit > 0xdbff) return String.fromCharCode(unit);
    // A leading surrogate must be followed by the escape of a trailing one: the header is UTF-8.
    if (!this.text.startsWith("\\u", this.at)) this.fail("lone leading surrogate in a \\u escape");
    this.at += 2;
    const low = this.hex();
    if (low < 0xdc00 || low > 0xdfff) this.fail("lone leading surrogate in a \\u escape");
    return String.fromCharCode(unit, low);
  }

  private hex(): number {
    const digits = this.text.slice(this.at, this.at + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) this.fail("invalid \\u escape");
    this.at += 4;
    return Number.parseInt(digits, 16);
  }

  private array(depth: number): Json[] {
    if (depth > MAX_DEPTH) this.fail(`arrays and objects nested more than ${MAX_DEPTH} deep`);
    this.at++;
    const out: Json[] = [];
    this.space();
    if (this.text[this.at] === "]") {
      this.at++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth + 1));
      this.space();
      if (this.text[this.at] !== ",") break;
      this.at++;
      this.space();
    }
    this.expect("]");
    return out;
  }

  private object(depth: number): JsonObject {
    if (depth > MAX_DEPTH) this.fail(`arrays and objects nested more than ${MAX_DEPTH} deep`);
    this.at++;
    const out: JsonObject = new Map();
    this.space();
    if (this.text[this.at] === "}") {
      this.at++;
      return out;
    }
    for (;;) {
      if (this.text[this.at] !== '"') this.unexpected("expected a key");
      const key = this.string();
      if (out.has(key)) this.fail(`duplicate key ${JSON.stringify(key)}`);
      this.space();
      this.expect(":");
      this.space();
      out.set(key, this.value(depth + 1));
      this.space();
      if (this.text[this.at] !== ",") break;
      this.at++;
      this.space();
    }
    this.expect("}");
    return out;
  }
}

/** A JSON value as a message shows it, cut after about `max` characters. */
export function showJson(v: Json, max = 60): string {
  const parts: string[] = [];
  let length = 0;
  const put = (s: string): boolean => {
    parts.push(s);
    length += s.length;
    return length <= max;
  };
  const walk = (x: Json): boolean => {
    if (x instanceof JsonNumber) return put(x.text);
    if (Array.isArray(x)) {
      if (!put("[")) return false;
      for (const [i, e] of x.entries()) if ((i > 0 && !put(", ")) || !walk(e)) return false;
      return put("]");
    }
    if (x instanceof Map) {
      if (!put("{")) return false;
      let first = true;
      for (const [k, e] of x) {
        if ((!first && !put(", ")) || !put(`${JSON.stringify(k)}: `) || !walk(e)) return false;
        first = false;
      }
      return put("}");
    }
    return put(JSON.stringify(x));
  };
  const whole = walk(v);
  const text = parts.join("");
  return whole ? text : `${text.slice(0, max)}...`;
}
