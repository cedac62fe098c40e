// Tick values and tick labels as d3 computes them (d3-array's ticks and tickStep, d3-format's
// ",.Nf" and "~g" in its default locale), so that the charts' axes match d3's to the bit and the
// character; ticks.test.ts checks them against d3. The algorithms here and the log ticks in
// scale.ts are d3's (d3-array, d3-format, d3-scale), under its license:
//
// Copyright 2010-2026 Mike Bostock
//
// Permission to use, copy, modify, and/or distribute this software for any purpose with or
// without fee is hereby granted, provided that the above copyright notice and this permission
// notice appear in all copies.
//
// THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES WITH REGARD TO THIS
// SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE
// AUTHOR BE LIABLE FOR ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
// WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT,
// NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR
// PERFORMANCE OF THIS SOFTWARE.

const e10 = Math.sqrt(50);
const e5 = Math.sqrt(10);
const e2 = Math.sqrt(2);

/**
 * The ticks from start to stop (start <= stop) as integers [i1, i2] times 10^k·{1, 2, 5}: inc is
 * the step, or minus its inverse when the step is below 1 (dividing by an integer keeps 0.1·3
 * exact as 3 / 10).
 */
function tickSpec(start: number, stop: number, count: number): [number, number, number] {
  const step = (stop - start) / Math.max(0, count);
  const power = Math.floor(Math.log10(step));
  const error = step / 10 ** power;
  const factor = error >= e10 ? 10 : error >= e5 ? 5 : error >= e2 ? 2 : 1;
  let i1: number;
  let i2: number;
  let inc: number;
  if (power < 0) {
    inc = 10 ** -power / factor;
    i1 = Math.round(start * inc);
    i2 = Math.round(stop * inc);
    if (i1 / inc < start) ++i1;
    if (i2 / inc > stop) --i2;
    inc = -inc;
  } else {
    inc = 10 ** power * factor;
    i1 = Math.round(start / inc);
    i2 = Math.round(stop / inc);
    if (i1 * inc < start) ++i1;
    if (i2 * inc > stop) --i2;
  }
  if (i2 < i1 && 0.5 <= count && count < 2) return tickSpec(start, stop, count * 2);
  return [i1, i2, inc];
}

/** About `count` round values from start to stop, both included where round (d3-array's `ticks`). */
export function ticks(start: number, stop: number, count: number): number[] {
  if (!(count > 0)) return [];
  if (start === stop) return [start];
  const reverse = stop < start;
  const [i1, i2, inc] = reverse ? tickSpec(stop, start, count) : tickSpec(start, stop, count);
  if (!(i2 >= i1)) return [];
  const n = i2 - i1 + 1;
  const out = new Array<number>(n);
  for (let i = 0; i < n; ++i) {
    const k = reverse ? i2 - i : i1 + i;
    out[i] = inc < 0 ? k / -inc : k * inc;
  }
  return out;
}

/** The step between those ticks, negative for stop < start (d3-array's `tickStep`). */
export function tickStep(start: number, stop: number, count: number): number {
  const reverse = stop < start;
  const inc = (reverse ? tickSpec(stop, start, count) : tickSpec(start, stop, count))[2];
  return (reverse ? -1 : 1) * (inc < 0 ? 1 / -inc : inc);
}

/** The decimals a step of `step` needs (d3-format's `precisionFixed`); NaN for 0 and non-finite steps. */
export function precisionFixed(step: number): number {
  if (!Number.isFinite(step) || step === 0) return Number.NaN;
  const e = Math.abs(step).toExponential();
  return Math.max(0, -Number(e.slice(e.indexOf("e") + 1)));
}

/**
 * d3-format's rendering of `text`, the digits of |x|: a minus sign (U+2212) unless it rounded to
 * zero, and the integer part grouped by thousands if `group`.
 */
function signed(x: number, text: string, group: boolean): string {
  const negative = (x < 0 || 1 / x < 0) && Number(text) !== 0;
  let at = text.search(/\D/);
  if (at < 0) at = text.length;
  const int = text.slice(0, at);
  return `${negative ? "\u2212" : ""}${group ? int.replace(/\B(?=(\d{3})+$)/g, ",") : int}${text.slice(at)}`;
}

/** d3-format's `,.{precision}f`: fixed-point, grouped by thousands (precision 0 to 20). */
export function fixedFormat(precision: number): (x: number) => string {
  const p = Math.max(0, Math.min(20, precision));
  return (x) => signed(x, Math.abs(x).toFixed(p), true);
}

/** d3-format's `~g`: 6 significant digits, trailing zeros of the fraction (and a bare ".") dropped. */
export function trimmedFormat(x: number): string {
  const text = Math.abs(x)
    .toPrecision(6)
    .replace(/\.(\d*?)0+(?=e|$)/, (_, kept: string) => (kept === "" ? "" : `.${kept}`));
  return signed(x, text, false);
}
