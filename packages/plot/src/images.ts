import {
  argError,
  checkInt,
  checkOptions,
  checkTensor,
  fmtShape,
  fmtValue,
  isPlainObject,
  ShapeError,
  type Tensor,
  ValueError,
} from "@tsgrad/tensor";
import { ADVANCE, GLYPH_HEIGHT, glyphPixel, textWidthPx } from "./font.js";
import { encodePng } from "./png.js";
import { base64, escapeXml, num } from "./xml.js";

/** Options of {@link showImages} (d2l's `titles` and `scale`, and the value range). */
export interface ShowImagesOptions {
  /** One title per image; `"\n"` splits a title into lines (d2l's `"true\npred"`). */
  titles?: readonly string[];
  /** Integer zoom of the images (default: the smallest making them at least 112 px). */
  scale?: number;
  /** Integer zoom of the 5 × 7 title font in the PNG (default 1, or 2 for images 112 px or wider). */
  fontScale?: number;
  /**
   * The values shown as black and white, `[low, high]`. Default by dtype: float and bool tensors
   * are in [0, 1], int32 tensors in 0..255 (uint8-like). Values outside are clipped; NaN is black.
   */
  range?: readonly [number, number];
}

const MARGIN = 6;
const GAP = 8;
const SVG_FONT = 12;
const SVG_LINE = 14;
const SVG_CHAR = 0.62 * SVG_FONT;
const SVG_FONT_FAMILY = "DejaVu Sans, Bitstream Vera Sans, Arial, Helvetica, sans-serif";
/** The most bytes of one RGB PNG's pixels (one typed array). */
const MAX_PNG_BYTES = 2 ** 31 - 1;

const INIT_KEYS = [
  "pixels",
  "titles",
  "numRows",
  "numCols",
  "imageHeight",
  "imageWidth",
  "channels",
  "scale",
  "fontScale",
];

/** Checks an ImageGrid's `init` (showImages makes a valid one; a plain-JavaScript caller may not). */
function checkInit(init: unknown): void {
  const fn = "ImageGrid";
  if (!isPlainObject(init)) {
    throw argError(fn, "init", `an object { ${INIT_KEYS.join(", ")} } (showImages makes one)`, init);
  }
  checkOptions(fn, "init", init, INIT_KEYS);
  for (const key of ["numRows", "numCols", "imageHeight", "imageWidth", "scale", "fontScale"]) {
    checkInt(fn, `init.${key}`, init[key], 1);
  }
  const { pixels, titles, channels } = init;
  const int = (key: string) => init[key] as number; // checked above
  if (channels !== 1 && channels !== 3) throw argError(fn, "init.channels", "1 or 3", channels);
  const size = int("imageHeight") * int("imageWidth") * channels;
  if (!Array.isArray(pixels) || !pixels.every((p) => p instanceof Uint8Array && p.length === size)) {
    throw argError(fn, "init.pixels", `an array of Uint8Array of ${size} bytes each`, pixels);
  }
  if (pixels.length > int("numRows") * int("numCols")) {
    throw new ValueError(
      `${fn}: ${pixels.length} images do not fit in a grid of ${int("numRows")} x ${int("numCols")}`,
    );
  }
  if (
    !Array.isArray(titles) ||
    !titles.every((t) => Array.isArray(t) && t.every((l) => typeof l === "string"))
  ) {
    throw argError(fn, "init.titles", "an array of title lines (arrays of strings) per image", titles);
  }
}

/** Throws unless the grid's PNG fits in one typed array. */
function checkPngSize(fn: string, grid: ImageGrid): void {
  const { width, height } = grid;
  if (width * height * 3 > MAX_PNG_BYTES) {
    throw new ValueError(
      `${fn}: the grid is ${width} x ${height} px, too large for one PNG (more than ${MAX_PNG_BYTES} bytes of pixels)`,
    );
  }
}

interface Layout {
  cellW: number;
  titleH: number;
  width: number;
  height: number;
}

/**
 * Images laid out in a grid with their titles (d2l's `show_images`). Made by `showImages`;
 * `toPng()` draws it as one PNG with a built-in bitmap font, `toSvg()` as an SVG document with
 * each image embedded as a PNG and each title as text.
 */
export class ImageGrid {
  /** Images as 8-bit pixels, `channels` values per pixel (1: gray, 3: RGB), row-major. */
  readonly pixels: readonly Uint8Array[];
  readonly titles: readonly (readonly string[])[];
  readonly numRows: number;
  readonly numCols: number;
  /** Size of one image before zoom. */
  readonly imageHeight: number;
  readonly imageWidth: number;
  readonly channels: 1 | 3;
  readonly scale: number;
  readonly fontScale: number;

  /** Use `showImages`, which checks its arguments. */
  constructor(init: {
    pixels: Uint8Array[];
    titles: string[][];
    numRows: number;
    numCols: number;
    imageHeight: number;
    imageWidth: number;
    channels: 1 | 3;
    scale: number;
    fontScale: number;
  }) {
    checkInit(init);
    this.pixels = init.pixels;
    this.titles = init.titles;
    this.numRows = init.numRows;
    this.numCols = init.numCols;
    this.imageHeight = init.imageHeight;
    this.imageWidth = init.imageWidth;
    this.channels = init.channels;
    this.scale = init.scale;
    this.fontScale = init.fontScale;
  }

  get #titleLines(): number {
    return Math.max(0, ...this.titles.map((t) => t.length));
  }

  #layout(charWidth: (line: string) => number, lineH: number, titleGap: number): Layout {
    const imgW = this.imageWidth * this.scale;
    const imgH = this.imageHeight * this.scale;
    const widest = Math.max(0, ...this.titles.flat().map(charWidth));
    const cellW = Math.max(imgW, Math.ceil(widest));
    const lines = this.#titleLines;
    const titleH = lines === 0 ? 0 : lines * lineH + titleGap;
    return {
      cellW,
      titleH,
      width: 2 * MARGIN + this.numCols * cellW + (this.numCols - 1) * GAP,
      height: 2 * MARGIN + this.numRows * (titleH + imgH) + (this.numRows - 1) * GAP,
    };
  }

  #pngLayout(): Layout {
    const f = this.fontScale;
    return this.#layout((line) => textWidthPx(line) * f, (GLYPH_HEIGHT + 3) * f, 2 * f);
  }

  #svgLayout(): Layout {
    return this.#layout((line) => [...line].length * SVG_CHAR, SVG_LINE, 4);
  }

  /** Size of the PNG in pixels. */
  get width(): number {
    return this.#pngLayout().width;
  }
  get height(): number {
    return this.#pngLayout().height;
  }

  /** Top-left corner of image `i` (row-major) in the PNG. */
  imageOrigin(i: number): { x: number; y: number } {
    const cells = this.numRows * this.numCols;
    if (!Number.isInteger(i)) throw argError("ImageGrid.imageOrigin", "i", "an integer", i);
    if (i < 0 || i >= cells) {
      throw new ValueError(`ImageGrid.imageOrigin: index ${i} is out of range for a grid of ${cells} cells`);
    }
    const { cellW, titleH } = this.#pngLayout();
    return this.#origin(i, cellW, titleH);
  }

  #origin(i: number, cellW: number, titleH: number): { x: number; y: number } {
    const r = Math.floor(i / this.numCols);
    const c = i % this.numCols;
    const imgW = this.imageWidth * this.scale;
    const imgH = this.imageHeight * this.scale;
    return {
      x: MARGIN + c * (cellW + GAP) + Math.floor((cellW - imgW) / 2),
      y: MARGIN + r * (titleH + imgH + GAP) + titleH,
    };
  }

  /** The grid as an RGB PNG file: white background, images zoomed, titles in black above them. */
  toPng(): Uint8Array {
    checkPngSize("ImageGrid.toPng", this);
    const { cellW, titleH, width, height } = this.#pngLayout();
    const rgb = new Uint8Array(width * height * 3).fill(255);
    const s = this.scale;
    const f = this.fontScale;
    const lineH = (GLYPH_HEIGHT + 3) * f;
    this.pixels.forEach((px, i) => {
      const { x: ox, y: oy } = this.#origin(i, cellW, titleH);
      for (let y = 0; y < this.imageHeight; y++) {
        for (let x = 0; x < this.imageWidth; x++) {
          const src = (y * this.imageWidth + x) * this.channels;
          const r = px[src]!;
          const g = this.channels === 3 ? px[src + 1]! : r;
          const b = this.channels === 3 ? px[src + 2]! : r;
          for (let dy = 0; dy < s; dy++) {
            let dst = ((oy + y * s + dy) * width + ox + x * s) * 3;
            for (let dx = 0; dx < s; dx++, dst += 3) {
              rgb[dst] = r;
              rgb[dst + 1] = g;
              rgb[dst + 2] = b;
            }
          }
        }
      }
      // Titles: lines bottom-aligned just above the image, each centred on the cell.
      const lines = this.titles[i] ?? [];
      const cellX = MARGIN + (i % this.numCols) * (cellW + GAP);
      lines.forEach((line, k) => {
        const top = oy - titleH + (this.#titleLines - lines.length + k) * lineH + f;
        const chars = [...line];
        const left = cellX + Math.floor((cellW - textWidthPx(line) * f) / 2);
        chars.forEach((ch, j) => {
          for (let col = 0; col < 5; col++) {
            for (let row = 0; row < GLYPH_HEIGHT; row++) {
              if (!glyphPixel(ch, col, row)) continue;
              for (let dy = 0; dy < f; dy++) {
                let dst = ((top + row * f + dy) * width + left + (j * ADVANCE + col) * f) * 3;
                for (let dx = 0; dx < f; dx++, dst += 3) {
                  rgb[dst] = 0;
                  rgb[dst + 1] = 0;
                  rgb[dst + 2] = 0;
                }
              }
            }
          }
        });
      });
    });
    return encodePng(width, height, 3, rgb);
  }

  /** Image `i` alone as a PNG file, at its own size (gray or RGB). */
  imagePng(i: number): Uint8Array {
    // A string "0" would find pixels["0"]: indices are integers.
    if (!Number.isInteger(i)) throw argError("ImageGrid.imagePng", "i", "an integer", i);
    const px = this.pixels[i];
    if (px === undefined) {
      throw new ValueError(`ImageGrid.imagePng: index ${i} is out of range for ${this.pixels.length} images`);
    }
    return encodePng(this.imageWidth, this.imageHeight, this.channels, px);
  }

  /**
   * The grid as a standalone SVG document: each image an `<image>` with a PNG data URI (drawn
   * with crisp pixels), each title a `<text>` above it with one `<tspan>` per line.
   */
  toSvg(): string {
    const { cellW, titleH, width, height } = this.#svgLayout();
    const imgW = this.imageWidth * this.scale;
    const imgH = this.imageHeight * this.scale;
    const out: string[] = [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" font-family="${SVG_FONT_FAMILY}" font-size="${SVG_FONT}">`,
      `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ];
    this.pixels.forEach((_, i) => {
      const { x, y } = this.#origin(i, cellW, titleH);
      const lines = this.titles[i] ?? [];
      out.push(`<g class="cell">`);
      if (lines.length > 0) {
        const cx = MARGIN + (i % this.numCols) * (cellW + GAP) + cellW / 2;
        const firstBaseline = y - 4 - (lines.length - 1) * SVG_LINE - SVG_LINE * 0.25;
        const spans = lines
          .map(
            (line, k) =>
              `<tspan x="${num(cx)}" y="${num(firstBaseline + k * SVG_LINE)}">${escapeXml(line)}</tspan>`,
          )
          .join("");
        out.push(`<text class="title" text-anchor="middle" fill="#000000">${spans}</text>`);
      }
      out.push(
        `<image x="${num(x)}" y="${num(y)}" width="${num(imgW)}" height="${num(imgH)}" preserveAspectRatio="none" image-rendering="optimizeSpeed" style="image-rendering:pixelated" href="data:image/png;base64,${base64(this.imagePng(i))}"/>`,
      );
      out.push(`</g>`);
    });
    out.push(`</svg>`);
    return `<?xml version="1.0" encoding="UTF-8"?>\n${out.join("\n")}\n`;
  }
}

function positiveInt(fn: string, name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1)
    throw new ValueError(`${fn}: ${name} must be a positive integer, got ${fmtValue(v)}`);
  return v;
}

/**
 * d2l's `show_images(imgs, num_rows, num_cols, titles, scale)`: lays out images `[N, H, W]`,
 * `[N, 1, H, W]` (grayscale, drawn in gray) or `[N, 3, H, W]` (RGB) in a grid of `numRows` ×
 * `numCols` (row-major; N may be smaller) with optional titles. Values are mapped to 0..255 from
 * `options.range`, by default [0, 1] for float and bool tensors and 0..255 for int32 tensors.
 * Returns an `ImageGrid`: `.toPng()` or `.toSvg()`.
 */
export function showImages(
  images: Tensor,
  numRows: number,
  numCols: number,
  options: ShowImagesOptions = {},
): ImageGrid {
  const fn = "showImages";
  checkTensor(fn, "images", images);
  checkOptions(fn, "options", options, ["titles", "scale", "fontScale", "range"]);
  const shape = images.shape;
  let n: number;
  let c: number;
  let h: number;
  let w: number;
  if (shape.length === 3) {
    [n, h, w] = shape as [number, number, number];
    c = 1;
  } else if (shape.length === 4) {
    [n, c, h, w] = shape as [number, number, number, number];
    if (c !== 1 && c !== 3) {
      throw new ShapeError(`${fn}: expected 1 or 3 channels (dim 1), got images of shape ${fmtShape(shape)}`);
    }
  } else {
    throw new ShapeError(`${fn}: expected images of shape [N, H, W] or [N, C, H, W], got ${fmtShape(shape)}`);
  }
  if (h === 0 || w === 0) throw new ShapeError(`${fn}: images of shape ${fmtShape(shape)} are empty`);
  positiveInt(fn, "numRows", numRows);
  positiveInt(fn, "numCols", numCols);
  if (n > numRows * numCols) {
    throw new ValueError(`${fn}: ${n} images do not fit in a grid of ${numRows} x ${numCols}`);
  }
  const titles = options.titles;
  if (titles !== undefined && !Array.isArray(titles)) {
    throw argError(fn, "options.titles", "an array of titles (one per image)", titles);
  }
  if (titles !== undefined && titles.length !== n) {
    throw new ValueError(`${fn}: got ${titles.length} titles for ${n} images`);
  }
  // Only undefined means "the default": a null is named, not replaced.
  const scale = options.scale === undefined ? Math.max(1, Math.ceil(112 / Math.max(h, w))) : options.scale;
  positiveInt(fn, "scale", scale);
  const fontScale = options.fontScale === undefined ? (w * scale >= 112 ? 2 : 1) : options.fontScale;
  positiveInt(fn, "fontScale", fontScale);
  const range: unknown = options.range;
  if (range !== undefined && (!Array.isArray(range) || range.length !== 2)) {
    throw new ValueError(`${fn}: range must be two finite numbers with low < high, got ${fmtValue(range)}`);
  }
  const [lo, hi] =
    options.range ?? (images.dtype === "int32" || images.dtype === "uint8" ? [0, 255] : [0, 1]);
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) {
    throw new ValueError(`${fn}: range must be two finite numbers with low < high, got [${lo}, ${hi}]`);
  }

  const layout = {
    numRows,
    numCols,
    imageHeight: h,
    imageWidth: w,
    channels: c === 3 ? 3 : 1,
    scale,
    fontScale,
  } as const;
  // The PNG's size, checked before any pixel is converted (titles only make it larger).
  checkPngSize(fn, new ImageGrid({ pixels: [], titles: [], ...layout }));
  const data = images.toTypedArray();
  const plane = h * w;
  const pixels: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const px = new Uint8Array(plane * c);
    for (let ch = 0; ch < c; ch++) {
      const base = (i * c + ch) * plane;
      for (let p = 0; p < plane; p++) {
        const v = ((Number(data[base + p]) - lo) / (hi - lo)) * 255;
        px[p * c + ch] = Number.isNaN(v) ? 0 : Math.round(Math.min(255, Math.max(0, v)));
      }
    }
    pixels.push(px);
  }
  const grid = new ImageGrid({ pixels, titles: (titles ?? []).map((t) => String(t).split("\n")), ...layout });
  checkPngSize(fn, grid);
  return grid;
}
