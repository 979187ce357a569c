/**
 * What a tenant's permissions boundary means, decided by a real IAM policy evaluator
 * (`@cloud-copilot/iam-simulate`): a grant role of tenant A, whatever its inline policy says (here
 * the worst case, `Allow *` on `*`), reaches A's resources and nothing else — not B's, not another
 * account's or region's, and never the provisioner's own. Tenants come from
 * `test/fixtures/tenancy.json` (`platform`: everything; `team-a`, `team-b`: their own resources).
 *
 * What the simulator cannot know, the tests supply as request context, as AWS would compute it:
 * `s3:ResourceAccount` (the bucket owner), `s3:prefix`, `kms:ViaService`.
 */
import { describe, expect, it } from "vitest";
import type { Permission } from "#grant/request.ts";
import { MANAGED_POLICY_CHARACTERS, tenantBoundaryStatements } from "#policy/boundary.ts";
import { renderPolicy } from "#policy/render.ts";
import { ConfigurationError } from "#src/errors.ts";
import { matchesAny } from "#src/tenancy/pattern.ts";
import type { Tenant } from "#src/tenancy/tenancy.ts";
import {
  evaluate,
  fixtureTenant,
  OTHER_ACCOUNT,
  type Policy,
  SCOPE,
  type SimulatedRequest,
  STACK_PREFIX,
  tenantBoundaryPolicy,
} from "../support/iam-simulation.ts";

const A = fixtureTenant("team-a");
const PLATFORM = fixtureTenant("platform");
const ROLE = `arn:aws:iam::${SCOPE.account}:role/pod-identity/pip-demo-team-a-api-0123456789ab`;
const SESSION = `arn:aws:sts::${SCOPE.account}:assumed-role/pip-demo-team-a-api-0123456789ab/eks-demo-api-x2x9z`;
const { region: r, account: a } = SCOPE;

/** What a hand-edited or compromised inline policy could say at worst. */
const EVERYTHING: Policy = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
};

type Request = Omit<SimulatedRequest, "principal" | "identityPolicies" | "boundary">;
type Decision = Awaited<ReturnType<typeof evaluate>>;

const underBoundary = (tenant: Tenant, request: Request, identityPolicies: Policy[] = [EVERYTHING]) =>
  evaluate({ principal: SESSION, identityPolicies, boundary: tenantBoundaryPolicy(tenant), ...request });

/** Decisions by label, so a failure names the request. */
async function decide(tenant: Tenant, requests: Record<string, Request>): Promise<Record<string, Decision>> {
  const entries = await Promise.all(
    Object.entries(requests).map(
      async ([label, request]) => [label, await underBoundary(tenant, request)] as const,
    ),
  );
  return Object.fromEntries(entries);
}

const every = (labels: Record<string, unknown>, decision: Decision) =>
  Object.fromEntries(Object.keys(labels).map((label) => [label, decision]));

/** A resource policy of another account that invites the grant's role in. */
const invite = (actions: string[], resource: string): Policy => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: ROLE }, Action: actions, Resource: resource }],
});

const object = (bucket: string, action = "s3:GetObject", owner = a): Request => ({
  action,
  resource: `arn:aws:s3:::${bucket}/reports/2026.csv`,
  resourceAccount: owner,
  context: { "s3:ResourceAccount": owner },
  ...(owner === a ? {} : { resourcePolicy: invite([action], `arn:aws:s3:::${bucket}/*`) }),
});
const bucket = (name: string): Request => ({
  action: "s3:ListBucket",
  resource: `arn:aws:s3:::${name}`,
  context: { "s3:ResourceAccount": a },
});
const table = (name: string, action = "dynamodb:PutItem", region = r): Request => ({
  action,
  resource: `arn:aws:dynamodb:${region}:${a}:table/${name}`,
});
const queue = (name: string, action = "sqs:ReceiveMessage"): Request => ({
  action,
  resource: `arn:aws:sqs:${r}:${a}:${name}`,
});
const secret = (name: string): Request => ({
  action: "secretsmanager:GetSecretValue",
  resource: `arn:aws:secretsmanager:${r}:${a}:secret:${name}-AbC123`,
});

describe("a tenant's permissions boundary", () => {
  it("with an inline Allow *, a role under tenant A's boundary reaches only A's resources", async () => {
    // Prepare
    const own = {
      "GetObject team-a-data": object("team-a-data"),
      "PutObject team-a-data": object("team-a-data", "s3:PutObject"),
      "ListBucket team-a-data": bucket("team-a-data"),
      "PutItem team-a-orders": table("team-a-orders"),
      "Query team-a-orders index": {
        action: "dynamodb:Query",
        resource: `arn:aws:dynamodb:${r}:${a}:table/team-a-orders/index/byCustomer`,
      },
      "ReceiveMessage team-a-jobs": queue("team-a-jobs"),
      "SendMessage team-a-jobs": queue("team-a-jobs", "sqs:SendMessage"),
      "GetSecretValue team-a/db": secret("team-a/db"),
    };
    const others = {
      "GetObject team-b-data": object("team-b-data"),
      "ListBucket team-b-data": bucket("team-b-data"),
      "PutItem team-b-orders": table("team-b-orders"),
      "ReceiveMessage team-b-jobs": queue("team-b-jobs"),
      "GetSecretValue team-b/db": secret("team-b/db"),
      "GetObject team-a-data owned by another account": object("team-a-data", "s3:GetObject", OTHER_ACCOUNT),
      "GetItem team-a-orders in another account": {
        action: "dynamodb:GetItem",
        resource: `arn:aws:dynamodb:${r}:${OTHER_ACCOUNT}:table/team-a-orders`,
        resourceAccount: OTHER_ACCOUNT,
        resourcePolicy: invite(
          ["dynamodb:GetItem"],
          `arn:aws:dynamodb:${r}:${OTHER_ACCOUNT}:table/team-a-orders`,
        ),
      },
      "PutItem team-a-orders in another region": table("team-a-orders", "dynamodb:PutItem", "us-east-1"),
      "Publish to team-a-events (no sns template)": {
        action: "sns:Publish",
        resource: `arn:aws:sns:${r}:${a}:team-a-events`,
      },
      "DeleteTable team-a-orders (no catalog action)": table("team-a-orders", "dynamodb:DeleteTable"),
      "PutBucketPolicy team-a-data (no catalog action)": {
        ...bucket("team-a-data"),
        action: "s3:PutBucketPolicy",
      },
    };

    // Act
    const reached = await decide(A, own);
    const beyond = await decide(A, others);

    // Assess
    expect(reached).toEqual(every(own, "Allowed"));
    expect(beyond).toEqual(every(others, "ImplicitlyDenied"));
  });

  it.each(["team-a", "platform"])(
    "with an inline Allow *, a role under tenant %s's boundary never reaches the provisioner's own resources",
    async (name) => {
      // Prepare: `platform` allows every table, queue and topic of the account by pattern: only the
      // boundary's explicit denies keep the provisioner's own out.
      const tenant = fixtureTenant(name);
      const arn = (service: string, rest: string, region = r) => `arn:aws:${service}:${region}:${a}:${rest}`;
      const iam = (rest: string) => `arn:aws:iam::${a}:${rest}`;
      const own = {
        "GetItem registry": {
          action: "dynamodb:GetItem",
          resource: arn("dynamodb", `table/${STACK_PREFIX}-registry`),
        },
        "PutItem registry": {
          action: "dynamodb:PutItem",
          resource: arn("dynamodb", `table/${STACK_PREFIX}-registry`),
        },
        "Query registry index": {
          action: "dynamodb:Query",
          resource: arn("dynamodb", `table/${STACK_PREFIX}-registry/index/byTenant`),
        },
        "GetItem registry in another region": {
          action: "dynamodb:GetItem",
          resource: arn("dynamodb", `table/${STACK_PREFIX}-registry`, "us-east-1"),
        },
        "PutEvents on the bus": {
          action: "events:PutEvents",
          resource: arn("events", `event-bus/${STACK_PREFIX}`),
        },
        "StartExecution provision": {
          action: "states:StartExecution",
          resource: arn("states", `stateMachine:${STACK_PREFIX}-provision`),
        },
        "StopExecution of provision": {
          action: "states:StopExecution",
          resource: arn("states", `execution:${STACK_PREFIX}-provision:ticket-OPS-1`),
        },
        "InvokeFunction record": {
          action: "lambda:InvokeFunction",
          resource: arn("lambda", `function:${STACK_PREFIX}-record`),
        },
        "AssumeRole a function role": {
          action: "sts:AssumeRole",
          resource: iam(`role/${STACK_PREFIX}-EnsureRoleFunctionRole-1A2B3C4D5E6F`),
        },
        "CreatePolicyVersion of a boundary": {
          action: "iam:CreatePolicyVersion",
          resource: iam(`policy/pod-identity/${STACK_PREFIX}-boundary-${name}`),
        },
        "PutRolePolicy on a grant role": { action: "iam:PutRolePolicy", resource: ROLE },
        "DeleteRolePermissionsBoundary on its own role": {
          action: "iam:DeleteRolePermissionsBoundary",
          resource: ROLE,
        },
        "CreateRole admin": { action: "iam:CreateRole", resource: iam("role/admin") },
        CreateAccessKey: { action: "iam:CreateAccessKey", resource: iam("user/alice") },
        "AssumeRole a role that is no target": { action: "sts:AssumeRole", resource: iam("role/admin") },
        "SendMessage to a queue of the stack": {
          action: "sqs:SendMessage",
          resource: arn("sqs", `${STACK_PREFIX}-findings`),
        },
        "Publish to a topic of the stack": {
          action: "sns:Publish",
          resource: arn("sns", `${STACK_PREFIX}-findings`),
        },
        LeaveOrganization: { action: "organizations:LeaveOrganization", resource: "*" },
      };

      // Act
      const decisions = await decide(tenant, own);

      // Assess
      expect(decisions).toEqual(every(own, "ExplicitlyDenied"));
    },
  );

  it("keeps the provisioner's function roles and boundaries out even of a target-role pattern that covers them", async () => {
    // Prepare: a tenant that may chain into any role of the account.
    const wide: Tenant = { ...A, name: "wide", targetRoles: [`arn:aws:iam::${a}:role/*`] };

    // Act
    const functionRole = await underBoundary(wide, {
      action: "sts:AssumeRole",
      resource: `arn:aws:iam::${a}:role/${STACK_PREFIX}-RecordFunctionRole-1A2B3C4D5E6F`,
    });
    const otherRole = await underBoundary(wide, {
      action: "sts:AssumeRole",
      resource: `arn:aws:iam::${a}:role/reader`,
    });

    // Assess
    expect(functionRole).toBe("ExplicitlyDenied");
    expect(otherRole).toBe("Allowed");
  });

  it("agrees with the authorizer on which resource names a pattern covers", async () => {
    // Prepare: the same IAM wildcards read two ways — by `authorize` on the request's value, by IAM on
    // the ARN the boundary renders from the pattern.
    const buckets = A.templates["s3-read"]?.bucket ?? [];
    const secrets = A.templates["secretsmanager-read"]?.secret ?? [];
    const bucketNames = [
      "team-a-data",
      "team-a-",
      "team-a",
      "team-ab",
      "xteam-a-data",
      "team-b-data",
      "TEAM-A-data",
    ];
    const secretNames = ["team-a/db", "team-a/x/y", "team-a", "team-ab/db", "team-b/db"];

    // Act
    const bucketDecisions = await Promise.all(bucketNames.map((n) => underBoundary(A, object(n))));
    const secretDecisions = await Promise.all(secretNames.map((n) => underBoundary(A, secret(n))));

    // Assess
    expect(bucketDecisions.map((d) => d === "Allowed")).toEqual(
      bucketNames.map((n) => matchesAny(buckets, n)),
    );
    expect(secretDecisions.map((d) => d === "Allowed")).toEqual(
      secretNames.map((n) => matchesAny(secrets, n)),
    );
    expect(bucketDecisions).toContain("Allowed");
    expect(bucketDecisions).toContain("ImplicitlyDenied");
  });

  it("allows whatever an accepted request renders, for every template of the catalog (never narrowed by a guess)", async () => {
    // Prepare: one request per template the platform tenant (patterns '*') may use, with the optional
    // parameters the tenancy does not bound (S3 prefix, KMS via-service) set.
    const keyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
    const permissions: Permission[] = [
      { template: "s3-read", bucket: "reports", prefix: "2026/" },
      { template: "s3-write", bucket: "uploads", prefix: "in/" },
      { template: "s3-readwrite", bucket: "scratch" },
      { template: "dynamodb-read", table: "orders" },
      { template: "dynamodb-crud", table: "carts" },
      { template: "sqs-consume", queue: "jobs" },
      { template: "sqs-send", queue: "jobs-out" },
      { template: "sns-publish", topic: "alerts" },
      { template: "secretsmanager-read", secret: "payments/db" },
      { template: "ssm-parameters-read", path: "/payments/prod" },
      { template: "kms-decrypt", keyId, viaService: "secretsmanager" },
    ];
    const keyPolicy: Policy = {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${a}:root` }, Action: "kms:*", Resource: "*" },
      ],
    };
    const inline = renderPolicy(permissions, SCOPE);
    const requests = inline.Statement.flatMap((statement) =>
      (statement.Resource as string[]).flatMap((resource) =>
        (statement.Action as string[]).map((action) => ({
          action,
          // A concrete resource the rendered pattern covers.
          resource: resource.replaceAll("*", "x").replaceAll("?", "a"),
          context: {
            ...(action.startsWith("s3:") ? { "s3:ResourceAccount": a } : {}),
            ...(action === "s3:ListBucket" ? { "s3:prefix": "2026/06/" } : {}),
            ...(action === "kms:Decrypt" ? { "kms:ViaService": `secretsmanager.${r}.amazonaws.com` } : {}),
          },
          ...(action === "kms:Decrypt" ? { resourcePolicy: keyPolicy } : {}),
        })),
      ),
    );

    // Act
    const decisions = await Promise.all(
      requests.map(async (request) => ({
        request: `${request.action} ${request.resource}`,
        decision: await underBoundary(PLATFORM, request, [inline]),
      })),
    );

    // Assess
    expect(requests.length).toBeGreaterThan(permissions.length);
    expect(decisions.filter((d) => d.decision !== "Allowed")).toEqual([]);
  });

  it("drops the S3 prefix condition and widens kms:ViaService to any service of the region, and no further", async () => {
    // Prepare
    const key = `arn:aws:kms:${r}:${a}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const keyPolicy: Policy = {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${a}:root` }, Action: "kms:*", Resource: "*" },
      ],
    };
    const decrypt = (context: Record<string, string>) =>
      underBoundary(PLATFORM, { action: "kms:Decrypt", resource: key, resourcePolicy: keyPolicy, context });

    // Act
    const listAnyPrefix = await underBoundary(PLATFORM, {
      ...bucket("reports"),
      context: { "s3:ResourceAccount": a, "s3:prefix": "anything/" },
    });
    const viaSqsHere = await decrypt({ "kms:ViaService": `sqs.${r}.amazonaws.com` });
    const viaS3Elsewhere = await decrypt({ "kms:ViaService": "s3.us-east-1.amazonaws.com" });
    const direct = await decrypt({});

    // Assess
    expect(listAnyPrefix).toBe("Allowed");
    expect(viaSqsHere).toBe("Allowed");
    expect(viaS3Elsewhere).toBe("ImplicitlyDenied");
    expect(direct).toBe("ImplicitlyDenied");
  });

  it("refuses a tenant whose boundary would exceed IAM's 6,144-character managed policy limit, naming the tenant", () => {
    // Prepare: fifty distinct bucket patterns for each S3 template cannot merge into few statements.
    const patterns = Array.from({ length: 50 }, (_, i) => `team-huge-bucket-with-a-long-name-${i}-*`);
    const huge: Tenant = {
      ...A,
      name: "huge",
      templates: { "s3-read": { bucket: patterns }, "s3-write": { bucket: patterns.map((p) => `w-${p}`) } },
    };

    // Act
    const build = () => tenantBoundaryStatements(huge, STACK_PREFIX);

    // Assess
    expect(build).toThrow(ConfigurationError);
    expect(build).toThrow(/Tenant huge's permissions boundary would be \d+ characters; IAM allows 6144/);
    expect(MANAGED_POLICY_CHARACTERS).toBe(6_144);
  });
});

describe("role chaining", () => {
  const TARGET = `arn:aws:iam::${OTHER_ACCOUNT}:role/team-a-reader`;
  /** The target role's trust policy: it trusts the grant's role (as a chained role's does). */
  const trusts: Policy = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: ROLE }, Action: ["sts:AssumeRole", "sts:TagSession"] }],
  };
  const chain = (inline: Policy, action: string, target: string) =>
    underBoundary(
      A,
      { action, resource: target, resourceAccount: target.split(":")[4], resourcePolicy: trusts },
      [inline],
    );

  it("the rendered inline policy and A's boundary allow sts:AssumeRole on the named target and deny another target", async () => {
    // Prepare
    const inline = renderPolicy([{ template: "s3-read", bucket: "team-a-data" }], SCOPE, {
      targetRoleArn: TARGET,
    });

    // Act
    const assume = await chain(inline, "sts:AssumeRole", TARGET);
    const tag = await chain(inline, "sts:TagSession", TARGET);
    const sibling = await chain(inline, "sts:AssumeRole", `arn:aws:iam::${OTHER_ACCOUNT}:role/team-a-writer`);
    const foreign = await chain(inline, "sts:AssumeRole", `arn:aws:iam::${OTHER_ACCOUNT}:role/team-b-reader`);

    // Assess
    expect(assume).toBe("Allowed");
    expect(tag).toBe("Allowed");
    expect(sibling).toBe("ImplicitlyDenied");
    expect(foreign).toBe("ExplicitlyDenied");
  });

  it("under A's boundary, even an inline Allow * chains only into A's target-role patterns", async () => {
    // Act
    const own = await chain(
      EVERYTHING,
      "sts:AssumeRole",
      `arn:aws:iam::${OTHER_ACCOUNT}:role/team-a-anything`,
    );
    const foreign = await chain(
      EVERYTHING,
      "sts:AssumeRole",
      `arn:aws:iam::${OTHER_ACCOUNT}:role/team-b-reader`,
    );
    const otherAccount = await chain(
      EVERYTHING,
      "sts:AssumeRole",
      `arn:aws:iam::999988887777:role/team-a-reader`,
    );

    // Assess
    expect(own).toBe("Allowed");
    expect(foreign).toBe("ExplicitlyDenied");
    expect(otherAccount).toBe("ExplicitlyDenied");
  });

  it("a tenant without target roles may chain into no role at all", async () => {
    // Act
    const decision = await underBoundary(fixtureTenant("team-b"), {
      action: "sts:AssumeRole",
      resource: TARGET,
      resourceAccount: OTHER_ACCOUNT,
      resourcePolicy: trusts,
    });

    // Assess
    expect(decision).toBe("ExplicitlyDenied");
  });
});
