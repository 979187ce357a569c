import { readFileSync } from "node:fs";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { record } from "#src/provision/record.ts";
import { silentLog } from "#src/provision/types.ts";
import { parseTenancy } from "#src/tenancy/tenancy.ts";
import { desired, OPTIONS } from "./support.ts";

const TENANCY = parseTenancy(JSON.parse(readFileSync("test/fixtures/tenancy.json", "utf8")));

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
      tenancy: TENANCY,
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

  it("counts an outcome once: a retry that finds it already recorded counts nothing", async () => {
    // Prepare: the first attempt wrote FAILED and its response was lost; the retry reads FAILED.
    const { deps, count } = dependencies();
    db.on(GetCommand).resolves({ Item: { ...provisioning(), status: "FAILED", version: 2 } });

    // Act
    await record(deps, {
      action: "fail-provision",
      grantId: provisioning().grantId,
      executionId: EXECUTION,
      error: { Error: "PermanentError", Cause: "denied" },
    });

    // Assess
    expect(db.commandCalls(PutCommand)).toHaveLength(0);
    expect(count).not.toHaveBeenCalled();
  });

  it("counts nothing when the write of an outcome fails", async () => {
    // Prepare
    const { deps, count } = dependencies();
    db.on(PutCommand).rejects(
      Object.assign(new Error("Internal"), {
        name: "InternalServerError",
        $fault: "server",
        $metadata: { httpStatusCode: 500 },
      }),
    );

    // Act
    const outcome = record(deps, {
      action: "complete-provision",
      grantId: provisioning().grantId,
      executionId: EXECUTION,
      roleArn: "arn:aws:iam::111122223333:role/pod-identity/pip-x",
      associationId: "a-0123456789abcdefg",
    });

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: "RetryableError" });
    expect(count).not.toHaveBeenCalled();
  });
});
