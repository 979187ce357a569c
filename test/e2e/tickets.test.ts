/**
 * The ticket front door end to end: a ticket system puts `Grant Requested` / `Grant Deletion
 * Requested` on the project's bus; the packaged rule hands it to the real intake function, which
 * starts the workflow named after the ticket; the workflow's outcome comes back on the bus as the
 * provisioner's own event. Every event out is validated against its schema in schemas/events/.
 */
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../../sandbox/sandbox.ts";
import { startTestSandbox } from "../support/sandbox.ts";
import { expectValid } from "../support/schemas.ts";

let sandbox: Sandbox;
let events: EventBridgeClient;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  events = new EventBridgeClient(sandbox.clientConfig());
});
afterAll(async () => {
  await sandbox.close();
});

async function putTicket(detailType: string, detail: unknown, source = "tickets.team-a"): Promise<void> {
  const out = await events.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: sandbox.eventBusName,
          Source: source,
          DetailType: detailType,
          Detail: JSON.stringify(detail),
        },
      ],
    }),
  );
  expect(out.FailedEntryCount ?? 0).toBe(0);
  await sandbox.idle();
}

/** The provisioner's events about a grant (or a ticket), in order, each validated against its schema. */
function announced(match: (detail: Record<string, unknown>) => boolean) {
  const out = sandbox.bus.events
    .map((e) => e.event)
    .filter((e) => e.source === "pod-identity-provisioner" && match(e.detail as Record<string, unknown>));
  for (const event of out) {
    const type = String(event["detail-type"]).toLowerCase().replace(/ /g, "-");
    expectValid(`events/${type}.schema.json`, event);
  }
  return out;
}

const executionsNamed = (prefix: string) =>
  [sandbox.stateMachines.provision, sandbox.stateMachines.deprovision]
    .flatMap((arn) => sandbox.sfn.listExecutions(arn))
    .filter((e) => e.name.startsWith(prefix));

describe("tickets", () => {
  it("Grant Requested → workflow → Grant Provisioned; the same ticket again starts nothing; deletion → Grant Deleted", async () => {
    const ticket = "OPS-1001";
    const request = {
      cluster: "demo",
      namespace: "team-a-tickets",
      serviceAccount: "reporter",
      ticket,
      requestedBy: "alice@example.com",
      permissions: [{ template: "s3-read", bucket: "team-a-reports" }],
    };
    expectValid("events/grant-requested.schema.json", {
      version: "0",
      id: "5b1c1a6e-2c2f-4c7e-9a39-1f2b7e3f9a10",
      "detail-type": "Grant Requested",
      source: "tickets.team-a",
      account: sandbox.accountId,
      time: "2026-12-02T10:00:00Z",
      region: sandbox.region,
      resources: [],
      detail: request,
    });

    await putTicket("Grant Requested", request);
    await putTicket("Grant Requested", request); // EventBridge delivers at least once

    expect(executionsNamed("ticket-OPS-1001-")).toHaveLength(1);
    const [provisioned, ...more] = announced((d) => d.ticket === ticket);
    expect(more).toHaveLength(0);
    expect(provisioned).toMatchObject({
      "detail-type": "Grant Provisioned",
      detail: {
        grantId: "demo/team-a-tickets/reporter",
        tenant: "team-a",
        ticket,
        requestedBy: "alice@example.com",
        caller: "ticket source tickets.team-a",
        restartRequired: true,
        operation: "provision",
      },
    });
    expect(String((provisioned?.detail as Record<string, unknown> | undefined)?.roleArn)).toMatch(
      /:role\/pod-identity\/pip-/,
    );

    await putTicket("Grant Deletion Requested", {
      cluster: "demo",
      namespace: "team-a-tickets",
      serviceAccount: "reporter",
      ticket,
    });
    const outcomes = announced((d) => d.ticket === ticket).map((e) => e["detail-type"]);
    expect(outcomes).toEqual(["Grant Provisioned", "Grant Deleted"]);
  });

  it("an invalid ticket ends in Grant Failed with every reason, instead of vanishing", async () => {
    await putTicket("Grant Requested", {
      cluster: "demo",
      namespace: "team-a-tickets",
      ticket: "OPS-1002",
      permissions: [{ template: "s3-read" }],
    });
    const [failed, ...more] = announced((d) => d.ticket === "OPS-1002");
    expect(more).toHaveLength(0);
    expect(failed?.["detail-type"]).toBe("Grant Failed");
    const detail = failed?.detail as { error: { code: string; message: string }; grantId?: string };
    expect(detail.error.code).toBe("ValidationError");
    expect(detail.error.message).toMatch(/serviceAccount/);
    expect(detail.error.message).toMatch(/bucket/);
    expect(detail.grantId).toBeUndefined();
  });

  it("a ticket refused by the tenancy ends in Grant Failed naming the rule", async () => {
    await putTicket("Grant Requested", {
      cluster: "demo",
      namespace: "team-b-apps",
      serviceAccount: "intruder",
      ticket: "OPS-1003",
      permissions: [{ template: "s3-read", bucket: "team-b-data" }],
    });
    const [failed] = announced((d) => d.ticket === "OPS-1003");
    expect(failed?.["detail-type"]).toBe("Grant Failed");
    expect(failed?.detail).toMatchObject({
      grantId: "demo/team-b-apps/intruder",
      caller: "ticket source tickets.team-a",
      error: { code: "ForbiddenError" },
    });
    expect((failed?.detail as { error?: { message: string } } | undefined)?.error?.message).toMatch(
      /namespace/,
    );
  });
});
