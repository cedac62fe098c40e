// The umbrella package: `import * as tg from "tsgrad"` gives every @tsgrad package at once.
// Lower layers first; the packages' export names do not overlap.
export * from "@tsgrad/tensor";
export * from "@tsgrad/autograd";
export * from "@tsgrad/nn";
export * from "@tsgrad/losses";
export * from "@tsgrad/optim";
export * from "@tsgrad/data";
export * from "@tsgrad/data-fashion-mnist";
export * from "@tsgrad/metrics";
export * from "@tsgrad/plot";
export * from "@tsgrad/trainer";
