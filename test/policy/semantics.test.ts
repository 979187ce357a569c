/**
 * What the policies the provisioner writes mean, decided by a real IAM policy evaluator
 * (`@cloud-copilot/iam-simulate`) rather than by reading their text: the rendered inline policy
 * together with a permissions boundary (the `platform` tenant's of `test/fixtures/tenancy.json`, which
 * allows every template on every resource: the catalog's closure), and the role's trust policy
 * evaluated as the resource policy of `sts:AssumeRole`. Per-tenant limits: `tenant-boundary.test.ts`.
 *
 * What the simulator cannot know, the tests supply as request context, as AWS would compute it:
 * `s3:ResourceAccount` (the bucket owner), `kms:ViaService` (the service calling KMS on the
 * caller's behalf), and the session tags EKS Pod Identity sends (`aws:RequestTag/...`). The
 * simulator models EKS Pod Identity's `AssumeRoleForPodIdentity` as what IAM evaluates for it: the
 * service principal `pods.eks.amazonaws.com` calling `sts:AssumeRole` and `sts:TagSession` on the role.
 */
import { describe, expect, it } from "vitest";
import { desiredState, grantIdentity } from "#grant/desired-state.ts";
import { type GrantRequest, type Permission, parseGrantRequest } from "#grant/request.ts";
import { renderPolicy } from "#policy/render.ts";
import { clusterArn } from "#policy/trust-policy.ts";
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

const KEY = { cluster: "demo", namespace: "payments", serviceAccount: "api" };
/** The grant's role, and the principal of the pod's session (an assumed-role session of it). */
const ROLE = grantIdentity(KEY, { ...SCOPE, stackPrefix: STACK_PREFIX });
const SESSION = `arn:aws:sts::${SCOPE.account}:assumed-role/${ROLE.roleName}/eks-demo-api-7d9f8b6c5d-x2x9z`;
const TENANT = "platform";
const BOUNDARY = tenantBoundaryPolicy(fixtureTenant(TENANT));
const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY_ARN = `arn:aws:kms:${SCOPE.region}:${SCOPE.account}:key/${KEY_ID}`;

type Decision = Awaited<ReturnType<typeof evaluate>>;

/** What the pod's session may do: the grant's inline policy, capped by the boundary. */
function asGrant(
  permissions: Permission[],
  request: Omit<SimulatedRequest, "principal" | "identityPolicies" | "boundary">,
): Promise<Decision> {
  return evaluate({
    principal: SESSION,
    identityPolicies: [renderPolicy(permissions, SCOPE)],
    boundary: BOUNDARY,
    ...request,
  });
}

/** The inline policy alone, without the boundary: each layer must hold by itself. */
function asInlinePolicyOnly(
  permissions: Permission[],
  request: Omit<SimulatedRequest, "principal" | "identityPolicies" | "boundary">,
): Promise<Decision> {
  return evaluate({ principal: SESSION, identityPolicies: [renderPolicy(permissions, SCOPE)], ...request });
}

const s3 = (bucket: string, key?: string, owner = SCOPE.account) => ({
  resource: key === undefined ? `arn:aws:s3:::${bucket}` : `arn:aws:s3:::${bucket}/${key}`,
  resourceAccount: owner,
  context: { "s3:ResourceAccount": owner },
});
const table = (name: string, { region = SCOPE.region, account = SCOPE.account } = {}) =>
  `arn:aws:dynamodb:${region}:${account}:table/${name}`;

/** A resource policy of another account that allows the grant's session everything on `resource`. */
function openResourcePolicy(actions: string[], resource: string): Policy {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: ROLE.roleArn }, Action: actions, Resource: resource }],
  };
}

describe("s3-read on one bucket", () => {
  const grant: Permission[] = [{ template: "s3-read", bucket: "bucket-a" }];

  it("allows GetObject on an object of the bucket and ListBucket on the bucket", async () => {
    // Act
    const get = await asGrant(grant, { action: "s3:GetObject", ...s3("bucket-a", "reports/key.csv") });
    const list = await asGrant(grant, { action: "s3:ListBucket", ...s3("bucket-a") });

    // Assess
    expect(get).toBe("Allowed");
    expect(list).toBe("Allowed");
  });

  it("denies GetObject and ListBucket on another bucket of the same account", async () => {
    // Act
    const get = await asGrant(grant, { action: "s3:GetObject", ...s3("bucket-b", "reports/key.csv") });
    const list = await asGrant(grant, { action: "s3:ListBucket", ...s3("bucket-b") });

    // Assess
    expect(get).toBe("ImplicitlyDenied");
    expect(list).toBe("ImplicitlyDenied");
  });

  it.each(["s3:PutObject", "s3:DeleteObject"])("denies %s on the bucket", async (action) => {
    // Act
    const decision = await asGrant(grant, { action, ...s3("bucket-a", "reports/key.csv") });

    // Assess
    expect(decision).toBe("ImplicitlyDenied");
  });

  it("denies the bucket when another account owns it (s3:ResourceAccount), even if its bucket policy allows", async () => {
    // Prepare: the named bucket belongs to someone else (a deleted bucket re-created by another
    // account, say), whose bucket policy invites the role in.
    const request = {
      action: "s3:GetObject",
      ...s3("bucket-a", "reports/key.csv", OTHER_ACCOUNT),
      resourcePolicy: openResourcePolicy(["s3:GetObject"], "arn:aws:s3:::bucket-a/*"),
    };

    // Act
    const effective = await asGrant(grant, request);
    const inlineOnly = await asInlinePolicyOnly(grant, request);

    // Assess
    expect(effective).toBe("ImplicitlyDenied");
    expect(inlineOnly).toBe("ImplicitlyDenied");
  });

  it("allows the same request when the bucket policy's account is the grant's own (control for the test above)", async () => {
    // Act
    const decision = await asGrant(grant, {
      action: "s3:GetObject",
      ...s3("bucket-a", "reports/key.csv"),
      resourcePolicy: openResourcePolicy(["s3:GetObject"], "arn:aws:s3:::bucket-a/*"),
    });

    // Assess
    expect(decision).toBe("Allowed");
  });
});

describe("s3-read with prefix '2026/'", () => {
  const grant: Permission[] = [{ template: "s3-read", bucket: "bucket-a", prefix: "2026/" }];

  it("allows GetObject under the prefix", async () => {
    // Act
    const decision = await asGrant(grant, { action: "s3:GetObject", ...s3("bucket-a", "2026/x") });

    // Assess
    expect(decision).toBe("Allowed");
  });

  it("denies GetObject outside the prefix", async () => {
    // Act
    const decisions = await Promise.all(
      ["2025/x", "x", "20260/x"].map((key) =>
        asGrant(grant, { action: "s3:GetObject", ...s3("bucket-a", key) }),
      ),
    );

    // Assess
    expect(decisions).toEqual(["ImplicitlyDenied", "ImplicitlyDenied", "ImplicitlyDenied"]);
  });

  it("allows ListBucket only with an s3:prefix under 2026/", async () => {
    // Prepare
    const list = (prefix?: string) => {
      const request = s3("bucket-a");
      return asGrant(grant, {
        action: "s3:ListBucket",
        ...request,
        context: { ...request.context, ...(prefix === undefined ? {} : { "s3:prefix": prefix }) },
      });
    };

    // Act
    const under = [await list("2026/"), await list("2026/06/")];
    const outside = [await list("2025/"), await list(""), await list()];

    // Assess
    expect(under).toEqual(["Allowed", "Allowed"]);
    expect(outside).toEqual(["ImplicitlyDenied", "ImplicitlyDenied", "ImplicitlyDenied"]);
  });
});

describe("dynamodb-read on one table", () => {
  const grant: Permission[] = [{ template: "dynamodb-read", table: "orders" }];

  it("allows Query on the table and on its indexes", async () => {
    // Act
    const onTable = await asGrant(grant, { action: "dynamodb:Query", resource: table("orders") });
    const onIndex = await asGrant(grant, {
      action: "dynamodb:Query",
      resource: `${table("orders")}/index/byCustomer`,
    });

    // Assess
    expect(onTable).toBe("Allowed");
    expect(onIndex).toBe("Allowed");
  });

  it("denies PutItem on the table", async () => {
    // Act
    const decision = await asGrant(grant, { action: "dynamodb:PutItem", resource: table("orders") });

    // Assess
    expect(decision).toBe("ImplicitlyDenied");
  });

  it("denies another table, and another table's index", async () => {
    // Act
    const other = await asGrant(grant, { action: "dynamodb:Query", resource: table("orders-archive") });
    const otherIndex = await asGrant(grant, {
      action: "dynamodb:Query",
      resource: `${table("invoices")}/index/byCustomer`,
    });

    // Assess
    expect(other).toBe("ImplicitlyDenied");
    expect(otherIndex).toBe("ImplicitlyDenied");
  });

  it("denies a table of the same name in another region", async () => {
    // Prepare
    const request = { action: "dynamodb:GetItem", resource: table("orders", { region: "us-east-1" }) };

    // Act
    const effective = await asGrant(grant, request);
    const inlineOnly = await asInlinePolicyOnly(grant, request);

    // Assess
    expect(effective).toBe("ImplicitlyDenied");
    expect(inlineOnly).toBe("ImplicitlyDenied");
  });

  it("denies a table of the same name in another account, even if its resource policy allows", async () => {
    // Prepare
    const resource = table("orders", { account: OTHER_ACCOUNT });
    const request = {
      action: "dynamodb:GetItem",
      resource,
      resourceAccount: OTHER_ACCOUNT,
      resourcePolicy: openResourcePolicy(["dynamodb:GetItem"], resource),
    };

    // Act
    const effective = await asGrant(grant, request);
    const inlineOnly = await asInlinePolicyOnly(grant, request);

    // Assess
    expect(effective).toBe("ImplicitlyDenied");
    expect(inlineOnly).toBe("ImplicitlyDenied");
  });
});

describe("sqs-consume on one queue", () => {
  const grant: Permission[] = [{ template: "sqs-consume", queue: "jobs" }];
  const queue = (name: string) => `arn:aws:sqs:${SCOPE.region}:${SCOPE.account}:${name}`;

  it("allows receiving and deleting messages of the queue", async () => {
    // Act
    const receive = await asGrant(grant, { action: "sqs:ReceiveMessage", resource: queue("jobs") });
    const remove = await asGrant(grant, { action: "sqs:DeleteMessage", resource: queue("jobs") });

    // Assess
    expect(receive).toBe("Allowed");
    expect(remove).toBe("Allowed");
  });

  it("denies another queue, and sending to the queue", async () => {
    // Act
    const other = await asGrant(grant, { action: "sqs:ReceiveMessage", resource: queue("jobs-dlq") });
    const send = await asGrant(grant, { action: "sqs:SendMessage", resource: queue("jobs") });

    // Assess
    expect(other).toBe("ImplicitlyDenied");
    expect(send).toBe("ImplicitlyDenied");
  });
});

describe("kms-decrypt via S3", () => {
  const grant: Permission[] = [{ template: "kms-decrypt", keyId: KEY_ID, viaService: "s3" }];
  /**
   * KMS only honours IAM policies when the key policy delegates to the account; this is the
   * default key policy. (The simulator models that: without it, every Decrypt is denied.)
   */
  const keyPolicy: Policy = {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "Enable IAM User Permissions",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${SCOPE.account}:root` },
        Action: "kms:*",
        Resource: "*",
      },
    ],
  };
  const decrypt = (context: Record<string, string>) =>
    asGrant(grant, { action: "kms:Decrypt", resource: KEY_ARN, resourcePolicy: keyPolicy, context });

  it("allows Decrypt when S3 in the grant's region calls KMS for the pod", async () => {
    // Act
    const decision = await decrypt({ "kms:ViaService": "s3.eu-west-1.amazonaws.com" });

    // Assess
    expect(decision).toBe("Allowed");
  });

  it("denies Decrypt called directly (no kms:ViaService)", async () => {
    // Act
    const decision = await decrypt({});

    // Assess
    expect(decision).toBe("ImplicitlyDenied");
  });

  it("denies Decrypt through another service, or through S3 in another region", async () => {
    // Act
    const viaSqs = await decrypt({ "kms:ViaService": "sqs.eu-west-1.amazonaws.com" });
    const viaOtherRegion = await decrypt({ "kms:ViaService": "s3.us-east-1.amazonaws.com" });

    // Assess
    expect(viaSqs).toBe("ImplicitlyDenied");
    expect(viaOtherRegion).toBe("ImplicitlyDenied");
  });

  it("denies Decrypt with another key", async () => {
    // Act
    const decision = await asGrant(grant, {
      action: "kms:Decrypt",
      resource: `arn:aws:kms:${SCOPE.region}:${SCOPE.account}:key/ffffffff-12ab-34cd-56ef-1234567890ab`,
      resourcePolicy: keyPolicy,
      context: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" },
    });

    // Assess
    expect(decision).toBe("ImplicitlyDenied");
  });
});

describe("secretsmanager-read and ssm-parameters-read: documented sub-resources only", () => {
  it("allows the secret whatever its six-character ARN suffix, and no secret whose name only starts alike", async () => {
    // Prepare
    const grant: Permission[] = [{ template: "secretsmanager-read", secret: "payments/db" }];
    const secret = (suffix: string) =>
      `arn:aws:secretsmanager:${SCOPE.region}:${SCOPE.account}:secret:${suffix}`;
    const read = (arn: string) => asGrant(grant, { action: "secretsmanager:GetSecretValue", resource: arn });

    // Act
    const own = await read(secret("payments/db-AbC123"));
    const others = [
      await read(secret("payments/db-admin-AbC123")),
      await read(secret("payments/dbx-AbC123")),
    ];

    // Assess
    expect(own).toBe("Allowed");
    expect(others).toEqual(["ImplicitlyDenied", "ImplicitlyDenied"]);
  });

  it("allows the parameter path and what is under it, not a sibling path that starts alike", async () => {
    // Prepare
    const grant: Permission[] = [{ template: "ssm-parameters-read", path: "/payments/prod" }];
    const parameter = (name: string) => `arn:aws:ssm:${SCOPE.region}:${SCOPE.account}:parameter${name}`;
    const read = (arn: string) => asGrant(grant, { action: "ssm:GetParameter", resource: arn });

    // Act
    const allowed = [await read(parameter("/payments/prod")), await read(parameter("/payments/prod/db/url"))];
    const denied = [await read(parameter("/payments/production")), await read(parameter("/payments"))];

    // Assess
    expect(allowed).toEqual(["Allowed", "Allowed"]);
    expect(denied).toEqual(["ImplicitlyDenied", "ImplicitlyDenied"]);
  });
});

describe("the platform tenant's boundary (every template, every resource) alone caps any inline policy to the catalog", () => {
  /** What a hand-edited or compromised inline policy could say at worst. */
  const everything: Policy = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
  };
  const underBoundary = (request: Omit<SimulatedRequest, "principal" | "identityPolicies" | "boundary">) =>
    evaluate({ principal: SESSION, identityPolicies: [everything], boundary: BOUNDARY, ...request });

  it.each([
    {
      action: "iam:CreateRole",
      resource: `arn:aws:iam::${SCOPE.account}:role/admin`,
      denied: "ExplicitlyDenied",
    },
    {
      action: "sts:AssumeRole",
      resource: `arn:aws:iam::${SCOPE.account}:role/admin`,
      denied: "ExplicitlyDenied",
    },
    { action: "s3:PutBucketPolicy", ...s3("bucket-a"), denied: "ImplicitlyDenied" },
    { action: "dynamodb:DeleteTable", resource: table("orders"), denied: "ImplicitlyDenied" },
  ])(
    "denies $action even to an inline policy of Action '*' on Resource '*'",
    async ({ denied, ...request }) => {
      // Act
      const decision = await underBoundary(request);

      // Assess: IAM and STS by the boundary's explicit denies, the rest by its allowing only the catalog.
      expect(decision).toBe(denied);
    },
  );

  it("still allows a catalog action on a resource of the account (control: the cap is the catalog)", async () => {
    // Act
    const decision = await underBoundary({ action: "dynamodb:GetItem", resource: table("orders") });

    // Assess
    expect(decision).toBe("Allowed");
  });

  it("denies catalog actions outside the grant's region, and on buckets of another account", async () => {
    // Act
    const otherRegion = await underBoundary({
      action: "dynamodb:GetItem",
      resource: table("orders", { region: "us-east-1" }),
    });
    const otherAccountBucket = await underBoundary({
      action: "s3:GetObject",
      ...s3("bucket-x", "key", OTHER_ACCOUNT),
      resourcePolicy: openResourcePolicy(["s3:GetObject"], "arn:aws:s3:::bucket-x/*"),
    });

    // Assess
    expect(otherRegion).toBe("ImplicitlyDenied");
    expect(otherAccountBucket).toBe("ImplicitlyDenied");
  });
});

describe("the role's trust policy", () => {
  const OPTIONS = { ...SCOPE, stackPrefix: STACK_PREFIX, trustSourceConditions: false };
  const REQUEST: GrantRequest = parseGrantRequest({
    ...KEY,
    permissions: [{ template: "s3-read", bucket: "bucket-a" }],
  });
  const POD_IDENTITY = "pods.eks.amazonaws.com";
  /** The session tags EKS Pod Identity sends for this grant's pods. */
  const TAGS = {
    "aws:RequestTag/eks-cluster-arn": clusterArn(SCOPE, KEY.cluster),
    "aws:RequestTag/kubernetes-namespace": KEY.namespace,
    "aws:RequestTag/kubernetes-service-account": KEY.serviceAccount,
  };
  const assume = (
    trustPolicy: Policy,
    principal: string,
    context: Record<string, string>,
    action = "sts:AssumeRole",
    identityPolicies: Policy[] = [],
  ) =>
    evaluate({
      principal,
      action,
      resource: ROLE.roleArn,
      resourcePolicy: trustPolicy,
      identityPolicies,
      context,
    });
  const pinned = desiredState(REQUEST, OPTIONS, TENANT).role.trustPolicy;

  it.each(["sts:AssumeRole", "sts:TagSession"])(
    "allows %s for EKS Pod Identity with the grant's cluster, namespace and service account tags",
    async (action) => {
      // Act
      const decision = await assume(pinned, POD_IDENTITY, TAGS, action);

      // Assess
      expect(decision).toBe("Allowed");
    },
  );

  it.each([
    ["another namespace", { "aws:RequestTag/kubernetes-namespace": "default" }],
    ["another service account", { "aws:RequestTag/kubernetes-service-account": "worker" }],
    ["another cluster", { "aws:RequestTag/eks-cluster-arn": clusterArn(SCOPE, "staging") }],
    [
      "a cluster of the same name in another account",
      { "aws:RequestTag/eks-cluster-arn": clusterArn({ ...SCOPE, account: OTHER_ACCOUNT }, KEY.cluster) },
    ],
    [
      "a cluster of the same name in another region",
      { "aws:RequestTag/eks-cluster-arn": clusterArn({ ...SCOPE, region: "us-east-1" }, KEY.cluster) },
    ],
  ])("denies EKS Pod Identity for %s", async (_, override) => {
    // Act
    const assumeRole = await assume(pinned, POD_IDENTITY, { ...TAGS, ...override });
    const tagSession = await assume(pinned, POD_IDENTITY, { ...TAGS, ...override }, "sts:TagSession");

    // Assess
    expect(assumeRole).toBe("ImplicitlyDenied");
    expect(tagSession).toBe("ImplicitlyDenied");
  });

  it("denies EKS Pod Identity without session tags", async () => {
    // Act
    const decision = await assume(pinned, POD_IDENTITY, {});

    // Assess
    expect(decision).toBe("ImplicitlyDenied");
  });

  it.each([
    ["the EC2 service", "ec2.amazonaws.com", []],
    ["the Lambda service", "lambda.amazonaws.com", []],
    [
      "an IAM user of the account whose own policy allows sts:AssumeRole on everything",
      `arn:aws:iam::${SCOPE.account}:user/alice`,
      [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] }],
    ],
    ["another account's root", `arn:aws:iam::${OTHER_ACCOUNT}:root`, []],
  ] as Array<[string, string, Policy[]]>)(
    "denies %s, even with the grant's tags",
    async (_, principal, policies) => {
      // Act
      const decision = await assume(pinned, principal, TAGS, "sts:AssumeRole", policies);

      // Assess
      expect(decision).toBe("ImplicitlyDenied");
    },
  );

  it("with session tags disabled is not pinned: any association's pods can assume the role (the documented trade-off)", async () => {
    // Prepare
    const unpinned = desiredState(
      parseGrantRequest({ ...REQUEST, disableSessionTags: true }),
      OPTIONS,
      TENANT,
    );

    // Act
    const anyNamespace = await assume(unpinned.role.trustPolicy, POD_IDENTITY, {
      ...TAGS,
      "aws:RequestTag/kubernetes-namespace": "default",
    });
    const noTags = await assume(unpinned.role.trustPolicy, POD_IDENTITY, {});
    const otherPrincipal = await assume(unpinned.role.trustPolicy, "ec2.amazonaws.com", {});

    // Assess
    expect(unpinned.pinned).toBe(false);
    expect(anyNamespace).toBe("Allowed");
    expect(noTags).toBe("Allowed");
    expect(otherPrincipal).toBe("ImplicitlyDenied");
  });

  it("with source conditions on, also requires the grant's account and cluster as aws:SourceAccount/aws:SourceArn", async () => {
    // Prepare
    const trust = desiredState(REQUEST, { ...OPTIONS, trustSourceConditions: true }, TENANT).role.trustPolicy;
    const source = { "aws:SourceAccount": SCOPE.account, "aws:SourceArn": clusterArn(SCOPE, KEY.cluster) };

    // Act
    const matching = await assume(trust, POD_IDENTITY, { ...TAGS, ...source });
    const otherSource = await assume(trust, POD_IDENTITY, {
      ...TAGS,
      ...source,
      "aws:SourceArn": clusterArn(SCOPE, "staging"),
    });
    const withoutSource = await assume(trust, POD_IDENTITY, TAGS);

    // Assess
    expect(matching).toBe("Allowed");
    expect(otherSource).toBe("ImplicitlyDenied");
    expect(withoutSource).toBe("ImplicitlyDenied");
  });
});
