import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { desiredState } from "#grant/desired-state.ts";
import type { GrantRecord } from "#grant/lifecycle.ts";
import { parseGrantRequest } from "#grant/request.ts";
import type { BeginProvisionOutput, RecordInput, RecordSummary } from "#src/provision/record.ts";
import { CALLER, desired, grantRequest, lambdaContext, OPTIONS, sdkError } from "./support.ts";

vi.hoisted(() => {
  vi.stubEnv("POWERTOOLS_LOG_LEVEL", "SILENT");
});

const db = mockClient(DynamoDBDocumentClient);
// The record step announces outcomes on the bus (src/aws/events.ts).
const events = mockClient(EventBridgeClient);
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
  vi.stubEnv("STACK_PREFIX", OPTIONS.stackPrefix);
  vi.stubEnv("TENANCY_FILE", "test/fixtures/tenancy.json");
  vi.stubEnv("REGISTRY_TABLE", TABLE);
  ({ handler } = (await import("../../../functions/record.ts")) as unknown as { handler: Handler });
});

/** The record the fake registry holds: Get answers it, and a conditional Put honours it as DynamoDB does. */
let held: GrantRecord | undefined;
/** Puts the fake registry accepted (a conditional Put refused by DynamoDB writes nothing). */
let writes = 0;

function hold(record: GrantRecord | undefined): void {
  held = record;
  db.on(GetCommand).callsFake(() => (held ? { Item: held } : {}));
}

beforeEach(() => {
  db.reset();
  events.reset();
  events.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: "e-1" }] });
  writes = 0;
  hold(undefined);
  db.on(PutCommand).callsFake(
    (input: {
      ConditionExpression?: string;
      ExpressionAttributeValues?: Record<string, unknown>;
      Item: GrantRecord;
    }) => {
      const absentRequired = input.ConditionExpression === "attribute_not_exists(grantId)";
      if (
        absentRequired ? held !== undefined : held?.version !== input.ExpressionAttributeValues?.[":version"]
      )
        throw conditionFailed();
      held = input.Item;
      writes++;
      return {};
    },
  );
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
      input: { request: grantRequest({ namespace: "Payments" }), caller: CALLER },
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

  it("records a first provisioning with one conditional write and no read, and returns the desired state", async () => {
    // Prepare
    hold(undefined);
    const input: RecordInput = {
      action: "begin-provision",
      input: { request: grantRequest(), caller: CALLER },
      executionId: EXECUTION,
    };

    // Act
    const output = (await handler(input, lambdaContext())) as BeginProvisionOutput;

    // Assess
    expect(output).toEqual({ grantId: GRANT_ID, record: held, desired: desired(), roleExpected: false });
    expect(db.commandCalls(GetCommand)).toHaveLength(0);
    const puts = db.commandCalls(PutCommand).map((c) => c.args[0].input);
    expect(puts).toHaveLength(1);
    expect(puts[0]).toMatchObject({
      TableName: TABLE,
      ConditionExpression: "attribute_not_exists(grantId)",
      Item: { grantId: GRANT_ID, status: "PROVISIONING", executionId: EXECUTION, version: 1 },
    });
  });

  it("assumes a new grant, and when the conditional write finds a record, reads it and decides again", async () => {
    // Prepare: the grant is ACTIVE (an update).
    const active = stored({ version: 7 });
    hold(active);
    const input: RecordInput = {
      action: "begin-provision",
      input: {
        request: grantRequest({ permissions: [{ template: "s3-write", bucket: "invoices" }] }),
        caller: CALLER,
      },
      executionId: EXECUTION,
    };

    // Act
    const output = (await handler(input, lambdaContext())) as BeginProvisionOutput;

    // Assess
    expect(db.commandCalls(GetCommand)).toHaveLength(1);
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

  it("returns the desired state of its own input, without writing, when the same execution retries", async () => {
    // Prepare
    const inFlight = stored({ status: "PROVISIONING", executionId: EXECUTION, version: 3 });
    hold(inFlight);
    const input: RecordInput = {
      action: "begin-provision",
      input: { request: grantRequest(), caller: CALLER },
      executionId: EXECUTION,
    };

    // Act
    const output = (await handler(input, lambdaContext())) as BeginProvisionOutput;

    // Assess
    expect(output).toEqual({
      grantId: GRANT_ID,
      record: inFlight,
      desired: inFlight.desired,
      roleExpected: false,
    });
    expect(writes).toBe(0);
  });

  it("refuses with a ConflictError while another execution holds the grant", async () => {
    // Prepare
    hold(
      stored({
        status: "PROVISIONING",
        executionId: OTHER_EXECUTION,
        lockExpiresAt: new Date(Date.now() + 30 * 60_000).toISOString(),
      }),
    );
    const input: RecordInput = {
      action: "begin-provision",
      input: { request: grantRequest(), caller: CALLER },
      executionId: EXECUTION,
    };

    // Act
    const outcome = handler(input, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({
      name: "ConflictError",
      message: expect.stringContaining(OTHER_EXECUTION),
    });
    expect(writes).toBe(0);
  });

  it("gives up with a RetryableError when the record keeps changing", async () => {
    // Prepare
    hold(undefined);
    db.on(PutCommand).rejects(conditionFailed());
    const input: RecordInput = {
      action: "begin-provision",
      input: { request: grantRequest(), caller: CALLER },
      executionId: EXECUTION,
    };

    // Act
    const outcome = handler(input, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: "RetryableError" });
    // The assumed-new write, then three read-decide-writes.
    expect(db.commandCalls(PutCommand)).toHaveLength(4);
  });

  it("surfaces DynamoDB throttling as a ThrottledError (the workflow waits its turn)", async () => {
    // Prepare
    db.on(PutCommand).rejects(sdkError("ProvisionedThroughputExceededException", "Throughput exceeded"));
    const input: RecordInput = {
      action: "begin-provision",
      input: { request: grantRequest(), caller: CALLER },
      executionId: EXECUTION,
    };

    // Act
    const outcome = handler(input, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: "ThrottledError" });
  });
});

describe("record: the registry is a record, not an authority", () => {
  const TEAM_A = { principalArn: "arn:aws:iam::111122223333:role/team-a" };
  const teamAKey = { cluster: "demo", namespace: "team-a", serviceAccount: "api" };
  const teamAState = (permissions: unknown[]) =>
    desiredState(parseGrantRequest({ ...teamAKey, permissions }), OPTIONS, "team-a");

  it("refuses an unknown caller before any registry call", async () => {
    // Prepare
    const input: RecordInput = {
      action: "begin-provision",
      input: { request: grantRequest(), caller: { principalArn: "arn:aws:iam::111122223333:role/intruder" } },
      executionId: EXECUTION,
    };

    // Act
    const outcome = handler(input, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({
      name: "ForbiddenError",
      message: expect.stringContaining("role/intruder is not listed by any tenant"),
    });
    expect(db.calls()).toHaveLength(0);
  });

  it("restores only a re-derived state: a stored request the tenant may not hold refuses the update", async () => {
    // Prepare: the record says the grant reads another team's bucket; team A asks for an update.
    const forged = teamAState([{ template: "s3-read", bucket: "team-a-reports" }]);
    const tampered = {
      ...forged,
      request: {
        ...forged.request,
        permissions: [{ template: "s3-read" as const, bucket: "team-b-payroll" }],
      },
    };
    hold(
      stored({
        ...teamAKey,
        grantId: forged.identity.grantId,
        identity: forged.identity,
        desired: tampered,
        tenant: "team-a",
      }),
    );
    db.on(QueryCommand).resolves({ Count: 1 });
    const input: RecordInput = {
      action: "begin-provision",
      input: {
        request: { ...teamAKey, permissions: [{ template: "s3-read", bucket: "team-a-new" }] },
        caller: TEAM_A,
      },
      executionId: EXECUTION,
    };

    // Act
    const outcome = handler(input, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({
      name: "PermanentError",
      message: expect.stringContaining("team-b-payroll"),
    });
    expect(writes).toBe(0);
  });

  it("never applies stored rendered documents: the previous state is rendered again from its request", async () => {
    // Prepare: a stored trust policy for another account, and a wide inline policy.
    const real = desired();
    const forgedDocuments = {
      ...real,
      role: {
        ...real.role,
        trustPolicy: {
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { AWS: "arn:aws:iam::999988887777:root" },
              Action: "sts:AssumeRole",
            },
          ],
        },
      },
      policy: {
        ...real.policy,
        document: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" }],
        },
      },
    };
    hold(stored({ desired: forgedDocuments as typeof real }));
    const input: RecordInput = {
      action: "begin-provision",
      input: { request: grantRequest({ ticket: "OPS-2" }), caller: CALLER },
      executionId: EXECUTION,
    };

    // Act
    const output = (await handler(input, lambdaContext())) as BeginProvisionOutput;

    // Assess
    expect(output.previous).toEqual(real);
    expect(JSON.stringify(output)).not.toContain("999988887777");
    expect(JSON.stringify(output)).not.toContain("GetSecretValue");
  });

  it("refuses and reports a record whose identity names another grant's role", async () => {
    // Prepare
    const other = desired({ namespace: "search" });
    hold(stored({ identity: other.identity }));
    const input: RecordInput = {
      action: "begin-deprovision",
      input: { cluster: "demo", namespace: "payments", serviceAccount: "api", caller: CALLER },
      executionId: EXECUTION,
    };

    // Act
    const outcome = handler(input, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({
      name: "PermanentError",
      message: expect.stringMatching(
        /disagrees with its key \(identity names other resources \(grantId, namespace, roleName, roleArn\)\)/,
      ),
    });
    expect(writes).toBe(0);
  });

  it("refuses a record begun for this execution with another request (written before the execution ran)", async () => {
    // Prepare
    const planted = desired({ permissions: [{ template: "s3-readwrite", bucket: "payroll" }] });
    hold(stored({ status: "PROVISIONING", executionId: EXECUTION, desired: planted, version: 1 }));
    const input: RecordInput = {
      action: "begin-provision",
      input: { request: grantRequest(), caller: CALLER },
      executionId: EXECUTION,
    };

    // Act
    const outcome = handler(input, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({
      name: "PermanentError",
      message: expect.stringContaining("began it with another request"),
    });
    expect(writes).toBe(0);
  });

  it("refuses another tenant's grant, for an update and for a deprovision", async () => {
    // Prepare: team A's grant; team B asks (its namespaces are team-b*, so namespace refuses too).
    const teamA = teamAState([{ template: "s3-read", bucket: "team-a-reports" }]);
    hold(
      stored({
        ...teamAKey,
        grantId: teamA.identity.grantId,
        identity: teamA.identity,
        desired: teamA,
        tenant: "team-a",
      }),
    );
    const teamB = { principalArn: "arn:aws:iam::111122223333:role/team-b" };

    // Act
    const update = handler(
      {
        action: "begin-provision",
        input: {
          request: { ...teamAKey, permissions: [{ template: "s3-read", bucket: "team-b-x" }] },
          caller: teamB,
        },
        executionId: EXECUTION,
      },
      lambdaContext(),
    );
    const removal = handler(
      { action: "begin-deprovision", input: { ...teamAKey, caller: teamB }, executionId: EXECUTION },
      lambdaContext(),
    );

    // Assess
    await expect(update).rejects.toMatchObject({
      name: "ForbiddenError",
      message: expect.stringContaining("owner: the grant belongs to another tenant"),
    });
    await expect(removal).rejects.toMatchObject({
      name: "ForbiddenError",
      message: expect.stringContaining("namespace: 'team-a' is not one of tenant team-b's namespaces"),
    });
    expect(writes).toBe(0);
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
    hold(inFlight);
    const input: RecordInput = {
      action: "complete-provision",
      grantId: GRANT_ID,
      executionId: EXECUTION,
      roleArn: inFlight.identity.roleArn,
      associationId: "a-0123456789abcdef0",
      associationAction: "created",
    };

    // Act
    const summary = (await handler(input, lambdaContext())) as RecordSummary;
    const announced = events.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries?.[0]);
    expect(announced).toEqual([
      expect.objectContaining({
        EventBusName: "pod-identity-provisioner-dev",
        Source: "pod-identity-provisioner",
        DetailType: "Grant Provisioned",
      }),
    ]);
    expect(JSON.parse(announced[0]?.Detail ?? "{}")).toMatchObject({
      grantId: GRANT_ID,
      roleArn: inFlight.identity.roleArn,
      associationId: "a-0123456789abcdef0",
      restartRequired: true,
      operation: "provision",
      executionArn: EXECUTION,
    });

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
    hold(stored({ status: "PROVISIONING", executionId: EXECUTION, previous: undefined, version: 1 }));
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
    const [entry] = events.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries?.[0]);
    expect(entry?.DetailType).toBe("Grant Failed");
    const detail = JSON.parse(entry?.Detail ?? "{}");
    expect(detail).toMatchObject({
      grantId: GRANT_ID,
      error: { code: "PermanentError", message: "PermanentError: Role exists and is foreign" },
      restartRequired: false,
    });
    // A first provisioning that failed has nothing left to name.
    expect(detail.roleArn).toBeUndefined();
  });

  it("announces a refused request as Grant Failed without writing the registry", async () => {
    const input: RecordInput = {
      action: "reject-provision",
      input: {
        request: { cluster: "demo", namespace: "payments", serviceAccount: "api", ticket: "T-1" },
        caller: { ticketSource: "tickets.payments" },
      },
      executionId: EXECUTION,
      error: {
        Error: "ForbiddenError",
        Cause: JSON.stringify({ errorType: "ForbiddenError", errorMessage: "namespace: not yours" }),
      },
    };

    await handler(input, lambdaContext());

    expect(db.commandCalls(PutCommand)).toHaveLength(0);
    const [entry] = events.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries?.[0]);
    expect(entry?.DetailType).toBe("Grant Failed");
    expect(JSON.parse(entry?.Detail ?? "{}")).toEqual({
      grantId: "demo/payments/api",
      cluster: "demo",
      namespace: "payments",
      serviceAccount: "api",
      ticket: "T-1",
      caller: "ticket source tickets.payments",
      restartRequired: false,
      executionArn: EXECUTION,
      operation: "provision",
      error: { code: "ForbiddenError", message: "ForbiddenError: namespace: not yours" },
    });
  });

  it("refuses to complete for an execution that no longer owns the record", async () => {
    // Prepare
    hold(stored({ status: "PROVISIONING", executionId: OTHER_EXECUTION }));
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
    expect(writes).toBe(0);
  });
});

describe("record: deprovision", () => {
  it("begins a deprovisioning and returns the identity derived from the key", async () => {
    // Prepare
    const active = stored({ version: 4 });
    hold(active);
    const input: RecordInput = {
      action: "begin-deprovision",
      input: { cluster: "demo", namespace: "payments", serviceAccount: "api", caller: CALLER },
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
