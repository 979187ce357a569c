import {
  CreateClusterCommand,
  CreatePodIdentityAssociationCommand,
  type CreatePodIdentityAssociationCommandInput,
  DeleteClusterCommand,
  DeletePodIdentityAssociationCommand,
  DescribeClusterCommand,
  DescribePodIdentityAssociationCommand,
  EKSClient,
  EKSServiceException,
  ListClustersCommand,
  ListPodIdentityAssociationsCommand,
  ListTagsForResourceCommand,
  type PodIdentityAssociationSummary,
  paginateListPodIdentityAssociations,
  TagResourceCommand,
  UntagResourceCommand,
  UpdatePodIdentityAssociationCommand,
} from "@aws-sdk/client-eks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EKS_ROUTES } from "../../sandbox/emulator/eks/routes.ts";
import { EksService } from "../../sandbox/emulator/eks/service.ts";
import { FaultInjector } from "../../sandbox/emulator/faults.ts";
import { iamUserIdentity, MemoryIdentityStore } from "../../sandbox/emulator/identities.ts";
import { seededRandom } from "../../sandbox/emulator/random.ts";
import { startFrontDoor } from "../../sandbox/emulator/server.ts";
import type { ApiCall, EmulatorContext } from "../../sandbox/emulator/types.ts";
import { awsCli } from "../support/aws-cli.ts";
import { sendSigned } from "../support/sigv4.ts";

const ACCOUNT = "111122223333";
const REGION = "eu-west-1";
const ACCESS_KEY = "AKIAEKSFIDELITYTEST1";
const SECRET_KEY = "sandbox-secret";
const CLUSTER = "prod-eks";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/pod-identity/payments-api`;
const START = new Date("2026-11-24T10:00:00.123Z");
/** The trust policy EKS Pod Identity needs (EKS User Guide, "Create an IAM role for EKS Pod Identity"). */
const POD_IDENTITY_TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { Service: "pods.eks.amazonaws.com" },
      Action: ["sts:AssumeRole", "sts:TagSession"],
    },
  ],
});
const trust = (...statements: Record<string, unknown>[]) =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements });
const SIGNING = { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY, region: REGION, service: "eks" };

interface Sandbox {
  eks: EksService;
  client: EKSClient;
  url: string;
  calls: ApiCall[];
  /** Role ARNs the IAM stub reports as not (yet) visible. */
  hiddenRoles: Set<string>;
  /** Trust policies of the IAM stub's roles, by ARN; any other role trusts EKS Pod Identity. */
  trustPolicies: Map<string, string>;
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

async function startSandbox(
  options: { associationsPerCluster?: number; faults?: FaultInjector } = {},
): Promise<Sandbox> {
  const calls: ApiCall[] = [];
  const hiddenRoles = new Set<string>();
  const trustPolicies = new Map<string, string>();
  let clock = START;
  const identities = new MemoryIdentityStore();
  identities.register(iamUserIdentity(ACCOUNT, ACCESS_KEY, "platform-admin"), {
    secretAccessKey: SECRET_KEY,
  });
  const ctx: EmulatorContext = {
    accountId: ACCOUNT,
    now: () => clock,
    random: seededRandom(7),
    identities,
    recordApiCall: (call) => calls.push(call),
  };
  const roles = {
    isRoleVisible: (arn: string) => !hiddenRoles.has(arn),
    getRoleByArn: (arn: string) => ({
      assumeRolePolicyDocument: trustPolicies.get(arn) ?? POD_IDENTITY_TRUST,
    }),
  };
  const eks = new EksService(ctx, roles, options);
  eks.seedCluster(CLUSTER, REGION);
  const door = await startFrontDoor({
    services: [eks],
    identities,
    accountId: ACCOUNT,
    faults: options.faults,
  });
  const client = new EKSClient({
    endpoint: door.url,
    region: REGION,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
    maxAttempts: 1,
  });
  return {
    eks,
    client,
    url: door.url,
    calls,
    hiddenRoles,
    trustPolicies,
    advanceClock: (ms) => {
      clock = new Date(clock.getTime() + ms);
    },
    close: async () => {
      client.destroy();
      await door.close();
    },
  };
}

/** The SDK error a call fails with (the test fails if it succeeds). */
async function failureOf(promise: Promise<unknown>): Promise<EKSServiceException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EKSServiceException) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

const associationInput = (
  overrides: Partial<CreatePodIdentityAssociationCommandInput> = {},
): CreatePodIdentityAssociationCommandInput => ({
  clusterName: CLUSTER,
  namespace: "payments",
  serviceAccount: "payments-api",
  roleArn: ROLE,
  ...overrides,
});

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

describe("EKS emulation: clusters", () => {
  it("creates an ACTIVE cluster that DescribeCluster returns with the fields the SDK parses", async () => {
    // Prepare
    const { client } = sandbox;

    // Act
    const created = await client.send(
      new CreateClusterCommand({
        name: "staging-eks",
        roleArn: `arn:aws:iam::${ACCOUNT}:role/eks-cluster`,
        resourcesVpcConfig: { subnetIds: ["subnet-1", "subnet-2"] },
        tags: { team: "platform" },
      }),
    );
    const described = await client.send(new DescribeClusterCommand({ name: "staging-eks" }));

    // Assess
    expect(created.cluster?.status).toBe("ACTIVE");
    expect(described.cluster).toMatchObject({
      name: "staging-eks",
      arn: `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/staging-eks`,
      status: "ACTIVE",
      roleArn: `arn:aws:iam::${ACCOUNT}:role/eks-cluster`,
      resourcesVpcConfig: { subnetIds: ["subnet-1", "subnet-2"], endpointPublicAccess: true },
      tags: { team: "platform" },
    });
    expect(described.cluster?.createdAt).toEqual(START);
    expect(described.cluster?.identity?.oidc?.issuer).toMatch(
      new RegExp(`^https://oidc\\.eks\\.${REGION}\\.amazonaws\\.com/id/[0-9A-F]{32}$`),
    );
  });

  it("refuses a second cluster of the same name with ResourceInUseException (409)", async () => {
    // Prepare
    const input = {
      name: CLUSTER,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/eks-cluster`,
      resourcesVpcConfig: {},
    };

    // Act
    const error = await failureOf(sandbox.client.send(new CreateClusterCommand(input)));

    // Assess
    expect(error.name).toBe("ResourceInUseException");
    expect(error.$metadata.httpStatusCode).toBe(409);
    expect(error.message).toBe(`Cluster already exists with name: ${CLUSTER}`);
  });

  it("answers ResourceNotFoundException (404) 'No cluster found for name: x.' for an unknown cluster", async () => {
    // Act
    const error = await failureOf(sandbox.client.send(new DescribeClusterCommand({ name: "ghost" })));

    // Assess
    expect(error.name).toBe("ResourceNotFoundException");
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect(error.message).toBe("No cluster found for name: ghost.");
  });

  it("lists only the clusters of the request's region, page by page", async () => {
    // Prepare
    sandbox.eks.seedCluster("dev-eks", REGION);
    sandbox.eks.seedCluster("test-eks", REGION);
    sandbox.eks.seedCluster("us-eks", "us-east-1");

    // Act
    const first = await sandbox.client.send(new ListClustersCommand({ maxResults: 2 }));
    const second = await sandbox.client.send(
      new ListClustersCommand({ maxResults: 2, nextToken: first.nextToken }),
    );

    // Assess
    expect(first.clusters).toEqual(["dev-eks", CLUSTER]);
    expect(first.nextToken).toEqual(expect.any(String));
    expect(second.clusters).toEqual(["test-eks"]);
    expect(second.nextToken).toBeUndefined();
  });

  it("deletes a cluster (status DELETING) together with its Pod Identity associations", async () => {
    // Prepare
    const { association } = await sandbox.client.send(
      new CreatePodIdentityAssociationCommand(associationInput()),
    );

    // Act
    const deleted = await sandbox.client.send(new DeleteClusterCommand({ name: CLUSTER }));
    const describeError = await failureOf(sandbox.client.send(new DescribeClusterCommand({ name: CLUSTER })));
    const tagsError = await failureOf(
      sandbox.client.send(new ListTagsForResourceCommand({ resourceArn: association?.associationArn })),
    );

    // Assess
    expect(deleted.cluster?.status).toBe("DELETING");
    expect(describeError.name).toBe("ResourceNotFoundException");
    expect(tagsError.name).toBe("NotFoundException");
  });
});

describe("EKS emulation: CreatePodIdentityAssociation", () => {
  it("returns the association as AWS does: a- + 17 lowercase alphanumerics, ARN, epoch timestamps, no ownerArn", async () => {
    // Act
    const { association } = await sandbox.client.send(
      new CreatePodIdentityAssociationCommand(associationInput()),
    );

    // Assess
    expect(association?.associationId).toMatch(/^a-[a-z0-9]{17}$/);
    expect(association).toEqual({
      clusterName: CLUSTER,
      namespace: "payments",
      serviceAccount: "payments-api",
      roleArn: ROLE,
      associationArn: `arn:aws:eks:${REGION}:${ACCOUNT}:podidentityassociation/${CLUSTER}/${association?.associationId}`,
      associationId: association?.associationId,
      tags: {},
      createdAt: START,
      modifiedAt: START,
      disableSessionTags: false,
    });
  });

  it("describes a created association exactly as CreatePodIdentityAssociation returned it", async () => {
    // Prepare
    const { association } = await sandbox.client.send(
      new CreatePodIdentityAssociationCommand(associationInput({ tags: { ticket: "OPS-1234" } })),
    );

    // Act
    const described = await sandbox.client.send(
      new DescribePodIdentityAssociationCommand({
        clusterName: CLUSTER,
        associationId: association?.associationId,
      }),
    );

    // Assess
    expect(described.association).toEqual(association);
    expect(described.association?.tags).toEqual({ ticket: "OPS-1234" });
  });

  it("refuses a second association for the same service account with ResourceInUseException naming the existing id", async () => {
    // Prepare
    const { association } = await sandbox.client.send(
      new CreatePodIdentityAssociationCommand(associationInput()),
    );

    // Act
    const error = await failureOf(
      sandbox.client.send(
        new CreatePodIdentityAssociationCommand(
          associationInput({ roleArn: `arn:aws:iam::${ACCOUNT}:role/other` }),
        ),
      ),
    );

    // Assess: message as real EKS answers it (awslabs/crossplane-on-eks#168, aws/eks-hybrid#679).
    expect(error.name).toBe("ResourceInUseException");
    expect(error.$metadata.httpStatusCode).toBe(409);
    expect(error.message).toBe(`Association already exists: ${association?.associationId}`);
  });

  it("answers InvalidParameterException until a new role has propagated, then creates the association", async () => {
    // Prepare
    sandbox.hiddenRoles.add(ROLE);

    // Act
    const error = await failureOf(
      sandbox.client.send(new CreatePodIdentityAssociationCommand(associationInput())),
    );
    sandbox.hiddenRoles.delete(ROLE);
    const retried = await sandbox.client.send(new CreatePodIdentityAssociationCommand(associationInput()));

    // Assess: the text Terraform retries on (hashicorp/terraform-provider-aws#34717).
    expect(error.name).toBe("InvalidParameterException");
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe("Role provided in the request does not exist");
    expect(retried.association?.roleArn).toBe(ROLE);
  });

  it("answers ResourceNotFoundException (404) for an unknown cluster", async () => {
    // Act
    const error = await failureOf(
      sandbox.client.send(
        new CreatePodIdentityAssociationCommand(associationInput({ clusterName: "ghost" })),
      ),
    );

    // Assess
    expect(error.name).toBe("ResourceNotFoundException");
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect(error.message).toBe("No cluster found for name: ghost.");
  });

  it.each([
    ["a namespace that is not a DNS-1123 label", { namespace: "Payments_NS" }],
    ["a namespace longer than 63 characters", { namespace: "n".repeat(64) }],
    ["a service account that is not a DNS-1123 subdomain", { serviceAccount: "payments api" }],
    ["a role ARN that is not an IAM role ARN", { roleArn: `arn:aws:iam::${ACCOUNT}:user/alice` }],
    ["a missing namespace", { namespace: undefined }],
  ])("rejects %s with InvalidParameterException (400)", async (_case, overrides) => {
    // Act
    const error = await failureOf(
      sandbox.client.send(new CreatePodIdentityAssociationCommand(associationInput(overrides))),
    );

    // Assess
    expect(error.name).toBe("InvalidParameterException");
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it("rejects a session policy unless session tags are disabled, and keeps it when they are", async () => {
    // Prepare
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::invoices/*" }],
    });

    // Act
    const error = await failureOf(
      sandbox.client.send(new CreatePodIdentityAssociationCommand(associationInput({ policy }))),
    );
    const { association } = await sandbox.client.send(
      new CreatePodIdentityAssociationCommand(associationInput({ policy, disableSessionTags: true })),
    );

    // Assess
    expect(error.name).toBe("InvalidParameterException");
    expect(association).toMatchObject({ policy, disableSessionTags: true });
  });

  it("generates an externalId for a target role, and checks only same-account target roles for visibility", async () => {
    // Prepare
    const sameAccountTarget = `arn:aws:iam::${ACCOUNT}:role/target`;
    const otherAccountTarget = "arn:aws:iam::444455556666:role/target";
    sandbox.hiddenRoles.add(sameAccountTarget);

    // Act
    const hidden = await failureOf(
      sandbox.client.send(
        new CreatePodIdentityAssociationCommand(associationInput({ targetRoleArn: sameAccountTarget })),
      ),
    );
    const { association } = await sandbox.client.send(
      new CreatePodIdentityAssociationCommand(associationInput({ targetRoleArn: otherAccountTarget })),
    );

    // Assess
    expect(hidden.message).toBe("Role provided in the request does not exist");
    expect(association?.targetRoleArn).toBe(otherAccountTarget);
    expect(association?.externalId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it("refuses more associations than the per-cluster quota with ResourceLimitExceededException (400)", async () => {
    // Prepare
    const small = await startSandbox({ associationsPerCluster: 2 });
    try {
      await small.client.send(
        new CreatePodIdentityAssociationCommand(associationInput({ serviceAccount: "sa-1" })),
      );
      await small.client.send(
        new CreatePodIdentityAssociationCommand(associationInput({ serviceAccount: "sa-2" })),
      );

      // Act
      const error = await failureOf(
        small.client.send(
          new CreatePodIdentityAssociationCommand(associationInput({ serviceAccount: "sa-3" })),
        ),
      );

      // Assess
      expect(error.name).toBe("ResourceLimitExceededException");
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect((error as EKSServiceException & { clusterName?: string }).clusterName).toBe(CLUSTER);
    } finally {
      await small.close();
    }
  });
});

describe("EKS emulation: the role's trust policy", () => {
  const untrusting = {
    "an IRSA role (a federated OIDC principal)": trust({
      Effect: "Allow",
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.${REGION}.amazonaws.com/id/X` },
      Action: "sts:AssumeRoleWithWebIdentity",
    }),
    "a role for another service": trust({
      Effect: "Allow",
      Principal: { Service: "ec2.amazonaws.com" },
      Action: ["sts:AssumeRole", "sts:TagSession"],
    }),
    "a role that does not allow sts:TagSession": trust({
      Effect: "Allow",
      Principal: { Service: "pods.eks.amazonaws.com" },
      Action: "sts:AssumeRole",
    }),
    "a role that denies EKS Pod Identity": trust(
      { Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: "sts:*" },
      { Effect: "Deny", Principal: "*", Action: "sts:TagSession" },
    ),
  };

  it.each(Object.entries(untrusting))(
    "refuses an association to %s with InvalidParameterException (400) and creates nothing",
    async (_, document) => {
      // Prepare
      sandbox.trustPolicies.set(ROLE, document);

      // Act
      const error = await failureOf(
        sandbox.client.send(new CreatePodIdentityAssociationCommand(associationInput())),
      );
      const { associations } = await sandbox.client.send(
        new ListPodIdentityAssociationsCommand({ clusterName: CLUSTER }),
      );

      // Assess
      expect({ name: error.name, status: error.$metadata.httpStatusCode, message: error.message }).toEqual({
        name: "InvalidParameterException",
        status: 400,
        message: "Trust policy of the role provided is invalid",
      });
      expect(associations).toEqual([]);
    },
  );

  const trusting = {
    "conditions on the session tags": trust({
      Effect: "Allow",
      Principal: { Service: ["pods.eks.amazonaws.com"] },
      Action: ["sts:AssumeRole", "sts:TagSession"],
      Condition: { StringEquals: { "aws:RequestTag/kubernetes-namespace": "payments" } },
    }),
    "wildcard actions in two statements": trust(
      { Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: "sts:Assume*" },
      { Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: "STS:tagsession" },
    ),
    "a conditioned Deny beside the Allow": trust(
      { Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: "sts:*" },
      {
        Effect: "Deny",
        Principal: "*",
        Action: "sts:*",
        Condition: { StringNotEquals: { "aws:SourceAccount": ACCOUNT } },
      },
    ),
  };

  it.each(Object.entries(trusting))(
    "accepts a role whose trust policy allows it with %s",
    async (_, document) => {
      // Prepare
      sandbox.trustPolicies.set(ROLE, document);

      // Act
      const { association } = await sandbox.client.send(
        new CreatePodIdentityAssociationCommand(associationInput()),
      );

      // Assess
      expect(association?.roleArn).toBe(ROLE);
    },
  );

  it("refuses an update to a role that does not trust EKS Pod Identity, and keeps the association as it was", async () => {
    // Prepare
    const { association } = await sandbox.client.send(
      new CreatePodIdentityAssociationCommand(associationInput()),
    );
    const other = `arn:aws:iam::${ACCOUNT}:role/pod-identity/other`;
    sandbox.trustPolicies.set(other, untrusting["a role for another service"]);

    // Act
    const error = await failureOf(
      sandbox.client.send(
        new UpdatePodIdentityAssociationCommand({
          clusterName: CLUSTER,
          associationId: association?.associationId,
          roleArn: other,
        }),
      ),
    );
    const described = await sandbox.client.send(
      new DescribePodIdentityAssociationCommand({
        clusterName: CLUSTER,
        associationId: association?.associationId,
      }),
    );

    // Assess
    expect(error.name).toBe("InvalidParameterException");
    expect(error.message).toBe("Trust policy of the role provided is invalid");
    expect(described.association?.roleArn).toBe(ROLE);
  });

  it("checks the trust policy only when an update changes the role", async () => {
    // Prepare: the role's trust policy was broken after the association was made.
    const { association } = await sandbox.client.send(
      new CreatePodIdentityAssociationCommand(associationInput()),
    );
    sandbox.trustPolicies.set(ROLE, untrusting["a role for another service"]);

    // Act
    const updated = await sandbox.client.send(
      new UpdatePodIdentityAssociationCommand({
        clusterName: CLUSTER,
        associationId: association?.associationId,
        disableSessionTags: true,
      }),
    );

    // Assess
    expect(updated.association?.disableSessionTags).toBe(true);
  });
});

describe("EKS emulation: clientRequestToken idempotency", () => {
  it("returns the same association when a create is repeated with the same token and parameters", async () => {
    // Prepare
    const input = associationInput({ clientRequestToken: "grant-OPS-1234" });
    const first = await sandbox.client.send(new CreatePodIdentityAssociationCommand(input));

    // Act
    const repeated = await sandbox.client.send(new CreatePodIdentityAssociationCommand(input));
    const listed = await sandbox.client.send(
      new ListPodIdentityAssociationsCommand({ clusterName: CLUSTER }),
    );

    // Assess
    expect(repeated.association).toEqual(first.association);
    expect(listed.associations).toHaveLength(1);
  });

  it("rejects the same token with different parameters with InvalidRequestException (400)", async () => {
    // Prepare
    await sandbox.client.send(
      new CreatePodIdentityAssociationCommand(associationInput({ clientRequestToken: "t-1" })),
    );

    // Act
    const error = await failureOf(
      sandbox.client.send(
        new CreatePodIdentityAssociationCommand(
          associationInput({ clientRequestToken: "t-1", serviceAccount: "other" }),
        ),
      ),
    );

    // Assess
    expect(error.name).toBe("InvalidRequestException");
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it("treats two creates without a token as two requests: the SDK sends a fresh token each time", async () => {
    // Prepare
    await sandbox.client.send(new CreatePodIdentityAssociationCommand(associationInput()));

    // Act
    const error = await failureOf(
      sandbox.client.send(new CreatePodIdentityAssociationCommand(associationInput())),
    );

    // Assess
    expect(error.name).toBe("ResourceInUseException");
    const tokens = sandbox.calls.map((call) => call.requestParameters?.clientRequestToken);
    expect(tokens[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(tokens[1]).not.toBe(tokens[0]);
  });

  it("applies an update once when it is repeated with the same token", async () => {
    // Prepare
    const { association } = await sandbox.client.send(
      new CreatePodIdentityAssociationCommand(associationInput()),
    );
    const update = new UpdatePodIdentityAssociationCommand({
      clusterName: CLUSTER,
      associationId: association?.associationId,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/v2`,
      clientRequestToken: "update-1",
    });
    sandbox.advanceClock(1_000);
    const first = await sandbox.client.send(update);

    // Act
    sandbox.advanceClock(1_000);
    const repeated = await sandbox.client.send(update);

    // Assess
    expect(repeated.association).toEqual(first.association);
    expect(repeated.association?.modifiedAt).toEqual(new Date(START.getTime() + 1_000));
  });
});

describe("EKS emulation: Update, Delete and List of associations", () => {
  it("updates the role and moves modifiedAt, keeping createdAt, namespace and service account", async () => {
    // Prepare
    const { association } = await sandbox.client.send(
      new CreatePodIdentityAssociationCommand(associationInput()),
    );
    sandbox.advanceClock(60_000);

    // Act
    const updated = await sandbox.client.send(
      new UpdatePodIdentityAssociationCommand({
        clusterName: CLUSTER,
        associationId: association?.associationId,
        roleArn: `arn:aws:iam::${ACCOUNT}:role/v2`,
      }),
    );

    // Assess
    expect(updated.association).toEqual({
      ...association,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/v2`,
      modifiedAt: new Date(START.getTime() + 60_000),
    });
  });

  it("refuses an update to a role that is not visible yet with InvalidParameterException", async () => {
    // Prepare
    const { association } = await sandbox.client.send(
      new CreatePodIdentityAssociationCommand(associationInput()),
    );
    sandbox.hiddenRoles.add(`arn:aws:iam::${ACCOUNT}:role/v2`);

    // Act
    const error = await failureOf(
      sandbox.client.send(
        new UpdatePodIdentityAssociationCommand({
          clusterName: CLUSTER,
          associationId: association?.associationId,
          roleArn: `arn:aws:iam::${ACCOUNT}:role/v2`,
        }),
      ),
    );

    // Assess
    expect(error.name).toBe("InvalidParameterException");
    expect(error.message).toBe("Role provided in the request does not exist");
  });

  it("answers ResourceNotFoundException (404) for an unknown association id", async () => {
    // Act
    const error = await failureOf(
      sandbox.client.send(
        new DescribePodIdentityAssociationCommand({
          clusterName: CLUSTER,
          associationId: "a-0000000000000000x",
        }),
      ),
    );

    // Assess
    expect(error.name).toBe("ResourceNotFoundException");
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it("answers InvalidParameterException for an association id that is not 19 characters long", async () => {
    // Act
    const error = await failureOf(
      sandbox.client.send(
        new DeletePodIdentityAssociationCommand({ clusterName: CLUSTER, associationId: "a-short" }),
      ),
    );

    // Assess: message as real EKS answers it (aws-samples/eks-workshop-v2#882).
    expect(error.name).toBe("InvalidParameterException");
    expect(error.message).toBe("The parameter associationId should be 19 characters long.");
  });

  it("returns the deleted association, stamped with the deletion time, and forgets it", async () => {
    // Prepare
    const { association } = await sandbox.client.send(
      new CreatePodIdentityAssociationCommand(associationInput()),
    );
    sandbox.advanceClock(5_000);

    // Act
    const deleted = await sandbox.client.send(
      new DeletePodIdentityAssociationCommand({
        clusterName: CLUSTER,
        associationId: association?.associationId,
      }),
    );
    const error = await failureOf(
      sandbox.client.send(
        new DescribePodIdentityAssociationCommand({
          clusterName: CLUSTER,
          associationId: association?.associationId,
        }),
      ),
    );

    // Assess
    expect(deleted.association).toEqual({ ...association, modifiedAt: new Date(START.getTime() + 5_000) });
    expect(error.name).toBe("ResourceNotFoundException");
  });

  it("lists summaries with exactly the summary fields, filtered by namespace and service account", async () => {
    // Prepare
    for (const [namespace, serviceAccount] of [
      ["payments", "api"],
      ["payments", "worker"],
      ["search", "api"],
    ] as const) {
      await sandbox.client.send(
        new CreatePodIdentityAssociationCommand(associationInput({ namespace, serviceAccount })),
      );
    }

    // Act
    const byNamespace = await sandbox.client.send(
      new ListPodIdentityAssociationsCommand({ clusterName: CLUSTER, namespace: "payments" }),
    );
    const byBoth = await sandbox.client.send(
      new ListPodIdentityAssociationsCommand({
        clusterName: CLUSTER,
        namespace: "search",
        serviceAccount: "api",
      }),
    );

    // Assess
    expect(byNamespace.associations?.map((a) => a.serviceAccount)).toEqual(["api", "worker"]);
    expect(byBoth.associations).toHaveLength(1);
    expect(Object.keys(byBoth.associations?.[0] ?? {}).sort()).toEqual([
      "associationArn",
      "associationId",
      "clusterName",
      "namespace",
      "serviceAccount",
    ]);
  });

  it("pages through associations with maxResults and nextToken, as the SDK paginator does", async () => {
    // Prepare
    for (let i = 1; i <= 5; i++) {
      await sandbox.client.send(
        new CreatePodIdentityAssociationCommand(associationInput({ serviceAccount: `sa-${i}` })),
      );
    }

    // Act
    const pages: PodIdentityAssociationSummary[][] = [];
    for await (const page of paginateListPodIdentityAssociations(
      { client: sandbox.client, pageSize: 2 },
      { clusterName: CLUSTER },
    )) {
      pages.push(page.associations ?? []);
    }

    // Assess
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat().map((a) => a.serviceAccount)).toEqual(["sa-1", "sa-2", "sa-3", "sa-4", "sa-5"]);
  });

  it("skips no association when one already listed is deleted between pages", async () => {
    // Prepare
    const ids: string[] = [];
    for (let i = 1; i <= 4; i++) {
      const { association } = await sandbox.client.send(
        new CreatePodIdentityAssociationCommand(associationInput({ serviceAccount: `sa-${i}` })),
      );
      ids.push(association?.associationId ?? "");
    }
    const first = await sandbox.client.send(
      new ListPodIdentityAssociationsCommand({ clusterName: CLUSTER, maxResults: 2 }),
    );

    // Act
    await sandbox.client.send(
      new DeletePodIdentityAssociationCommand({ clusterName: CLUSTER, associationId: ids[0] }),
    );
    const second = await sandbox.client.send(
      new ListPodIdentityAssociationsCommand({
        clusterName: CLUSTER,
        maxResults: 2,
        nextToken: first.nextToken,
      }),
    );

    // Assess
    expect(second.associations?.map((a) => a.serviceAccount)).toEqual(["sa-3", "sa-4"]);
    expect(second.nextToken).toBeUndefined();
  });

  it("rejects maxResults outside 1..100 with InvalidParameterException", async () => {
    // Act
    const error = await failureOf(
      sandbox.client.send(new ListPodIdentityAssociationsCommand({ clusterName: CLUSTER, maxResults: 101 })),
    );

    // Assess
    expect(error.name).toBe("InvalidParameterException");
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it("tags, lists and untags an association by its ARN, and answers NotFoundException for an unknown ARN", async () => {
    // Prepare
    const { association } = await sandbox.client.send(
      new CreatePodIdentityAssociationCommand(associationInput({ tags: { ticket: "OPS-1" } })),
    );
    const resourceArn = association?.associationArn;

    // Act
    await sandbox.client.send(new TagResourceCommand({ resourceArn, tags: { owner: "payments" } }));
    await sandbox.client.send(new UntagResourceCommand({ resourceArn, tagKeys: ["ticket"] }));
    const { tags } = await sandbox.client.send(new ListTagsForResourceCommand({ resourceArn }));
    const unknown = await failureOf(
      sandbox.client.send(
        new ListTagsForResourceCommand({
          resourceArn: `arn:aws:eks:${REGION}:${ACCOUNT}:podidentityassociation/${CLUSTER}/a-0000000000000000x`,
        }),
      ),
    );

    // Assess
    expect(tags).toEqual({ owner: "payments" });
    expect(unknown.name).toBe("NotFoundException");
    expect(unknown.$metadata.httpStatusCode).toBe(404);
  });
});

describe("EKS emulation: wire format", () => {
  it("puts an error on the wire as REST-JSON: status, x-amzn-errortype header and a JSON message body", async () => {
    // Act
    const response = await sendSigned(`${sandbox.url}/clusters/ghost/pod-identity-associations`, {}, SIGNING);

    // Assess
    expect(response.status).toBe(404);
    expect(response.headers["x-amzn-errortype"]).toBe("ResourceNotFoundException");
    expect(response.headers["content-type"]).toBe("application/json");
    expect(response.headers["x-amzn-requestid"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(response.body)).toEqual({ message: "No cluster found for name: ghost." });
  });

  it("sends timestamps as epoch seconds with milliseconds, as EKS does", async () => {
    // Prepare
    const { association } = await sandbox.client.send(
      new CreatePodIdentityAssociationCommand(associationInput()),
    );

    // Act
    const response = await sendSigned(
      `${sandbox.url}/clusters/${CLUSTER}/pod-identity-associations/${association?.associationId}`,
      {},
      SIGNING,
    );
    const body = JSON.parse(response.body) as { association: { createdAt: unknown } };

    // Assess
    expect(body.association.createdAt).toBe(START.getTime() / 1000);
  });

  it("surfaces an injected throttle to the SDK as ThrottlingException (429), recorded in CloudTrail", async () => {
    // Prepare
    const throttled = await startSandbox({
      faults: new FaultInjector({ throttleRate: 1 }),
    });
    try {
      // Act
      const error = await failureOf(throttled.client.send(new DescribeClusterCommand({ name: CLUSTER })));

      // Assess
      expect(error.name).toBe("ThrottlingException");
      expect(error.$metadata.httpStatusCode).toBe(429);
      expect(error.message).toBe("Rate exceeded");
      expect(throttled.calls).toEqual([
        expect.objectContaining({ eventName: "DescribeCluster", errorCode: "ThrottlingException" }),
      ]);
    } finally {
      await throttled.close();
    }
  });
});

describe("EKS emulation: scripted faults", () => {
  const ASSOCIATION_ID = "a-0000000000000000x";
  const ARN = `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/${CLUSTER}`;
  /** One call per operation EKS serves, each reaching its route (the fault answers before the operation runs). */
  const CALLS: Record<string, (client: EKSClient) => Promise<unknown>> = {
    CreateCluster: (client) =>
      client.send(
        new CreateClusterCommand({
          name: "faulty",
          roleArn: `arn:aws:iam::${ACCOUNT}:role/eks-cluster`,
          resourcesVpcConfig: {},
        }),
      ),
    ListClusters: (client) => client.send(new ListClustersCommand({})),
    DescribeCluster: (client) => client.send(new DescribeClusterCommand({ name: CLUSTER })),
    DeleteCluster: (client) => client.send(new DeleteClusterCommand({ name: CLUSTER })),
    CreatePodIdentityAssociation: (client) =>
      client.send(new CreatePodIdentityAssociationCommand(associationInput())),
    ListPodIdentityAssociations: (client) =>
      client.send(new ListPodIdentityAssociationsCommand({ clusterName: CLUSTER })),
    DescribePodIdentityAssociation: (client) =>
      client.send(
        new DescribePodIdentityAssociationCommand({ clusterName: CLUSTER, associationId: ASSOCIATION_ID }),
      ),
    UpdatePodIdentityAssociation: (client) =>
      client.send(
        new UpdatePodIdentityAssociationCommand({ clusterName: CLUSTER, associationId: ASSOCIATION_ID }),
      ),
    DeletePodIdentityAssociation: (client) =>
      client.send(
        new DeletePodIdentityAssociationCommand({ clusterName: CLUSTER, associationId: ASSOCIATION_ID }),
      ),
    TagResource: (client) => client.send(new TagResourceCommand({ resourceArn: ARN, tags: { team: "a" } })),
    ListTagsForResource: (client) => client.send(new ListTagsForResourceCommand({ resourceArn: ARN })),
    UntagResource: (client) => client.send(new UntagResourceCommand({ resourceArn: ARN, tagKeys: ["team"] })),
  };

  it("has a call for every operation of the route table", () => {
    expect(Object.keys(CALLS).sort()).toEqual(EKS_ROUTES.map((route) => route.operation).sort());
  });

  it.each(EKS_ROUTES.map((route) => route.operation))(
    "fails %s when a fault is scripted for it",
    async (operation) => {
      // Prepare
      const faults = new FaultInjector({}, seededRandom(1));
      faults.failOperation(
        `eks:${operation}`,
        { code: "ServerException", message: "scripted", status: 500 },
        { times: 1 },
      );
      const faulty = await startSandbox({ faults });
      const call = CALLS[operation];
      if (!call) throw new Error(`no call for ${operation}`);
      try {
        // Act
        const error = await failureOf(call(faulty.client));

        // Assess
        expect({ name: error.name, status: error.$metadata.httpStatusCode, message: error.message }).toEqual({
          name: "ServerException",
          status: 500,
          message: "scripted",
        });
      } finally {
        await faulty.close();
      }
    },
  );
});

describe("EKS emulation: CloudTrail records", () => {
  it("records a successful create with wire-name parameters and the response, dates as epoch seconds", async () => {
    // Act
    const output = await sandbox.client.send(
      new CreatePodIdentityAssociationCommand(
        associationInput({ clientRequestToken: "tok-1", tags: { a: "b" } }),
      ),
    );

    // Assess
    expect(sandbox.calls).toHaveLength(1);
    const [call] = sandbox.calls;
    expect(call).toMatchObject({
      eventSource: "eks.amazonaws.com",
      eventName: "CreatePodIdentityAssociation",
      awsRegion: REGION,
      readOnly: false,
      requestId: output.$metadata.requestId,
      eventTime: START,
      caller: { type: "IAMUser", userName: "platform-admin", accessKeyId: ACCESS_KEY },
      requestParameters: {
        name: CLUSTER,
        namespace: "payments",
        serviceAccount: "payments-api",
        roleArn: ROLE,
        clientRequestToken: "tok-1",
        tags: { a: "b" },
      },
      responseElements: {
        association: {
          associationId: output.association?.associationId,
          createdAt: START.getTime() / 1000,
          modifiedAt: START.getTime() / 1000,
          tags: { a: "b" },
        },
      },
    });
    expect(call?.errorCode).toBeUndefined();
    expect(call?.userAgent).toMatch(/aws-sdk-js/);
  });

  it("records a failed call with errorCode, errorMessage, its parameters and null responseElements", async () => {
    // Prepare
    sandbox.hiddenRoles.add(ROLE);

    // Act
    await failureOf(sandbox.client.send(new CreatePodIdentityAssociationCommand(associationInput())));

    // Assess
    expect(sandbox.calls).toEqual([
      expect.objectContaining({
        eventName: "CreatePodIdentityAssociation",
        errorCode: "InvalidParameterException",
        errorMessage: "Role provided in the request does not exist",
        responseElements: null,
        requestParameters: expect.objectContaining({ name: CLUSTER, roleArn: ROLE }),
      }),
    ]);
  });

  it("records update and delete with the cluster as name and the associationId", async () => {
    // Prepare
    const { association } = await sandbox.client.send(
      new CreatePodIdentityAssociationCommand(associationInput()),
    );
    const associationId = association?.associationId;

    // Act
    await sandbox.client.send(
      new UpdatePodIdentityAssociationCommand({ clusterName: CLUSTER, associationId, roleArn: ROLE }),
    );
    await sandbox.client.send(
      new DeletePodIdentityAssociationCommand({ clusterName: CLUSTER, associationId }),
    );

    // Assess
    const [, update, remove] = sandbox.calls;
    expect(update).toMatchObject({
      eventName: "UpdatePodIdentityAssociation",
      readOnly: false,
      requestParameters: { name: CLUSTER, associationId, roleArn: ROLE },
    });
    expect(remove).toMatchObject({
      eventName: "DeletePodIdentityAssociation",
      requestParameters: { name: CLUSTER, associationId },
      responseElements: { association: { associationId } },
    });
  });

  it("marks Describe and List calls read-only and records their query parameters", async () => {
    // Act
    await sandbox.client.send(new DescribeClusterCommand({ name: CLUSTER }));
    await sandbox.client.send(
      new ListPodIdentityAssociationsCommand({ clusterName: CLUSTER, namespace: "payments", maxResults: 10 }),
    );

    // Assess
    expect(sandbox.calls.map((c) => [c.eventName, c.readOnly])).toEqual([
      ["DescribeCluster", true],
      ["ListPodIdentityAssociations", true],
    ]);
    expect(sandbox.calls[1]?.requestParameters).toEqual({
      name: CLUSTER,
      namespace: "payments",
      maxResults: 10,
    });
  });

  it("logs a resource ARN path parameter URL-encoded, as CloudTrail shows path ARNs", async () => {
    // Prepare
    const { association } = await sandbox.client.send(
      new CreatePodIdentityAssociationCommand(associationInput()),
    );

    // Act
    await sandbox.client.send(
      new TagResourceCommand({ resourceArn: association?.associationArn, tags: { k: "v" } }),
    );

    // Assess
    expect(sandbox.calls[1]?.requestParameters).toEqual({
      resourceArn: encodeURIComponent(association?.associationArn ?? ""),
      tags: { k: "v" },
    });
  });
});

describe("EKS emulation: snapshot and restore", () => {
  it("restores the clusters and associations of a snapshot", async () => {
    // Prepare
    const { association } = await sandbox.client.send(
      new CreatePodIdentityAssociationCommand(associationInput()),
    );
    const snapshot = sandbox.eks.snapshot();
    await sandbox.client.send(new DeleteClusterCommand({ name: CLUSTER }));

    // Act
    sandbox.eks.restore(snapshot);
    const described = await sandbox.client.send(
      new DescribePodIdentityAssociationCommand({
        clusterName: CLUSTER,
        associationId: association?.associationId,
      }),
    );

    // Assess
    expect(described.association).toEqual(association);
  });
});

// botocore parses the wire independently of the JS SDK: a second opinion on fidelity. An older CLI
// lacks the Pod Identity APIs: test/support/aws-cli.ts gives it EKS's model from the fixtures.
describe("EKS emulation: the Python aws CLI (botocore)", () => {
  const aws = (args: string[]): Promise<Record<string, unknown>> =>
    awsCli({
      endpoint: sandbox.url,
      region: REGION,
      accessKeyId: ACCESS_KEY,
      secretAccessKey: SECRET_KEY,
    }).json(args);

  it("creates, describes and lists associations through aws eks", async () => {
    // Act
    const created = await aws([
      "eks",
      "create-pod-identity-association",
      "--cluster-name",
      CLUSTER,
      "--namespace",
      "payments",
      "--service-account",
      "payments-api",
      "--role-arn",
      ROLE,
    ]);
    const id = (created.association as { associationId: string }).associationId;
    const described = await aws([
      "eks",
      "describe-pod-identity-association",
      "--cluster-name",
      CLUSTER,
      "--association-id",
      id,
    ]);
    const listed = await aws([
      "eks",
      "list-pod-identity-associations",
      "--cluster-name",
      CLUSTER,
      "--namespace",
      "payments",
    ]);
    const duplicate = await aws([
      "eks",
      "create-pod-identity-association",
      "--cluster-name",
      CLUSTER,
      "--namespace",
      "payments",
      "--service-account",
      "payments-api",
      "--role-arn",
      ROLE,
    ]).then(
      () => "created twice",
      (error: { stderr: string }) => error.stderr,
    );

    // Assess
    expect(described.association).toMatchObject({
      associationId: id,
      clusterName: CLUSTER,
      roleArn: ROLE,
      disableSessionTags: false,
      tags: {},
    });
    // awscli 1.x prints timestamps as they came on the wire (cli_timestamp_format "none").
    expect((described.association as { createdAt: unknown }).createdAt).toBe(START.getTime() / 1000);
    expect(listed.associations).toEqual([
      {
        clusterName: CLUSTER,
        namespace: "payments",
        serviceAccount: "payments-api",
        associationArn: `arn:aws:eks:${REGION}:${ACCOUNT}:podidentityassociation/${CLUSTER}/${id}`,
        associationId: id,
      },
    ]);
    expect(duplicate).toContain(
      `An error occurred (ResourceInUseException) when calling the CreatePodIdentityAssociation operation: Association already exists: ${id}`,
    );
  });

  it("refuses, through aws eks, a role that does not trust EKS Pod Identity", async () => {
    // Prepare
    sandbox.trustPolicies.set(
      ROLE,
      trust({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }),
    );

    // Act
    const stderr = await aws([
      "eks",
      "create-pod-identity-association",
      "--cluster-name",
      CLUSTER,
      "--namespace",
      "payments",
      "--service-account",
      "payments-api",
      "--role-arn",
      ROLE,
    ]).then(
      () => "created",
      (error: { stderr: string }) => error.stderr,
    );

    // Assess
    expect(stderr).toContain(
      "An error occurred (InvalidParameterException) when calling the CreatePodIdentityAssociation operation: Trust policy of the role provided is invalid",
    );
  });
});
