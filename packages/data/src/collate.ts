import { argError, stack, Tensor, tensor, ValueError } from "@tsgrad/tensor";

/**
 * What `defaultCollate` makes of a list of items of type `T`: tensors are stacked along a new
 * first dimension, numbers and booleans become a 1-D tensor, and arrays (tuples) and plain
 * objects are collated position by position / key by key.
 */
export type Collated<T> = T extends Tensor | number | boolean
  ? Tensor
  : T extends readonly unknown[]
    ? { -readonly [K in keyof T]: Collated<T[K]> }
    : T extends object
      ? { -readonly [K in keyof T]: Collated<T[K]> }
      : never;

function describe(x: unknown): string {
  if (x === null) return "null";
  if (typeof x === "object") return x.constructor?.name ?? "object";
  return typeof x;
}

/**
 * PyTorch's `default_collate`: stacks tensors (`stack(items)`: every item must have the same
 * shape), turns numbers into an int32 tensor when all are integers and a float32 tensor
 * otherwise, booleans into a bool tensor, and recurses into arrays and plain objects.
 */
export function defaultCollate<T>(items: readonly T[]): Collated<T> {
  if (!Array.isArray(items)) throw argError("defaultCollate", "items", "an array of items", items);
  return collateAny(items as readonly unknown[]) as Collated<T>;
}

function collateAny(items: readonly unknown[]): unknown {
  if (items.length === 0) throw new ValueError("defaultCollate: the batch is empty");
  const first = items[0];
  if (first instanceof Tensor) {
    items.forEach((x, i) => {
      if (!(x instanceof Tensor)) {
        throw new ValueError(`defaultCollate: item 0 is a Tensor but item ${i} is ${describe(x)}`);
      }
    });
    return stack(items as readonly Tensor[]);
  }
  if (typeof first === "number") {
    const values = new Array<number>(items.length);
    let integral = true;
    items.forEach((x, i) => {
      if (typeof x !== "number")
        throw new ValueError(`defaultCollate: item 0 is a number but item ${i} is ${describe(x)}`);
      if (!Number.isInteger(x)) integral = false;
      values[i] = x;
    });
    return tensor(values, { dtype: integral ? "int32" : "float32" });
  }
  if (typeof first === "boolean") {
    return tensor(
      items.map((x, i) => {
        if (typeof x !== "boolean")
          throw new ValueError(`defaultCollate: item 0 is a boolean but item ${i} is ${describe(x)}`);
        return x;
      }),
      { dtype: "bool" },
    );
  }
  if (Array.isArray(first)) {
    const n = first.length;
    items.forEach((x, i) => {
      if (!Array.isArray(x) || x.length !== n) {
        throw new ValueError(
          `defaultCollate: each element in list of batch should be of equal size: item 0 has ${n} elements, item ${i} has ${Array.isArray(x) ? x.length : describe(x)}`,
        );
      }
    });
    return Array.from({ length: n }, (_, k) => collateAny(items.map((x) => (x as unknown[])[k])));
  }
  if (typeof first === "object" && first !== null && Object.getPrototypeOf(first) === Object.prototype) {
    const keys = Object.keys(first);
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      out[key] = collateAny(
        items.map((x, i) => {
          if (typeof x !== "object" || x === null || !(key in x)) {
            throw new ValueError(`defaultCollate: item 0 has key "${key}" but item ${i} does not`);
          }
          return (x as Record<string, unknown>)[key];
        }),
      );
    }
    return out;
  }
  throw new ValueError(
    `defaultCollate: batch must contain tensors, numbers, booleans, arrays or plain objects; found ${describe(first)}`,
  );
}
