// report.html: the three charts inline with what they show, the run's settings, and a table of
// the losses and their autograd derivatives at a few predictions.
import { escapeXml } from "@tsgrad/plot";
import type { LossCurve } from "./curves.js";

export interface ReportInput {
  facts: Record<string, string | number>;
  charts: { loss: string; derivative: string; normal: string };
  /** The table's predictions and the curves at them. */
  table: { xs: readonly number[]; curves: readonly LossCurve[] };
  delta: number;
}

/** An SVG document as an element of the page: without its XML declaration. */
const inline = (svg: string) => svg.replace(/^<\?xml[^>]*>\s*/, "");

/** A table cell: four decimals, so the columns line up. */
export const fmt = (v: number) => v.toFixed(4);

export function reportHtml(r: ReportInput): string {
  const facts = Object.entries(r.facts)
    .map(([k, v]) => `<tr><th>${escapeXml(k)}</th><td>${escapeXml(String(v))}</td></tr>`)
    .join("\n");
  const head = ["ŷ", ...r.table.curves.flatMap((c) => [c.label, "dl/dŷ"])]
    .map((h) => `<th>${escapeXml(h)}</th>`)
    .join("");
  const rows = r.table.xs
    .map((x, i) => {
      const cells = r.table.curves.flatMap((c) => [c.loss[i]!, c.grad[i]!]);
      return `<tr><td>${fmt(x)}</td>${cells.map((v) => `<td>${fmt(v)}</td>`).join("")}</tr>`;
    })
    .join("\n");
  const d = r.delta;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>loss functions</title>
<style>body{font-family:sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse}td,th{padding:.2em .8em;border-bottom:1px solid #ddd;text-align:right}</style>
</head>
<body>
<h1>Loss functions (Dive into Deep Learning 3.1.3)</h1>
<table>
${facts}
</table>
<h2>The losses</h2>
<p>The squared loss ½(ŷ − y)² (d2l's <code>squaredLoss</code>), the L1 loss |ŷ − y| and the Huber
loss with δ = ${d} (PyTorch's <code>huber_loss</code>: ½(ŷ − y)² where |ŷ − y| &lt; δ, else
δ(|ŷ − y| − ½δ)), computed by <code>@tsgrad/losses</code> with reduction 'none'.</p>
${inline(r.charts.loss)}
<h2>Their derivatives, by autograd</h2>
<p>ŷ is a leaf tensor with <code>requiresGrad</code>; <code>l.backward(onesLike(l))</code> leaves
dl/dŷ in <code>ŷ.grad</code>. The squared loss's derivative is the error ŷ − y, so a prediction
far off pulls hardest; L1's is its sign (0 at ŷ = y, PyTorch's subgradient), the same pull
whatever the error; Huber's is the error clamped to [−δ, δ].</p>
${inline(r.charts.derivative)}
<h2>The normal distribution behind the squared loss</h2>
<p>If y = ŷ + ε with noise ε ~ N(0, σ²), then −log p(y | ŷ) = ½ log(2πσ²) + (y − ŷ)²/(2σ²):
maximizing the likelihood is minimizing the squared loss. The densities of d2l's figure:</p>
${inline(r.charts.normal)}
<h2>Values</h2>
<table>
<tr>${head}</tr>
${rows}
</table>
</body>
</html>
`;
}
