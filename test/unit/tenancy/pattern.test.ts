import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchesPattern } from "#src/tenancy/pattern.ts";

describe("matchesPattern (IAM wildcards)", () => {
  it.each([
    ["payments-*", "payments-invoices", true],
    ["payments-*", "payments-", true],
    ["payments-*", "payment", false],
    ["payments-*", "xpayments-a", false],
    ["*", "", true],
    ["a?c", "abc", true],
    ["a?c", "ac", false],
    ["a*b*c", "axxbyyc", true],
    ["a*b*c", "axxbyy", false],
    ["/search/*", "/search/prod/db", true],
    ["arn:aws:iam::444455556666:role/team-a-*", "arn:aws:iam::444455556666:role/team-a-reader", true],
    ["arn:aws:iam::444455556666:role/team-a-*", "arn:aws:iam::999988887777:role/team-a-reader", false],
    ["Payments", "payments", false],
  ])("'%s' against '%s' is %s", (pattern, value, expected) => {
    // Act / Assess
    expect(matchesPattern(pattern, value)).toBe(expected);
  });

  it("agrees with a regular expression built from the pattern, for generated patterns and values", () => {
    // Prepare: a small alphabet makes matches and near-misses frequent.
    const text = (max: number) =>
      fc.array(fc.constantFrom("a", "b", "-", "/"), { maxLength: max }).map((c) => c.join(""));
    const pattern = fc
      .array(fc.constantFrom("a", "b", "-", "/", "*", "?"), { maxLength: 8 })
      .map((c) => c.join(""));
    const toRegExp = (p: string) =>
      new RegExp(`^${p.replace(/[-/]/g, "\\$&").replace(/\*/g, "[\\s\\S]*").replace(/\?/g, "[\\s\\S]")}$`);

    // Act / Assess
    fc.assert(
      fc.property(pattern, text(10), (p, v) => matchesPattern(p, v) === toRegExp(p).test(v)),
      { seed: 11, numRuns: 3000 },
    );
  });

  it("answers patterns on which a backtracking regular expression would explode", () => {
    // Prepare
    const pattern = `${"*a".repeat(20)}b`;
    const value = "a".repeat(5000);

    // Act / Assess: the matcher backtracks to the last star only (at most pattern × value steps).
    expect(matchesPattern(pattern, value)).toBe(false);
  });
});
