import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseGrantKey, parseGrantRequest, REQUEST_LIMITS } from "#grant/request.ts";
import { CATALOG } from "#policy/catalog.ts";
import { ValidationError } from "#src/errors.ts";

const catalogTemplateNames = () => Object.keys(CATALOG);

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
function problemsOf(input: unknown, options: { partition?: string } = {}) {
  try {
    parseGrantRequest(input, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).problems;
  }
  throw new Error(`expected a ValidationError for ${JSON.stringify(input)}`);
}

const withPermission = (permission: Record<string, unknown>) => valid({ permissions: [permission] });

const withPrefix = (prefix: string) => withPermission({ template: "s3-read", bucket: "invoices", prefix });

const STATEMENT = { Effect: "Allow", Action: "s3:GetObject", Resource: "*" };

/** A request with a session policy of one statement (and disableSessionTags: true, which EKS requires). */
const withStatement = (statement: Record<string, unknown>, policy: Record<string, unknown> = {}) =>
  valid({
    disableSessionTags: true,
    sessionPolicy: { Version: "2012-10-17", Statement: [statement], ...policy },
  });

/** `levels` arrays, each the only item of the one above: `arrays(2)` is `[[]]`. */
function arrays(levels: number): unknown[] {
  let nested: unknown[] = [];
  for (let level = 1; level < levels; level++) nested = [nested];
  return nested;
}

/** Values of every kind in `value` (objects, arrays and primitives), `value` included. */
const valuesIn = (value: unknown): number =>
  value !== null && typeof value === "object"
    ? 1 + Object.values(value).reduce((sum: number, member) => sum + valuesIn(member), 0)
    : 1;

const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

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
        Id: "invoices-readers",
        Statement: [
          { Sid: "Read", Effect: "Allow", Action: ["s3:GetObject", "s3:List*"], Resource: "*" },
          {
            Effect: "Deny",
            NotAction: "s3:Get*",
            NotResource: ["arn:aws:s3:::invoices/public/*"],
            Condition: {
              StringNotEquals: { "aws:PrincipalTag/team": ["payments", "audit"] },
              NumericLessThan: { "s3:max-keys": 100 },
              Bool: { "aws:SecureTransport": false },
            },
          },
        ],
      },
      tags: { "cost-center": "cc-42", team: "", "Kubernetes team": "x", eks: "no dash", constructor: "ok" },
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

describe("parseGrantRequest normalises", () => {
  it("an S3 prefix to the folder it names, adding the trailing '/'", () => {
    // Prepare: without the '/', `2026` would also grant `2026-secret/…` and `20261231-payroll.csv`.
    const input = withPrefix("2026");

    // Act
    const request = parseGrantRequest(input);

    // Assess
    expect(request.permissions).toEqual([{ template: "s3-read", bucket: "invoices", prefix: "2026/" }]);
  });

  it("nothing in an S3 prefix that already ends in '/'", () => {
    // Prepare
    const input = withPrefix("reports/2026/");

    // Act
    const request = parseGrantRequest(input);

    // Assess
    expect(request.permissions).toEqual([
      { template: "s3-read", bucket: "invoices", prefix: "reports/2026/" },
    ]);
  });

  it("into a copy, leaving its input as it was", () => {
    // Prepare
    const input = valid({
      permissions: [{ template: "s3-write", bucket: "invoices", prefix: "2026" }],
      tags: {},
    });

    // Act
    const request = parseGrantRequest(input);

    // Assess
    expect(input.permissions).toEqual([{ template: "s3-write", bucket: "invoices", prefix: "2026" }]);
    expect(request).not.toBe(input);
    expect(request.permissions).not.toBe(input.permissions);
    expect(request.tags).not.toBe(input.tags);
  });

  it("once: a request it returned parses to an equal request", () => {
    // Prepare
    const first = parseGrantRequest(
      valid({ permissions: [{ template: "s3-readwrite", bucket: "invoices", prefix: "a b/é" }] }),
    );

    // Act
    const again = parseGrantRequest(first);

    // Assess
    expect(again).toStrictEqual(first);
  });

  it("a prefix of 899 characters to 900, the most allowed", () => {
    // Prepare
    const input = withPrefix("p".repeat(899));

    // Act
    const request = parseGrantRequest(input);

    // Assess
    expect(request.permissions[0]).toMatchObject({ prefix: `${"p".repeat(899)}/` });
  });
});

describe("parseGrantRequest, for the partition it is deployed in,", () => {
  it("accepts a target role in partition aws by default", () => {
    // Prepare
    const input = valid({ targetRoleArn: "arn:aws:iam::444455556666:role/reader" });

    // Act
    const request = parseGrantRequest(input);

    // Assess
    expect(request.targetRoleArn).toBe("arn:aws:iam::444455556666:role/reader");
  });

  it("accepts a target role in its own partition when that is not aws", () => {
    // Prepare
    const input = valid({ targetRoleArn: "arn:aws-cn:iam::444455556666:role/reader" });

    // Act
    const request = parseGrantRequest(input, { partition: "aws-cn" });

    // Assess
    expect(request.targetRoleArn).toBe("arn:aws-cn:iam::444455556666:role/reader");
  });

  it.each([
    [
      "aws",
      "arn:aws-cn:iam::444455556666:role/reader",
      /partition 'aws-cn', but the provisioner is deployed in 'aws'/,
    ],
    ["aws", "arn:aws-us-gov:iam::444455556666:role/reader", /partition 'aws-us-gov'/],
    [
      "aws-cn",
      "arn:aws:iam::444455556666:role/reader",
      /partition 'aws', but the provisioner is deployed in 'aws-cn'/,
    ],
    ["aws", "arn:awsevil:iam::444455556666:role/reader", /in an AWS partition \(aws, aws-cn, /],
    ["awsevil", "arn:awsevil:iam::444455556666:role/reader", /in an AWS partition/],
  ])("in partition %s refuses the target role %s", (partition, targetRoleArn, reason) => {
    // Act
    const problems = problemsOf(valid({ targetRoleArn }), { partition });

    // Assess
    expect(problems).toEqual([{ field: "targetRoleArn", reason: expect.stringMatching(reason) }]);
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
      /must not contain '\*', '\?' or '\$'/,
    ],
    [
      "a '?' in an S3 prefix",
      withPermission({ template: "s3-readwrite", bucket: "invoices", prefix: "202?/" }),
      "permissions[0].prefix",
      /must not contain '\*', '\?' or '\$'/,
    ],
    [
      "a policy variable in an S3 prefix",
      withPermission({ template: "s3-read", bucket: "invoices", prefix: "${aws:username}/" }),
      "permissions[0].prefix",
      /policy variables/,
    ],
    [
      "an S3 prefix that is only '/'",
      withPrefix("/"),
      "permissions[0].prefix",
      /must not start with '\/': S3 keys do not/,
    ],
    [
      "an S3 prefix starting with '/'",
      withPrefix("/2026/"),
      "permissions[0].prefix",
      /S3 keys do not start with '\/'/,
    ],
    ["an empty S3 prefix", withPrefix(""), "permissions[0].prefix", /1-900 characters; omit it/],
    ["an S3 prefix with a NUL", withPrefix("2026\u0000/"), "permissions[0].prefix", /control characters/],
    [
      "an S3 prefix with a '..' segment",
      withPrefix("2026/../payroll/"),
      "permissions[0].prefix",
      /'\.\.' segments/,
    ],
    [
      "an S3 prefix starting with './'",
      withPrefix("./2026"),
      "permissions[0].prefix",
      /'\.' or '\.\.' segments/,
    ],
    [
      "an S3 prefix that is not a string",
      withPrefix(2026 as unknown as string),
      "permissions[0].prefix",
      /must be a string/,
    ],
    [
      "an S3 prefix of 900 characters without the trailing '/'",
      withPrefix("p".repeat(900)),
      "permissions[0].prefix",
      /is 900 characters; with the '\/' that makes it a folder it would be 901/,
    ],
    ["an S3 prefix of 901 characters", withPrefix(`${"p".repeat(900)}/`), "permissions[0].prefix", /1-900/],
    ["no permissions", valid({ permissions: [] }), "permissions", /fewer than 1/],
    [
      "a session policy without disableSessionTags",
      valid({ sessionPolicy: { Version: "2012-10-17", Statement: [STATEMENT] } }),
      "sessionPolicy",
      /requires disableSessionTags: true/,
    ],
    [
      "a session policy with disableSessionTags false",
      valid({
        disableSessionTags: false,
        sessionPolicy: { Version: "2012-10-17", Statement: [STATEMENT] },
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
    ["a statement without Effect", withStatement({}), "sessionPolicy.Statement[0].Effect", /is required/],
    [
      "a statement with Effect 'Maybe'",
      withStatement({ ...STATEMENT, Effect: "Maybe" }),
      "sessionPolicy.Statement[0].Effect",
      /must be "Allow" or "Deny"/,
    ],
    [
      "a statement with a Principal",
      withStatement({ ...STATEMENT, Principal: { AWS: "*" } }),
      "sessionPolicy.Statement[0].Principal",
      /session policy has no Principal/,
    ],
    [
      "a statement with a NotPrincipal",
      withStatement({ ...STATEMENT, NotPrincipal: "*" }),
      "sessionPolicy.Statement[0].NotPrincipal",
      /session policy has no NotPrincipal/,
    ],
    [
      "an unknown statement field",
      withStatement({ ...STATEMENT, Effects: "Allow" }),
      "sessionPolicy.Statement[0].Effects",
      /is not a known field/,
    ],
    [
      "a statement without Action or NotAction",
      withStatement({ Effect: "Allow", Resource: "*" }),
      "sessionPolicy.Statement[0]",
      /exactly one of Action or NotAction/,
    ],
    [
      "a statement with both Action and NotAction",
      withStatement({ ...STATEMENT, NotAction: "s3:PutObject" }),
      "sessionPolicy.Statement[0]",
      /exactly one of Action or NotAction/,
    ],
    [
      "a statement with both Resource and NotResource",
      withStatement({ ...STATEMENT, NotResource: "*" }),
      "sessionPolicy.Statement[0]",
      /exactly one of Resource or NotResource/,
    ],
    [
      "an action without its service",
      withStatement({ ...STATEMENT, Action: ["GetObject"] }),
      "sessionPolicy.Statement[0].Action[0]",
      /IAM action such as 's3:GetObject'/,
    ],
    [
      "an empty list of actions",
      withStatement({ ...STATEMENT, Action: [] }),
      "sessionPolicy.Statement[0].Action",
      /non-empty array/,
    ],
    [
      "a resource of 2,049 characters",
      withStatement({ ...STATEMENT, Resource: "r".repeat(2049) }),
      "sessionPolicy.Statement[0].Resource",
      /1-2048 characters/,
    ],
    [
      "a condition operator that is no operator",
      withStatement({ ...STATEMENT, Condition: { "String Equals": { "aws:PrincipalTag/team": "a" } } }),
      "sessionPolicy.Statement[0].Condition.String Equals",
      /condition operator/,
    ],
    [
      "a condition key without its service",
      withStatement({ ...STATEMENT, Condition: { StringEquals: { team: "a" } } }),
      "sessionPolicy.Statement[0].Condition.StringEquals.team",
      /condition key such as aws:PrincipalTag\/team/,
    ],
    [
      "a condition value that is an object",
      withStatement({ ...STATEMENT, Condition: { StringEquals: { "aws:PrincipalTag/team": { a: 1 } } } }),
      "sessionPolicy.Statement[0].Condition.StringEquals.aws:PrincipalTag/team",
      /string, number or boolean/,
    ],
    [
      "a Sid with a '-'",
      withStatement({ ...STATEMENT, Sid: "read-all" }),
      "sessionPolicy.Statement[0].Sid",
      /letters and digits only/,
    ],
    [
      "a policy version other than 2012-10-17",
      withStatement(STATEMENT, { Version: "2008-10-17" }),
      "sessionPolicy.Version",
      /must be "2012-10-17"/,
    ],
    [
      "a policy without Version",
      withStatement(STATEMENT, { Version: undefined }),
      "sessionPolicy.Version",
      /is required/,
    ],
    [
      "an unknown policy field",
      withStatement(STATEMENT, { Statements: [] }),
      "sessionPolicy.Statements",
      /is not a known field/,
    ],
    [
      "a policy of 21 statements",
      withStatement(STATEMENT, { Statement: new Array(21).fill(STATEMENT) }),
      "sessionPolicy.Statement",
      /more than 20 items/,
    ],
    [
      "the reserved tag key managed-by",
      valid({ tags: { "managed-by": "me" } }),
      "tags.managed-by",
      /reserved/,
    ],
    ["the reserved tag key ticket", valid({ tags: { ticket: "OPS-1" } }), "tags.ticket", /reserved/],
    [
      "the reserved tag key Managed-By",
      valid({ tags: { "Managed-By": "me" } }),
      "tags.Managed-By",
      /reserved/,
    ],
    [
      "the reserved tag key kubernetes-namespace",
      valid({ tags: { "kubernetes-namespace": "other" } }),
      "tags.kubernetes-namespace",
      /reserved: keys starting with 'kubernetes-' are the session tags EKS Pod Identity adds/,
    ],
    [
      "the tag key eks-cluster-arn",
      valid({ tags: { "eks-cluster-arn": "arn:aws:eks:eu-west-1:111122223333:cluster/prod" } }),
      "tags.eks-cluster-arn",
      /could impersonate them in aws:PrincipalTag conditions when session tags are disabled/,
    ],
    [
      "the tag key EKS-Cluster-Name, in other case",
      valid({ tags: { "EKS-Cluster-Name": "prod" } }),
      "tags.EKS-Cluster-Name",
      /keys starting with 'eks-' are the session tags/,
    ],
    [
      "the tag key kubernetes-pod-name",
      valid({ tags: { "kubernetes-pod-name": "api-0" } }),
      "tags.kubernetes-pod-name",
      /session tags EKS Pod Identity adds/,
    ],
    [
      "the tag key Pod-Identity-Provisioner:owner",
      valid({ tags: { "Pod-Identity-Provisioner:owner": "other-stage" } }),
      "tags.Pod-Identity-Provisioner:owner",
      /keys starting with 'pod-identity-provisioner:' are the provisioner's own/,
    ],
    [
      "the tag key __proto__",
      valid({ tags: JSON.parse('{"__proto__": "x"}') }),
      "tags.__proto__",
      /reserved/,
    ],
    [
      "two tag keys differing only in case",
      valid({ tags: { Team: "a", team: "b" } }),
      "tags.team",
      /differs from the tag key 'Team' only in case/,
    ],
    ["an aws: tag key", valid({ tags: { "aws:createdBy": "me" } }), "tags.aws:createdBy", /'aws:'/],
    ["an AWS: tag key in capitals", valid({ tags: { "AWS:team": "x" } }), "tags.AWS:team", /'aws:'/],
    ["a tag key with '#'", valid({ tags: { "a#b": "x" } }), "tags.a#b", /tag keys must be/],
    ["an empty tag key", valid({ tags: { "": "x" } }), 'tags[""]', /tag keys must be/],
    ["a tag value with '#'", valid({ tags: { team: "a#b" } }), "tags.team", /tag values must be/],
    [
      "a target role that is not a role ARN",
      valid({ targetRoleArn: "arn:aws:iam::444455556666:user/bob" }),
      "targetRoleArn",
      /IAM role ARN/,
    ],
    ["an empty unknown field", { ...valid(), "": 1 }, '[""]', /is not a known field/],
    ["a ticket with spaces", valid({ ticket: "OPS 1" }), "ticket", /1-128 characters/],
    ["a missing cluster", { ...valid(), cluster: undefined }, "cluster", /is required/],
    ["a request that is a string", "demo/payments/api", "(request)", /must be a JSON object .*not a string/],
    ["a request that is null", null, "(request)", /must be a JSON object .*not null/],
    ["a request that is an array", [valid()], "(request)", /must be a JSON object .*not an array/],
    ["a request that is undefined", undefined, "(request)", /must be a JSON object .*not undefined/],
    ["a bigint", valid({ ticket: 1n }), "ticket", /is not JSON data \(a bigint\)/],
    ["a Date", valid({ tags: { since: new Date(0) } }), "tags.since", /is not JSON data \(a Date\)/],
    [
      "a function",
      valid({ permissions: [() => "s3-read"] }),
      "permissions[0]",
      /is not JSON data \(a function\)/,
    ],
    ["a Map as tags", valid({ tags: new Map([["team", "a"]]) }), "tags", /is not JSON data \(a Map\)/],
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
      sessionPolicy: { Version: "2012-10-17", Statement: [STATEMENT] },
      targetRoleArn: "arn:aws-cn:iam::444455556666:role/reader",
      tags: { "managed-by": "me", "aws:x": "y", "eks-cluster-name": "prod", team: "ok" },
    });

    // Act
    const problems = problemsOf(input);

    // Assess
    expect(problems.map((p) => p.field).sort()).toEqual([
      "sessionPolicy",
      "tags.aws:x",
      "tags.eks-cluster-name",
      "tags.managed-by",
      "targetRoleArn",
    ]);
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

describe("parseGrantRequest bounds the input before the schema sees it", () => {
  it("accepts nesting down to the limit", () => {
    // Prepare: `note` holds 32 levels of arrays (the request object is level 0).
    const input = valid({ note: arrays(REQUEST_LIMITS.depth) });

    // Act
    const problems = problemsOf(input);

    // Assess: only the unknown field, no depth problem.
    expect(problems).toEqual([{ field: "note", reason: "is not a known field" }]);
  });

  it("refuses nesting one level deeper, naming where the limit is passed", () => {
    // Prepare
    const input = valid({ note: arrays(REQUEST_LIMITS.depth + 1) });

    // Act
    const problems = problemsOf(input);

    // Assess
    expect(problems).toEqual([
      {
        field: `note${"[0]".repeat(REQUEST_LIMITS.depth)}`,
        reason: "is nested more than 32 levels deep; a grant request needs at most 6",
      },
    ]);
  });

  it("refuses a session policy nested 5,000 levels deep with a ValidationError, not a RangeError", () => {
    // Prepare
    let statement: Record<string, unknown> = {};
    for (let level = 0; level < 5_000; level++) statement = { Condition: statement };
    const input = withStatement(statement);

    // Act
    const problems = problemsOf(input);

    // Assess
    expect(problems).toEqual([
      {
        field: `sessionPolicy.Statement[0]${".Condition".repeat(REQUEST_LIMITS.depth - 2)}`,
        reason: expect.stringMatching(/nested more than 32 levels deep/),
      },
    ]);
  });

  it("refuses a cyclic input as too deep", () => {
    // Prepare
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;

    // Act
    const problems = problemsOf(valid({ note: cycle }));

    // Assess
    expect(problems).toEqual([
      {
        field: `note${".self".repeat(REQUEST_LIMITS.depth)}`,
        reason: expect.stringMatching(/nested more than/),
      },
    ]);
  });

  it("accepts exactly 64 KiB of JSON, counted in UTF-8 bytes", () => {
    // Prepare: '€' is 3 bytes of UTF-8 and 1 character.
    const euros = valid({ note: "€".repeat(20_000) });
    const input = valid({
      note: `${"€".repeat(20_000)}${"x".repeat(REQUEST_LIMITS.jsonBytes - jsonBytes(euros))}`,
    });

    // Act
    const problems = problemsOf(input);

    // Assess
    expect(jsonBytes(input)).toBe(65_536);
    expect(problems).toEqual([{ field: "note", reason: "is not a known field" }]);
  });

  it("refuses one byte more", () => {
    // Prepare
    const euros = valid({ note: "€".repeat(20_000) });
    const input = valid({
      note: `${"€".repeat(20_000)}${"x".repeat(REQUEST_LIMITS.jsonBytes - jsonBytes(euros) + 1)}`,
    });

    // Act
    const problems = problemsOf(input);

    // Assess
    expect(jsonBytes(input)).toBe(65_537);
    expect(problems).toEqual([
      {
        field: "(request)",
        reason: "is more than 64 KiB (65,536 bytes) of JSON; a grant request needs a few KiB",
      },
    ]);
  });

  it("counts escapes as JSON writes them: 11,000 NULs are 66,000 bytes", () => {
    // Prepare: each NUL is written `\u0000`, 6 bytes; 11,000 of them pass 64 KiB.
    const input = valid({ note: "\u0000".repeat(11_000) });

    // Act
    const problems = problemsOf(input);

    // Assess
    expect(problems.map((p) => p.field)).toEqual(["(request)"]);
  });

  it("accepts exactly 10,000 values and refuses 10,001", () => {
    // Prepare: `note` is one array value plus its items.
    const room = REQUEST_LIMITS.values - valuesIn(valid({ note: [] }));
    const atLimit = valid({ note: new Array(room).fill(0) });
    const overLimit = valid({ note: new Array(room + 1).fill(0) });

    // Act
    const atLimitProblems = problemsOf(atLimit);
    const overLimitProblems = problemsOf(overLimit);

    // Assess
    expect(valuesIn(atLimit)).toBe(10_000);
    expect(atLimitProblems).toEqual([{ field: "note", reason: "is not a known field" }]);
    expect(overLimitProblems).toEqual([
      { field: "(request)", reason: expect.stringMatching(/has more than 10,000 values/) },
    ]);
  });

  it("lists at most 100 problems, then says how many more there are", () => {
    // Prepare: 5,000 permissions that are not objects, each a problem.
    const input = valid({ permissions: new Array(5_000).fill("s3-read") });

    // Act
    const problems = problemsOf(input);

    // Assess
    expect(problems).toHaveLength(REQUEST_LIMITS.problems + 1);
    expect(problems.at(-1)).toEqual({
      field: "(request)",
      reason: expect.stringMatching(/^has [\d,]+ more problems, not listed$/),
    });
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

describe("parseGrantKey", () => {
  it("returns the three key fields of a deprovision's input, ignoring the rest", () => {
    // Act
    const key = parseGrantKey({ cluster: "demo", namespace: "payments", serviceAccount: "api", caller: {} });

    // Assess
    expect(key).toEqual({ cluster: "demo", namespace: "payments", serviceAccount: "api" });
  });

  it("names each bad or missing key field, with the request's own rules", () => {
    // Act
    const act = () => parseGrantKey({ cluster: "demo", namespace: "Payments" });

    // Assess
    expect(act).toThrowError(
      expect.objectContaining({
        name: "ValidationError",
        problems: expect.arrayContaining([
          expect.objectContaining({ field: "namespace", reason: expect.stringContaining("DNS-1123 label") }),
          { field: "serviceAccount", reason: "is required" },
        ]),
      }),
    );
    expect(() => parseGrantKey("demo/payments/api")).toThrowError(
      expect.objectContaining({ problems: [expect.objectContaining({ field: "(request)" })] }),
    );
  });
});
