import {
  DeletePodIdentityAssociationCommand,
  DescribePodIdentityAssociationCommand,
  EKSClient,
  ListPodIdentityAssociationsCommand,
  ResourceNotFoundException,
  ThrottlingException,
} from "@aws-sdk/client-eks";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ownershipTags } from "#grant/desired-state.ts";
import { handler } from "../../../functions/remove-association.ts";
import { desired, lambdaContext } from "./support.ts";

vi.hoisted(() => {
  vi.stubEnv("POWERTOOLS_LOG_LEVEL", "SILENT");
});

const eks = mockClient(EKSClient);

const ASSOCIATION_ID = "a-0123456789abcdef0";
const ASSOCIATION_ARN = `arn:aws:eks:eu-west-1:111122223333:podidentityassociation/demo/${ASSOCIATION_ID}`;

function existing(roleArn: string, tags: Record<string, string> = ownershipTags(desired().identity)) {
  const entry = {
    clusterName: "demo",
    namespace: "payments",
    serviceAccount: "api",
    associationId: ASSOCIATION_ID,
    associationArn: ASSOCIATION_ARN,
  };
  eks.on(ListPodIdentityAssociationsCommand).resolves({ associations: [entry] });
  eks.on(DescribePodIdentityAssociationCommand).resolves({ association: { ...entry, roleArn, tags } });
}

beforeEach(() => {
  eks.reset();
});

describe("remove-association", () => {
  it("leaves an association that points at the grant's role but does not carry this stage's tags", async () => {
    // Prepare: e.g. made by hand for a foreign role that took the grant's role name.
    const { identity } = desired();
    existing(identity.roleArn, {});

    // Act
    const result = await handler({ identity }, lambdaContext());

    // Assess
    expect(result).toEqual({ action: "skipped" });
    expect(eks.commandCalls(DeletePodIdentityAssociationCommand)).toHaveLength(0);
  });

  it("deletes the association that points at the grant's role", async () => {
    // Prepare
    const { identity } = desired();
    existing(identity.roleArn);

    // Act
    const result = await handler({ identity }, lambdaContext());

    // Assess
    expect(result).toEqual({ action: "deleted" });
    expect(eks.commandCalls(DeletePodIdentityAssociationCommand).map((c) => c.args[0].input)).toEqual([
      { clusterName: "demo", associationId: ASSOCIATION_ID },
    ]);
  });

  it("does nothing when the service account has no association", async () => {
    // Prepare
    const { identity } = desired();
    eks.on(ListPodIdentityAssociationsCommand).resolves({ associations: [] });

    // Act
    const result = await handler({ identity }, lambdaContext());

    // Assess
    expect(result).toEqual({ action: "absent" });
    expect(eks.commandCalls(DeletePodIdentityAssociationCommand)).toHaveLength(0);
  });

  it("does nothing when the cluster is gone", async () => {
    // Prepare
    const { identity } = desired();
    eks
      .on(ListPodIdentityAssociationsCommand)
      .rejects(new ResourceNotFoundException({ message: "No cluster found for name: demo.", $metadata: {} }));

    // Act
    const result = await handler({ identity }, lambdaContext());

    // Assess
    expect(result).toEqual({ action: "absent" });
    expect(eks.commandCalls(DeletePodIdentityAssociationCommand)).toHaveLength(0);
  });

  it("leaves an association that points at another role in place", async () => {
    // Prepare
    const { identity } = desired();
    existing("arn:aws:iam::111122223333:role/hand-made");

    // Act
    const result = await handler({ identity }, lambdaContext());

    // Assess
    expect(result).toEqual({ action: "skipped" });
    expect(eks.commandCalls(DeletePodIdentityAssociationCommand)).toHaveLength(0);
  });

  it("succeeds when the association was deleted between read and delete", async () => {
    // Prepare
    const { identity } = desired();
    existing(identity.roleArn);
    eks
      .on(DeletePodIdentityAssociationCommand)
      .rejects(new ResourceNotFoundException({ message: "Association not found", $metadata: {} }));

    // Act
    const result = await handler({ identity }, lambdaContext());

    // Assess
    expect(result).toEqual({ action: "deleted" });
  });

  it("surfaces EKS throttling as a ThrottledError (the workflow waits its turn)", async () => {
    // Prepare
    const { identity } = desired();
    existing(identity.roleArn);
    eks
      .on(DeletePodIdentityAssociationCommand)
      .rejects(new ThrottlingException({ message: "Rate exceeded", $metadata: { httpStatusCode: 429 } }));

    // Act
    const outcome = handler({ identity }, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: "ThrottledError" });
  });
});
