import { argError, checkInt, type TypedArray, ValueError } from "@tsgrad/tensor";

/** A typed-array constructor (`Float32Array`, `Int32Array`...) making arrays of type `A`. */
export type ArrayCtor<A extends TypedArray> = new (length: number) => A;

const CTORS: readonly unknown[] = [Float32Array, Float64Array, Int32Array, Uint8Array];

/**
 * Typed arrays that a `DataLoader` created with `reuseBuffers: true` hands to
 * `getBatch` so that every batch of one pass is written into the same memory. Slot `k` is the
 * k-th output of the batch (features, labels...). A shorter last batch uses the front of the
 * slot's array.
 */
export class BatchBuffers {
  private readonly slots: (TypedArray | undefined)[] = [];

  /** An array of `length` elements of `ctor`'s type for slot `slot`, reused when it fits. */
  get<A extends TypedArray>(slot: number, ctor: ArrayCtor<A>, length: number): A {
    const fn = "BatchBuffers.get";
    checkInt(fn, "slot", slot, 0);
    if (!CTORS.includes(ctor)) {
      throw argError(fn, "ctor", "Float32Array, Float64Array, Int32Array or Uint8Array", ctor);
    }
    checkInt(fn, "length", length, 0);
    const have = this.slots[slot];
    if (have instanceof ctor && have.length >= length) {
      return (have.length === length ? have : have.subarray(0, length)) as A;
    }
    let made: A;
    try {
      made = new ctor(length);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      throw new ValueError(`${fn}: cannot allocate a ${ctor.name} of ${length} elements: ${e.message}`);
    }
    this.slots[slot] = made;
    return made;
  }
}

/** A new array of `length` elements of `ctor`, or the reused one when `buffers` is given. */
export function batchArray<A extends TypedArray>(
  buffers: BatchBuffers | undefined,
  slot: number,
  ctor: ArrayCtor<A>,
  length: number,
): A {
  return buffers === undefined ? new ctor(length) : buffers.get(slot, ctor, length);
}

/** The constructor of a typed array (Float32Array for a Float32Array...). */
export function ctorOf(a: TypedArray): ArrayCtor<TypedArray> {
  if (a instanceof Float32Array) return Float32Array;
  if (a instanceof Float64Array) return Float64Array;
  if (a instanceof Int32Array) return Int32Array;
  return Uint8Array;
}
