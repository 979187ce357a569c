import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { StartExecutionCommand } from "@aws-sdk/client-sfn";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../../sandbox/sandbox.ts";
import {
  CALLERS,
  inconsistencies,
  inventory,
  person,
  provision,
  startTestSandbox,
} from "../support/sandbox.ts";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

const request = (serviceAccount: string, bucket = "invoices") => ({
  cluster: "demo",
  namespace: "retries",
  serviceAccount,
  permissions: [{ template: "s3-read", bucket }],
});

const countOf = (operation: string, serviceAccount: string) =>
  sandbox.apiCalls.filter(
    (c) =>
      c.eventName === operation &&
      !c.errorCode &&
      JSON.stringify(c.requestParameters).includes(serviceAccount),
  ).length;

describe("retries, duplicates and races", () => {
  it.each([["iam:CreateRole"], ["iam:PutRolePolicy"], ["eks:CreatePodIdentityAssociation"]])(
    "converges when %s succeeded but its response was lost: one role, one policy, one association",
    async (operation) => {
      // Prepare: AWS does the work, the caller sees a 500, two times in a row
      const serviceAccount = `lost-${operation.split(":")[1]?.toLowerCase()}`;
      sandbox.faults.failOperation(
        operation,
        {
          code: operation.startsWith("eks") ? "ServerException" : "ServiceFailure",
          message: "lost response",
          status: 500,
        },
        { times: 2, afterServing: true },
      );

      // Act
      const execution = await provision(sandbox, request(serviceAccount));

      // Assess
      expect(execution.status).toBe("SUCCEEDED");
      // The retry finds the work done and converges: IAM's writes are not repeated (the role reads
      // as ours, the policy as equal); EKS's create is repeated with the same client request token,
      // and EKS answers with the association it made.
      const retried = sandbox.sfn.history(execution.executionArn).filter((e) => e.type === "StateRetried");
      expect(retried.length).toBeGreaterThanOrEqual(1);
      const state = await inventory(sandbox);
      expect(state.roles.filter((r) => r.name.includes(serviceAccount))).toHaveLength(1);
      expect(state.associations.filter((a) => a.serviceAccount === serviceAccount)).toHaveLength(1);
      expect(countOf("CreateRole", serviceAccount)).toBe(1);
      const creates = sandbox.apiCalls.filter(
        (c) =>
          c.eventName === "CreatePodIdentityAssociation" &&
          JSON.stringify(c.requestParameters).includes(serviceAccount),
      );
      expect(new Set(creates.map((c) => JSON.stringify(c.requestParameters?.clientRequestToken))).size).toBe(
        1,
      );
      expect(inconsistencies(state)).toEqual([]);
    },
  );

  it("yields one association when the association step is retried twice, once after EKS created it", async () => {
    // Prepare: the first attempt fails before EKS sees it, the second after EKS created the association
    sandbox.faults.failOperation(
      "eks:CreatePodIdentityAssociation",
      { code: "ServerException", message: "transient", status: 500 },
      { times: 1 },
    );
    sandbox.faults.failOperation(
      "eks:CreatePodIdentityAssociation",
      { code: "ServerException", message: "lost response", status: 500 },
      { times: 1, afterServing: true },
    );

    // Act
    const execution = await provision(sandbox, request("retried-twice"));

    // Assess
    expect(execution.status).toBe("SUCCEEDED");
    const retried = sandbox.sfn
      .history(execution.executionArn)
      .filter((e) => e.type === "StateRetried" && e.stateName === "EnsureAssociation");
    expect(retried).toHaveLength(2);
    const state = await inventory(sandbox);
    expect(state.roles.filter((r) => r.name.includes("retried-twice"))).toHaveLength(1);
    expect(state.associations.filter((a) => a.serviceAccount === "retried-twice")).toHaveLength(1);
    expect(inconsistencies(state)).toEqual([]);
  });

  it("starts one execution for the same request under the same execution name (an Idempotency-Key)", async () => {
    // Prepare
    const { sfn } = person(sandbox);
    const input = JSON.stringify({ request: request("same-name"), caller: CALLERS.platform });
    const start = () =>
      sfn.send(
        new StartExecutionCommand({
          stateMachineArn: sandbox.stateMachines.provision,
          name: "ticket-OPS-42",
          input,
        }),
      );

    // Act
    const [first, second] = await Promise.all([start(), start()]);
    await sandbox.idle();

    // Assess
    expect(second.executionArn).toBe(first.executionArn);
    expect(sandbox.sfn.describeExecution(first.executionArn ?? "").status).toBe("SUCCEEDED");
    expect(countOf("CreateRole", "same-name")).toBe(1);
  });

  it("runs the same request twice in a row to one role and one association, the second changing nothing", async () => {
    // Act
    const first = await provision(sandbox, request("repeated"));
    const second = await provision(sandbox, request("repeated"));

    // Assess
    expect(first.status).toBe("SUCCEEDED");
    expect(JSON.parse(second.output ?? "{}")).toMatchObject({
      role: "unchanged",
      policy: "unchanged",
      association: "unchanged",
    });
    const state = await inventory(sandbox);
    expect(state.roles.filter((r) => r.name.includes("repeated"))).toHaveLength(1);
    expect(state.associations.filter((a) => a.serviceAccount === "repeated")).toHaveLength(1);
  });

  it("lets exactly one of two different requests for the same key win when they race; the other gets a conflict", async () => {
    // Prepare
    const { sfn } = person(sandbox);
    const start = (bucket: string) =>
      sfn.send(
        new StartExecutionCommand({
          stateMachineArn: sandbox.stateMachines.provision,
          input: JSON.stringify({ request: request("raced", bucket), caller: CALLERS.platform }),
        }),
      );

    // Act
    const started = await Promise.all([start("bucket-one"), start("bucket-two")]);
    const results = await Promise.all(started.map((s) => sandbox.sfn.waitForExecution(s.executionArn ?? "")));

    // Assess
    const winners = results.filter((r) => r.status === "SUCCEEDED");
    const losers = results.filter((r) => r.status === "FAILED");
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0]?.error).toBe("ConflictError");
    const { Item } = await person(sandbox).registry.send(
      new GetCommand({ TableName: sandbox.registryTable, Key: { grantId: "demo/retries/raced" } }),
    );
    const winnerBucket = JSON.parse(winners[0]?.input ?? "{}").request.permissions[0].bucket;
    expect(Item?.desired.request.permissions[0].bucket).toBe(winnerBucket);
    expect(inconsistencies(await inventory(sandbox))).toEqual([]);
  });

  it("provisions from a 'Grant Requested' event on the project's bus, as the tenant of its ticket source", async () => {
    // Prepare: tickets.team-a acts for team-a (test/fixtures/tenancy.json).
    const events = new EventBridgeClient(sandbox.clientConfig());
    const ticket = {
      cluster: "demo",
      namespace: "team-a-tickets",
      serviceAccount: "from-event",
      permissions: [{ template: "s3-read", bucket: "team-a-invoices" }],
      ticket: "OPS-777",
    };

    // Act
    const put = await events.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: sandbox.eventBusName,
            Source: "tickets.team-a",
            DetailType: "Grant Requested",
            Detail: JSON.stringify(ticket),
          },
        ],
      }),
    );
    await sandbox.idle();

    // Assess
    expect(put.FailedEntryCount).toBe(0);
    const delivery = sandbox.bus.deliveries.find((d) => d.eventId === put.Entries?.[0]?.EventId);
    expect(delivery?.ok).toBe(true);
    const { Item } = await person(sandbox).registry.send(
      new GetCommand({
        TableName: sandbox.registryTable,
        Key: { grantId: "demo/team-a-tickets/from-event" },
      }),
    );
    expect(Item).toMatchObject({
      status: "ACTIVE",
      ticket: "OPS-777",
      tenant: "team-a",
      caller: "ticket source tickets.team-a",
    });
  });

  it("does not start a workflow for an event the rule does not match", async () => {
    // Prepare
    const events = new EventBridgeClient(sandbox.clientConfig());
    const before = sandbox.sfn.listExecutions(sandbox.stateMachines.provision).length;

    // Act
    await events.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: sandbox.eventBusName,
            Source: "tickets.example",
            DetailType: "Grant Requested",
            Detail: JSON.stringify({ cluster: "demo", namespace: "retries" }),
          },
        ],
      }),
    );
    await sandbox.idle();

    // Assess
    expect(sandbox.sfn.listExecutions(sandbox.stateMachines.provision)).toHaveLength(before);
  });
});
