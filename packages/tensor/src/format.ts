// PyTorch-style printing: `tensor([[0.1000, 0.2000], ...])`, shared element width, fixed or
// scientific notation chosen from the values, edge items when there are more than 1000.
import { isFloating } from "./dtype.js";
import { fmtShape, fmtValue, ValueError } from "./errors.js";
import { checkOptions } from "./options.js";
import type { Tensor } from "./tensor.js";
import { contiguousData } from "./values.js";

/**
 * How tensors print, `torch.set_printoptions`'s arguments (defaults: precision 4, threshold
 * 1000, edgeitems 3, linewidth 80, sciMode null).
 */
export interface PrintOptions {
  /** Digits after the decimal point for floats. */
  precision: number;
  /** Above this many elements, print only the edge items of each dim. */
  threshold: number;
  /** How many items at the start and end of each dim a summarized print shows. */
  edgeitems: number;
  /** Characters per line before a row wraps. */
  linewidth: number;
  /** null: choose from the values, as PyTorch. */
  sciMode: boolean | null;
}

const defaults: PrintOptions = { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sciMode: null };
const opts: PrintOptions = { ...defaults };

/** Like `torch.set_printoptions`; call with no argument to restore the defaults. */
export function setPrintOptions(options?: Partial<PrintOptions>): void {
  checkOptions("setPrintOptions", "options", options, Object.keys(defaults));
  for (const [key, v] of Object.entries(options ?? {})) {
    if (
      key === "sciMode" ? v !== null && typeof v !== "boolean" : !Number.isSafeInteger(v) || (v as number) < 0
    ) {
      throw new ValueError(
        `setPrintOptions: ${key} must be ${key === "sciMode" ? "true, false or null" : "a non-negative integer"}, got ${fmtValue(v)}`,
      );
    }
  }
  Object.assign(opts, options === undefined ? defaults : options);
}

type Fmt = (v: number) => string;

/**
 * C printf's rounding: exact ties go to the even digit (JS's toFixed/toExponential round them
 * up), and -0 keeps its sign. `digits` of the double's exact decimal expansion decide a tie.
 */
function roundedDigits(v: number, p: number, form: "fixed" | "exp"): string {
  const out = form === "fixed" ? v.toFixed(p) : v.toExponential(p);
  const long = form === "fixed" ? v.toFixed(Math.min(p + 30, 100)) : v.toExponential(Math.min(p + 30, 100));
  const mant = form === "fixed" ? long : long.slice(0, long.indexOf("e"));
  const cut = mant.indexOf(".") + 1 + p;
  const tail = mant.slice(cut);
  if (/^50*$/.test(tail)) {
    // A tie: keep the truncated digits when their last digit is even.
    const truncated = mant.slice(0, p === 0 ? cut - 1 : cut);
    const last = Number(truncated[truncated.length - 1]);
    if (last % 2 === 0) return form === "fixed" ? truncated : truncated + long.slice(long.indexOf("e"));
  }
  return out;
}

function withSign(v: number, s: string): string {
  return Object.is(v, -0) && !s.startsWith("-") ? `-${s}` : s;
}

function expForm(v: number, digits: number): string {
  // JS writes 1.0000e-5; PyTorch (C printf) writes 1.0000e-05.
  return withSign(v, roundedDigits(v, digits, "exp").replace(/e([+-])(\d)$/, "e$10$2"));
}

function fixedForm(v: number, digits: number): string {
  return withSign(v, roundedDigits(v, digits, "fixed"));
}

function special(v: number): string | null {
  if (Number.isNaN(v)) return "nan";
  if (v === Number.POSITIVE_INFINITY) return "inf";
  if (v === Number.NEGATIVE_INFINITY) return "-inf";
  return null;
}

/**
 * Picks the element format and width from the (printed) values, like torch's _Formatter:
 * floats are sized by their non-zero finite values only (nan, inf and 0 may stick out).
 */
function makeFormatter(t: Tensor, values: ArrayLike<number>): { fmt: Fmt; width: number } {
  let width = 1;
  if (t.dtype === "bool" || !isFloating(t.dtype)) {
    const fmt: Fmt = t.dtype === "bool" ? (v) => (v ? "true" : "false") : (v) => String(v);
    for (let i = 0; i < values.length; i++) width = Math.max(width, fmt(values[i]!).length);
    return { fmt, width };
  }
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) finite.push(v);
  }
  const nonzero = finite.filter((v) => v !== 0);
  const nz = nonzero.map(Math.abs);
  const intMode = finite.every((v) => Number.isInteger(v));
  const max = nz.length ? Math.max(...nz) : 0;
  const min = nz.length ? Math.min(...nz) : 0;
  const p = opts.precision;
  let sci: boolean;
  if (opts.sciMode !== null) sci = opts.sciMode;
  else if (nz.length === 0) sci = false;
  else if (intMode) sci = max / min > 1000 || max > 1e8;
  else sci = max / min > 1000 || max > 1e8 || min < 1e-4;
  let fmt: Fmt;
  if (sci) fmt = (v) => special(v) ?? expForm(v, p);
  else if (intMode) fmt = (v) => special(v) ?? `${fixedForm(v, 0)}.`;
  else fmt = (v) => special(v) ?? fixedForm(v, p);
  for (const v of nonzero) width = Math.max(width, fmt(v).length);
  return { fmt, width };
}

/** Indices printed along a dim of size n: all, or edge items around a "..." marker (-1). */
function shownIndices(n: number, summarize: boolean): number[] {
  const e = opts.edgeitems;
  if (!summarize || n <= 2 * e) return Array.from({ length: n }, (_, i) => i);
  return [...Array.from({ length: e }, (_, i) => i), -1, ...Array.from({ length: e }, (_, i) => n - e + i)];
}

export function formatTensor(t: Tensor): string {
  // Printing must not throw (debuggers inspect anything); a disposed tensor's memory is reused.
  if (t.isDisposed) return `tensor(<disposed>, shape=${fmtShape(t.shape)}, dtype=${t.dtype})`;
  const data = contiguousData(t);
  const shape = t.shape;
  const summarize = data.length > opts.threshold;
  const strides: number[] = [];
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d]!;
  }
  // Only the printed values decide the format.
  const printed: number[] = [];
  const collect = (d: number, off: number): void => {
    if (d === shape.length) {
      printed.push(data[off]!);
      return;
    }
    for (const i of shownIndices(shape[d]!, summarize)) if (i >= 0) collect(d + 1, off + i * strides[d]!);
  };
  collect(0, 0);
  const { fmt, width } = makeFormatter(t, printed);
  const cell = (v: number) => fmt(v).padStart(width);
  const prefix = "tensor(";

  const render = (d: number, off: number, indent: number): string => {
    if (d === shape.length) return cell(data[off]!);
    const idx = shownIndices(shape[d]!, summarize);
    if (d === shape.length - 1) {
      // Inside a row the marker is " ...", so it stands two spaces after the comma, as in PyTorch.
      const items = idx.map((i) => (i < 0 ? " ..." : cell(data[off + i * strides[d]!]!)));
      const perLine = Math.max(1, Math.floor((opts.linewidth - indent) / (width + 2)));
      const lines: string[] = [];
      for (let k = 0; k < items.length; k += perLine) lines.push(items.slice(k, k + perLine).join(", "));
      return `[${lines.join(`,\n${" ".repeat(indent + 1)}`)}]`;
    }
    const sep = `,${"\n".repeat(shape.length - d - 1)}${" ".repeat(indent + 1)}`;
    const parts = idx.map((i) => (i < 0 ? "..." : render(d + 1, off + i * strides[d]!, indent + 1)));
    return `[${parts.join(sep)}]`;
  };

  let body: string;
  if (data.length === 0) body = "[]";
  else body = render(0, 0, prefix.length);
  const suffix: string[] = [];
  if (data.length === 0 && shape.length > 1) suffix.push(`size=[${shape.join(", ")}]`);
  if (t.dtype !== "float32" && t.dtype !== "int32" && t.dtype !== "bool") suffix.push(`dtype=${t.dtype}`);
  else if (data.length === 0 && t.dtype !== "float32") suffix.push(`dtype=${t.dtype}`);
  if (t.gradFn !== null) suffix.push(`gradFn=<${t.gradFn.name}>`);
  else if (t.requiresGrad) suffix.push("requiresGrad=true");
  // Suffixes go on the last line while it stays within linewidth (torch's _add_suffixes).
  let out = prefix + body;
  let lastLine = out.length - out.lastIndexOf("\n") + 1;
  for (const x of suffix) {
    if (lastLine + x.length + 2 > opts.linewidth) {
      out += `,\n${" ".repeat(prefix.length)}${x}`;
      lastLine = prefix.length + x.length;
    } else {
      out += `, ${x}`;
      lastLine += x.length + 2;
    }
  }
  return `${out})`;
}
