// d2l 3.1.3's normal distribution: the density behind the squared loss. With y = ŷ + ε and
// ε ~ N(0, σ²), −log p(y | x) = ½ log(2πσ²) + (y − ŷ)²/(2σ²), so maximizing the likelihood is
// minimizing ½(ŷ − y)²: the squared loss is the Gaussian's negative log-likelihood up to
// constants.
import { arange, type Tensor } from "@tsgrad/tensor";
import { values } from "./curves.js";

/** d2l's figure: (mean, standard deviation) pairs. */
export const NORMAL_PARAMS: readonly (readonly [mu: number, sigma: number])[] = [
  [0, 1],
  [0, 2],
  [3, 1],
];

/** d2l's `normal(x, mu, sigma)`, with tensor ops: 1/√(2πσ²) · exp(−(x − μ)²/(2σ²)). */
export function normal(x: Tensor, mu: number, sigma: number): Tensor {
  const p = 1 / Math.sqrt(2 * Math.PI * sigma ** 2);
  return x
    .sub(mu)
    .pow(2)
    .mul(-0.5 / sigma ** 2)
    .exp()
    .mul(p);
}

export interface NormalCurve {
  mu: number;
  sigma: number;
  /** d2l's legend: "mean 0, std 1". */
  label: string;
  pdf: number[];
}

/** d2l's x = np.arange(-7, 7, 0.01) (in float64) and a density per (μ, σ) pair. */
export function normalCurves(): { x: number[]; curves: NormalCurve[] } {
  const x = arange(-7, 7, 0.01, { dtype: "float64" });
  return {
    x: values(x),
    curves: NORMAL_PARAMS.map(([mu, sigma]) => ({
      mu,
      sigma,
      label: `mean ${mu}, std ${sigma}`,
      pdf: values(normal(x, mu, sigma)),
    })),
  };
}
