/**
 * The HTTP API end to end: real SigV4-signed HTTP requests (the CLI's client, the unmodified
 * signer) to the sandbox's API Gateway, which checks each signature against its key store before
 * the real `api` function sees the request; the workflows run with the real handlers. Every answer
 * is validated against its schema in schemas/api/.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createClient } from "../../cli/client.ts";
import type { Sandbox } from "../../sandbox/sandbox.ts";
import { startTestSandbox } from "../support/sandbox.ts";
import { expectValid } from "../support/schemas.ts";

let sandbox: Sandbox;
let teamA: Client;
let teamB: Client;
let platform: Client;
let nobody: Client;

const clientAs = (user: keyof Sandbox["apiUsers"], secret?: string): Client => {
  const credentials = sandbox.apiUsers[user];
  if (!credentials) throw new Error(`no API user ${String(user)}`);
  return createClient({
    endpoint: sandbox.apiUrl,
    region: sandbox.region,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: secret ?? credentials.secretAccessKey,
    },
  });
};

beforeAll(async () => {
  sandbox = await startTestSandbox();
  teamA = clientAs("team-a");
  teamB = clientAs("team-b");
  platform = clientAs("platform");
  nobody = clientAs("nobody");
});
afterAll(async () => {
  await sandbox.close();
});

/** A grant request (typed loosely: some tests send what the schema refuses). */
const request = (namespace: string, serviceAccount: string, bucket = `${namespace}-data`): never =>
  ({
    cluster: "demo",
    namespace,
    serviceAccount,
    permissions: [{ template: "s3-read", bucket }],
  }) as never;

/** The error body of a failed answer, validated against the error schema. */
function errorOf(response: { ok: boolean; status: number; body: unknown }) {
  expect(response.ok).toBe(false);
  expectValid("api/error.schema.json", response.body);
  return (response.body as { error: Record<string, unknown> }).error;
}

/** Polls (no clock involved: each round is a request) until `condition` holds, at most 500 rounds. */
async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let round = 0; round < 500; round++) {
    if (await condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error("condition never held");
}

async function settled(client: Client, id: string) {
  const executions = [sandbox.stateMachines.provision, sandbox.stateMachines.deprovision]
    .flatMap((arn) => sandbox.sfn.listExecutions(arn))
    .filter((e) => e.status === "RUNNING");
  await Promise.all(executions.map((e) => sandbox.sfn.waitForExecution(e.executionArn)));
  await sandbox.idle();
  const view = await client.getGrant(id);
  expect(view.status).toBe(200);
  expectValid("api/grant-view.schema.json", view.body);
  return view.body as Record<string, unknown>;
}

describe("HTTP API: grants", () => {
  it("POST /grants → 202, then the grant is ACTIVE and GET shows it with its execution", async () => {
    const created = await platform.createGrant(request("api", "api-new"));
    expect(created.status).toBe(202);
    expectValid("api/accepted.schema.json", created.body);
    expect(created.body).toMatchObject({ grantId: "demo/api/api-new", status: "PROVISIONING" });

    const view = await settled(platform, "demo/api/api-new");
    expect(view).toMatchObject({
      status: "ACTIVE",
      tenant: "platform",
      restartRequired: true,
      execution: {
        status: "SUCCEEDED",
        executionArn: (created.body as { executionArn: string }).executionArn,
      },
      request: request("api", "api-new"),
    });
    expect(String(view.caller)).toMatch(/assumed-role\/platform\/sandbox$/);
  });

  it("a request for an existing key is an update", async () => {
    await platform.createGrant(request("api", "api-update"));
    await settled(platform, "demo/api/api-update");
    const updated = await platform.createGrant(request("api", "api-update", "api-other"));
    expect(updated.status).toBe(202);
    const view = await settled(platform, "demo/api/api-update");
    expect(view.status).toBe("ACTIVE");
    expect((view.request as { permissions: unknown[] }).permissions).toEqual([
      { template: "s3-read", bucket: "api-other" },
    ]);
  });

  it("Idempotency-Key: the same key and body start one execution and answer the same; another body → 422", async () => {
    const body = request("api", "api-idem");
    const first = await platform.createGrant(body, "onboarding-42");
    const again = await platform.createGrant(body, "onboarding-42");
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    await settled(platform, "demo/api/api-idem");
    const afterEnd = await platform.createGrant(body, "onboarding-42");
    expect(afterEnd.body).toEqual(first.body);
    const runs = sandbox.sfn
      .listExecutions(sandbox.stateMachines.provision)
      .filter((e) => e.executionArn === (first.body as { executionArn: string }).executionArn);
    expect(runs).toHaveLength(1);

    const other = await platform.createGrant(request("api", "api-idem", "api-else"), "onboarding-42");
    expect(other.status).toBe(422);
    expect(errorOf(other)).toMatchObject({ code: "IdempotencyKeyReused" });
  });

  it("409 names the execution while a workflow for the key still runs", async () => {
    // The first grant's workflow waits for IAM's rate until the faults are cleared.
    sandbox.faults.failOperation(
      "iam:CreateRole",
      { code: "Throttling", message: "Rate exceeded", status: 400 },
      { matching: "api-busy" },
    );
    try {
      const first = await platform.createGrant(request("api", "api-busy"));
      expect(first.status).toBe(202);
      await until(async () => (await platform.getGrant("demo/api/api-busy")).status === 200);
      const second = await platform.createGrant(request("api", "api-busy", "api-second"));
      expect(second.status).toBe(409);
      expect(errorOf(second)).toMatchObject({
        code: "Conflict",
        executionArn: (first.body as { executionArn: string }).executionArn,
      });
    } finally {
      sandbox.faults.configure({});
    }
    await settled(platform, "demo/api/api-busy");
  });

  it("DELETE → 202 and the grant is DELETED; deleting nothing → 404", async () => {
    await platform.createGrant(request("api", "api-delete"));
    await settled(platform, "demo/api/api-delete");
    const deleted = await platform.deleteGrant("demo/api/api-delete");
    expect(deleted.status).toBe(202);
    expectValid("api/accepted.schema.json", deleted.body);
    expect(deleted.body).toMatchObject({ status: "DELETING" });
    expect(await settled(platform, "demo/api/api-delete")).toMatchObject({ status: "DELETED" });
    expect(errorOf(await platform.deleteGrant("demo/api/never-was"))).toMatchObject({ code: "NotFound" });
  });

  it("a failed grant shows its cause through GET", async () => {
    sandbox.faults.failOperation(
      "eks:CreatePodIdentityAssociation",
      { code: "InvalidParameterException", message: "The service account is not allowed", status: 400 },
      { matching: "api-fails" },
    );
    try {
      await platform.createGrant(request("api", "api-fails"));
      const view = await settled(platform, "demo/api/api-fails");
      expect(view.status).toBe("FAILED");
      expect(view.lastError).toMatchObject({ operation: "provision" });
      expect(view.execution).toMatchObject({ status: "FAILED" });
    } finally {
      sandbox.faults.configure({});
    }
  });
});

describe("HTTP API: tenant isolation", () => {
  it("team B can neither create in, read, list nor delete team A's grants", async () => {
    await teamA.createGrant(request("team-a", "api-isolated"));
    await settled(teamA, "demo/team-a/api-isolated");

    const create = await teamB.createGrant(request("team-a", "api-isolated", "team-a-data"));
    expect(create.status).toBe(403);
    expect((errorOf(create).refusals as Array<{ rule: string }>).map((r) => r.rule)).toContain("namespace");

    expect(errorOf(await teamB.getGrant("demo/team-a/api-isolated"))).toMatchObject({ code: "NotFound" });
    const list = await teamB.listGrants({});
    expect(list.status).toBe(200);
    expectValid("api/grant-list.schema.json", list.body);
    expect((list.body as { grants: Array<{ grantId: string }> }).grants.map((g) => g.grantId)).not.toContain(
      "demo/team-a/api-isolated",
    );
    const remove = await teamB.deleteGrant("demo/team-a/api-isolated");
    expect(remove.status).toBe(403);
    expect(errorOf(remove).code).toBe("Forbidden");
    expect((await settled(teamA, "demo/team-a/api-isolated")).status).toBe("ACTIVE");
  });

  it("a principal no tenant lists is refused on every route", async () => {
    for (const response of [
      await nobody.catalog(),
      await nobody.listGrants({}),
      await nobody.createGrant(request("team-a", "x")),
    ]) {
      expect(response.status).toBe(403);
      expect(errorOf(response).refusals).toEqual([expect.objectContaining({ rule: "caller" })]);
    }
  });

  it("GET /grants lists the tenant's grants, filtered and paginated", async () => {
    for (const sa of ["list-1", "list-2", "list-3"]) await platform.createGrant(request("listing", sa));
    for (const sa of ["list-1", "list-2", "list-3"]) await settled(platform, `demo/listing/${sa}`);
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await platform.listGrants({
        namespace: "listing",
        limit: 2,
        ...(nextToken ? { nextToken } : {}),
      });
      expect(page.status).toBe(200);
      expectValid("api/grant-list.schema.json", page.body);
      const body = page.body as { grants: Array<{ grantId: string; status: string }>; nextToken?: string };
      expect(body.grants.length).toBeLessThanOrEqual(2);
      seen.push(...body.grants.map((g) => g.grantId));
      nextToken = body.nextToken;
      pages++;
    } while (nextToken && pages < 10);
    expect(seen.sort()).toEqual(["demo/listing/list-1", "demo/listing/list-2", "demo/listing/list-3"]);
    expect(pages).toBeGreaterThan(1);

    const bad = await platform.listGrants({ status: "SOMETIMES" } as never);
    expect(errorOf(bad)).toMatchObject({
      code: "ValidationError",
      fields: [expect.objectContaining({ field: "status" })],
    });
  });
});

describe("HTTP API: every refusal has its status and the one error format", () => {
  it("400 names every failing field; an unknown template lists the valid ones", async () => {
    const invalid = await teamA.createGrant({
      cluster: "demo",
      namespace: "Team_A!",
      permissions: [],
    } as never);
    expect(invalid.status).toBe(400);
    const error = errorOf(invalid);
    expect(error.code).toBe("ValidationError");
    const fields = (error.fields as Array<{ field: string }>).map((f) => f.field).join(" ");
    expect(fields).toMatch(/serviceAccount/);
    expect(fields).toMatch(/namespace/);
    expect(fields).toMatch(/permissions/);

    const unknown = await teamA.createGrant({
      ...(request("team-a", "x") as object),
      permissions: [{ template: "s3-everything", bucket: "b" }],
    } as never);
    expect(unknown.status).toBe(400);
    const unknownError = errorOf(unknown);
    expect(unknownError.code).toBe("UnknownTemplate");
    expect(unknownError.validTemplates).toContain("s3-read");
  });

  it("413 for a body over 64 KiB, 415 for another content type, 400 for a body that is not JSON", async () => {
    const big = await teamA.send({
      method: "POST",
      path: "/grants",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...(request("team-a", "big") as object), padding: "x".repeat(70_000) }),
    });
    expect(big.status).toBe(413);
    expect(errorOf(big).code).toBe("PayloadTooLarge");
    const text = await teamA.send({
      method: "POST",
      path: "/grants",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify(request("team-a", "text")),
    });
    expect(text.status).toBe(415);
    expect(errorOf(text).code).toBe("UnsupportedMediaType");
    const notJson = await teamA.send({
      method: "POST",
      path: "/grants",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(notJson.status).toBe(400);
    expect(errorOf(notJson).fields).toEqual([expect.objectContaining({ field: "(body)" })]);
  });

  it("404 for an unknown route, 405 for a known path with another method", async () => {
    const unknown = await teamA.send({ method: "GET", path: "/nothing-here" });
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown).code).toBe("NotFound");
    const wrongMethod = await teamA.send({ method: "PUT", path: "/catalog" });
    expect(wrongMethod.status).toBe(405);
    expect(errorOf(wrongMethod).code).toBe("MethodNotAllowed");
  });

  it("unsigned or wrongly signed requests are refused by API Gateway with 403, before the function", async () => {
    const unsigned = await fetch(`${sandbox.apiUrl}/catalog`);
    expect(unsigned.status).toBe(403);
    expect(await unsigned.json()).toEqual({ message: "Forbidden" });
    const wrongSecret = await clientAs("team-a", "not-the-secret").catalog();
    expect(wrongSecret.status).toBe(403);
    expect(wrongSecret.body).toEqual({
      message: expect.stringMatching(/signature we calculated does not match/),
    });
  });

  it("500 carries a request id and nothing internal", async () => {
    sandbox.faults.failOperation(
      "dynamodb:GetItem",
      { code: "InternalServerError", message: "Internal server error", status: 500 },
      { times: 1 },
    );
    try {
      const failed = await teamA.getGrant("demo/team-a/api-new");
      expect(failed.status).toBe(500);
      const error = errorOf(failed);
      expect(error.code).toBe("InternalError");
      expect(String(error.message)).not.toMatch(/dynamodb|GetItem|InternalServerError|stack/i);
      expect(error.requestId).toEqual(expect.any(String));
    } finally {
      sandbox.faults.configure({});
    }
  });

  it("GET /catalog shows every template and what the caller's tenant may name", async () => {
    const catalog = await teamA.catalog();
    expect(catalog.status).toBe(200);
    expectValid("api/catalog.schema.json", catalog.body);
    const body = catalog.body as { tenant: string; templates: Array<{ name: string; allowed: unknown }> };
    expect(body.tenant).toBe("team-a");
    expect(body.templates.find((t) => t.name === "s3-read")?.allowed).toEqual({ bucket: ["team-a-*"] });
  });
});
