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

export function planRows(shape: readonly number[], strides: readonly (readonly number[])[]): RowPlan {
  const k = strides.length;
  const dims: number[] = [];
  const st: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d]!;
    if (size === 0) return { n: 0, inner: st.map(() => 0), outer: [], outerStrides: st };
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
  if (dims.length === 0) return { n: 1, inner: st.map(() => 0), outer: [], outerStrides: st };
  const nd = dims.length;
  return {
    n: dims[nd - 1]!,
    inner: st.map((s) => s[nd - 1]!),
    outer: dims.slice(0, nd - 1),
    outerStrides: st.map((s) => s.slice(0, nd - 1)),
  };
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
