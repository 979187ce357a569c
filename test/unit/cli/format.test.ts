import { describe, expect, it } from "vitest";
import type { GrantView } from "../../../cli/client.ts";
import {
  EXIT,
  exitCodeForStatus,
  formatCatalog,
  formatError,
  formatGrant,
  formatList,
  HELP,
  table,
} from "../../../cli/format.ts";
import { view } from "./fake-api.ts";

describe("exitCodeForStatus", () => {
  it.each([
    [200, EXIT.ok],
    [202, EXIT.ok],
    [400, EXIT.refused],
    [403, EXIT.refused],
    [404, EXIT.refused],
    [405, EXIT.refused],
    [409, EXIT.refused],
    [413, EXIT.refused],
    [415, EXIT.refused],
    [422, EXIT.refused],
    [429, EXIT.unavailable],
    [500, EXIT.unavailable],
    [503, EXIT.unavailable],
  ])("HTTP %i exits %i", (status, code) => {
    expect(exitCodeForStatus(status)).toBe(code);
  });

  it("documents every exit code in --help", () => {
    for (const code of Object.values(EXIT)) expect(HELP).toMatch(new RegExp(`^  ${code} `, "m"));
  });
});

describe("formatError", () => {
  it("prints the message, every field, every refusal, the valid templates and the running execution", () => {
    // Act
    const lines = formatError(400, {
      error: {
        code: "ValidationError",
        message: "The request is invalid",
        requestId: "req-1",
        fields: [
          { field: "/namespace", reason: "must match pattern" },
          { field: "/permissions/0/bucket", reason: "is required" },
        ],
        refusals: [{ rule: "tenant.namespaces", reason: "payments may not name namespace kube-system" }],
        validTemplates: ["s3-read", "sqs-consume"],
        executionArn: "arn:aws:states:eu-west-1:1:execution:x:y",
      },
    });

    // Assess
    expect(lines).toEqual([
      "HTTP 400 ValidationError: The request is invalid",
      "  field /namespace: must match pattern",
      "  field /permissions/0/bucket: is required",
      "  refused by tenant.namespaces: payments may not name namespace kube-system",
      "  valid templates: s3-read, sqs-consume",
      "  running execution: arn:aws:states:eu-west-1:1:execution:x:y",
      "  request id: req-1",
    ]);
  });

  it("prints API Gateway's own message, or whatever text came", () => {
    expect(formatError(403, { message: "Forbidden" })).toEqual(["HTTP 403: Forbidden"]);
    expect(formatError(502, "Bad Gateway\n")).toEqual(["HTTP 502: Bad Gateway"]);
    expect(formatError(500, null)).toEqual(["HTTP 500"]);
  });
});

describe("formatGrant", () => {
  it("shows the grant, its permissions, its execution, its last error and a restart notice", () => {
    // Arrange
    const grant = view({
      status: "FAILED",
      request: {
        cluster: "demo",
        namespace: "payments",
        serviceAccount: "payments-api",
        permissions: [{ template: "s3-read", bucket: "invoices", prefix: "2026/" }],
      },
      execution: {
        executionArn: "arn:x",
        status: "FAILED",
        startDate: "2026-01-01T00:00:00Z",
        stopDate: "2026-01-01T00:00:09Z",
      },
      lastError: {
        cause: "EntityAlreadyExists",
        at: "2026-01-01T00:00:09Z",
        operation: "provision",
        resourcesMayRemain: true,
      },
      restartRequired: true,
    }) as GrantView;

    // Act
    const text = formatGrant(grant).join("\n");

    // Assess
    expect(text).toMatch(/^demo\/payments\/payments-api {2}FAILED$/m);
    expect(text).toContain("  role         arn:aws:iam::111122223333:role/");
    expect(text).toContain("  permission   s3-read bucket=invoices prefix=2026/");
    expect(text).toContain("  execution    FAILED arn:x");
    expect(text).toContain("  last error   provision at 2026-01-01T00:00:09Z: EntityAlreadyExists");
    expect(text).toContain("resources may remain");
    expect(text).toContain("restart      required");
  });
});

describe("formatList and table", () => {
  it("aligns columns to the widest cell", () => {
    expect(
      table(
        ["A", "BB"],
        [
          ["long", "x"],
          ["s", "y"],
        ],
      ),
    ).toEqual(["A     BB", "long  x", "s     y"]);
  });

  it("lists grants, or says there are none", () => {
    expect(formatList([])).toEqual(["No grants."]);
    const lines = formatList([
      {
        grantId: "demo/a/b",
        cluster: "demo",
        namespace: "a",
        serviceAccount: "b",
        status: "ACTIVE",
        updatedAt: "t1",
        roleArn: "arn:r",
      },
      {
        grantId: "demo/a/longer",
        cluster: "demo",
        namespace: "a",
        serviceAccount: "longer",
        status: "FAILED",
        updatedAt: "t2",
      },
    ]);
    expect(lines).toEqual([
      "GRANT          STATUS  UPDATED  ROLE",
      "demo/a/b       ACTIVE  t1       arn:r",
      "demo/a/longer  FAILED  t2       -",
    ]);
  });
});

describe("formatCatalog", () => {
  it("shows each template's parameters and what the tenant may name, and the templates it may not use", () => {
    const lines = formatCatalog({
      tenant: "payments",
      templates: [
        {
          name: "s3-read",
          description: "Read objects",
          parameters: [
            { name: "bucket", description: "The bucket", required: true },
            { name: "prefix", description: "A key prefix", required: false },
          ],
          allowed: { bucket: ["payments-*"] },
        },
        { name: "dynamodb-rw", description: "Tables", parameters: [], allowed: null },
      ],
    });
    expect(lines).toEqual([
      "Tenant: payments",
      "",
      "s3-read",
      "  Read objects",
      "  bucket: The bucket — allowed: payments-*",
      "  prefix (optional): A key prefix",
      "",
      "dynamodb-rw  (not allowed for your tenant)",
      "  Tables",
    ]);
  });
});
