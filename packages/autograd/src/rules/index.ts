import { elementwiseRules } from "./elementwise.js";
import { indexingRules } from "./indexing.js";
import { inplaceRules } from "./inplace.js";
import { linalgRules } from "./linalg.js";
import { reduceRules } from "./reduce.js";
import type { Rule } from "./types.js";
import { viewRules } from "./views.js";

/** The gradient rule of every differentiable op, keyed by the op's dispatch name. */
export const RULES: Readonly<Record<string, Rule>> = {
  ...elementwiseRules,
  ...reduceRules,
  ...viewRules,
  ...linalgRules,
  ...indexingRules,
  ...inplaceRules,
};

/** Ops whose outputs carry no gradient (indices, comparisons, booleans). */
export const NON_DIFFERENTIABLE: ReadonlySet<string> = new Set([
  "argmax",
  "argmin",
  "eq",
  "ne",
  "lt",
  "le",
  "gt",
  "ge",
  "all",
  "any",
  "oneHot",
]);

export type { Rule, RuleContext } from "./types.js";
