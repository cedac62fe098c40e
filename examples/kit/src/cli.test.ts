import { describe, expect, it } from "vitest";
import {
  backendOption,
  nonNegativeOption,
  numberOption,
  parseArgv,
  probabilityOption,
  TRAINING_OPTIONS,
  type TrainingOptions,
  toJson,
  trainingOptions,
  UsageError,
} from "./index.js";

const defaults: TrainingOptions = {
  variants: ["scratch", "concise"],
  lr: 0.03,
  epochs: 3,
  batchSize: 10,
  seed: 0,
  out: "runs/x",
  json: false,
};
const parse = (argv: string[]) => trainingOptions(parseArgv(argv, TRAINING_OPTIONS), defaults);

describe("training options", () => {
  it("defaults, values, and the '--' pnpm passes on", () => {
    expect(parse([])).toEqual(defaults);
    expect(
      parse([
        "--",
        "--lr",
        "3",
        "--variant",
        "concise",
        "--epochs",
        "5",
        "--batch-size",
        "64",
        "--seed",
        "2",
        "--json",
      ]),
    ).toEqual({
      ...defaults,
      lr: 3,
      variants: ["concise"],
      epochs: 5,
      batchSize: 64,
      seed: 2,
      json: true,
    });
  });

  it("takes a negative seed, as manualSeed does", () => {
    expect(parse(["--seed", "-3"]).seed).toBe(-3);
    expect(parse(["--seed=-1"]).seed).toBe(-1);
  });

  it("turns bad values and unknown options into one-line usage errors", () => {
    expect(() => parse(["--lr=-1"])).toThrow(new UsageError("--lr must be a positive number, got '-1'"));
    // A negative number after an option is its value (node:util alone says "ambiguous").
    expect(() => parse(["--lr", "-1"])).toThrow(new UsageError("--lr must be a positive number, got '-1'"));
    expect(() => parse(["--seed", "1.5"])).toThrow(
      "--seed must be an integer (negative ones too, up to 2^53 - 1 in size), got '1.5'",
    );
    expect(() => parse(["--seed", "1e300"])).toThrow("--seed must be an integer");
    expect(() => parse(["--epochs", "-2"])).toThrow("--epochs must be an integer >= 1, got '-2'");
    expect(() => parse(["--batch-size", "-64"])).toThrow("--batch-size must be an integer >= 1, got '-64'");
    expect(() => parse(["--epochs", "0"])).toThrow("--epochs must be an integer >= 1, got '0'");
    expect(() => parse(["--batch-size", "2.5"])).toThrow("--batch-size must be an integer >= 1, got '2.5'");
    expect(() => parse(["--variant", "both!"])).toThrow(
      "--variant must be scratch, concise or both, got 'both!'",
    );
    expect(() => parse(["--speed", "2"])).toThrow(UsageError);
    expect(() => parse(["stray"])).toThrow(UsageError);
  });
});

describe("the examples' own options", () => {
  it("numbers, numbers >= 0 and probabilities, named in the message", () => {
    expect(numberOption("target", "-0.5")).toBe(-0.5);
    expect(() => numberOption("target", "")).toThrow(new UsageError("--target must be a number, got ''"));
    expect(() => numberOption("target", "Infinity")).toThrow("--target must be a number, got 'Infinity'");
    expect(nonNegativeOption("weight-decay", "0")).toBe(0);
    expect(nonNegativeOption("weight-decay", "3e-4")).toBe(3e-4);
    for (const bad of ["-1", "lots", "Infinity", " "]) {
      expect(() => nonNegativeOption("weight-decay", bad)).toThrow(
        new UsageError(`--weight-decay must be a number >= 0, got '${bad}'`),
      );
    }
    expect(probabilityOption("dropout", "0")).toBe(0);
    expect(probabilityOption("dropout", "0.5")).toBe(0.5);
    for (const bad of ["1", "-0.1", "", "NaN"]) {
      expect(() => probabilityOption("dropout", bad)).toThrow(
        new UsageError(`--dropout must be a probability from 0 up to (not including) 1, got '${bad}'`),
      );
    }
  });

  it("--backend: wasm or js", () => {
    expect(backendOption("wasm")).toBe("wasm");
    expect(backendOption("js")).toBe("js");
    expect(() => backendOption("gpu")).toThrow(new UsageError("--backend must be wasm or js, got 'gpu'"));
  });
});

describe("toJson", () => {
  it("writes NaN and ±Infinity as strings, not null, and indents on request", () => {
    expect(toJson({ loss: Number.NaN, start: 2.5, grew: [Number.POSITIVE_INFINITY, -Infinity] })).toBe(
      '{"loss":"NaN","start":2.5,"grew":["Infinity","-Infinity"]}',
    );
    expect(toJson({ a: 1 }, 2)).toBe('{\n  "a": 1\n}');
  });
});
