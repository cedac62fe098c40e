/**
 * JSON for the examples' --json lines and summary files. JSON has no NaN or Infinity (a diverged
 * loss, an overflowing squared loss): they are written as strings rather than lost to null.
 */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(
    value,
    (_key, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v),
    indent,
  );
}
