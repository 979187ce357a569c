import {
  CreatePodIdentityAssociationCommand,
  DeletePodIdentityAssociationCommand,
  DescribePodIdentityAssociationCommand,
  EKSClient,
  InvalidParameterException,
  ListPodIdentityAssociationsCommand,
  ResourceInUseException,
  ResourceLimitExceededException,
  ResourceNotFoundException,
  TagResourceCommand,
  ThrottlingException,
  UpdatePodIdentityAssociationCommand,
} from "@aws-sdk/client-eks";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { DesiredState } from "#grant/desired-state.ts";
import { ownershipTags } from "#grant/desired-state.ts";
import { MANAGED } from "#src/constants.ts";
import { clientRequestToken } from "#src/provision/association.ts";
import { handler } from "../../../functions/ensure-association.ts";
import { desired, lambdaContext } from "./support.ts";

vi.hoisted(() => {
  vi.stubEnv("POWERTOOLS_LOG_LEVEL", "SILENT");
});

const eks = mockClient(EKSClient);

const EXECUTION = "arn:aws:states:eu-west-1:111122223333:execution:provision:run-1";
const ASSOCIATION_ID = "a-0123456789abcdef0";
const ASSOCIATION_ARN = `arn:aws:eks:eu-west-1:111122223333:podidentityassociation/demo/${ASSOCIATION_ID}`;

const WRITES = new Set([
  CreatePodIdentityAssociationCommand.name,
  UpdatePodIdentityAssociationCommand.name,
  TagResourceCommand.name,
  DeletePodIdentityAssociationCommand.name,
]);

/** The list entry EKS returns for the grant's service account. */
function listed(state: DesiredState) {
  return {
    associations: [
      {
        clusterName: state.identity.cluster,
        namespace: state.identity.namespace,
        serviceAccount: state.identity.serviceAccount,
        associationId: ASSOCIATION_ID,
        associationArn: ASSOCIATION_ARN,
      },
    ],
  };
}

/** EKS's DescribePodIdentityAssociation answer for an association exactly as `state` asks for it. */
function described(state: DesiredState) {
  return {
    clusterName: state.identity.cluster,
    namespace: state.identity.namespace,
    serviceAccount: state.identity.serviceAccount,
    roleArn: state.association.roleArn,
    associationArn: ASSOCIATION_ARN,
    associationId: ASSOCIATION_ID,
    tags: { ...state.association.tags },
    disableSessionTags: state.association.disableSessionTags,
    ...(state.association.targetRoleArn ? { targetRoleArn: state.association.targetRoleArn } : {}),
    ...(state.association.sessionPolicy ? { policy: state.association.sessionPolicy } : {}),
    createdAt: new Date("2026-01-01T00:00:00Z"),
    modifiedAt: new Date("2026-01-01T00:00:00Z"),
  };
}

function existing(state: DesiredState, changes: Record<string, unknown> = {}) {
  eks.on(ListPodIdentityAssociationsCommand).resolves(listed(state));
  eks
    .on(DescribePodIdentityAssociationCommand)
    .resolves({ association: { ...described(state), ...changes } });
}

/** The EKS commands sent that change something. */
const writesSent = () => eks.calls().filter((call) => WRITES.has((call.args[0] as object).constructor.name));

beforeEach(() => {
  eks.reset();
});

describe("ensure-association", () => {
  it("creates the association for the grant's role with its tags and an idempotency token", async () => {
    // Prepare
    const state = desired();
    eks.on(ListPodIdentityAssociationsCommand).resolves({ associations: [] });
    eks.on(CreatePodIdentityAssociationCommand).resolves({
      association: { associationId: ASSOCIATION_ID, associationArn: ASSOCIATION_ARN },
    });

    // Act
    const result = await handler({ desired: state, executionId: EXECUTION }, lambdaContext());

    // Assess
    expect(result).toMatchObject({
      associationId: ASSOCIATION_ID,
      associationArn: ASSOCIATION_ARN,
      action: "created",
    });
    expect(eks.commandCalls(ListPodIdentityAssociationsCommand).map((c) => c.args[0].input)).toEqual([
      { clusterName: "demo", namespace: "payments", serviceAccount: "api" },
    ]);
    expect(eks.commandCalls(CreatePodIdentityAssociationCommand).map((c) => c.args[0].input)).toEqual([
      {
        clusterName: "demo",
        namespace: "payments",
        serviceAccount: "api",
        roleArn: state.identity.roleArn,
        targetRoleArn: undefined,
        disableSessionTags: false,
        policy: undefined,
        tags: state.association.tags,
        clientRequestToken: clientRequestToken(EXECUTION, state),
      },
    ]);
  });

  it("sends the role chaining target, the session policy and disabled session tags on create", async () => {
    // Prepare
    const sessionPolicy = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
    };
    const state = desired({
      targetRoleArn: "arn:aws:iam::444455556666:role/invoices-reader",
      disableSessionTags: true,
      sessionPolicy,
    });
    eks.on(ListPodIdentityAssociationsCommand).resolves({ associations: [] });
    eks.on(CreatePodIdentityAssociationCommand).resolves({
      association: { associationId: ASSOCIATION_ID, associationArn: ASSOCIATION_ARN },
    });

    // Act
    await handler({ desired: state, executionId: EXECUTION }, lambdaContext());

    // Assess
    const input = eks.commandCalls(CreatePodIdentityAssociationCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      targetRoleArn: "arn:aws:iam::444455556666:role/invoices-reader",
      disableSessionTags: true,
    });
    expect(JSON.parse(input?.policy ?? "null")).toEqual(sessionPolicy);
  });

  it("sends no write when the existing association matches", async () => {
    // Prepare
    const state = desired();
    existing(state);

    // Act
    const result = await handler({ desired: state, executionId: EXECUTION }, lambdaContext());

    // Assess
    expect(result).toEqual({
      associationId: ASSOCIATION_ID,
      associationArn: ASSOCIATION_ARN,
      action: "unchanged",
      changes: [],
    });
    expect(eks.commandCalls(DescribePodIdentityAssociationCommand).map((c) => c.args[0].input)).toEqual([
      { clusterName: "demo", associationId: ASSOCIATION_ID },
    ]);
    expect(writesSent()).toHaveLength(0);
  });

  it("sees a session policy that differs only in form (Sid, single values, key order) as matching", async () => {
    // Prepare
    const state = desired({
      disableSessionTags: true,
      sessionPolicy: {
        Version: "2012-10-17",
        Statement: [{ Sid: "Read", Effect: "Allow", Action: ["s3:GetObject"], Resource: ["*"] }],
      },
    });
    existing(state, {
      policy: JSON.stringify({
        Statement: [{ Resource: "*", Action: "s3:GetObject", Effect: "Allow" }],
        Version: "2012-10-17",
      }),
    });

    // Act
    const result = await handler({ desired: state, executionId: EXECUTION }, lambdaContext());

    // Assess
    expect(result.action).toBe("unchanged");
    expect(writesSent()).toHaveLength(0);
  });

  it("converges an association whose session tags were disabled by hand", async () => {
    // Prepare
    const state = desired();
    existing(state, { disableSessionTags: true });

    // Act
    const result = await handler({ desired: state, executionId: EXECUTION }, lambdaContext());

    // Assess
    expect(result).toMatchObject({ action: "updated", changes: ["session tags"] });
    expect(eks.commandCalls(UpdatePodIdentityAssociationCommand).map((c) => c.args[0].input)).toEqual([
      {
        clusterName: "demo",
        associationId: ASSOCIATION_ID,
        roleArn: state.identity.roleArn,
        targetRoleArn: "",
        disableSessionTags: false,
        policy: "",
        clientRequestToken: clientRequestToken(EXECUTION, state),
      },
    ]);
    expect(eks.commandCalls(CreatePodIdentityAssociationCommand)).toHaveLength(0);
  });

  it("clears a target role the grant does not ask for", async () => {
    // Prepare
    const state = desired();
    existing(state, { targetRoleArn: "arn:aws:iam::999988887777:role/elsewhere" });

    // Act
    const result = await handler({ desired: state, executionId: EXECUTION }, lambdaContext());

    // Assess
    expect(result.changes).toEqual(["target role"]);
    expect(eks.commandCalls(UpdatePodIdentityAssociationCommand)[0]?.args[0].input.targetRoleArn).toBe("");
  });

  it("sets the target role the grant asks for", async () => {
    // Prepare
    const state = desired({ targetRoleArn: "arn:aws:iam::444455556666:role/invoices-reader" });
    const { targetRoleArn: _dropped, ...association } = described(state);
    eks.on(ListPodIdentityAssociationsCommand).resolves(listed(state));
    eks.on(DescribePodIdentityAssociationCommand).resolves({ association });

    // Act
    const result = await handler({ desired: state, executionId: EXECUTION }, lambdaContext());

    // Assess
    expect(result.changes).toEqual(["target role"]);
    expect(eks.commandCalls(UpdatePodIdentityAssociationCommand)[0]?.args[0].input.targetRoleArn).toBe(
      "arn:aws:iam::444455556666:role/invoices-reader",
    );
  });

  it("converges a session policy that differs", async () => {
    // Prepare
    const state = desired({
      disableSessionTags: true,
      sessionPolicy: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
      },
    });
    existing(state, {
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
      }),
    });

    // Act
    const result = await handler({ desired: state, executionId: EXECUTION }, lambdaContext());

    // Assess
    expect(result.changes).toEqual(["session policy"]);
    expect(eks.commandCalls(UpdatePodIdentityAssociationCommand)[0]?.args[0].input.policy).toBe(
      state.association.sessionPolicy,
    );
  });

  it("re-tags an association that lost the grant's other tags, without updating it", async () => {
    // Prepare
    const state = desired();
    const ownership = ownershipTags(state.identity);
    existing(state, { tags: ownership });

    // Act
    const result = await handler({ desired: state, executionId: EXECUTION }, lambdaContext());

    // Assess
    expect(result.changes).toEqual(["tags"]);
    const missing = Object.fromEntries(
      Object.entries(state.association.tags).filter(([k]) => !(k in ownership)),
    );
    expect(eks.commandCalls(TagResourceCommand).map((c) => c.args[0].input)).toEqual([
      { resourceArn: ASSOCIATION_ARN, tags: missing },
    ]);
    expect(eks.commandCalls(UpdatePodIdentityAssociationCommand)).toHaveLength(0);
  });

  it("refuses an association that lost this stage's ownership tags: it can no longer be told from a foreign one", async () => {
    // Prepare
    const state = desired();
    const { [MANAGED.ownerTagKey]: _owner, ...withoutOwner } = state.association.tags;
    existing(state, { tags: withoutOwner });

    // Act
    const outcome = handler({ desired: state, executionId: EXECUTION }, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: "PermanentError" });
    expect(writesSent()).toHaveLength(0);
  });

  it("refuses an association of the service account that points at another role, without writing", async () => {
    // Prepare
    const state = desired();
    existing(state, { roleArn: "arn:aws:iam::111122223333:role/hand-made" });

    // Act
    const outcome = handler({ desired: state, executionId: EXECUTION }, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({
      name: "PermanentError",
      message: expect.stringMatching(
        new RegExp(
          `payments/api on cluster demo already has Pod Identity association ${ASSOCIATION_ID} with role arn:aws:iam::111122223333:role/hand-made, which pod-identity-provisioner does not manage`,
        ),
      ),
    });
    expect(writesSent()).toHaveLength(0);
  });

  it("re-reads and converges when another writer created the association first (ResourceInUseException)", async () => {
    // Prepare
    const state = desired();
    eks.on(ListPodIdentityAssociationsCommand).resolvesOnce({ associations: [] }).resolves(listed(state));
    eks.on(CreatePodIdentityAssociationCommand).rejects(
      new ResourceInUseException({
        message: "Association already exists: a-0123456789abcdef0",
        $metadata: {},
      }),
    );
    eks
      .on(DescribePodIdentityAssociationCommand)
      .resolves({ association: { ...described(state), disableSessionTags: true } });

    // Act
    const result = await handler({ desired: state, executionId: EXECUTION }, lambdaContext());

    // Assess
    expect(result).toMatchObject({
      associationId: ASSOCIATION_ID,
      action: "updated",
      changes: ["session tags"],
    });
    expect(eks.commandCalls(ListPodIdentityAssociationsCommand)).toHaveLength(2);
    expect(eks.commandCalls(CreatePodIdentityAssociationCommand)).toHaveLength(1);
    expect(eks.commandCalls(UpdatePodIdentityAssociationCommand)).toHaveLength(1);
  });

  it("refuses the association another writer created for another role during the race", async () => {
    // Prepare
    const state = desired();
    eks.on(ListPodIdentityAssociationsCommand).resolvesOnce({ associations: [] }).resolves(listed(state));
    eks
      .on(CreatePodIdentityAssociationCommand)
      .rejects(new ResourceInUseException({ message: "Association already exists", $metadata: {} }));
    eks.on(DescribePodIdentityAssociationCommand).resolves({
      association: { ...described(state), roleArn: "arn:aws:iam::111122223333:role/hand-made" },
    });

    // Act
    const outcome = handler({ desired: state, executionId: EXECUTION }, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: "PermanentError" });
    expect(eks.commandCalls(UpdatePodIdentityAssociationCommand)).toHaveLength(0);
  });

  it("surfaces the IAM propagation race as a RolePropagationError", async () => {
    // Prepare
    const state = desired();
    eks.on(ListPodIdentityAssociationsCommand).resolves({ associations: [] });
    eks.on(CreatePodIdentityAssociationCommand).rejects(
      new InvalidParameterException({
        message: "Role provided in the request does not exist",
        $metadata: { httpStatusCode: 400 },
      }),
    );

    // Act
    const outcome = handler({ desired: state, executionId: EXECUTION }, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: "RolePropagationError" });
  });

  it("surfaces another invalid parameter as a PermanentError, not as the propagation race", async () => {
    // Prepare
    eks.on(ListPodIdentityAssociationsCommand).resolves({ associations: [] });
    eks.on(CreatePodIdentityAssociationCommand).rejects(
      new InvalidParameterException({
        message: "Policy is not allowed when session tags are enabled",
        $metadata: { httpStatusCode: 400 },
      }),
    );

    // Act
    const outcome = handler({ desired: desired(), executionId: EXECUTION }, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: "PermanentError" });
  });

  it("surfaces EKS throttling as a ThrottledError (the workflow waits its turn)", async () => {
    // Prepare
    eks
      .on(ListPodIdentityAssociationsCommand)
      .rejects(new ThrottlingException({ message: "Rate exceeded", $metadata: {} }));

    // Act
    const outcome = handler({ desired: desired(), executionId: EXECUTION }, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: "ThrottledError" });
    expect(writesSent()).toHaveLength(0);
  });

  it("surfaces a missing cluster on create as a PermanentError naming the cluster", async () => {
    // Prepare
    eks
      .on(ListPodIdentityAssociationsCommand)
      .rejects(new ResourceNotFoundException({ message: "No cluster found for name: demo.", $metadata: {} }));
    eks
      .on(CreatePodIdentityAssociationCommand)
      .rejects(new ResourceNotFoundException({ message: "No cluster found for name: demo.", $metadata: {} }));

    // Act
    const outcome = handler({ desired: desired(), executionId: EXECUTION }, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({
      name: "PermanentError",
      message: expect.stringContaining("cluster demo was not found"),
    });
  });

  it("surfaces the cluster's association quota as a PermanentError", async () => {
    // Prepare
    eks.on(ListPodIdentityAssociationsCommand).resolves({ associations: [] });
    eks
      .on(CreatePodIdentityAssociationCommand)
      .rejects(new ResourceLimitExceededException({ message: "Limit exceeded", $metadata: {} }));

    // Act
    const outcome = handler({ desired: desired(), executionId: EXECUTION }, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({
      name: "PermanentError",
      message: expect.stringContaining("limit of Pod Identity associations"),
    });
  });
});

describe("clientRequestToken", () => {
  it("is the same for a retry of one execution and different for another execution or desired state", () => {
    // Prepare
    const state = desired();
    const changed = desired({ permissions: [{ template: "s3-write", bucket: "invoices" }] });

    // Act
    const first = clientRequestToken(EXECUTION, state);
    const retry = clientRequestToken(EXECUTION, desired());
    const otherExecution = clientRequestToken(`${EXECUTION}-2`, state);
    const otherState = clientRequestToken(EXECUTION, changed);

    // Assess
    expect(retry).toBe(first);
    expect(otherExecution).not.toBe(first);
    expect(otherState).not.toBe(first);
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThanOrEqual(64);
  });
});
