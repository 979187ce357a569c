import {
  DeleteRolePolicyCommand,
  GetRoleCommand,
  IAMClient,
  NoSuchEntityException,
} from "@aws-sdk/client-iam";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { handler } from "../../../functions/remove-policy.ts";
import { desired, lambdaContext, roleAsIamReturnsIt, sdkError } from "./support.ts";

vi.hoisted(() => {
  vi.stubEnv("POWERTOOLS_LOG_LEVEL", "SILENT");
});

const iam = mockClient(IAMClient);

beforeEach(() => {
  iam.reset();
});

describe("remove-policy", () => {
  it("deletes the grant's inline policy from the grant's role", async () => {
    // Prepare
    const state = desired();
    iam.on(GetRoleCommand).resolves({ Role: roleAsIamReturnsIt(state) });

    // Act
    const result = await handler({ identity: state.identity }, lambdaContext());

    // Assess
    expect(result).toEqual({ action: "deleted" });
    expect(iam.commandCalls(DeleteRolePolicyCommand).map((c) => c.args[0].input)).toEqual([
      { RoleName: state.identity.roleName, PolicyName: "pod-identity-grant" },
    ]);
  });

  it("does nothing when the role is already gone", async () => {
    // Prepare
    const state = desired();
    iam
      .on(GetRoleCommand)
      .rejects(new NoSuchEntityException({ message: "The role cannot be found.", $metadata: {} }));

    // Act
    const result = await handler({ identity: state.identity }, lambdaContext());

    // Assess
    expect(result).toEqual({ action: "absent" });
    expect(iam.commandCalls(DeleteRolePolicyCommand)).toHaveLength(0);
  });

  it("succeeds when the policy is already gone from the role", async () => {
    // Prepare
    const state = desired();
    iam.on(GetRoleCommand).resolves({ Role: roleAsIamReturnsIt(state) });
    iam
      .on(DeleteRolePolicyCommand)
      .rejects(new NoSuchEntityException({ message: "The role policy cannot be found.", $metadata: {} }));

    // Act
    const result = await handler({ identity: state.identity }, lambdaContext());

    // Assess
    expect(result).toEqual({ action: "deleted" });
  });

  it("leaves the policies of a role that is not this grant's in place", async () => {
    // Prepare
    const state = desired();
    const role = roleAsIamReturnsIt(state);
    iam.on(GetRoleCommand).resolves({
      Role: { ...role, Tags: role.Tags.filter((t) => t.Key !== "managed-by") },
    });

    // Act
    const result = await handler({ identity: state.identity }, lambdaContext());

    // Assess
    expect(result).toEqual({ action: "skipped" });
    expect(iam.commandCalls(DeleteRolePolicyCommand)).toHaveLength(0);
  });

  it("surfaces IAM throttling as a ThrottledError (the workflow waits its turn)", async () => {
    // Prepare
    const state = desired();
    iam.on(GetRoleCommand).resolves({ Role: roleAsIamReturnsIt(state) });
    iam.on(DeleteRolePolicyCommand).rejects(sdkError("Throttling", "Rate exceeded"));

    // Act
    const outcome = handler({ identity: state.identity }, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: "ThrottledError" });
  });
});
