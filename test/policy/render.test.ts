import { describe, expect, it } from "vitest";
import type { Permission, TemplateName } from "#grant/request.ts";
import { canonicalPolicy, policiesEqual, policySize } from "#policy/canonical.ts";
import { CATALOG } from "#policy/catalog.ts";
import { renderPolicy, type Scope } from "#policy/render.ts";
import type { PolicyDocument, Statement } from "#policy/types.ts";
import { ValidationError } from "#src/errors.ts";

/**
 * A scope in which no value is a default: an ARN that says `aws`, `eu-west-1` or any other account
 * than this one was not rendered from the grant.
 */
const SCOPE: Scope = { partition: "aws-us-gov", region: "us-gov-west-1", account: "444455556666" };
const IAM_INLINE_POLICY_LIMIT = 10_240;

const asArray = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

interface Sample {
  permission: Permission;
  /**
   * What the permission may point at: the named resource and its documented sub-resources, as ARNs
   * written out from the parameters. Every rendered resource must be one of them.
   */
  resources: string[];
}

const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
const { partition: p, region: r, account: a } = SCOPE;

/** One sample per catalog template (and both shapes of the optional S3 prefix). */
const SAMPLES: Sample[] = [
  {
    permission: { template: "s3-read", bucket: "reports" },
    resources: [`arn:${p}:s3:::reports`, `arn:${p}:s3:::reports/*`],
  },
  {
    permission: { template: "s3-read", bucket: "reports", prefix: "2026/" },
    resources: [`arn:${p}:s3:::reports`, `arn:${p}:s3:::reports/2026/*`],
  },
  {
    permission: { template: "s3-write", bucket: "uploads" },
    resources: [`arn:${p}:s3:::uploads/*`],
  },
  {
    permission: { template: "s3-write", bucket: "uploads", prefix: "in/" },
    resources: [`arn:${p}:s3:::uploads/in/*`],
  },
  {
    permission: { template: "s3-readwrite", bucket: "scratch" },
    resources: [`arn:${p}:s3:::scratch`, `arn:${p}:s3:::scratch/*`],
  },
  {
    permission: { template: "s3-readwrite", bucket: "scratch", prefix: "tmp/" },
    resources: [`arn:${p}:s3:::scratch`, `arn:${p}:s3:::scratch/tmp/*`],
  },
  {
    permission: { template: "dynamodb-read", table: "orders" },
    resources: [
      `arn:${p}:dynamodb:${r}:${a}:table/orders`,
      `arn:${p}:dynamodb:${r}:${a}:table/orders/index/*`,
    ],
  },
  {
    permission: { template: "dynamodb-crud", table: "orders" },
    resources: [
      `arn:${p}:dynamodb:${r}:${a}:table/orders`,
      `arn:${p}:dynamodb:${r}:${a}:table/orders/index/*`,
    ],
  },
  {
    permission: { template: "sqs-consume", queue: "jobs" },
    resources: [`arn:${p}:sqs:${r}:${a}:jobs`],
  },
  {
    permission: { template: "sqs-send", queue: "jobs.fifo" },
    resources: [`arn:${p}:sqs:${r}:${a}:jobs.fifo`],
  },
  {
    permission: { template: "sns-publish", topic: "alerts" },
    resources: [`arn:${p}:sns:${r}:${a}:alerts`],
  },
  {
    permission: { template: "secretsmanager-read", secret: "payments/db" },
    // Secrets Manager appends '-' and six random characters to the name in the ARN.
    resources: [`arn:${p}:secretsmanager:${r}:${a}:secret:payments/db-??????`],
  },
  {
    permission: { template: "ssm-parameters-read", path: "/payments/prod" },
    resources: [
      `arn:${p}:ssm:${r}:${a}:parameter/payments/prod`,
      `arn:${p}:ssm:${r}:${a}:parameter/payments/prod/*`,
    ],
  },
  {
    permission: { template: "kms-decrypt", keyId: KEY_ID, viaService: "s3" },
    resources: [`arn:${p}:kms:${r}:${a}:key/${KEY_ID}`],
  },
];

const render = (...permissions: Permission[]): PolicyDocument => renderPolicy(permissions, SCOPE);

function parseArn(arn: string) {
  const [prefix, partition, service, region, account, ...rest] = arn.split(":");
  return { prefix, partition, service, region, account, resource: rest.join(":") };
}

function statementsWith(document: PolicyDocument, action: string): Statement[] {
  return document.Statement.filter((s) => asArray(s.Action).includes(action));
}

describe("renderPolicy: every catalog template", () => {
  it("has a sample here for every template in the catalog", () => {
    // Prepare
    const sampled = new Set(SAMPLES.map((s) => s.permission.template));

    // Act
    const missing = (Object.keys(CATALOG) as TemplateName[]).filter((name) => !sampled.has(name));

    // Assess
    expect(missing).toEqual([]);
  });

  describe.each(SAMPLES.map((sample) => [JSON.stringify(sample.permission), sample] as const))(
    "%s",
    (_, sample) => {
      it("lists every action by name: no '*' or '?' in any Action, no NotAction", () => {
        // Act
        const document = render(sample.permission);

        // Assess
        expect(document.Statement.length).toBeGreaterThan(0);
        for (const statement of document.Statement) {
          expect(statement.NotAction).toBeUndefined();
          const actions = asArray(statement.Action);
          expect(actions.length).toBeGreaterThan(0);
          for (const action of actions) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/);
        }
      });

      it("only allows, and only on listed resources (no NotResource, no Principal)", () => {
        // Act
        const document = render(sample.permission);

        // Assess
        for (const statement of document.Statement) {
          expect(statement.Effect).toBe("Allow");
          expect(statement.NotResource).toBeUndefined();
          expect(statement.Principal).toBeUndefined();
          expect(asArray(statement.Resource).length).toBeGreaterThan(0);
        }
      });

      it("names the grant's partition, account and region in every resource", () => {
        // Act
        const document = render(sample.permission);

        // Assess
        for (const statement of document.Statement) {
          for (const resource of asArray(statement.Resource)) {
            const arn = parseArn(resource);
            expect(arn.prefix).toBe("arn");
            expect(arn.partition).toBe(SCOPE.partition);
            if (arn.service === "s3") {
              // S3 ARNs carry neither region nor account: the bucket owner is pinned by condition.
              expect(arn.region).toBe("");
              expect(arn.account).toBe("");
              expect(statement.Condition?.StringEquals?.["s3:ResourceAccount"]).toBe(SCOPE.account);
            } else {
              expect(arn.region).toBe(SCOPE.region);
              expect(arn.account).toBe(SCOPE.account);
            }
          }
        }
      });

      it("points only at the named resource and its documented sub-resources", () => {
        // Act
        const rendered = render(sample.permission).Statement.flatMap((s) => asArray(s.Resource));

        // Assess
        expect([...new Set(rendered)].sort()).toEqual([...sample.resources].sort());
      });
    },
  );
});

describe("renderPolicy: S3 key prefix", () => {
  it("without a prefix, reads every object of the bucket and lists it without an s3:prefix condition", () => {
    // Act
    const document = render({ template: "s3-read", bucket: "reports" });

    // Assess
    const [list] = statementsWith(document, "s3:ListBucket");
    expect(list?.Resource).toEqual([`arn:${p}:s3:::reports`]);
    expect(list?.Condition).toEqual({ StringEquals: { "s3:ResourceAccount": SCOPE.account } });
    const [read] = statementsWith(document, "s3:GetObject");
    expect(read?.Resource).toEqual([`arn:${p}:s3:::reports/*`]);
  });

  it("with a prefix, reads only objects under it and lists only keys under it", () => {
    // Act
    const document = render({ template: "s3-read", bucket: "reports", prefix: "2026/" });

    // Assess
    const [list] = statementsWith(document, "s3:ListBucket");
    expect(list?.Resource).toEqual([`arn:${p}:s3:::reports`]);
    expect(list?.Condition).toEqual({
      StringEquals: { "s3:ResourceAccount": SCOPE.account },
      StringLike: { "s3:prefix": ["2026/*"] },
    });
    const [read] = statementsWith(document, "s3:GetObject");
    expect(read?.Resource).toEqual([`arn:${p}:s3:::reports/2026/*`]);
    expect(read?.Condition).toEqual({ StringEquals: { "s3:ResourceAccount": SCOPE.account } });
  });

  it("renders the prefix literally, as a key prefix (no separator is added)", () => {
    // Act
    const document = render({ template: "s3-readwrite", bucket: "scratch", prefix: "tmp" });

    // Assess
    const [objects] = statementsWith(document, "s3:DeleteObject");
    expect(objects?.Resource).toEqual([`arn:${p}:s3:::scratch/tmp*`]);
    const [list] = statementsWith(document, "s3:ListBucket");
    expect(list?.Condition?.StringLike).toEqual({ "s3:prefix": ["tmp*"] });
  });

  it("gives s3-write no list, read or delete action", () => {
    // Act
    const actions = render({ template: "s3-write", bucket: "uploads", prefix: "in/" }).Statement.flatMap(
      (s) => asArray(s.Action),
    );

    // Assess
    for (const forbidden of ["s3:ListBucket", "s3:GetObject", "s3:DeleteObject"]) {
      expect(actions).not.toContain(forbidden);
    }
  });
});

describe("renderPolicy: role chaining (targetRoleArn)", () => {
  const TARGET = "arn:aws:iam::210987654321:role/payments-reader";
  const permissions: Permission[] = [{ template: "s3-read", bucket: "reports" }];

  it("adds one statement allowing sts:AssumeRole and sts:TagSession on exactly the target role", () => {
    // Act
    const document = renderPolicy(permissions, SCOPE, { targetRoleArn: TARGET });

    // Assess
    const chaining = document.Statement.filter((s) => asArray(s.Action).some((x) => x.startsWith("sts:")));
    expect(chaining).toEqual([
      {
        Sid: "ChainToTargetRole",
        Effect: "Allow",
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Resource: [TARGET],
      },
    ]);
    expect(document.Statement.filter((s) => s !== chaining[0])).toEqual(
      renderPolicy(permissions, SCOPE).Statement,
    );
  });

  it("allows no STS action without a target role", () => {
    // Act
    const actions = [
      ...renderPolicy(permissions, SCOPE).Statement.flatMap((s) => asArray(s.Action)),
      ...renderPolicy(permissions, SCOPE, {}).Statement.flatMap((s) => asArray(s.Action)),
    ];

    // Assess
    expect(actions.filter((a) => a.startsWith("sts:"))).toEqual([]);
  });
});

describe("renderPolicy: merging", () => {
  it("merges the same access to two buckets into one statement per access, with both resources", () => {
    // Act
    const document = render(
      { template: "s3-read", bucket: "bucket-a" },
      { template: "s3-read", bucket: "bucket-b" },
    );

    // Assess
    expect(document.Statement).toHaveLength(2);
    expect(statementsWith(document, "s3:ListBucket")[0]?.Resource).toEqual([
      `arn:${p}:s3:::bucket-a`,
      `arn:${p}:s3:::bucket-b`,
    ]);
    expect(statementsWith(document, "s3:GetObject")[0]?.Resource).toEqual([
      `arn:${p}:s3:::bucket-a/*`,
      `arn:${p}:s3:::bucket-b/*`,
    ]);
  });

  it("does not merge statements whose conditions differ (a prefixed list with an unprefixed one)", () => {
    // Act
    const document = render(
      { template: "s3-read", bucket: "bucket-a", prefix: "2026/" },
      { template: "s3-read", bucket: "bucket-b" },
    );

    // Assess
    const lists = statementsWith(document, "s3:ListBucket");
    expect(lists).toHaveLength(2);
    const prefixed = lists.find((s) => s.Condition?.StringLike !== undefined);
    expect(prefixed?.Resource).toEqual([`arn:${p}:s3:::bucket-a`]);
    const unprefixed = lists.find((s) => s.Condition?.StringLike === undefined);
    expect(unprefixed?.Resource).toEqual([`arn:${p}:s3:::bucket-b`]);
  });

  it("does not merge statements whose actions differ", () => {
    // Act
    const document = render(
      { template: "s3-read", bucket: "bucket-a" },
      { template: "s3-readwrite", bucket: "bucket-b" },
    );

    // Assess
    const deletes = statementsWith(document, "s3:DeleteObject");
    expect(deletes).toHaveLength(1);
    expect(deletes[0]?.Resource).toEqual([`arn:${p}:s3:::bucket-b/*`]);
  });

  it("keeps a resource once when two permissions grant the same access to it", () => {
    // Act
    const document = render(
      { template: "dynamodb-read", table: "orders" },
      { template: "dynamodb-crud", table: "orders" },
      { template: "dynamodb-read", table: "orders" },
    );

    // Assess
    const reads = statementsWith(document, "dynamodb:GetItem");
    expect(reads).toHaveLength(1);
    expect(reads[0]?.Resource).toEqual([
      `arn:${p}:dynamodb:${r}:${a}:table/orders`,
      `arn:${p}:dynamodb:${r}:${a}:table/orders/index/*`,
    ]);
    const writes = statementsWith(document, "dynamodb:PutItem");
    expect(writes).toHaveLength(1);
    expect(writes[0]?.Resource).toEqual([`arn:${p}:dynamodb:${r}:${a}:table/orders`]);
  });

  it("keeps fifty buckets read the same way under IAM's size limit", () => {
    // Prepare
    const permissions: Permission[] = Array.from({ length: 50 }, (_, i) => ({
      template: "s3-read",
      bucket: `team-data-bucket-${String(i).padStart(2, "0")}`,
    }));

    // Act
    const document = render(...permissions);

    // Assess
    expect(document.Statement).toHaveLength(2);
    expect(policySize(document)).toBeLessThanOrEqual(IAM_INLINE_POLICY_LIMIT);
  });
});

describe("renderPolicy: IAM's inline policy size limit", () => {
  /**
   * A grant whose policy is exactly `size` non-whitespace characters: SSM paths (two resources each,
   * merged into one statement) bring it close, an SNS topic's name (one character per character)
   * lands it exactly.
   */
  function grantOfSize(size: number): Permission[] {
    const topic = (length: number): Permission => ({ template: "sns-publish", topic: "t".repeat(length) });
    const paths: Permission[] = [];
    const sizeWith = (topicLength: number) => policySize(render(...paths, topic(topicLength)));
    while (sizeWith(1) + 255 < size) {
      // Each path adds about 240 characters: less than the topic can absorb, so the size is reachable.
      paths.push({
        template: "ssm-parameters-read",
        path: `/${String(paths.length).padStart(3, "0")}/${"p".repeat(55)}`,
      });
    }
    return [...paths, topic(size - sizeWith(1) + 1)];
  }

  it("accepts a grant that renders to exactly 10,240 non-whitespace characters", () => {
    // Prepare
    const permissions = grantOfSize(IAM_INLINE_POLICY_LIMIT);

    // Act
    const document = renderPolicy(permissions, SCOPE);

    // Assess
    expect(policySize(document)).toBe(IAM_INLINE_POLICY_LIMIT);
  });

  it("rejects a grant that renders to 10,241 characters with a ValidationError on 'permissions'", () => {
    // Prepare
    const permissions = grantOfSize(IAM_INLINE_POLICY_LIMIT + 1);

    // Act
    let error: unknown;
    try {
      renderPolicy(permissions, SCOPE);
    } catch (thrown) {
      error = thrown;
    }

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual([
      { field: "permissions", reason: expect.stringContaining("10241 characters") },
    ]);
  });

  it("rejects a grant of many long, unmergeable prefixes", () => {
    // Prepare
    const permissions: Permission[] = Array.from({ length: 20 }, (_, i) => ({
      template: "s3-read",
      bucket: "reports",
      prefix: `${i}/${"k".repeat(600)}/`,
    }));

    // Act
    const act = () => renderPolicy(permissions, SCOPE);

    // Assess
    expect(act).toThrow(expect.objectContaining({ name: "ValidationError", code: "VALIDATION" }));
  });

  it("counts size without whitespace, as IAM does", () => {
    // Prepare
    const document: PolicyDocument = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::b/*"] }],
    };

    // Act
    const size = policySize(document);

    // Assess
    expect(size).toBe(JSON.stringify(document).length);
    expect(size).toBe(JSON.stringify(document, null, 2).replace(/\s/g, "").length);
  });
});

describe("canonicalPolicy and policiesEqual", () => {
  const statementA: Statement = {
    Sid: "Read",
    Effect: "Allow",
    Action: ["s3:GetObject", "s3:GetObjectVersion"],
    Resource: ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"],
    Condition: { StringEquals: { "s3:ResourceAccount": ["111122223333"] } },
  };
  const statementB: Statement = {
    Sid: "Send",
    Effect: "Allow",
    Action: ["sqs:SendMessage"],
    Resource: ["arn:aws:sqs:eu-west-1:111122223333:jobs"],
  };
  const document: PolicyDocument = { Version: "2012-10-17", Statement: [statementA, statementB] };

  it("treats statement order, list order and duplicates as meaningless", () => {
    // Prepare
    const reordered: PolicyDocument = {
      Version: "2012-10-17",
      Statement: [
        statementB,
        {
          ...statementA,
          Action: ["s3:GetObjectVersion", "s3:GetObject", "s3:GetObject"],
          Resource: ["arn:aws:s3:::b/*", "arn:aws:s3:::a/*"],
        },
        statementB,
      ],
    };

    // Act / Assess
    expect(policiesEqual(document, reordered)).toBe(true);
    expect(canonicalPolicy(reordered).Statement).toHaveLength(2);
  });

  it("ignores Sids", () => {
    // Prepare
    const renamed: PolicyDocument = {
      Version: "2012-10-17",
      Statement: [
        { ...statementA, Sid: "Other" },
        { ...statementB, Sid: undefined },
      ],
    };

    // Act
    const canonical = canonicalPolicy(renamed);

    // Assess
    expect(policiesEqual(document, renamed)).toBe(true);
    for (const statement of canonical.Statement) expect(statement).not.toHaveProperty("Sid");
  });

  it("treats a single value as the one-element array it means", () => {
    // Prepare
    const single = {
      Version: "2012-10-17",
      Statement: [
        statementA,
        {
          Effect: "Allow",
          Action: "sqs:SendMessage",
          Resource: "arn:aws:sqs:eu-west-1:111122223333:jobs",
        },
      ],
    };
    const trust = (service: string | string[], tag: string | string[]) => ({
      Version: "2012-10-17",
      Statement: {
        Effect: "Allow",
        Principal: { Service: service },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:RequestTag/kubernetes-namespace": tag } },
      },
    });

    // Act / Assess
    expect(policiesEqual(document, single)).toBe(true);
    expect(
      policiesEqual(trust("pods.eks.amazonaws.com", "ns"), trust(["pods.eks.amazonaws.com"], ["ns"])),
    ).toBe(true);
  });

  it("reads IAM's URL-encoded documents and JSON strings", () => {
    // Prepare
    const encoded = encodeURIComponent(JSON.stringify(document));
    const json = JSON.stringify(document, null, 2);

    // Act / Assess
    expect(encoded.startsWith("%7B")).toBe(true);
    expect(policiesEqual(encoded, document)).toBe(true);
    expect(policiesEqual(json, encoded)).toBe(true);
    expect(canonicalPolicy(encoded)).toEqual(canonicalPolicy(document));
  });

  it("tells apart documents that differ in what they allow", () => {
    // Prepare
    const variants: unknown[] = [
      { Version: "2012-10-17", Statement: [statementA] },
      { Version: "2012-10-17", Statement: [{ ...statementA, Effect: "Deny" }, statementB] },
      { Version: "2012-10-17", Statement: [{ ...statementA, Action: ["s3:GetObject"] }, statementB] },
      {
        Version: "2012-10-17",
        Statement: [{ ...statementA, Resource: ["arn:aws:s3:::a/*", "arn:aws:s3:::c/*"] }, statementB],
      },
      {
        Version: "2012-10-17",
        Statement: [
          { ...statementA, Condition: { StringEquals: { "s3:ResourceAccount": "444455556666" } } },
          statementB,
        ],
      },
      {
        Version: "2012-10-17",
        Statement: [
          { ...statementA, Condition: { StringLike: { "s3:ResourceAccount": "111122223333" } } },
          statementB,
        ],
      },
      encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement: [statementB] })),
    ];

    // Act
    const equal = variants.map((variant) => policiesEqual(document, variant));

    // Assess
    expect(equal).toEqual(variants.map(() => false));
  });

  it("agrees with itself on rendered policies: rendering twice gives equal documents", () => {
    // Prepare
    const permissions = SAMPLES.map((s) => s.permission);

    // Act
    const first = renderPolicy(permissions, SCOPE);
    const second = renderPolicy([...permissions].reverse(), SCOPE);

    // Assess
    expect(policiesEqual(first, second)).toBe(true);
  });
});
