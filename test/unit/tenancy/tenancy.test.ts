import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readTenancy } from "#src/tenancy/read.ts";
import { parseTenancy } from "#src/tenancy/tenancy.ts";
import { TENANCY } from "./fixtures.ts";

const clone = <T>(value: T): T => structuredClone(value);

describe("parseTenancy", () => {
  it("accepts the deployment's example, the sandbox's demo and the tests' tenancy files", () => {
    // Act / Assess
    for (const file of ["tenancy.json", "sandbox/tenancy.demo.json"]) {
      expect(() => parseTenancy(JSON.parse(readFileSync(file, "utf8")), file)).not.toThrow();
    }
    expect(parseTenancy(clone(TENANCY)).tenants).toHaveLength(2);
  });

  it("names every problem: unknown template, bad pattern, missing callers", () => {
    // Prepare
    const bad = clone(TENANCY) as unknown as { tenants: Array<Record<string, unknown>> };
    bad.tenants[0] = { ...bad.tenants[0], templates: { "s3-admin": { bucket: ["*"] } }, namespaces: ["a b"] };
    const { principals: _p, ...noCallers } = bad.tenants[1] as Record<string, unknown>;
    bad.tenants[1] = noCallers;

    // Act / Assess
    expect(() => parseTenancy(bad, "tenancy.json")).toThrow(
      expect.objectContaining({
        name: "ConfigurationError",
        message: expect.stringMatching(
          /^tenancy\.json is invalid: \/tenants\/0\/namespaces\/0: must be .*; \/tenants\/0\/templates: 's3-admin' is not a known field; \/tenants\/1: must list at least one caller: principals or ticketSources$/,
        ),
      }),
    );
  });

  it("refuses a principal or ticket source that two tenants claim, and duplicate tenant names", () => {
    // Prepare
    const overlapping = clone(TENANCY);
    overlapping.tenants[1] = {
      ...overlapping.tenants[1],
      name: "team-a",
      principals: ["arn:aws:iam::111122223333:role/team-a"],
    } as (typeof overlapping.tenants)[number];

    // Act / Assess
    expect(() => parseTenancy(overlapping)).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(
          /tenant name 'team-a' is listed by tenants team-a \(#0\) and team-a \(#1\).*principal 'arn:aws:iam::111122223333:role\/team-a' is listed by tenants team-a \(#0\) and team-a \(#1\)/,
        ),
      }),
    );
  });

  it("fails the cold start naming TENANCY_FILE when it is missing, not JSON, or invalid", () => {
    // Act / Assess
    expect(() => readTenancy({})).toThrow("Environment variable TENANCY_FILE is not set");
    expect(() => readTenancy({ TENANCY_FILE: "no/such/tenancy.json" })).toThrow(
      /TENANCY_FILE no\/such\/tenancy.json cannot be read/,
    );
    expect(() => readTenancy({ TENANCY_FILE: "README.md" })).toThrow(/TENANCY_FILE README.md is not JSON/);
    expect(() => readTenancy({ TENANCY_FILE: "package.json" })).toThrow(
      /TENANCY_FILE package.json is invalid/,
    );
  });
});
