import { describe, expect, it } from "vitest";
import type { GrantRequest } from "#grant/request.ts";
import { authorize } from "#src/tenancy/authorize.ts";
import { parseCaller, tenantOf } from "#src/tenancy/caller.ts";
import { TENANCY } from "./fixtures.ts";

const TEAM_A = { principalArn: "arn:aws:iam::111122223333:role/team-a" };
const KEY = { cluster: "demo", namespace: "team-a", serviceAccount: "api" };

function request(changes: Partial<GrantRequest> = {}): GrantRequest {
  return {
    ...KEY,
    permissions: [{ template: "s3-read", bucket: "team-a-reports" }],
    ...changes,
  } as GrantRequest;
}

/** The refusals of a call that must throw, as `rule` → reason. */
function refusals(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    const refused = (error as { name: string; refusals?: Array<{ rule: string; reason: string }> }).refusals;
    expect((error as Error).name).toBe("ForbiddenError");
    return Object.fromEntries((refused ?? []).map((r) => [r.rule, r.reason]));
  }
  throw new Error("expected a ForbiddenError");
}

describe("authorize", () => {
  it("allows a tenant's caller its own cluster, namespace, template and resources", () => {
    // Act
    const tenant = authorize({ tenancy: TENANCY, caller: TEAM_A, key: KEY, request: request() });

    // Assess
    expect(tenant.name).toBe("team-a");
  });

  it("resolves an assumed-role session and a ticket source to their tenant", () => {
    // Act / Assess
    expect(
      tenantOf(TENANCY, { principalArn: "arn:aws:sts::111122223333:assumed-role/team-a/ci-run-7" }).name,
    ).toBe("team-a");
    expect(tenantOf(TENANCY, { ticketSource: "tickets.team-a" }).name).toBe("team-a");
  });

  it("refuses an unknown caller, naming it", () => {
    // Act
    const refused = refusals(() =>
      authorize({
        tenancy: TENANCY,
        caller: { principalArn: "arn:aws:iam::111122223333:role/intruder" },
        key: KEY,
        request: request(),
      }),
    );

    // Assess
    expect(refused.caller).toContain("role/intruder is not listed by any tenant");
  });

  it("refuses another tenant's cluster, namespace, template, resources and target role, naming every rule", () => {
    // Prepare
    const foreign = request({
      cluster: "prod",
      namespace: "team-b",
      permissions: [
        { template: "s3-read", bucket: "team-b-secrets" },
        { template: "sns-publish", topic: "team-a-alerts" },
      ],
      targetRoleArn: "arn:aws:iam::999988887777:role/admin",
    });

    // Act
    const refused = refusals(() =>
      authorize({
        tenancy: TENANCY,
        caller: TEAM_A,
        key: { ...KEY, cluster: "prod", namespace: "team-b" },
        request: foreign,
      }),
    );

    // Assess
    expect(Object.keys(refused).sort()).toEqual([
      "cluster",
      "namespace",
      "permissions[0].bucket",
      "permissions[1].template",
      "targetRoleArn",
    ]);
    expect(refused["permissions[0].bucket"]).toContain(
      "'team-b-secrets' is not one of tenant team-a's buckets (team-a-*)",
    );
  });

  it("refuses a change to a grant another tenant holds, even in a namespace both may use", () => {
    // Act
    const refused = refusals(() =>
      authorize({
        tenancy: TENANCY,
        caller: TEAM_A,
        key: KEY,
        request: request(),
        existing: { live: true, tenant: "team-b" },
      }),
    );

    // Assess
    expect(refused.owner).toContain("belongs to another tenant");
  });

  it("refuses a deprovision of another tenant's grant", () => {
    // Act
    const refused = refusals(() =>
      authorize({
        tenancy: TENANCY,
        caller: { principalArn: "arn:aws:iam::111122223333:role/team-b" },
        key: KEY,
        existing: { live: true, tenant: "team-a" },
      }),
    );

    // Assess
    expect(Object.keys(refused).sort()).toEqual(["namespace", "owner"]);
  });

  it("enforces the caps: permissions per grant, and grants per tenant for a new grant only", () => {
    // Prepare
    const three = request({
      permissions: [
        { template: "s3-read", bucket: "team-a-1" },
        { template: "s3-read", bucket: "team-a-2" },
        { template: "s3-read", bucket: "team-a-3" },
      ],
    });

    // Act
    const perGrant = refusals(() =>
      authorize({ tenancy: TENANCY, caller: TEAM_A, key: KEY, request: three }),
    );
    const perTenant = refusals(() =>
      authorize({ tenancy: TENANCY, caller: TEAM_A, key: KEY, request: request(), liveGrantsOfTenant: 3 }),
    );
    const update = authorize({
      tenancy: TENANCY,
      caller: TEAM_A,
      key: KEY,
      request: request(),
      existing: { live: true, tenant: "team-a" },
      liveGrantsOfTenant: 3,
    });

    // Assess
    expect(perGrant.maxPermissionsPerGrant).toContain("at most 2 per grant");
    expect(perTenant.maxGrants).toContain("holds 3 grants, its cap is 3");
    expect(update.name).toBe("team-a");
  });

  it("reads only a well-formed caller from workflow input", () => {
    // Act / Assess
    expect(parseCaller({ principalArn: "arn:aws:iam::111122223333:role/team-a" })).toEqual(TEAM_A);
    for (const bad of [
      undefined,
      null,
      "team-a",
      [],
      {},
      { principalArn: 7 },
      { ...TEAM_A, ticketSource: "x" },
    ]) {
      expect(() => parseCaller(bad)).toThrow(expect.objectContaining({ name: "ForbiddenError" }));
    }
  });
});
