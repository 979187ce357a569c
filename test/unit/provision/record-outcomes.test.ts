import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { record } from "#src/provision/record.ts";
import { silentLog } from "#src/provision/types.ts";
import { desired, OPTIONS } from "./support.ts";

const db = mockClient(DynamoDBDocumentClient);
const EXECUTION = "arn:aws:states:eu-west-1:111122223333:execution:provision:run-1";

function dependencies() {
  const count = vi.fn();
  return {
    count,
    deps: {
      db: DynamoDBDocumentClient.from(new DynamoDBClient({ region: "eu-west-1" })),
      table: "registry",
      now: () => new Date("2026-11-24T00:00:00Z"),
      options: OPTIONS,
      log: silentLog,
      outcomes: { count },
    },
  };
}

function provisioning() {
  const state = desired();
  return {
    grantId: state.identity.grantId,
    cluster: "demo",
    namespace: "payments",
    serviceAccount: "api",
    status: "PROVISIONING",
    identity: state.identity,
    desired: state,
    executionId: EXECUTION,
    createdAt: "2026-11-24T00:00:00.000Z",
    updatedAt: "2026-11-24T00:00:00.000Z",
    version: 1,
  };
}

beforeEach(() => {
  db.reset();
  db.on(GetCommand).resolves({ Item: provisioning() });
  db.on(PutCommand).resolves({});
});

describe("record counts outcomes for metrics", () => {
  it.each([
    ["GrantFailed", undefined],
    ["RollbackIncomplete", { Error: "RetryableError", Cause: "throttled" }],
  ])("counts %s when provisioning fails", async (outcome, rollbackError) => {
    // Prepare
    const { deps, count } = dependencies();

    // Act
    await record(deps, {
      action: "fail-provision",
      grantId: provisioning().grantId,
      executionId: EXECUTION,
      error: { Error: "PermanentError", Cause: "denied" },
      ...(rollbackError ? { rollbackError } : {}),
    });

    // Assess
    expect(count.mock.calls).toEqual([[outcome]]);
  });

  it("counts GrantProvisioned when provisioning completes", async () => {
    // Prepare
    const { deps, count } = dependencies();

    // Act
    await record(deps, {
      action: "complete-provision",
      grantId: provisioning().grantId,
      executionId: EXECUTION,
      roleArn: "arn:aws:iam::111122223333:role/pod-identity/pip-x",
      associationId: "a-0123456789abcdefg",
    });

    // Assess
    expect(count.mock.calls).toEqual([["GrantProvisioned"]]);
  });
});
