import type { Input } from "./input.ts";

const byKey =
  <T>(keyOf: (item: T) => string) =>
  (a: T, b: T) => {
    const [ka, kb] = [keyOf(a), keyOf(b)];
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };

/**
 * IAM's Marker/MaxItems pagination (default 100 items) over items sorted by key; the marker is the
 * opaque key of the next page's first item.
 */
export function paginate<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  input: Input,
): { page: T[]; IsTruncated: boolean; Marker?: string } {
  const sorted = [...items].sort(byKey(keyOf));
  const marker = input.string("Marker");
  const from = marker === undefined ? "" : Buffer.from(marker, "base64url").toString("utf8");
  const start = sorted.findIndex((item) => keyOf(item) >= from);
  const rest = start < 0 ? [] : sorted.slice(start);
  const maxItems = input.integer("MaxItems") ?? 100;
  const next = rest[maxItems];
  return {
    page: rest.slice(0, maxItems),
    IsTruncated: next !== undefined,
    Marker: next === undefined ? undefined : Buffer.from(keyOf(next), "utf8").toString("base64url"),
  };
}
