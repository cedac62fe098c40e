/**
 * The storage that `tidy()` (scope.ts) lends to the tensors created inside it and takes back
 * when they are disposed, so a loop that runs the same shapes again and again stops allocating:
 * no zeroing of fresh memory, no page faults on it, no garbage for the collector.
 *
 * Free arrays are kept by dtype and exact length (a training step repeats its shapes). Big
 * float32 arrays on the wasm backend come from arenas: non-growing wasm memories (workspaces,
 * workspace.ts), where gemm writes its result in place instead of copying it out. Arena memory
 * never leaves a scope: a tensor that outlives its outermost tidy is moved to an ordinary array
 * (`unpool`), so only the garbage collector ever owns what users keep.
 */
import { getBackend } from "./backends/backend.js";
import { createWasmWorkspace } from "./backends/workspace.js";
import { allocate, type DType, type TypedArray } from "./dtype.js";

/** float32 arrays at least this big come from an arena: below it, staging costs little. */
export const ARENA_MIN_ELEMENTS = 16384;
/** Data bytes per arena; a scope that needs more opens another, up to MAX_ARENAS. */
const ARENA_BYTES = 32 * 1024 * 1024;
const MAX_ARENAS = 4;
/** Free ordinary arrays kept for reuse, in bytes; beyond it released arrays are dropped. */
const MAX_FREE_BYTES = 64 * 1024 * 1024;

interface Arena {
  buffer: ArrayBufferLike;
  /** Next unused byte and the end of the data area. Unused bytes are still zero. */
  next: number;
  end: number;
}

const arenas: Arena[] = [];
let noMoreArenas = false;
const arenaBuffers = new WeakSet<ArrayBufferLike>();
/** Free ordinary arrays by dtype, then by length; free arena blocks by length. */
const free = new Map<DType, Map<number, TypedArray[]>>();
const freeBlocks = new Map<number, TypedArray[]>();
let freeBytes = 0;
/** Arrays `take` could not reuse and made (or carved from an arena). */
let made = 0;

/**
 * Whether `a` is a block of an arena (released blocks go back; they are never dropped). Blocks
 * are big float32 arrays: the size is checked first so a small array is never asked for its
 * `.buffer` (which makes V8 move a typed array of 64 bytes or less out of the JS heap).
 */
export function inArena(a: TypedArray): boolean {
  return a.length >= ARENA_MIN_ELEMENTS && a instanceof Float32Array && arenaBuffers.has(a.buffer);
}

/** A 16-byte aligned block of n float32 from an arena; null when the arenas are full. */
function arenaTake(n: number): Float32Array | null {
  const bytes = Math.ceil((n * 4) / 16) * 16;
  if (bytes > ARENA_BYTES) return null;
  for (const a of arenas) {
    if (a.next + bytes <= a.end) {
      const block = new Float32Array(a.buffer, a.next, n);
      a.next += bytes;
      return block;
    }
  }
  if (arenas.length === MAX_ARENAS || noMoreArenas) return null;
  let ws: ReturnType<typeof createWasmWorkspace> = null;
  try {
    ws = createWasmWorkspace(ARENA_BYTES);
  } catch {
    // The engine would not give another 40 MB of wasm memory: ordinary arrays from now on.
    noMoreArenas = true;
  }
  if (ws === null) return null;
  const arena = { buffer: ws.memory.buffer, next: ws.dataStart + bytes, end: ws.dataStart + ARENA_BYTES };
  arenas.push(arena);
  arenaBuffers.add(arena.buffer);
  return new Float32Array(arena.buffer, ws.dataStart, n);
}

/**
 * An array of n elements for a tensor created in a scope: zeros when `zeroed`, else anything
 * (the caller writes every element).
 */
export function take(dtype: DType, n: number, zeroed: boolean): TypedArray {
  // On the wasm backend a big float32 array is an arena block whenever one can be had, so gemm
  // writes it in place; the js backend leaves the blocks to it.
  if (dtype === "float32" && n >= ARENA_MIN_ELEMENTS && getBackend() === "wasm") {
    const block = freeBlocks.get(n)?.pop();
    if (block !== undefined) {
      if (zeroed) block.fill(0);
      return block;
    }
    const unused = arenaTake(n);
    if (unused !== null) {
      made++;
      return unused;
    }
  }
  const reused = free.get(dtype)?.get(n)?.pop();
  if (reused !== undefined) {
    freeBytes -= reused.byteLength;
    if (zeroed) reused.fill(0);
    return reused;
  }
  made++;
  return allocate(dtype, n);
}

/** Takes back an array that no live tensor uses any more. */
export function give(dtype: DType, a: TypedArray): void {
  if (inArena(a)) {
    push(freeBlocks, a);
    return;
  }
  if (freeBytes + a.byteLength > MAX_FREE_BYTES) return;
  let byLength = free.get(dtype);
  if (byLength === undefined) {
    byLength = new Map();
    free.set(dtype, byLength);
  }
  push(byLength, a);
  freeBytes += a.byteLength;
}

function push(byLength: Map<number, TypedArray[]>, a: TypedArray): void {
  const list = byLength.get(a.length);
  if (list === undefined) byLength.set(a.length, [a]);
  else list.push(a);
}

/**
 * What an array that outlives every scope becomes: ordinary arrays stay as they are; an arena
 * block is copied into an ordinary array (returned) and goes back to the arena.
 */
export function unpool(dtype: DType, a: TypedArray): TypedArray {
  if (!inArena(a)) return a;
  const copy = allocate(dtype, a.length);
  copy.set(a);
  give(dtype, a);
  return copy;
}

/**
 * Arrays made so far, free bytes held and arena bytes carved: all flat over a loop of tidy
 * steps once the first step has made what the others reuse.
 */
export function poolStats(): { made: number; freeBytes: number; arenaBytes: number } {
  let arenaBytes = 0;
  for (const a of arenas) arenaBytes += a.next - (a.end - ARENA_BYTES);
  return { made, freeBytes, arenaBytes };
}

/** The arrays held for reuse (tests fill them with garbage to prove nothing reads it). */
export function freeArrays(): TypedArray[] {
  const out: TypedArray[] = [];
  for (const byLength of [...free.values(), freeBlocks])
    for (const list of byLength.values()) out.push(...list);
  return out;
}
