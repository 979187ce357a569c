import {
  AccessDeniedException,
  CreatePodIdentityAssociationCommand,
  DeletePodIdentityAssociationCommand,
  EKSClient,
  ListPodIdentityAssociationsCommand,
  ServerException,
} from "@aws-sdk/client-eks";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  NoSuchEntityException,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadDefinition } from "../../sandbox/stepfunctions/definitions.ts";
import { type LambdaHandler, LocalStepFunctions } from "../../sandbox/stepfunctions/local-sfn.ts";

/**
 * The real provision ASL, run by the local interpreter with the real handlers, every AWS SDK call
 * mocked with aws-sdk-client-mock (the registry with a small in-memory fake behind Get/Put). The
 * end-to-end tests run the same against the HTTP emulation.
 */
const ACCOUNT = "111122223333";
const iam = mockClient(IAMClient);
const eks = mockClient(EKSClient);
const db = mockClient(DynamoDBDocumentClient);
// The record step announces outcomes on the bus (src/aws/events.ts).
const events = mockClient(EventBridgeClient);
let registry: Map<string, Record<string, unknown>>;
let sfn: LocalStepFunctions;
let provisionArn: string;

const request = {
  cluster: "demo",
  namespace: "payments",
  serviceAccount: "payments-api",
  permissions: [{ template: "s3-read", bucket: "invoices" }],
};
const noSuchEntity = () =>
  new NoSuchEntityException({
    message: "The role policy with name pod-identity-grant cannot be found.",
    $metadata: {},
  });

beforeAll(async () => {
  Object.assign(process.env, {
    ACCOUNT_ID: ACCOUNT,
    PARTITION: "aws",
    AWS_REGION: "eu-west-1",
    STACK_PREFIX: "pod-identity-provisioner-dev",
    TENANCY_FILE: "test/fixtures/tenancy.json",
    REGISTRY_TABLE: "registry",
    POWERTOOLS_LOG_LEVEL: "SILENT",
  });
  const functions: Record<string, LambdaHandler> = {};
  for (const [key, file] of Object.entries({
    record: "record",
    ensureRole: "ensure-role",
    ensurePolicy: "ensure-policy",
    ensureAssociation: "ensure-association",
    removeAssociation: "remove-association",
    removePolicy: "remove-policy",
    removeRole: "remove-role",
  })) {
    functions[key] = ((await import(`../../functions/${file}.ts`)) as { handler: LambdaHandler }).handler;
  }
  sfn = new LocalStepFunctions({ region: "eu-west-1", accountId: ACCOUNT, functions, retryTimeScale: 0.001 });
  provisionArn = sfn.registerStateMachine(
    "provision",
    loadDefinition(process.cwd(), "provision", "eu-west-1", ACCOUNT),
  );
});

beforeEach(() => {
  iam.reset();
  eks.reset();
  db.reset();
  events.reset();
  events.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: "e-1" }] });
  registry = new Map();
  db.on(GetCommand).callsFake((input: { Key: { grantId: string } }) => ({
    Item: registry.get(input.Key.grantId),
  }));
  db.on(PutCommand).callsFake((input: { Item: Record<string, unknown> }) => {
    registry.set(String(input.Item.grantId), input.Item);
    return {};
  });
  iam.on(CreateRoleCommand).resolves({
    Role: {
      Arn: `arn:aws:iam::${ACCOUNT}:role/pod-identity/pip-x`,
      RoleName: "pip-x",
      Path: "/pod-identity/",
      RoleId: "AROAX",
      CreateDate: new Date(),
    },
  });
  iam.on(GetRolePolicyCommand).rejects(noSuchEntity());
  iam.on(PutRolePolicyCommand).resolves({});
  eks.on(ListPodIdentityAssociationsCommand).resolves({ associations: [] });
  eks.on(CreatePodIdentityAssociationCommand).resolves({
    association: {
      associationId: "a-0123456789abcdefg",
      associationArn: `arn:aws:eks:eu-west-1:${ACCOUNT}:podidentityassociation/demo/a-0123456789abcdefg`,
    },
  });
});

async function run(name: string) {
  const { executionArn } = sfn.startExecution({
    stateMachineArn: provisionArn,
    name,
    input: JSON.stringify({ request, caller: { principalArn: `arn:aws:iam::${ACCOUNT}:role/platform` } }),
  });
  return sfn.waitForExecution(executionArn);
}

describe("provision workflow with the SDK mocked", () => {
  it("creates the bounded role, its policy and the association, and records ACTIVE", async () => {
    // Act
    const execution = await run("success");

    // Assess
    expect(execution.status).toBe("SUCCEEDED");
    expect(iam.commandCalls(CreateRoleCommand)).toHaveLength(1);
    expect(iam.commandCalls(CreateRoleCommand)[0]?.args[0].input).toMatchObject({
      Path: "/pod-identity/",
      PermissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/pod-identity/pod-identity-provisioner-dev-boundary-platform`,
    });
    expect(iam.commandCalls(PutRolePolicyCommand)).toHaveLength(1);
    const create = eks.commandCalls(CreatePodIdentityAssociationCommand);
    expect(create).toHaveLength(1);
    expect(create[0]?.args[0].input.clientRequestToken).toMatch(/^[0-9a-f]{64}$/);
    expect(registry.get("demo/payments/payments-api")).toMatchObject({
      status: "ACTIVE",
      associationId: "a-0123456789abcdefg",
    });
  });

  it("rolls back the role and its policy when the association cannot be created, and records FAILED with the cause", async () => {
    // Prepare
    eks.on(CreatePodIdentityAssociationCommand).rejects(
      new AccessDeniedException({
        message: "User is not authorized to perform: eks:CreatePodIdentityAssociation",
        $metadata: { httpStatusCode: 403 },
      }),
    );
    iam.on(GetRoleCommand).resolves({
      Role: {
        RoleName: "pip-x",
        RoleId: "AROAX",
        Path: "/pod-identity/",
        Arn: `arn:aws:iam::${ACCOUNT}:role/pod-identity/pip-x`,
        CreateDate: new Date(),
        AssumeRolePolicyDocument: encodeURIComponent("{}"),
        Tags: [
          { Key: "managed-by", Value: "pod-identity-provisioner" },
          { Key: "pod-identity-provisioner:owner", Value: "pod-identity-provisioner-dev" },
          { Key: "eks-cluster", Value: "demo" },
          { Key: "kubernetes-namespace", Value: "payments" },
          { Key: "kubernetes-service-account", Value: "payments-api" },
        ],
      },
    });
    iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: ["pod-identity-grant"] });
    iam.on(ListAttachedRolePoliciesCommand).resolves({ AttachedPolicies: [] });

    // Act
    const execution = await run("association-denied");

    // Assess
    expect(execution.status).toBe("FAILED");
    expect(execution.error).toBe("PermanentError");
    expect(eks.commandCalls(DeletePodIdentityAssociationCommand)).toHaveLength(0);
    expect(iam.commandCalls(DeleteRolePolicyCommand).length).toBeGreaterThanOrEqual(1);
    expect(iam.commandCalls(DeleteRoleCommand)).toHaveLength(1);
    const stored = registry.get("demo/payments/payments-api") as {
      status: string;
      lastError: { cause: string };
    };
    expect(stored.status).toBe("FAILED");
    expect(stored.lastError.cause).toContain("not authorized to perform: eks:CreatePodIdentityAssociation");
  });

  it("retries a step that fails twice with a server error and still makes one association", async () => {
    // Prepare
    eks
      .on(CreatePodIdentityAssociationCommand)
      .rejectsOnce(new ServerException({ message: "internal", $metadata: { httpStatusCode: 500 } }))
      .rejectsOnce(new ServerException({ message: "internal", $metadata: { httpStatusCode: 500 } }))
      .resolves({ association: { associationId: "a-0123456789abcdefg", associationArn: "arn" } });

    // Act
    const execution = await run("retried");

    // Assess
    expect(execution.status).toBe("SUCCEEDED");
    const retries = sfn
      .history(execution.executionArn)
      .filter((e) => e.type === "StateRetried" && e.stateName === "EnsureAssociation");
    expect(retries).toHaveLength(2);
    expect(iam.commandCalls(CreateRoleCommand)).toHaveLength(1);
    expect(eks.commandCalls(CreatePodIdentityAssociationCommand)).toHaveLength(3);
    expect(registry.get("demo/payments/payments-api")).toMatchObject({ status: "ACTIVE" });
  });
});
