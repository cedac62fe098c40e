import { DOMParser, type Element, onWarningStopParsing } from "@xmldom/xmldom";

/** Parses an SVG document strictly: any XML warning or error throws. */
export function parseSvg(svg: string): Element {
  const doc = new DOMParser({ onError: onWarningStopParsing }).parseFromString(svg, "image/svg+xml");
  const root = doc.documentElement;
  if (root === null || root.tagName !== "svg") throw new Error("not an SVG document");
  return root;
}

/** Elements named `tag` under `root`, as an array. */
export function all(root: Element, tag: string): Element[] {
  return Array.from(root.getElementsByTagName(tag));
}

/** Points per subpath of an SVG path made of M and L commands: `"M1,2L3,4M5,6"` → [2, 1]. */
export function subpathLengths(d: string): number[] {
  const out: number[] = [];
  for (const cmd of d.match(/[ML][^MLZ]*/g) ?? []) {
    if (cmd.startsWith("M")) out.push(1);
    else out[out.length - 1]! += 1;
  }
  return out;
}
