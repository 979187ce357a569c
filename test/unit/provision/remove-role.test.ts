import {
  DeleteConflictException,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  NoSuchEntityException,
} from "@aws-sdk/client-iam";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { handler } from "../../../functions/remove-role.ts";
import { desired, lambdaContext, roleAsIamReturnsIt, sdkError } from "./support.ts";

vi.hoisted(() => {
  vi.stubEnv("POWERTOOLS_LOG_LEVEL", "SILENT");
});

const iam = mockClient(IAMClient);

/** Every IAM command sent, as `Name(input)` strings of the fields that matter, in order. */
const sent = () =>
  iam.calls().map((call) => {
    const command = call.args[0] as unknown as {
      constructor: { name: string };
      input: Record<string, unknown>;
    };
    const { RoleName: _role, Marker: _marker, ...rest } = command.input;
    const detail = Object.values(rest).join(",");
    return detail ? `${command.constructor.name}(${detail})` : command.constructor.name;
  });

beforeEach(() => {
  iam.reset();
});

describe("remove-role", () => {
  it("deletes inline policies and detaches managed policies before deleting the role", async () => {
    // Prepare
    const state = desired();
    iam.on(GetRoleCommand).resolves({ Role: roleAsIamReturnsIt(state) });
    iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: ["pod-identity-grant", "added-by-hand"] });
    iam.on(ListAttachedRolePoliciesCommand).resolves({
      AttachedPolicies: [
        { PolicyName: "ReadOnlyAccess", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
      ],
    });

    // Act
    const result = await handler({ identity: state.identity }, lambdaContext());

    // Assess
    expect(result).toEqual({ action: "deleted" });
    expect(sent()).toEqual([
      "GetRoleCommand",
      "ListRolePoliciesCommand",
      "DeleteRolePolicyCommand(pod-identity-grant)",
      "DeleteRolePolicyCommand(added-by-hand)",
      "ListAttachedRolePoliciesCommand",
      "DetachRolePolicyCommand(arn:aws:iam::aws:policy/ReadOnlyAccess)",
      "DeleteRoleCommand",
    ]);
    expect(iam.commandCalls(DeleteRoleCommand).map((c) => c.args[0].input)).toEqual([
      { RoleName: state.identity.roleName },
    ]);
  });

  it("follows IAM's pagination of inline and attached policies", async () => {
    // Prepare
    const state = desired();
    iam.on(GetRoleCommand).resolves({ Role: roleAsIamReturnsIt(state) });
    iam
      .on(ListRolePoliciesCommand)
      .resolvesOnce({ PolicyNames: ["first"], IsTruncated: true, Marker: "m1" })
      .resolvesOnce({ PolicyNames: ["second"], IsTruncated: false });
    iam
      .on(ListAttachedRolePoliciesCommand)
      .resolvesOnce({
        AttachedPolicies: [{ PolicyArn: "arn:aws:iam::111122223333:policy/one" }],
        IsTruncated: true,
        Marker: "a1",
      })
      .resolvesOnce({ AttachedPolicies: [{ PolicyArn: "arn:aws:iam::111122223333:policy/two" }] });

    // Act
    await handler({ identity: state.identity }, lambdaContext());

    // Assess
    expect(iam.commandCalls(ListRolePoliciesCommand).map((c) => c.args[0].input.Marker)).toEqual([
      undefined,
      "m1",
    ]);
    expect(iam.commandCalls(DeleteRolePolicyCommand).map((c) => c.args[0].input.PolicyName)).toEqual([
      "first",
      "second",
    ]);
    expect(iam.commandCalls(DetachRolePolicyCommand).map((c) => c.args[0].input.PolicyArn)).toEqual([
      "arn:aws:iam::111122223333:policy/one",
      "arn:aws:iam::111122223333:policy/two",
    ]);
    expect(iam.commandCalls(DeleteRoleCommand)).toHaveLength(1);
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
    expect(sent()).toEqual(["GetRoleCommand"]);
  });

  it("leaves a role that is not this grant's in place", async () => {
    // Prepare
    const state = desired();
    const role = roleAsIamReturnsIt(state);
    iam.on(GetRoleCommand).resolves({
      Role: {
        ...role,
        Tags: role.Tags.map((t) => (t.Key === "eks-cluster" ? { ...t, Value: "other-cluster" } : t)),
      },
    });

    // Act
    const result = await handler({ identity: state.identity }, lambdaContext());

    // Assess
    expect(result).toEqual({ action: "skipped" });
    expect(sent()).toEqual(["GetRoleCommand"]);
  });

  it("succeeds when the role disappears between clean-up and delete", async () => {
    // Prepare
    const state = desired();
    iam.on(GetRoleCommand).resolves({ Role: roleAsIamReturnsIt(state) });
    iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: [] });
    iam.on(ListAttachedRolePoliciesCommand).resolves({ AttachedPolicies: [] });
    iam
      .on(DeleteRoleCommand)
      .rejects(new NoSuchEntityException({ message: "The role cannot be found.", $metadata: {} }));

    // Act
    const result = await handler({ identity: state.identity }, lambdaContext());

    // Assess
    expect(result).toEqual({ action: "deleted" });
  });

  it("asks for a retry when a policy was attached between clean-up and delete", async () => {
    // Prepare
    const state = desired();
    iam.on(GetRoleCommand).resolves({ Role: roleAsIamReturnsIt(state) });
    iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: [] });
    iam.on(ListAttachedRolePoliciesCommand).resolves({ AttachedPolicies: [] });
    iam.on(DeleteRoleCommand).rejects(
      new DeleteConflictException({
        message: "Cannot delete entity, must detach all policies first.",
        $metadata: {},
      }),
    );

    // Act
    const outcome = handler({ identity: state.identity }, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: "RetryableError" });
  });

  it("surfaces IAM throttling as a ThrottledError (the workflow waits its turn)", async () => {
    // Prepare
    const state = desired();
    iam.on(GetRoleCommand).rejects(sdkError("Throttling", "Rate exceeded"));

    // Act
    const outcome = handler({ identity: state.identity }, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: "ThrottledError" });
    expect(iam.commandCalls(DeleteRoleCommand)).toHaveLength(0);
  });
});
