/**
 * IAM's wildcard matching, the one reading of every tenancy pattern: `*` matches any run of
 * characters (including none, and including `/` and `:`, as in IAM resource ARNs), `?` exactly one;
 * everything else matches itself, case-sensitively (IAM's ARN matching is case-sensitive). The same
 * pattern text is what the tenant's permissions boundary puts in its resource ARNs, so "the
 * authorizer allows it" and "the boundary allows it" agree.
 */
export function matchesPattern(pattern: string, value: string): boolean {
  // Iterative glob with single-star backtracking: linear in practice, no regular expression built
  // from configuration (so no ReDoS from a tenancy file).
  let p = 0;
  let v = 0;
  let star = -1;
  let resume = 0;
  while (v < value.length) {
    const c = pattern[p];
    if (c === "*") {
      star = p++;
      resume = v;
    } else if (c !== undefined && (c === "?" || c === value[v])) {
      p++;
      v++;
    } else if (star >= 0) {
      p = star + 1;
      v = ++resume;
    } else {
      return false;
    }
  }
  while (pattern[p] === "*") p++;
  return p === pattern.length;
}

export function matchesAny(patterns: readonly string[] | undefined, value: string): boolean {
  return (patterns ?? []).some((pattern) => matchesPattern(pattern, value));
}
