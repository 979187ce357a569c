import { describe, expect, it } from "vitest";
import { diffGrantPolicy, diffPolicies } from "#drift/diff-policy.ts";
import { parsePolicyDocument } from "#policy/canonical.ts";
import { desired, observedInSync } from "./support.ts";

describe("diffGrantPolicy", () => {
  it("sees IAM's URL-encoded grant policy as unchanged", () => {
    // Prepare
    const state = desired();
    const asIamReturnsIt = parsePolicyDocument(encodeURIComponent(JSON.stringify(state.policy.document)));

    // Act
    const diff = diffGrantPolicy(state, asIamReturnsIt);

    // Assess
    expect(diff).toBe("unchanged");
  });

  it("sees a grant policy with its statements reordered and their Sids dropped as unchanged", () => {
    // Prepare
    const state = desired({
      permissions: [
        { template: "s3-read", bucket: "invoices", prefix: "2026/" },
        { template: "s3-write", bucket: "exports" },
      ],
    });
    const reordered = {
      Version: state.policy.document.Version,
      Statement: [...state.policy.document.Statement]
        .reverse()
        .map(({ Sid: _sid, ...statement }) => statement),
    };

    // Act
    const diff = diffGrantPolicy(state, reordered);

    // Assess
    expect(state.policy.document.Statement.length).toBeGreaterThan(1);
    expect(diff).toBe("unchanged");
  });

  it("sees a grant policy rendered for other permissions as changed", () => {
    // Prepare
    const state = desired();
    const other = desired({ permissions: [{ template: "s3-readwrite", bucket: "invoices" }] });

    // Act
    const diff = diffGrantPolicy(state, other.policy.document);

    // Assess
    expect(diff).toBe("changed");
  });

  it("sees no grant policy as missing", () => {
    // Prepare
    const state = desired();

    // Act
    const diff = diffGrantPolicy(state, undefined);

    // Assess
    expect(diff).toBe("missing");
  });
});

describe("diffPolicies", () => {
  it("lists the inline policies of other names and the attached managed policies, not the grant's", () => {
    // Prepare
    const state = desired();
    const { role } = observedInSync(state);
    role.inlinePolicies["debug-access"] = { Version: "2012-10-17", Statement: [] };
    role.attachedPolicies = ["arn:aws:iam::aws:policy/ReadOnlyAccess"];

    // Act
    const diff = diffPolicies(state, role);

    // Assess
    expect(diff).toEqual({
      grantPolicy: "unchanged",
      foreignInlinePolicies: ["debug-access"],
      attachedPolicies: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
    });
  });

  it("sees the grant's policy missing when the role has only others", () => {
    // Prepare
    const state = desired();
    const { role } = observedInSync(state);
    role.inlinePolicies = { "debug-access": structuredClone(state.policy.document) };

    // Act
    const diff = diffPolicies(state, role);

    // Assess
    expect(diff.grantPolicy).toBe("missing");
    expect(diff.foreignInlinePolicies).toEqual(["debug-access"]);
  });
});
