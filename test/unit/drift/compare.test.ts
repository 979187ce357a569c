import { describe, expect, it } from "vitest";
import { compareGrant } from "#drift/compare.ts";
import { MANAGED } from "#src/constants.ts";
import { ASSOCIATION_ID, CHAINED, desired, observedInSync } from "./support.ts";

const kinds = (findings: Array<{ kind: string }>) => findings.map((finding) => finding.kind);

describe("compareGrant", () => {
  it("finds nothing when AWS has exactly what the grant defines", () => {
    // Prepare
    const state = desired(CHAINED);
    const observed = observedInSync(state);

    // Act
    const findings = compareGrant(state, observed);

    // Assess
    expect(findings).toEqual([]);
  });

  it("reports a role that does not exist (and its policies are not compared)", () => {
    // Prepare
    const state = desired();
    const { association } = observedInSync(state);

    // Act
    const findings = compareGrant(state, { association });

    // Assess
    expect(findings).toEqual([
      { kind: "role-missing", detail: `Role ${state.identity.roleName} does not exist` },
    ]);
  });

  it("reports a role of the grant's name at another path as not the grant's", () => {
    // Prepare
    const state = desired();
    const observed = observedInSync(state);
    observed.role.path = "/";

    // Act
    const findings = compareGrant(state, observed);

    // Assess
    expect(findings).toEqual([
      {
        kind: "role-not-owned",
        detail: expect.stringContaining(`Role ${state.identity.roleName} (path /) is not this grant's`),
      },
    ]);
  });

  it("reports a role that lost this stage's owner tag as not the grant's, and the tag as missing", () => {
    // Prepare
    const state = desired();
    const observed = observedInSync(state);
    delete observed.role.tags[MANAGED.ownerTagKey];

    // Act
    const findings = compareGrant(state, observed);

    // Assess
    expect(kinds(findings)).toEqual(["role-not-owned", "role-tags-changed"]);
    expect(findings[1]?.detail).toBe(`Role tags missing or changed: ${MANAGED.ownerTagKey}`);
  });

  it("reports a trust policy widened to another account", () => {
    // Prepare
    const state = desired();
    const observed = observedInSync(state);
    observed.role.trustPolicy.Statement.push({
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::999988887777:root" },
      Action: "sts:AssumeRole",
    });

    // Act
    const findings = compareGrant(state, observed);

    // Assess
    expect(findings).toEqual([
      { kind: "trust-policy-changed", detail: "The role's trust policy is not the one the grant defines" },
    ]);
  });

  it("reports a permissions boundary that was removed", () => {
    // Prepare
    const state = desired();
    const observed = observedInSync(state);
    delete observed.role.boundaryArn;

    // Act
    const findings = compareGrant(state, observed);

    // Assess
    expect(findings).toEqual([
      {
        kind: "boundary-changed",
        detail: `Permissions boundary is absent, expected ${state.role.boundaryArn}`,
      },
    ]);
  });

  it("reports a description edited by hand", () => {
    // Prepare
    const state = desired();
    const observed = observedInSync(state);
    observed.role.description = "temporary admin role, do not delete";

    // Act
    const findings = compareGrant(state, observed);

    // Assess
    expect(findings).toEqual([
      {
        kind: "role-description-changed",
        detail: `Description is "temporary admin role, do not delete", expected ${JSON.stringify(state.role.description)}`,
      },
    ]);
  });

  it("reports a role's tag changed and one added by hand, but not AWS's own tags", () => {
    // Prepare
    const state = desired();
    const observed = observedInSync(state);
    observed.role.tags.ticket = "OPS-9999";
    observed.role.tags["added-by-hand"] = "yes";
    observed.role.tags["aws:cloudformation:stack-name"] = "other";

    // Act
    const findings = compareGrant(state, observed);

    // Assess
    expect(findings).toEqual([
      {
        kind: "role-tags-changed",
        detail: "Role tags missing or changed: ticket; not the grant's: added-by-hand",
      },
    ]);
  });

  it("reports the grant's inline policy widened by hand", () => {
    // Prepare
    const state = desired();
    const observed = observedInSync(state);
    observed.role.inlinePolicies[state.policy.name]?.Statement.push({
      Sid: "Hotfix",
      Effect: "Allow",
      Action: "s3:*",
      Resource: "*",
    });

    // Act
    const findings = compareGrant(state, observed);

    // Assess
    expect(findings).toEqual([
      {
        kind: "grant-policy-changed",
        detail: `Inline policy ${state.policy.name} differs from the catalog rendering`,
      },
    ]);
  });

  it("reports the grant's inline policy deleted", () => {
    // Prepare
    const state = desired();
    const observed = observedInSync(state);
    observed.role.inlinePolicies = {};

    // Act
    const findings = compareGrant(state, observed);

    // Assess
    expect(findings).toEqual([
      { kind: "grant-policy-changed", detail: `Inline policy ${state.policy.name} is missing` },
    ]);
  });

  it("reports an inline policy added beside the grant's", () => {
    // Prepare
    const state = desired();
    const observed = observedInSync(state);
    observed.role.inlinePolicies["debug-access"] = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: "*" }],
    };

    // Act
    const findings = compareGrant(state, observed);

    // Assess
    expect(findings).toEqual([
      {
        kind: "foreign-inline-policy",
        detail: "Inline policy debug-access was added outside the provisioner",
      },
    ]);
  });

  it("reports a managed policy attached to the role", () => {
    // Prepare
    const state = desired();
    const observed = observedInSync(state);
    observed.role.attachedPolicies = ["arn:aws:iam::aws:policy/AdministratorAccess"];

    // Act
    const findings = compareGrant(state, observed);

    // Assess
    expect(findings).toEqual([
      {
        kind: "managed-policy-attached",
        detail: "Managed policy arn:aws:iam::aws:policy/AdministratorAccess is attached",
      },
    ]);
  });

  it("reports an association that does not exist", () => {
    // Prepare
    const state = desired();
    const { role } = observedInSync(state);

    // Act
    const findings = compareGrant(state, { role });

    // Assess
    expect(findings).toEqual([
      { kind: "association-missing", detail: "The Pod Identity association does not exist" },
    ]);
  });

  it("reports an association pointed at another role, and nothing else about it", () => {
    // Prepare
    const state = desired();
    const observed = observedInSync(state);
    observed.association.roleArn = "arn:aws:iam::111122223333:role/hand-made";
    observed.association.disableSessionTags = true;

    // Act
    const findings = compareGrant(state, observed);

    // Assess
    expect(findings).toEqual([
      {
        kind: "association-role-changed",
        detail: `Association ${ASSOCIATION_ID} points at arn:aws:iam::111122223333:role/hand-made`,
      },
    ]);
  });

  it("reports an association of the grant's role tagged for another stage as not the grant's", () => {
    // Prepare
    const state = desired();
    const observed = observedInSync(state);
    observed.association.tags[MANAGED.ownerTagKey] = "pod-identity-provisioner-prod";

    // Act
    const findings = compareGrant(state, observed);

    // Assess
    expect(kinds(findings)).toEqual(["association-not-owned", "association-tags-changed"]);
    expect(findings[0]?.detail).toContain(
      `Association ${ASSOCIATION_ID} does not carry this stage's ownership tags`,
    );
  });

  it("reports session tags disabled and the session policy changed on the association", () => {
    // Prepare
    const state = desired(CHAINED);
    const observed = observedInSync(state);
    observed.association.disableSessionTags = false;
    observed.association.sessionPolicy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
    });

    // Act
    const findings = compareGrant(state, observed);

    // Assess
    expect(findings).toEqual([
      {
        kind: "association-settings-changed",
        detail: `Association ${ASSOCIATION_ID} differs in session tags, session policy`,
      },
    ]);
  });

  it("reports an association that lost the grant's ticket tag", () => {
    // Prepare
    const state = desired();
    const observed = observedInSync(state);
    delete observed.association.tags.ticket;

    // Act
    const findings = compareGrant(state, observed);

    // Assess
    expect(findings).toEqual([
      {
        kind: "association-tags-changed",
        detail: `Association ${ASSOCIATION_ID} tags missing or changed: ticket`,
      },
    ]);
  });
});
