// The umbrella package: `import * as tg from "tsgrad"` gives every @tsgrad package at once.
// The packages' export names do not overlap.

export * from "@tsgrad/autograd";
export * from "@tsgrad/data";
export * from "@tsgrad/data-fashion-mnist";
export * from "@tsgrad/losses";
export * from "@tsgrad/metrics";
export * from "@tsgrad/nn";
export * from "@tsgrad/optim";
export * from "@tsgrad/plot";
export * from "@tsgrad/tensor";
export * from "@tsgrad/trainer";
