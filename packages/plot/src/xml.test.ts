import { ValueError } from "@tsgrad/tensor";
import { describe, expect, it } from "vitest";
import { escapeXml } from "./xml.js";

describe("escapeXml", () => {
  it("escapes the five special characters and drops characters XML forbids", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
    expect(escapeXml("a\u0001b")).toBe("a\uFFFDb");
  });

  it("names text that is not a string", () => {
    const js = (v: unknown) => v as never;
    expect(() => escapeXml(js(2))).toThrowError(ValueError);
    expect(() => escapeXml(js(2))).toThrowError(/^escapeXml: text must be a string, got 2$/);
    expect(() => escapeXml(js(undefined))).toThrowError("escapeXml: text must be a string, got undefined");
    expect(() => escapeXml(js(["<"]))).toThrowError('got ["<"]');
  });
});
