import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseGrantRequest } from "#grant/request.ts";
import { CATALOG } from "#policy/catalog.ts";

const catalogTemplateNames = () => Object.keys(CATALOG);

import { ValidationError } from "#src/errors.ts";

/** A fresh valid request each call. */
function valid(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cluster: "demo",
    namespace: "payments",
    serviceAccount: "api",
    permissions: [{ template: "s3-read", bucket: "invoices" }],
    ...overrides,
  };
}

/** The problems `parseGrantRequest` reports for `input`; fails the test if it accepts it. */
function problemsOf(input: unknown) {
  try {
    parseGrantRequest(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).problems;
  }
  throw new Error(`expected a ValidationError for ${JSON.stringify(input)}`);
}

const withPermission = (permission: Record<string, unknown>) => valid({ permissions: [permission] });

describe("parseGrantRequest accepts", () => {
  it("a minimal request and returns it unchanged", () => {
    // Prepare
    const input = valid();

    // Act
    const request = parseGrantRequest(input);

    // Assess
    expect(request).toEqual(valid());
  });

  it("a request using every optional field", () => {
    // Prepare
    const input = valid({
      ticket: "OPS-1234",
      requestedBy: "Équipe paiements",
      targetRoleArn: "arn:aws:iam::444455556666:role/team/invoices-reader",
      disableSessionTags: true,
      sessionPolicy: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
      },
      tags: { "cost-center": "cc-42", team: "" },
    });

    // Act
    const request = parseGrantRequest(input);

    // Assess
    expect(request).toEqual(input);
  });

  it("one permission of every catalog template", () => {
    // Prepare
    const input = valid({
      permissions: [
        { template: "s3-read", bucket: "invoices", prefix: "2026/" },
        { template: "s3-write", bucket: "invoices.archive" },
        { template: "s3-readwrite", bucket: "my-bucket-01" },
        { template: "dynamodb-read", table: "Orders" },
        { template: "dynamodb-crud", table: "orders.v2_prod" },
        { template: "sqs-consume", queue: "jobs" },
        { template: "sqs-send", queue: "jobs.fifo" },
        { template: "sns-publish", topic: "alerts" },
        { template: "secretsmanager-read", secret: "prod/db/password" },
        { template: "ssm-parameters-read", path: "/payments/prod" },
        { template: "kms-decrypt", keyId: "1234abcd-12ab-34cd-56ef-1234567890ab", viaService: "s3" },
        { template: "kms-decrypt", keyId: `mrk-${"0123456789abcdef".repeat(2)}`, viaService: "sqs" },
      ],
    });

    // Act
    const request = parseGrantRequest(input);

    // Assess
    expect(request.permissions.map((p) => p.template)).toEqual(
      expect.arrayContaining(catalogTemplateNames()),
    );
  });

  it("names at their maximum lengths: cluster 100, namespace 63, service account 253", () => {
    // Prepare
    const input = valid({
      cluster: `c${"a".repeat(99)}`,
      namespace: "n".repeat(63),
      serviceAccount: `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`,
    });

    // Act
    const request = parseGrantRequest(input);

    // Assess
    expect(request.cluster).toHaveLength(100);
    expect(request.namespace).toHaveLength(63);
    expect(request.serviceAccount).toHaveLength(253);
  });

  it("cluster names with capitals and underscores, as EKS allows", () => {
    // Prepare
    const input = valid({ cluster: "Prod_EU-1" });

    // Act
    const request = parseGrantRequest(input);

    // Assess
    expect(request.cluster).toBe("Prod_EU-1");
  });
});

describe("parseGrantRequest rejects, naming the field and the reason", () => {
  const cases: Array<[string, unknown, string, RegExp]> = [
    ["an empty cluster name", valid({ cluster: "" }), "cluster", /EKS cluster name/],
    ["a cluster name starting with '-'", valid({ cluster: "-demo" }), "cluster", /EKS cluster name/],
    ["a cluster name with a '.'", valid({ cluster: "demo.eu" }), "cluster", /EKS cluster name/],
    ["a cluster name of 101 characters", valid({ cluster: "c".repeat(101) }), "cluster", /1-100/],
    ["a namespace of 64 characters", valid({ namespace: "n".repeat(64) }), "namespace", /at most 63/],
    ["an upper-case namespace", valid({ namespace: "Payments" }), "namespace", /DNS-1123 label/],
    ["a namespace ending in '-'", valid({ namespace: "payments-" }), "namespace", /DNS-1123 label/],
    ["a namespace with a '.'", valid({ namespace: "pay.ments" }), "namespace", /DNS-1123 label/],
    [
      "a service account of 254 characters",
      valid({ serviceAccount: "a".repeat(254) }),
      "serviceAccount",
      /at most 253/,
    ],
    ["an upper-case service account", valid({ serviceAccount: "Api" }), "serviceAccount", /DNS-1123/],
    ["a service account with '..'", valid({ serviceAccount: "a..b" }), "serviceAccount", /DNS-1123/],
    ["a service account starting with '.'", valid({ serviceAccount: ".api" }), "serviceAccount", /DNS-1123/],
    ["a service account with '/'", valid({ serviceAccount: "a/b" }), "serviceAccount", /DNS-1123/],
    ["a service account with '_'", valid({ serviceAccount: "my_sa" }), "serviceAccount", /DNS-1123/],
    ["an unknown field", valid({ color: "red" }), "color", /is not a known field/],
    [
      "an unknown field in a permission",
      withPermission({ template: "s3-read", bucket: "invoices", table: "t1t" }),
      "permissions[0].table",
      /is not a known field/,
    ],
    [
      "an unknown template",
      withPermission({ template: "s3-admin", bucket: "invoices" }),
      "permissions[0].template",
      /must be one of the catalog templates: s3-read, .*kms-decrypt/,
    ],
    [
      "a missing template parameter",
      withPermission({ template: "s3-read" }),
      "permissions[0].bucket",
      /is required/,
    ],
    [
      "a missing kms viaService",
      withPermission({ template: "kms-decrypt", keyId: "1234abcd-12ab-34cd-56ef-1234567890ab" }),
      "permissions[0].viaService",
      /is required/,
    ],
    [
      "a bucket name with capitals",
      withPermission({ template: "s3-read", bucket: "Invoices" }),
      "permissions[0].bucket",
      /S3 bucket name/,
    ],
    [
      "a bucket name shaped as an IP address",
      withPermission({ template: "s3-read", bucket: "192.168.1.1" }),
      "permissions[0].bucket",
      /not an IP address/,
    ],
    [
      "a bucket name with '..'",
      withPermission({ template: "s3-write", bucket: "in..voices" }),
      "permissions[0].bucket",
      /S3 bucket name/,
    ],
    [
      "a table name of 2 characters",
      withPermission({ template: "dynamodb-read", table: "ab" }),
      "permissions[0].table",
      /DynamoDB table name/,
    ],
    [
      "a table name with '/'",
      withPermission({ template: "dynamodb-crud", table: "orders/x" }),
      "permissions[0].table",
      /DynamoDB table name/,
    ],
    [
      "a queue name with '.'",
      withPermission({ template: "sqs-send", queue: "jobs.v2" }),
      "permissions[0].queue",
      /SQS queue name/,
    ],
    [
      "a queue name of 81 characters",
      withPermission({ template: "sqs-consume", queue: "q".repeat(81) }),
      "permissions[0].queue",
      /1-80 characters/,
    ],
    [
      "a KMS alias instead of a key id",
      withPermission({ template: "kms-decrypt", keyId: "alias/payments", viaService: "s3" }),
      "permissions[0].keyId",
      /KMS key id/,
    ],
    [
      "a KMS key ARN instead of a key id",
      withPermission({
        template: "kms-decrypt",
        keyId: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        viaService: "s3",
      }),
      "permissions[0].keyId",
      /KMS key id/,
    ],
    [
      "a wildcard in an S3 prefix",
      withPermission({ template: "s3-read", bucket: "invoices", prefix: "2026/*" }),
      "permissions[0].prefix",
      /without '\*', '\?' or '\$'/,
    ],
    [
      "a '?' in an S3 prefix",
      withPermission({ template: "s3-readwrite", bucket: "invoices", prefix: "202?/" }),
      "permissions[0].prefix",
      /without '\*', '\?' or '\$'/,
    ],
    [
      "a policy variable in an S3 prefix",
      withPermission({ template: "s3-read", bucket: "invoices", prefix: "${aws:username}/" }),
      "permissions[0].prefix",
      /policy variables/,
    ],
    ["no permissions", valid({ permissions: [] }), "permissions", /fewer than 1/],
    [
      "a session policy without disableSessionTags",
      valid({ sessionPolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow" }] } }),
      "sessionPolicy",
      /requires disableSessionTags: true/,
    ],
    [
      "a session policy with disableSessionTags false",
      valid({
        disableSessionTags: false,
        sessionPolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow" }] },
      }),
      "sessionPolicy",
      /requires disableSessionTags: true/,
    ],
    [
      "a session policy longer than EKS accepts",
      valid({
        disableSessionTags: true,
        sessionPolicy: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "x".repeat(2100) }],
        },
      }),
      "sessionPolicy",
      /EKS accepts at most 2048/,
    ],
    [
      "the reserved tag key managed-by",
      valid({ tags: { "managed-by": "me" } }),
      "tags.managed-by",
      /reserved/,
    ],
    ["the reserved tag key ticket", valid({ tags: { ticket: "OPS-1" } }), "tags.ticket", /reserved/],
    [
      "the reserved tag key kubernetes-namespace",
      valid({ tags: { "kubernetes-namespace": "other" } }),
      "tags.kubernetes-namespace",
      /reserved/,
    ],
    ["an aws: tag key", valid({ tags: { "aws:createdBy": "me" } }), "tags.aws:createdBy", /'aws:'/],
    ["an AWS: tag key in capitals", valid({ tags: { "AWS:team": "x" } }), "tags.AWS:team", /'aws:'/],
    ["a tag key with '#'", valid({ tags: { "a#b": "x" } }), "tags", /tag keys must be/],
    ["a tag value with '#'", valid({ tags: { team: "a#b" } }), "tags.team", /tag values must be/],
    [
      "a target role that is not a role ARN",
      valid({ targetRoleArn: "arn:aws:iam::444455556666:user/bob" }),
      "targetRoleArn",
      /IAM role ARN/,
    ],
    ["a ticket with spaces", valid({ ticket: "OPS 1" }), "ticket", /1-128 characters/],
    ["a missing cluster", { ...valid(), cluster: undefined }, "cluster", /is required/],
    ["a request that is not an object", "demo/payments/api", "(request)", /must be object/],
  ];

  it.each(cases)("%s", (_name, input, field, reason) => {
    // Act
    const problems = problemsOf(input);

    // Assess
    expect(problems).toContainEqual({ field, reason: expect.stringMatching(reason) });
  });

  it("reports every schema problem of a request together", () => {
    // Prepare
    const input = valid({
      cluster: "-x",
      namespace: "A",
      permissions: [
        { template: "s3-read", bucket: "Bad" },
        { template: "sqs-send", queue: "q.x" },
      ],
    });

    // Act
    const problems = problemsOf(input);

    // Assess
    expect(problems.map((p) => p.field).sort()).toEqual(
      ["cluster", "namespace", "permissions[0].bucket", "permissions[1].queue"].sort(),
    );
  });

  it("reports every semantic problem of a request together", () => {
    // Prepare
    const input = valid({
      sessionPolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow" }] },
      tags: { "managed-by": "me", "aws:x": "y", team: "ok" },
    });

    // Act
    const problems = problemsOf(input);

    // Assess
    expect(problems.map((p) => p.field).sort()).toEqual(["sessionPolicy", "tags.aws:x", "tags.managed-by"]);
  });

  it("reports schema and semantic problems of one request together", () => {
    // Prepare: a bad namespace (schema) and a reserved tag key (semantic check).
    const input = valid({ namespace: "Payments", tags: { "managed-by": "me" } });

    // Act
    const problems = problemsOf(input);

    // Assess
    expect(problems.map((p) => p.field).sort()).toEqual(["namespace", "tags.managed-by"]);
  });

  it("puts every problem in the error's message", () => {
    // Prepare
    const input = valid({ cluster: "-x", namespace: "A" });

    // Act
    const act = () => parseGrantRequest(input);

    // Assess
    expect(act).toThrowError(
      /^cluster: must be an EKS cluster name.*; namespace: must be a Kubernetes namespace/,
    );
  });
});

describe("parseGrantRequest, fuzzed", () => {
  const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/);
  const validKey = fc.record({
    cluster: fc.stringMatching(/^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/),
    namespace: label,
    serviceAccount: fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join(".")),
  });

  it("accepts every well-formed key", () => {
    fc.assert(
      fc.property(validKey, (key) => {
        // Act
        const request = parseGrantRequest(valid(key));

        // Assess
        expect(request).toMatchObject(key);
      }),
    );
  });

  it("either accepts an input or throws a ValidationError naming at least one field; nothing else", () => {
    // Property names of at least one character: an unknown property named "" is reported as field "".
    const input = fc.oneof(
      fc.anything({ key: fc.string({ minLength: 1 }) }),
      fc.record(
        {
          cluster: fc.oneof(fc.string(), fc.constant("demo")),
          namespace: fc.oneof(fc.string(), fc.constant("payments")),
          serviceAccount: fc.oneof(fc.string(), fc.constant("api")),
          permissions: fc.oneof(
            fc.anything(),
            fc.array(
              fc.record(
                {
                  template: fc.oneof(fc.constantFrom(...catalogTemplateNames()), fc.string()),
                  bucket: fc.string(),
                  prefix: fc.string(),
                  table: fc.string(),
                  queue: fc.string(),
                },
                { requiredKeys: ["template"] },
              ),
            ),
          ),
          tags: fc.dictionary(fc.string({ minLength: 1 }), fc.string()),
          sessionPolicy: fc.anything({ key: fc.string({ minLength: 1 }) }),
          disableSessionTags: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(input, (candidate) => {
        // Act
        let outcome: unknown;
        try {
          parseGrantRequest(candidate);
          outcome = "accepted";
        } catch (error) {
          outcome = error;
        }

        // Assess
        if (outcome === "accepted") return;
        expect(outcome).toBeInstanceOf(ValidationError);
        const { problems } = outcome as ValidationError;
        expect(problems.length).toBeGreaterThan(0);
        for (const problem of problems) {
          expect(problem.field.length).toBeGreaterThan(0);
          expect(problem.reason).toMatch(/\S/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("never accepts a '*', '?' or '$' anywhere in an S3 prefix", () => {
    const prefix = fc
      .tuple(fc.string(), fc.constantFrom("*", "?", "$"), fc.string())
      .map(([before, bad, after]) => `${before}${bad}${after}`);
    fc.assert(
      fc.property(prefix, (badPrefix) => {
        // Act
        const problems = problemsOf(
          withPermission({ template: "s3-read", bucket: "invoices", prefix: badPrefix }),
        );

        // Assess
        expect(problems.map((p) => p.field)).toContain("permissions[0].prefix");
      }),
    );
  });
});
