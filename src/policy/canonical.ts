import { createHash } from "node:crypto";
import type { PolicyDocument, Statement } from "./types.ts";

/**
 * One canonical form for policy documents, used for every comparison and for the desired-state
 * hash, so that "equal" means one thing everywhere: parsed (and URL-decoded, as IAM returns
 * documents), single values as sorted, de-duplicated arrays, `Sid`s dropped (they carry no
 * meaning for evaluation), statements sorted. Follows CDK's merge-statements approach.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function asSortedArray(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return [...new Set(values.map(String))].sort();
}

function canonicalStatement(statement: Statement): Record<string, Json> {
  const out: Record<string, Json> = { Effect: statement.Effect };
  for (const key of ["Action", "NotAction", "Resource", "NotResource"] as const) {
    if (statement[key] !== undefined) out[key] = asSortedArray(statement[key]);
  }
  if (statement.Principal !== undefined) {
    out.Principal =
      statement.Principal === "*"
        ? "*"
        : Object.fromEntries(
            Object.keys(statement.Principal)
              .sort()
              .map((k) => [k, asSortedArray((statement.Principal as Record<string, unknown>)[k])]),
          );
  }
  if (statement.Condition !== undefined) {
    const condition = statement.Condition;
    out.Condition = Object.fromEntries(
      Object.keys(condition)
        .sort()
        .map((operator) => {
          const block = condition[operator] ?? {};
          return [
            operator,
            Object.fromEntries(
              Object.keys(block)
                .sort()
                .map((k) => [k, asSortedArray(block[k])]),
            ),
          ];
        }),
    );
  }
  return out;
}

/** Accepts a document as an object, a JSON string, or IAM's URL-encoded JSON string. */
export function parsePolicyDocument(document: unknown): PolicyDocument {
  if (typeof document !== "string") return document as PolicyDocument;
  const text = document.trimStart().startsWith("%7B") ? decodeURIComponent(document) : document;
  return JSON.parse(text) as PolicyDocument;
}

export function canonicalPolicy(document: unknown): { Version: string; Statement: Record<string, Json>[] } {
  const parsed = parsePolicyDocument(document);
  const statements = (Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement]).map(
    canonicalStatement,
  );
  const unique = [...new Map(statements.map((s) => [stableStringify(s), s])).entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, s]) => s);
  return { Version: parsed.Version, Statement: unique };
}

export function policiesEqual(a: unknown, b: unknown): boolean {
  return stableStringify(canonicalPolicy(a)) === stableStringify(canonicalPolicy(b));
}

/** JSON with object keys sorted at every level. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** IAM counts policy size without whitespace. */
export function policySize(document: PolicyDocument): number {
  return JSON.stringify(document).replace(/\s/g, "").length;
}
