import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { GrantRecord } from "#grant/lifecycle.ts";
import type { BeginProvisionOutput, RecordInput, RecordSummary } from "#src/provision/record.ts";
import { desired, grantRequest, lambdaContext, OPTIONS, sdkError } from "./support.ts";

vi.hoisted(() => {
  vi.stubEnv("POWERTOOLS_LOG_LEVEL", "SILENT");
});

const db = mockClient(DynamoDBDocumentClient);
const TABLE = "pod-identity-grants";
const EXECUTION = "arn:aws:states:eu-west-1:111122223333:execution:provision:run-1";
const OTHER_EXECUTION = "arn:aws:states:eu-west-1:111122223333:execution:provision:run-0";
const GRANT_ID = "demo/payments/api";

type Handler = (input: RecordInput, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;
let handler: Handler;

beforeAll(async () => {
  // functions/record.ts reads its configuration when it is imported.
  vi.stubEnv("ACCOUNT_ID", OPTIONS.account);
  vi.stubEnv("PARTITION", OPTIONS.partition);
  vi.stubEnv("AWS_REGION", OPTIONS.region);
  vi.stubEnv("BOUNDARY_POLICY_ARN", OPTIONS.boundaryPolicyArn);
  vi.stubEnv("REGISTRY_TABLE", TABLE);
  ({ handler } = (await import("../../../functions/record.ts")) as unknown as { handler: Handler });
});

beforeEach(() => {
  db.reset();
});

/** A record as the registry would hold it for the default grant. */
function stored(changes: Partial<GrantRecord> = {}): GrantRecord {
  const state = desired();
  return {
    grantId: GRANT_ID,
    cluster: "demo",
    namespace: "payments",
    serviceAccount: "api",
    status: "ACTIVE",
    identity: state.identity,
    desired: state,
    roleArn: state.identity.roleArn,
    associationId: "a-0123456789abcdef0",
    policyHash: state.hash,
    pinned: true,
    executionId: OTHER_EXECUTION,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    version: 2,
    ...changes,
  };
}

const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: "The conditional request failed", $metadata: {} });

describe("record: begin-provision", () => {
  it("rejects an invalid request with a ValidationError before any registry call", async () => {
    // Prepare
    const input: RecordInput = {
      action: "begin-provision",
      request: grantRequest({ namespace: "Payments" }),
      executionId: EXECUTION,
    };

    // Act
    const outcome = handler(input, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({
      name: "ValidationError",
      problems: [{ field: "namespace", reason: expect.stringContaining("DNS-1123 label") }],
    });
    expect(db.calls()).toHaveLength(0);
  });

  it("records a first provisioning only if no record exists, and returns the desired state", async () => {
    // Prepare
    db.on(GetCommand).resolves({});
    db.on(PutCommand).resolves({});
    const input: RecordInput = { action: "begin-provision", request: grantRequest(), executionId: EXECUTION };

    // Act
    const output = (await handler(input, lambdaContext())) as BeginProvisionOutput;

    // Assess
    expect(output).toEqual({ grantId: GRANT_ID, desired: desired(), roleExpected: false });
    expect(db.commandCalls(GetCommand).map((c) => c.args[0].input)).toEqual([
      { TableName: TABLE, Key: { grantId: GRANT_ID }, ConsistentRead: true },
    ]);
    const puts = db.commandCalls(PutCommand).map((c) => c.args[0].input);
    expect(puts).toHaveLength(1);
    expect(puts[0]).toMatchObject({
      TableName: TABLE,
      ConditionExpression: "attribute_not_exists(grantId)",
      Item: { grantId: GRANT_ID, status: "PROVISIONING", executionId: EXECUTION, version: 1 },
    });
  });

  it("re-reads after a conditional-check failure and decides again on what it finds", async () => {
    // Prepare: another writer made the grant ACTIVE between our read and our write.
    const active = stored({ version: 7 });
    db.on(GetCommand).resolvesOnce({}).resolves({ Item: active });
    db.on(PutCommand).rejectsOnce(conditionFailed()).resolves({});
    const input: RecordInput = {
      action: "begin-provision",
      request: grantRequest({ permissions: [{ template: "s3-write", bucket: "invoices" }] }),
      executionId: EXECUTION,
    };

    // Act
    const output = (await handler(input, lambdaContext())) as BeginProvisionOutput;

    // Assess
    expect(db.commandCalls(GetCommand)).toHaveLength(2);
    const puts = db.commandCalls(PutCommand).map((c) => c.args[0].input);
    expect(puts).toHaveLength(2);
    expect(puts[0]?.ConditionExpression).toBe("attribute_not_exists(grantId)");
    expect(puts[1]).toMatchObject({
      ConditionExpression: "version = :version",
      ExpressionAttributeValues: { ":version": 7 },
      Item: { status: "PROVISIONING", version: 8, executionId: EXECUTION },
    });
    expect(output.previous).toEqual(active.desired);
    expect(output.roleExpected).toBe(true);
  });

  it("returns the stored desired state, without writing, when the same execution retries", async () => {
    // Prepare
    const inFlight = stored({ status: "PROVISIONING", executionId: EXECUTION, version: 3 });
    db.on(GetCommand).resolves({ Item: inFlight });
    const input: RecordInput = { action: "begin-provision", request: grantRequest(), executionId: EXECUTION };

    // Act
    const output = (await handler(input, lambdaContext())) as BeginProvisionOutput;

    // Assess
    expect(output).toEqual({ grantId: GRANT_ID, desired: inFlight.desired, roleExpected: false });
    expect(db.commandCalls(PutCommand)).toHaveLength(0);
  });

  it("refuses with a ConflictError while another execution holds the grant", async () => {
    // Prepare
    db.on(GetCommand).resolves({
      Item: stored({
        status: "PROVISIONING",
        executionId: OTHER_EXECUTION,
        lockExpiresAt: new Date(Date.now() + 30 * 60_000).toISOString(),
      }),
    });
    const input: RecordInput = { action: "begin-provision", request: grantRequest(), executionId: EXECUTION };

    // Act
    const outcome = handler(input, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({
      name: "ConflictError",
      message: expect.stringContaining(OTHER_EXECUTION),
    });
    expect(db.commandCalls(PutCommand)).toHaveLength(0);
  });

  it("gives up with a RetryableError when the record keeps changing", async () => {
    // Prepare
    db.on(GetCommand).resolves({});
    db.on(PutCommand).rejects(conditionFailed());
    const input: RecordInput = { action: "begin-provision", request: grantRequest(), executionId: EXECUTION };

    // Act
    const outcome = handler(input, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: "RetryableError" });
    expect(db.commandCalls(PutCommand)).toHaveLength(3);
  });

  it("surfaces DynamoDB throttling as a RetryableError", async () => {
    // Prepare
    db.on(GetCommand).rejects(sdkError("ProvisionedThroughputExceededException", "Throughput exceeded"));
    const input: RecordInput = { action: "begin-provision", request: grantRequest(), executionId: EXECUTION };

    // Act
    const outcome = handler(input, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: "RetryableError" });
  });
});

describe("record: complete and fail", () => {
  it("completes a provisioning: ACTIVE with the role and association, conditioned on the version read", async () => {
    // Prepare
    const inFlight = stored({
      status: "PROVISIONING",
      executionId: EXECUTION,
      roleArn: undefined,
      associationId: undefined,
      version: 1,
    });
    db.on(GetCommand).resolves({ Item: inFlight });
    const input: RecordInput = {
      action: "complete-provision",
      grantId: GRANT_ID,
      executionId: EXECUTION,
      roleArn: inFlight.identity.roleArn,
      associationId: "a-0123456789abcdef0",
    };

    // Act
    const summary = (await handler(input, lambdaContext())) as RecordSummary;

    // Assess
    expect(summary).toEqual({ grantId: GRANT_ID, status: "ACTIVE", version: 2 });
    expect(db.commandCalls(PutCommand).map((c) => c.args[0].input)).toEqual([
      expect.objectContaining({
        ConditionExpression: "version = :version",
        ExpressionAttributeValues: { ":version": 1 },
        Item: expect.objectContaining({
          status: "ACTIVE",
          roleArn: inFlight.identity.roleArn,
          associationId: "a-0123456789abcdef0",
        }),
      }),
    ]);
  });

  it("records a failure with the error message from the Lambda error's Cause", async () => {
    // Prepare
    db.on(GetCommand).resolves({
      Item: stored({ status: "PROVISIONING", executionId: EXECUTION, previous: undefined, version: 1 }),
    });
    const input: RecordInput = {
      action: "fail-provision",
      grantId: GRANT_ID,
      executionId: EXECUTION,
      error: {
        Error: "PermanentError",
        Cause: JSON.stringify({ errorType: "PermanentError", errorMessage: "Role exists and is foreign" }),
      },
    };

    // Act
    const summary = (await handler(input, lambdaContext())) as RecordSummary;

    // Assess
    expect(summary.status).toBe("FAILED");
    const item = db.commandCalls(PutCommand)[0]?.args[0].input.Item as GrantRecord;
    expect(item.lastError).toMatchObject({
      cause: "PermanentError: Role exists and is foreign",
      executionId: EXECUTION,
      operation: "provision",
    });
  });

  it("refuses to complete for an execution that no longer owns the record", async () => {
    // Prepare
    db.on(GetCommand).resolves({ Item: stored({ status: "PROVISIONING", executionId: OTHER_EXECUTION }) });
    const input: RecordInput = {
      action: "complete-provision",
      grantId: GRANT_ID,
      executionId: EXECUTION,
      roleArn: "arn:aws:iam::111122223333:role/pod-identity/x",
      associationId: "a-1",
    };

    // Act
    const outcome = handler(input, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: "ConflictError" });
    expect(db.commandCalls(PutCommand)).toHaveLength(0);
  });
});

describe("record: deprovision", () => {
  it("begins a deprovisioning and returns the stored identity", async () => {
    // Prepare
    const active = stored({ version: 4 });
    db.on(GetCommand).resolves({ Item: active });
    const input: RecordInput = {
      action: "begin-deprovision",
      cluster: "demo",
      namespace: "payments",
      serviceAccount: "api",
      executionId: EXECUTION,
    };

    // Act
    const output = await handler(input, lambdaContext());

    // Assess
    expect(output).toEqual({ identity: active.identity });
    expect(db.commandCalls(PutCommand)[0]?.args[0].input).toMatchObject({
      ConditionExpression: "version = :version",
      ExpressionAttributeValues: { ":version": 4 },
      Item: { status: "DELETING", executionId: EXECUTION, version: 5 },
    });
  });
});
