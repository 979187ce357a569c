import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The hostile-input corpus, test/fixtures/hostile-requests.json (read by unit and end-to-end tests). */
export interface HostileCase {
  name: string;
  request: unknown;
  /** A field the ValidationError must name. */
  field: string;
}

/**
 * A value too large to write out in the fixture (see its `about`). Built without recursion: the
 * point of some cases is a depth that recursion would not survive.
 */
function expand(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(expand);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  switch (record.$expand) {
    case undefined:
      // Object.fromEntries defines own properties: a `__proto__` key stays a key, as JSON.parse made it.
      return Object.fromEntries(Object.entries(record).map(([key, member]) => [key, expand(member)]));
    case "repeat":
      return String(record.text).repeat(Number(record.times));
    case "array":
      return Array.from({ length: Number(record.length) }, () => structuredClone(expand(record.item)));
    case "nest": {
      const key = record.key;
      let nested: unknown = typeof key === "string" ? {} : [];
      for (let level = 0; level < Number(record.depth); level++) {
        nested = typeof key === "string" ? { [key]: nested } : [nested];
      }
      return nested;
    }
    default:
      throw new Error(`Unknown $expand ${JSON.stringify(record.$expand)} in the corpus`);
  }
}

// Read as text and parsed with JSON.parse, so that keys such as `__proto__` arrive as a client's would.
export const corpus = JSON.parse(
  readFileSync(join(import.meta.dirname, "../fixtures/hostile-requests.json"), "utf8"),
) as { about: string; cases: HostileCase[] };

/** Every case of the corpus, its `$expand` values expanded. */
export function hostileCases(): HostileCase[] {
  return corpus.cases.map((c) => ({ ...c, request: expand(c.request) }));
}

/**
 * `JSON.stringify` without recursion, for the corpus's deepest values (a client may send text
 * nested deeper than this process's `JSON.stringify` can write).
 */
export function toJsonText(root: unknown): string {
  const out: string[] = [];
  const stack: unknown[] = [root];
  const CLOSE = Symbol("close");
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === "object" && item !== null && CLOSE in item) {
      out.push(String((item as Record<symbol, string>)[CLOSE]));
    } else if (Array.isArray(item)) {
      out.push("[");
      stack.push({ [CLOSE]: "]" });
      for (let i = item.length - 1; i >= 0; i--) {
        stack.push(item[i]);
        if (i > 0) stack.push({ [CLOSE]: "," });
      }
    } else if (typeof item === "object" && item !== null) {
      const entries = Object.entries(item);
      out.push("{");
      stack.push({ [CLOSE]: "}" });
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, value] = entries[i] as [string, unknown];
        stack.push(value, { [CLOSE]: `${JSON.stringify(key)}:` });
        if (i > 0) stack.push({ [CLOSE]: "," });
      }
    } else {
      out.push(JSON.stringify(item) ?? "null");
    }
  }
  return out.join("");
}
