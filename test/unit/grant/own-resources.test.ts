import { describe, expect, it } from "vitest";
import { assertNotOwnResources } from "#grant/own-resources.ts";
import type { GrantRequest } from "#grant/request.ts";

const PREFIX = "pod-identity-provisioner-dev";

function request(changes: Partial<GrantRequest>): GrantRequest {
  return {
    cluster: "demo",
    namespace: "payments",
    serviceAccount: "api",
    permissions: [{ template: "s3-read", bucket: "invoices" }],
    ...changes,
  } as GrantRequest;
}

describe("assertNotOwnResources", () => {
  it("refuses the registry table and every other resource named with the stack prefix, naming each field", () => {
    // Prepare
    const attack = request({
      permissions: [
        { template: "dynamodb-crud", table: `${PREFIX}-registry` },
        { template: "sqs-send", queue: `${PREFIX}-findings` },
        { template: "ssm-parameters-read", path: `/${PREFIX}/config` },
        { template: "secretsmanager-read", secret: `${PREFIX}/token` },
        { template: "sns-publish", topic: PREFIX.toUpperCase() },
      ],
      targetRoleArn: `arn:aws:iam::111122223333:role/${PREFIX}-RecordFunctionRole-ABC`,
    });

    // Act / Assess
    expect(() => assertNotOwnResources(attack, PREFIX)).toThrow(
      expect.objectContaining({
        name: "ValidationError",
        problems: [0, 1, 2, 3, 4]
          .map((i) =>
            expect.objectContaining({
              field: expect.stringMatching(new RegExp(`^permissions\\[${i}\\]\\.`)),
            }),
          )
          .concat(
            expect.objectContaining({
              field: "targetRoleArn",
              reason: expect.stringContaining("own resources"),
            }),
          ),
      }),
    );
  });

  it("allows names that only resemble the prefix", () => {
    // Prepare
    const fine = request({
      permissions: [
        { template: "dynamodb-crud", table: "pod-identity-provisioner-devices" },
        { template: "dynamodb-read", table: "payments-registry" },
      ],
    });

    // Act / Assess
    expect(() => assertNotOwnResources(fine, PREFIX)).not.toThrow();
  });
});
