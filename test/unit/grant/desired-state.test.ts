import { describe, expect, it } from "vitest";
import { desiredState } from "#grant/desired-state.ts";
import { parseGrantRequest } from "#grant/request.ts";

const OPTIONS = {
  partition: "aws",
  account: "111122223333",
  region: "eu-west-1",
  stackPrefix: "pod-identity-provisioner-dev",
  trustSourceConditions: false,
};

const withSessionPolicy = (sessionPolicy: unknown) =>
  desiredState(
    parseGrantRequest({
      cluster: "demo",
      namespace: "payments",
      serviceAccount: "api",
      permissions: [{ template: "s3-read", bucket: "invoices" }],
      disableSessionTags: true,
      sessionPolicy,
    }),
    OPTIONS,
    "platform",
  );

describe("desiredStateHash", () => {
  it("hashes two session policies that differ only in form alike, and different ones apart", () => {
    // Prepare
    const statement = { Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: "*" };
    const reordered = { Resource: ["*"], Action: ["s3:ListBucket", "s3:GetObject"], Effect: "Allow" };

    // Act
    const a = withSessionPolicy({ Version: "2012-10-17", Statement: [statement] });
    const b = withSessionPolicy({ Version: "2012-10-17", Statement: [reordered] });
    const c = withSessionPolicy({ Version: "2012-10-17", Statement: [{ ...statement, Effect: "Deny" }] });

    // Assess
    expect(a.association.sessionPolicy).not.toBe(b.association.sessionPolicy);
    expect(a.hash).toBe(b.hash);
    expect(c.hash).not.toBe(a.hash);
  });
});
