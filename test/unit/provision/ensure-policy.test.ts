import {
  GetRolePolicyCommand,
  IAMClient,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { handler } from "../../../functions/ensure-policy.ts";
import { desired, lambdaContext, sdkError } from "./support.ts";

vi.hoisted(() => {
  vi.stubEnv("POWERTOOLS_LOG_LEVEL", "SILENT");
});

const iam = mockClient(IAMClient);

const noPolicy = () =>
  new NoSuchEntityException({
    message: "The role policy with name pod-identity-grant cannot be found.",
    $metadata: {},
  });

beforeEach(() => {
  iam.reset();
});

describe("ensure-policy", () => {
  it("puts the inline policy on a role that has none", async () => {
    // Prepare
    const state = desired();
    iam.on(GetRolePolicyCommand).rejects(noPolicy());

    // Act
    const result = await handler({ desired: state }, lambdaContext());

    // Assess
    expect(result).toEqual({ action: "created" });
    const puts = iam.commandCalls(PutRolePolicyCommand).map((c) => c.args[0].input);
    expect(puts).toHaveLength(1);
    expect(puts[0]).toMatchObject({ RoleName: state.identity.roleName, PolicyName: "pod-identity-grant" });
    expect(JSON.parse(puts[0]?.PolicyDocument ?? "{}")).toEqual(state.policy.document);
  });

  it("sends no write when IAM's URL-encoded inline policy matches", async () => {
    // Prepare
    const state = desired();
    iam.on(GetRolePolicyCommand).resolves({
      RoleName: state.identity.roleName,
      PolicyName: "pod-identity-grant",
      PolicyDocument: encodeURIComponent(JSON.stringify(state.policy.document)),
    });

    // Act
    const result = await handler({ desired: state }, lambdaContext());

    // Assess
    expect(result).toEqual({ action: "unchanged" });
    expect(iam.commandCalls(GetRolePolicyCommand).map((c) => c.args[0].input)).toEqual([
      { RoleName: state.identity.roleName, PolicyName: "pod-identity-grant" },
    ]);
    expect(iam.commandCalls(PutRolePolicyCommand)).toHaveLength(0);
  });

  it("converges an inline policy that differs from the grant's", async () => {
    // Prepare
    const state = desired();
    const other = desired({ permissions: [{ template: "s3-readwrite", bucket: "invoices" }] });
    iam.on(GetRolePolicyCommand).resolves({
      RoleName: state.identity.roleName,
      PolicyName: "pod-identity-grant",
      PolicyDocument: encodeURIComponent(JSON.stringify(other.policy.document)),
    });

    // Act
    const result = await handler({ desired: state }, lambdaContext());

    // Assess
    expect(result).toEqual({ action: "updated" });
    const puts = iam.commandCalls(PutRolePolicyCommand).map((c) => c.args[0].input);
    expect(puts).toHaveLength(1);
    expect(JSON.parse(puts[0]?.PolicyDocument ?? "{}")).toEqual(state.policy.document);
  });

  it("surfaces IAM throttling as a ThrottledError (the workflow waits its turn)", async () => {
    // Prepare
    iam.on(GetRolePolicyCommand).rejects(sdkError("Throttling", "Rate exceeded"));

    // Act
    const outcome = handler({ desired: desired() }, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: "ThrottledError" });
    expect(iam.commandCalls(PutRolePolicyCommand)).toHaveLength(0);
  });

  it("surfaces a policy IAM refuses as a PermanentError naming the role", async () => {
    // Prepare
    const state = desired();
    iam.on(GetRolePolicyCommand).rejects(noPolicy());
    iam
      .on(PutRolePolicyCommand)
      .rejects(new MalformedPolicyDocumentException({ message: "Syntax errors in policy.", $metadata: {} }));

    // Act
    const outcome = handler({ desired: state }, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({
      name: "PermanentError",
      message: expect.stringContaining(state.identity.roleName),
    });
  });
});
