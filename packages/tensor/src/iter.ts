/**
 * Strided iteration shared by the kernels. Operands are walked together over one shape,
 * each with its own strides and offset. Dims of size 1 are dropped and adjacent dims that
 * are contiguous for every operand are merged (like PyTorch's TensorIterator), so a
 * contiguous tensor becomes a single row and the row callback runs once.
 */
export interface RowPlan {
  /** Length of each innermost row (0 when the shape is empty). */
  readonly n: number;
  /** Stride of each operand along the row. */
  readonly inner: readonly number[];
  /** Outer dims (coalesced), outermost first, and each operand's strides along them. */
  readonly outer: readonly number[];
  readonly outerStrides: readonly (readonly number[])[];
}

/** Shape and strides with size-1 dims dropped and mergeable neighbours merged; null if empty. */
function coalesce(
  shape: readonly number[],
  strides: readonly (readonly number[])[],
): { dims: number[]; st: number[][] } | null {
  const k = strides.length;
  const dims: number[] = [];
  const st: number[][] = [];
  for (let j = 0; j < k; j++) st.push([]);
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d]!;
    if (size === 0) return null;
    if (size === 1) continue;
    const last = dims.length - 1;
    let merge = last >= 0;
    for (let j = 0; j < k && merge; j++) {
      if (st[j]![last]! !== strides[j]![d]! * size) merge = false;
    }
    if (merge) {
      dims[last] = dims[last]! * size;
      for (let j = 0; j < k; j++) st[j]![last] = strides[j]![d]!;
    } else {
      dims.push(size);
      for (let j = 0; j < k; j++) st[j]!.push(strides[j]![d]!);
    }
  }
  return { dims, st };
}

const zeros = (k: number): number[] => new Array<number>(k).fill(0);

/** The last dim of each operand's strides, removed from them (a plan's inner or mid strides). */
function popLast(st: number[][]): number[] {
  const out: number[] = [];
  for (const s of st) out.push(s.pop()!);
  return out;
}

export function planRows(shape: readonly number[], strides: readonly (readonly number[])[]): RowPlan {
  const k = strides.length;
  const c = coalesce(shape, strides);
  if (c === null) return { n: 0, inner: zeros(k), outer: [], outerStrides: strides.map(() => []) };
  const { dims, st } = c;
  if (dims.length === 0) return { n: 1, inner: zeros(k), outer: [], outerStrides: st };
  const n = dims.pop()!;
  return { n, inner: popLast(st), outer: dims, outerStrides: st };
}

/**
 * Calls `row(offsets)` once per innermost row of `plan`, `offsets[k]` being operand k's
 * start offset for that row. `offsets` is one array reused for every row: read it, don't
 * keep it.
 */
export function walkRows(plan: RowPlan, offsets: readonly number[], row: (offsets: number[]) => void): void {
  if (plan.n === 0) return;
  const k = offsets.length;
  const cur = offsets.slice();
  const dims = plan.outer;
  const st = plan.outerStrides;
  const nd = dims.length;
  if (nd === 0) {
    row(cur);
    return;
  }
  if (nd === 1) {
    const m = dims[0]!;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < k; j++) cur[j] = offsets[j]! + i * st[j]![0]!;
      row(cur);
    }
    return;
  }
  let rows = 1;
  for (const d of dims) rows *= d;
  const counter = new Array<number>(nd).fill(0);
  for (let r = 0; r < rows; r++) {
    row(cur);
    // Odometer increment over the outer dims, last dim fastest.
    for (let d = nd - 1; d >= 0; d--) {
      const c = counter[d]! + 1;
      if (c < dims[d]!) {
        counter[d] = c;
        for (let j = 0; j < k; j++) cur[j] = cur[j]! + st[j]![d]!;
        break;
      }
      counter[d] = 0;
      for (let j = 0; j < k; j++) cur[j] = cur[j]! - (c - 1) * st[j]![d]!;
    }
  }
}

/**
 * A row plan split one level further, for kernels that run a 2-D loop nest themselves: `m` rows
 * of `n` elements, operand k's rows `mid[k]` apart, and the remaining outer dims walked by
 * `walkBlocks`. A [256, 10] operand is then one kernel call, not 256 (TensorIterator's loop2d).
 */
export interface BlockPlan extends RowPlan {
  /** Number of rows per block (1 when there is at most one row). */
  readonly m: number;
  /** Stride of each operand between the rows of a block. */
  readonly mid: readonly number[];
}

export function planBlocks(shape: readonly number[], strides: readonly (readonly number[])[]): BlockPlan {
  const k = strides.length;
  const c = coalesce(shape, strides);
  if (c === null) return { n: 0, inner: zeros(k), m: 1, mid: zeros(k), outer: [], outerStrides: [] };
  const { dims, st } = c;
  if (dims.length === 0) return { n: 1, inner: zeros(k), m: 1, mid: zeros(k), outer: [], outerStrides: st };
  const n = dims.pop()!;
  const inner = popLast(st);
  if (dims.length === 0) return { n, inner, m: 1, mid: zeros(k), outer: dims, outerStrides: st };
  const m = dims.pop()!;
  return { n, inner, m, mid: popLast(st), outer: dims, outerStrides: st };
}

/** Calls `block(offsets)` once per block of `plan` (see walkRows for how `offsets` is reused). */
export function walkBlocks(
  plan: BlockPlan,
  offsets: readonly number[],
  block: (offsets: number[]) => void,
): void {
  walkRows(plan, offsets, block);
}
