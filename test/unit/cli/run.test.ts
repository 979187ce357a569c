import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createClient, type GrantView } from "../../../cli/client.ts";
import { EXIT } from "../../../cli/format.ts";
import { type Io, run, settled, waitForGrant } from "../../../cli/run.ts";
import { CREDENTIALS, EXECUTION_ARN, type FakeApi, type Received, startFakeApi, view } from "./fake-api.ts";

let api: FakeApi;
const dir = mkdtempSync(join(tmpdir(), "pod-identity-cli-"));
const requestFile = join(dir, "grant.json");
const request = {
  cluster: "demo",
  namespace: "payments",
  serviceAccount: "payments-api",
  permissions: [{ template: "s3-read", bucket: "invoices" }],
};
writeFileSync(requestFile, JSON.stringify(request));

beforeAll(async () => {
  api = await startFakeApi();
});
afterAll(() => api.close());
beforeEach(() => {
  api.requests.length = 0;
});

/** Runs the CLI against the fake API with a fake clock: sleeping advances it. */
async function cli(argv: string[], overrides: Partial<Io> = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  let clock = 0;
  const code = await run(argv, {
    env: { POD_IDENTITY_API: api.url, AWS_REGION: "eu-west-1" },
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
    credentials: CREDENTIALS,
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
    },
    ...overrides,
  });
  return { code, stdout: stdout.join("\n"), stderr: stderr.join("\n"), elapsedMs: clock };
}

const accepted = (status = "PROVISIONING") => ({
  status: 202,
  body: { grantId: "demo/payments/payments-api", status, executionArn: EXECUTION_ARN },
});
const execution = (status: string, executionArn = EXECUTION_ARN) => ({
  executionArn,
  status,
  startDate: "2026-01-01T00:00:00Z",
});

/** Answers POST/DELETE with 202 and the GETs of the grant, in turn, with `views` (the last one repeats). */
function scenario(views: Array<{ status: number; body?: unknown }>, first = accepted()) {
  let polls = 0;
  api.handle((r: Received) => {
    if (r.method !== "GET") return first;
    const answer = views[Math.min(polls, views.length - 1)] ?? { status: 500 };
    polls += 1;
    return answer;
  });
}

describe("grant", () => {
  it("posts the file, polls PROVISIONING → ACTIVE every --poll-ms, and exits 0", async () => {
    // Arrange
    scenario([
      { status: 200, body: view({ status: "PROVISIONING", execution: execution("RUNNING") }) },
      { status: 200, body: view({ status: "PROVISIONING", execution: execution("RUNNING") }) },
      { status: 200, body: view({ status: "ACTIVE", execution: execution("RUNNING") }) },
      { status: 200, body: view({ status: "ACTIVE", execution: execution("SUCCEEDED") }) },
    ]);

    // Act
    const result = await cli(["grant", requestFile, "--idempotency-key", "OPS-1234", "--poll-ms", "500"]);

    // Assess
    expect(result.code).toBe(EXIT.ok);
    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "POST /grants",
      ...Array(4).fill("GET /grants/demo/payments/payments-api"),
    ]);
    expect(api.requests.every((r) => r.signatureValid && r.auth?.service === "execute-api")).toBe(true);
    expect(api.requests[0]?.headers["idempotency-key"]).toBe("OPS-1234");
    expect(JSON.parse(api.requests[0]?.body ?? "")).toEqual(request);
    expect(result.elapsedMs).toBe(1500);
    expect(result.stderr).toContain("demo/payments/payments-api PROVISIONING (execution RUNNING) 0s");
    expect(result.stderr).toContain("demo/payments/payments-api ACTIVE (execution SUCCEEDED) 2s");
    expect(result.stdout).toMatch(/^demo\/payments\/payments-api {2}ACTIVE$/m);
  });

  it("does not take the grant's state from before its execution for the answer", async () => {
    // Arrange: an update of an ACTIVE grant, whose first poll still shows the previous execution.
    scenario([
      { status: 200, body: view({ status: "ACTIVE", execution: execution("SUCCEEDED", "arn:previous") }) },
      { status: 200, body: view({ status: "FAILED", execution: execution("FAILED") }) },
    ]);

    // Act
    const result = await cli(["grant", requestFile, "--poll-ms", "10"]);

    // Assess
    expect(result.code).toBe(EXIT.failed);
    expect(api.requests).toHaveLength(3);
  });

  it("exits 1 when the grant ends FAILED, with its last error", async () => {
    // Arrange
    scenario([
      {
        status: 200,
        body: view({
          status: "FAILED",
          execution: execution("FAILED"),
          lastError: { cause: "AccessDenied on iam:CreateRole", at: "t", operation: "provision" },
        }),
      },
    ]);

    // Act
    const result = await cli(["grant", requestFile]);

    // Assess
    expect(result.code).toBe(EXIT.failed);
    expect(result.stderr).toContain("The grant ended FAILED: AccessDenied on iam:CreateRole");
    expect(result.stdout).toContain("last error   provision at t: AccessDenied on iam:CreateRole");
  });

  it("with --json prints only the final grant view on stdout", async () => {
    // Arrange
    const final = view({ status: "ACTIVE", execution: execution("SUCCEEDED") });
    scenario([{ status: 200, body: final }]);

    // Act
    const result = await cli(["grant", requestFile, "--json"]);

    // Assess
    expect(result.code).toBe(EXIT.ok);
    expect(JSON.parse(result.stdout)).toEqual(final);
  });

  it("with --no-wait prints the 202 answer and does not poll", async () => {
    // Arrange
    scenario([]);

    // Act
    const result = await cli(["grant", requestFile, "--no-wait", "--json"]);

    // Assess
    expect(result.code).toBe(EXIT.ok);
    expect(JSON.parse(result.stdout)).toEqual(accepted().body);
    expect(api.requests).toHaveLength(1);
  });

  it("exits 4 when the grant has not settled by --timeout", async () => {
    // Arrange
    scenario([{ status: 200, body: view({ status: "PROVISIONING", execution: execution("RUNNING") }) }]);

    // Act
    const result = await cli(["grant", requestFile, "--timeout", "5", "--poll-ms", "1000"]);

    // Assess
    expect(result.code).toBe(EXIT.unavailable);
    expect(result.stderr).toContain(
      "Timed out after 5s waiting for demo/payments/payments-api (last seen PROVISIONING)",
    );
    expect(api.requests.length).toBe(1 + 6);
  });

  it("rides out a 503 while polling", async () => {
    // Arrange
    scenario([
      { status: 503, body: { message: "Service Unavailable" } },
      { status: 200, body: view({ status: "ACTIVE", execution: execution("SUCCEEDED") }) },
    ]);

    // Act
    const result = await cli(["grant", requestFile]);

    // Assess
    expect(result.code).toBe(EXIT.ok);
    expect(result.stderr).toContain("(retrying) HTTP 503: Service Unavailable");
  });

  it.each([
    [
      400,
      {
        error: {
          code: "ValidationError",
          message: "The grant request is invalid",
          requestId: "r1",
          fields: [
            { field: "/serviceAccount", reason: "is required" },
            { field: "/permissions/0/bucket", reason: "must match pattern" },
          ],
        },
      },
      [
        "HTTP 400 ValidationError: The grant request is invalid",
        "  field /serviceAccount: is required",
        "  field /permissions/0/bucket: must match pattern",
      ],
    ],
    [
      403,
      {
        error: {
          code: "Forbidden",
          message: "Not allowed for tenant payments",
          requestId: "r2",
          refusals: [
            { rule: "namespaces", reason: "kube-system is not a payments namespace" },
            { rule: "resources", reason: "bucket audit-logs is not a payments bucket" },
          ],
        },
      },
      [
        "  refused by namespaces: kube-system is not a payments namespace",
        "  refused by resources: bucket audit-logs is not a payments bucket",
      ],
    ],
    [403, { message: "Forbidden" }, ["HTTP 403: Forbidden"]],
    [
      409,
      {
        error: {
          code: "Conflict",
          message: "A workflow is running",
          requestId: "r3",
          executionArn: "arn:running",
        },
      },
      ["  running execution: arn:running"],
    ],
    [
      413,
      { error: { code: "PayloadTooLarge", message: "Too large", requestId: "r4" } },
      ["HTTP 413 PayloadTooLarge: Too large"],
    ],
    [
      415,
      { error: { code: "UnsupportedMediaType", message: "JSON only", requestId: "r5" } },
      ["HTTP 415 UnsupportedMediaType: JSON only"],
    ],
    [
      422,
      { error: { code: "IdempotencyKeyReused", message: "Other body", requestId: "r6" } },
      ["HTTP 422 IdempotencyKeyReused: Other body"],
    ],
  ])("exits 3 on HTTP %i and prints the error, every field and refusal", async (status, body, lines) => {
    // Arrange
    api.handle(() => ({ status, body }));

    // Act
    const result = await cli(["grant", requestFile]);

    // Assess
    expect(result.code).toBe(EXIT.refused);
    for (const line of lines) expect(result.stderr.split("\n")).toContain(line);
    expect(api.requests).toHaveLength(1);
  });

  it("exits 4 on HTTP 500", async () => {
    api.handle(() => ({
      status: 500,
      body: { error: { code: "InternalError", message: "Internal error", requestId: "r" } },
    }));
    const result = await cli(["grant", requestFile]);
    expect(result.code).toBe(EXIT.unavailable);
    expect(result.stderr).toContain("HTTP 500 InternalError: Internal error");
  });

  it("exits 2 for a missing file or a file that is not JSON, before calling the API", async () => {
    // Arrange
    const broken = join(dir, "broken.json");
    writeFileSync(broken, "{ not json");

    // Act
    const missing = await cli(["grant", join(dir, "nope.json")]);
    const invalid = await cli(["grant", broken]);

    // Assess
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.stderr).toMatch(/Cannot read .*nope\.json: ENOENT/);
    expect(invalid.code).toBe(EXIT.usage);
    expect(invalid.stderr).toMatch(/broken\.json is not valid JSON/);
    expect(api.requests).toHaveLength(0);
  });
});

describe("revoke", () => {
  it("deletes, waits DELETING → DELETED, and exits 0", async () => {
    // Arrange
    scenario(
      [
        { status: 200, body: view({ status: "DELETING", execution: execution("RUNNING") }) },
        { status: 200, body: view({ status: "DELETED", execution: execution("SUCCEEDED") }) },
      ],
      accepted("DELETING"),
    );

    // Act
    const result = await cli(["revoke", "demo/payments/payments-api"]);

    // Assess
    expect(result.code).toBe(EXIT.ok);
    expect(api.requests[0]).toMatchObject({ method: "DELETE", url: "/grants/demo/payments/payments-api" });
    expect(result.stdout).toMatch(/DELETED/);
  });

  it("takes a 404 while waiting as revoked", async () => {
    scenario(
      [{ status: 404, body: { error: { code: "NotFound", message: "No such grant", requestId: "r" } } }],
      accepted("DELETING"),
    );
    const result = await cli(["revoke", "demo/payments/payments-api", "--json"]);
    expect(result.code).toBe(EXIT.ok);
    expect(JSON.parse(result.stdout)).toEqual({ grantId: "demo/payments/payments-api", status: "DELETED" });
  });

  it("exits 3 when there is no such grant to revoke", async () => {
    api.handle(() => ({
      status: 404,
      body: { error: { code: "NotFound", message: "No grant demo/x/y", requestId: "r" } },
    }));
    const result = await cli(["revoke", "demo/x/y"]);
    expect(result.code).toBe(EXIT.refused);
    expect(result.stderr).toContain("HTTP 404 NotFound: No grant demo/x/y");
  });
});

describe("status, list, catalog", () => {
  it("status prints a grant and exits 0 whatever its status", async () => {
    api.handle(() => ({ status: 200, body: view({ status: "FAILED" }) }));
    const result = await cli(["status", "demo/payments/payments-api"]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toMatch(/^demo\/payments\/payments-api {2}FAILED$/m);
  });

  it("list follows nextToken through every page, with the filter on each", async () => {
    // Arrange
    const summary = (sa: string) => ({
      grantId: `demo/payments/${sa}`,
      cluster: "demo",
      namespace: "payments",
      serviceAccount: sa,
      status: "ACTIVE",
      updatedAt: "2026-01-01T00:00:00Z",
    });
    const pages: Record<string, { grants: unknown[]; nextToken?: string }> = {
      "": { grants: [summary("a"), summary("b")], nextToken: "page+2" },
      "page+2": { grants: [summary("c")], nextToken: "page/3" },
      "page/3": { grants: [summary("d")] },
    };
    api.handle((r) => ({ status: 200, body: pages[r.query.nextToken ?? ""] }));

    // Act
    const result = await cli(["list", "--cluster", "demo", "--status", "ACTIVE", "--json"]);

    // Assess
    expect(result.code).toBe(EXIT.ok);
    expect(JSON.parse(result.stdout).grants.map((g: { serviceAccount: string }) => g.serviceAccount)).toEqual(
      ["a", "b", "c", "d"],
    );
    expect(api.requests.map((r) => r.query)).toEqual([
      { cluster: "demo", status: "ACTIVE", limit: "100" },
      { cluster: "demo", status: "ACTIVE", limit: "100", nextToken: "page+2" },
      { cluster: "demo", status: "ACTIVE", limit: "100", nextToken: "page/3" },
    ]);
  });

  it("catalog prints the templates for people", async () => {
    api.handle(() => ({
      status: 200,
      body: {
        tenant: "payments",
        templates: [{ name: "s3-read", description: "Read", parameters: [], allowed: {} }],
      },
    }));
    const result = await cli(["catalog"]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain("Tenant: payments");
  });
});

describe("exit codes without an answer", () => {
  it("exits 5 without credentials", async () => {
    const result = await cli(["catalog"], {
      credentials: async () => {
        throw new Error("Could not load credentials from any providers");
      },
    });
    expect(result.code).toBe(EXIT.noCredentials);
    expect(result.stderr).toContain("No AWS credentials: Could not load credentials from any providers");
    expect(api.requests).toHaveLength(0);
  });

  it("exits 4 when the API cannot be reached", async () => {
    const closed = await startFakeApi();
    await closed.close();
    const result = await cli(["list", "--endpoint", closed.url]);
    expect(result.code).toBe(EXIT.unavailable);
    expect(result.stderr).toMatch(/Could not reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/);
  });

  it("exits 2 on usage errors and 0 for --help", async () => {
    expect((await cli(["status", "not-an-id"])).code).toBe(EXIT.usage);
    expect((await cli(["catalog"], { env: {} })).code).toBe(EXIT.usage);
    const help = await cli(["--help"]);
    expect(help.code).toBe(EXIT.ok);
    expect(help.stdout).toContain("Exit codes:");
  });
});

describe("waitForGrant", () => {
  it("polls with a real (short) interval until ACTIVE", async () => {
    // Arrange
    scenario([
      { status: 200, body: view({ status: "PROVISIONING" }) },
      { status: 200, body: view({ status: "ACTIVE" }) },
    ]);
    const client = createClient({ endpoint: api.url, region: "eu-west-1", credentials: CREDENTIALS });
    const seen: string[] = [];

    // Act
    const outcome = await waitForGrant(client, "demo/payments/payments-api", {
      operation: "grant",
      pollMs: 5,
      timeoutMs: 5000,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      now: Date.now,
      onProgress: (v) => seen.push(v.status),
    });

    // Assess
    expect(outcome).toMatchObject({ kind: "settled", view: { status: "ACTIVE" } });
    expect(seen).toEqual(["PROVISIONING", "ACTIVE"]);
  });

  it("settles on ACTIVE, FAILED or DELETED with no execution RUNNING, and on its own execution", () => {
    const v = (status: string, exec?: ReturnType<typeof execution>) =>
      view({ status, ...(exec ? { execution: exec } : {}) }) as GrantView;
    expect(settled(v("PROVISIONING"))).toBe(false);
    expect(settled(v("DELETING"))).toBe(false);
    expect(settled(v("ACTIVE"))).toBe(true);
    expect(settled(v("ACTIVE", execution("RUNNING")))).toBe(false);
    expect(settled(v("FAILED", execution("FAILED")), EXECUTION_ARN)).toBe(true);
    expect(settled(v("ACTIVE", execution("SUCCEEDED", "arn:previous")), EXECUTION_ARN)).toBe(false);
    expect(settled(v("DELETED", execution("SUCCEEDED", "arn:previous")), EXECUTION_ARN)).toBe(true);
  });
});
