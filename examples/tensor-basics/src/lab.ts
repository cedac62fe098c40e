// The seed lab of the chapter, step by step. Each step prints what it shows; `run` takes the
// printer so that the test can read the output.
import { noGrad } from "@tsgrad/autograd";
import { arange, fmtShape, manualSeed, normal, ShapeError, sub, tensor, zeros } from "@tsgrad/tensor";

export type Print = (line: string) => void;

export function broadcasting(print: Print): void {
  const m = arange(4, 7).view(1, 3);
  const n = arange(1, 3).view(2, 1);
  print(`m = ${m}    shape ${fmtShape(m.shape)}`);
  print(`n = ${n}    shape ${fmtShape(n.shape)}`);
  print("1. m.sub(n) broadcasts both to [2, 3]:");
  print(String(m.sub(n)));
  print("2. sub(m, n), the function form, is the same op:");
  print(String(sub(m, n)));
  print("3. in place into a tensor that already has the broadcast shape:");
  const out = zeros([2, 3], { dtype: "int32" }).add_(m);
  out.sub_(n);
  print(String(out));
  print("but m.sub_(n) cannot work: m's storage holds 3 numbers and the result needs 6.");
  try {
    m.sub_(n);
  } catch (e) {
    if (!(e instanceof ShapeError)) throw e;
    print(`  ${e.name}: ${e.message}`);
  }
}

export function matrixProduct(print: Print, seed = 0): void {
  manualSeed(seed);
  const P = normal(0, 0.01, [3, 2]);
  const Q = normal(0, 0.01, [4, 2]);
  const R = P.mm(Q.t());
  print(`P ~ N(0, 0.01) [3, 2], Q ~ N(0, 0.01) [4, 2]: P @ Q.T has shape [${R.shape.join(", ")}]`);
  print(String(R));
}

export function sums(print: Print): void {
  const X = tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  print(`X.sum(0, true) = ${X.sum(0, true)}`);
  print(`X.sum(1, true) = ${X.sum(1, true)}`);
}

export function gradient(print: Print): number {
  const x = tensor(1, { requiresGrad: true });
  const y1 = x.pow(2);
  const y2 = noGrad(() => x.pow(3));
  y1.add(y2).backward();
  const g = x.grad!.item();
  print(`x = 1, y = x^2 + noGrad(x^3): dy/dx = ${g} (the x^3 branch is not recorded)`);
  return g;
}

export function run(print: Print, seed = 0): void {
  print("== broadcasting ==");
  broadcasting(print);
  print("\n== matrix product ==");
  matrixProduct(print, seed);
  print("\n== sums with keepdim ==");
  sums(print);
  print("\n== autograd and noGrad ==");
  gradient(print);
}

/** The lab's results as data (for --json and summary.json). */
export function summary(seed = 0) {
  const quiet: Print = () => {};
  const m = arange(4, 7).view(1, 3);
  const n = arange(1, 3).view(2, 1);
  let inplaceError = "";
  try {
    m.clone().sub_(n);
  } catch (e) {
    inplaceError = e instanceof Error ? e.message : String(e);
  }
  manualSeed(seed);
  const P = normal(0, 0.01, [3, 2]);
  const Q = normal(0, 0.01, [4, 2]);
  const X = tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  return {
    seed,
    broadcastSub: m.sub(n).toArray(),
    inplaceError,
    productShape: [...P.mm(Q.t()).shape],
    sum0: X.sum(0, true).toArray(),
    sum1: X.sum(1, true).toArray(),
    gradient: gradient(quiet),
  };
}
