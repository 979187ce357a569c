import {
  CreateRoleCommand,
  EntityAlreadyExistsException,
  GetRoleCommand,
  IAMClient,
  LimitExceededException,
  NoSuchEntityException,
  PutRolePermissionsBoundaryCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleDescriptionCommand,
} from "@aws-sdk/client-iam";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { handler } from "../../../functions/ensure-role.ts";
import { desired, lambdaContext, roleAsIamReturnsIt, sdkError } from "./support.ts";

vi.hoisted(() => {
  vi.stubEnv("POWERTOOLS_LOG_LEVEL", "SILENT");
});

const iam = mockClient(IAMClient);

/** Every IAM command sent, by name, in order. */
const sent = () => iam.calls().map((call) => (call.args[0] as object).constructor.name);

const alreadyExists = () =>
  new EntityAlreadyExistsException({ message: "Role with name pip-demo already exists.", $metadata: {} });

beforeEach(() => {
  iam.reset();
});

describe("ensure-role", () => {
  it("creates the role under the managed path with the trust policy, boundary and ownership tags", async () => {
    // Prepare
    const state = desired();
    iam.on(CreateRoleCommand).resolves({ Role: roleAsIamReturnsIt(state) });

    // Act
    const result = await handler({ desired: state }, lambdaContext());

    // Assess
    expect(result).toEqual({ roleArn: state.identity.roleArn, action: "created", changes: [] });
    const [create] = iam.commandCalls(CreateRoleCommand);
    const input = create?.args[0].input;
    expect(input).toMatchObject({
      RoleName: state.identity.roleName,
      Path: "/pod-identity/",
      PermissionsBoundary:
        "arn:aws:iam::111122223333:policy/pod-identity/pod-identity-provisioner-dev-boundary-platform",
      Description: state.role.description,
    });
    expect(JSON.parse(input?.AssumeRolePolicyDocument ?? "{}")).toEqual(state.role.trustPolicy);
    expect(input?.Tags).toEqual(
      expect.arrayContaining([
        { Key: "managed-by", Value: "pod-identity-provisioner" },
        { Key: "eks-cluster", Value: "demo" },
        { Key: "kubernetes-namespace", Value: "payments" },
        { Key: "kubernetes-service-account", Value: "api" },
        { Key: "ticket", Value: "OPS-1234" },
      ]),
    );
    expect(sent()).toEqual(["CreateRoleCommand"]);
  });

  it("reads before it writes when an update expects the role, sending no CreateRole", async () => {
    // Prepare
    const state = desired();
    iam.on(GetRoleCommand).resolves({ Role: roleAsIamReturnsIt(state) });

    // Act
    const result = await handler({ desired: state, roleExpected: true }, lambdaContext());

    // Assess
    expect(result).toEqual({ roleArn: state.identity.roleArn, action: "unchanged", changes: [] });
    expect(sent()).toEqual(["GetRoleCommand"]);
  });

  it("creates the role when an update expected it but it is gone", async () => {
    // Prepare
    const state = desired();
    iam
      .on(GetRoleCommand)
      .rejects(
        new NoSuchEntityException({ message: "The role with name x cannot be found.", $metadata: {} }),
      );
    iam.on(CreateRoleCommand).resolves({ Role: roleAsIamReturnsIt(state) });

    // Act
    const result = await handler({ desired: state, roleExpected: true }, lambdaContext());

    // Assess
    expect(result.action).toBe("created");
    expect(sent()).toEqual(["GetRoleCommand", "CreateRoleCommand"]);
  });

  it("sends no write when the existing role matches, reading IAM's URL-encoded trust policy", async () => {
    // Prepare
    const state = desired();
    const role = roleAsIamReturnsIt(state);
    expect(role.AssumeRolePolicyDocument.startsWith("%7B")).toBe(true);
    iam.on(CreateRoleCommand).rejects(alreadyExists());
    iam.on(GetRoleCommand).resolves({ Role: role });

    // Act
    const result = await handler({ desired: state }, lambdaContext());

    // Assess
    expect(result).toEqual({ roleArn: state.identity.roleArn, action: "unchanged", changes: [] });
    expect(sent()).toEqual(["CreateRoleCommand", "GetRoleCommand"]);
  });

  it("sees a trust policy that differs only in Sid, order and single values as matching", async () => {
    // Prepare
    const state = desired();
    const [statement] = state.role.trustPolicy.Statement;
    const reordered = {
      Version: "2012-10-17",
      Statement: [
        {
          ...statement,
          Sid: undefined,
          Action: [...((statement?.Action as string[]) ?? [])].reverse(),
          Principal: { Service: ["pods.eks.amazonaws.com"] },
        },
      ],
    };
    iam.on(CreateRoleCommand).rejects(alreadyExists());
    iam.on(GetRoleCommand).resolves({
      Role: {
        ...roleAsIamReturnsIt(state),
        AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(reordered)),
      },
    });

    // Act
    const result = await handler({ desired: state }, lambdaContext());

    // Assess
    expect(result.action).toBe("unchanged");
    expect(iam.commandCalls(UpdateAssumeRolePolicyCommand)).toHaveLength(0);
  });

  it("converges an existing role whose trust policy drifted", async () => {
    // Prepare
    const state = desired();
    const widened = {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "pods.eks.amazonaws.com" },
          Action: ["sts:AssumeRole", "sts:TagSession"],
        },
      ],
    };
    iam.on(CreateRoleCommand).rejects(alreadyExists());
    iam.on(GetRoleCommand).resolves({
      Role: {
        ...roleAsIamReturnsIt(state),
        AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(widened)),
      },
    });

    // Act
    const result = await handler({ desired: state }, lambdaContext());

    // Assess
    expect(result).toEqual({ roleArn: state.identity.roleArn, action: "updated", changes: ["trust policy"] });
    const [update] = iam.commandCalls(UpdateAssumeRolePolicyCommand);
    expect(update?.args[0].input.RoleName).toBe(state.identity.roleName);
    expect(JSON.parse(update?.args[0].input.PolicyDocument ?? "{}")).toEqual(state.role.trustPolicy);
    expect(sent()).toEqual(["CreateRoleCommand", "GetRoleCommand", "UpdateAssumeRolePolicyCommand"]);
  });

  it("puts the permissions boundary back on a role that lost it", async () => {
    // Prepare
    const state = desired();
    const { PermissionsBoundary: _removed, ...role } = roleAsIamReturnsIt(state);
    iam.on(CreateRoleCommand).rejects(alreadyExists());
    iam.on(GetRoleCommand).resolves({ Role: role });

    // Act
    const result = await handler({ desired: state }, lambdaContext());

    // Assess
    expect(result.changes).toEqual(["permissions boundary"]);
    expect(iam.commandCalls(PutRolePermissionsBoundaryCommand).map((c) => c.args[0].input)).toEqual([
      { RoleName: state.identity.roleName, PermissionsBoundary: state.role.boundaryArn },
    ]);
    expect(sent()).toEqual(["CreateRoleCommand", "GetRoleCommand", "PutRolePermissionsBoundaryCommand"]);
  });

  it("replaces a permissions boundary that was swapped for another policy", async () => {
    // Prepare
    const state = desired();
    iam.on(CreateRoleCommand).rejects(alreadyExists());
    iam.on(GetRoleCommand).resolves({
      Role: {
        ...roleAsIamReturnsIt(state),
        PermissionsBoundary: {
          PermissionsBoundaryType: "PermissionsBoundaryPolicy",
          PermissionsBoundaryArn: "arn:aws:iam::aws:policy/AdministratorAccess",
        },
      },
    });

    // Act
    await handler({ desired: state }, lambdaContext());

    // Assess
    expect(iam.commandCalls(PutRolePermissionsBoundaryCommand).map((c) => c.args[0].input)).toEqual([
      { RoleName: state.identity.roleName, PermissionsBoundary: state.role.boundaryArn },
    ]);
  });

  it("restores a description that was edited", async () => {
    // Prepare
    const state = desired();
    iam.on(CreateRoleCommand).rejects(alreadyExists());
    iam
      .on(GetRoleCommand)
      .resolves({ Role: { ...roleAsIamReturnsIt(state), Description: "edited by hand" } });

    // Act
    const result = await handler({ desired: state }, lambdaContext());

    // Assess
    expect(result.changes).toEqual(["description"]);
    expect(iam.commandCalls(UpdateRoleDescriptionCommand).map((c) => c.args[0].input)).toEqual([
      { RoleName: state.identity.roleName, Description: state.role.description },
    ]);
  });

  it("removes a tag the grant does not ask for, leaving aws: tags alone", async () => {
    // Prepare
    const state = desired();
    const role = roleAsIamReturnsIt(state);
    iam.on(CreateRoleCommand).rejects(alreadyExists());
    iam.on(GetRoleCommand).resolves({
      Role: {
        ...role,
        Tags: [
          ...role.Tags,
          { Key: "added-by-hand", Value: "yes" },
          { Key: "aws:cloudformation:stack-name", Value: "other" },
        ],
      },
    });

    // Act
    const result = await handler({ desired: state }, lambdaContext());

    // Assess
    expect(result).toMatchObject({ action: "updated", changes: ["tags"] });
    expect(iam.commandCalls(UntagRoleCommand).map((c) => c.args[0].input)).toEqual([
      { RoleName: state.identity.roleName, TagKeys: ["added-by-hand"] },
    ]);
    expect(iam.commandCalls(TagRoleCommand)).toHaveLength(0);
  });

  it("re-tags a role whose requested tag was changed or removed", async () => {
    // Prepare
    const state = desired({ tags: { "cost-center": "cc-42", team: "payments" } });
    const role = roleAsIamReturnsIt(state);
    iam.on(CreateRoleCommand).rejects(alreadyExists());
    iam.on(GetRoleCommand).resolves({
      Role: {
        ...role,
        Tags: [
          ...role.Tags.filter((t) => t.Key !== "cost-center" && t.Key !== "team"),
          { Key: "cost-center", Value: "cc-0" },
        ],
      },
    });

    // Act
    const result = await handler({ desired: state }, lambdaContext());

    // Assess
    expect(result.changes).toEqual(["tags"]);
    expect(iam.commandCalls(TagRoleCommand).map((c) => c.args[0].input)).toEqual([
      {
        RoleName: state.identity.roleName,
        Tags: [
          { Key: "cost-center", Value: "cc-42" },
          { Key: "team", Value: "payments" },
        ],
      },
    ]);
    expect(iam.commandCalls(UntagRoleCommand)).toHaveLength(0);
  });

  describe("refuses a role of the same name that is not this grant's, without writing to it", () => {
    const cases: Array<[string, (role: ReturnType<typeof roleAsIamReturnsIt>) => object]> = [
      ["a role with no managed-by tags", (role) => ({ ...role, Tags: [{ Key: "team", Value: "other" }] })],
      [
        "a role tagged for another grant",
        (role) => ({
          ...role,
          Tags: role.Tags.map((t) =>
            t.Key === "kubernetes-service-account" ? { ...t, Value: "worker" } : t,
          ),
        }),
      ],
      [
        "a role at another path",
        (role) => ({ ...role, Path: "/", Arn: role.Arn.replace("/pod-identity/", "/") }),
      ],
    ];
    it.each(cases)("%s", async (_name, foreign) => {
      // Prepare
      const state = desired();
      const role = foreign(roleAsIamReturnsIt(state)) as ReturnType<typeof roleAsIamReturnsIt>;
      iam.on(CreateRoleCommand).rejects(alreadyExists());
      iam.on(GetRoleCommand).resolves({ Role: role });

      // Act
      const outcome = handler({ desired: state }, lambdaContext());

      // Assess
      await expect(outcome).rejects.toMatchObject({
        name: "PermanentError",
        message: expect.stringContaining(
          `Role ${role.Arn} exists and is not managed by pod-identity-provisioner for grant demo/payments/api`,
        ),
      });
      expect(sent()).toEqual(["CreateRoleCommand", "GetRoleCommand"]);
    });
  });

  it("surfaces IAM throttling as a ThrottledError (the workflow waits its turn)", async () => {
    // Prepare
    const state = desired();
    iam.on(CreateRoleCommand).rejects(sdkError("Throttling", "Rate exceeded"));

    // Act
    const outcome = handler({ desired: state }, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({
      name: "ThrottledError",
      message: expect.stringContaining(`Creating role ${state.identity.roleName}`),
    });
  });

  it.each([
    ["an HTTP 429 as a ThrottledError", "RequestThrottled", 429, "ThrottledError"],
    ["an HTTP 503 as a RetryableError", "ServiceUnavailable", 503, "RetryableError"],
  ])("surfaces %s, whatever the error's name", async (_what, name, status, expected) => {
    // Prepare
    iam.on(CreateRoleCommand).rejects(sdkError(name, "Please slow down", status));

    // Act
    const outcome = handler({ desired: desired() }, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: expected });
  });

  it("surfaces an unknown client error as a PermanentError", async () => {
    // Prepare
    iam
      .on(CreateRoleCommand)
      .rejects(sdkError("AccessDenied", "not authorized to perform iam:CreateRole", 403));

    // Act
    const outcome = handler({ desired: desired() }, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({
      name: "PermanentError",
      message: expect.stringContaining("AccessDenied: not authorized to perform iam:CreateRole"),
    });
  });

  it("surfaces throttling while converging as a ThrottledError (the workflow waits its turn)", async () => {
    // Prepare
    const state = desired();
    iam.on(CreateRoleCommand).rejects(alreadyExists());
    iam.on(GetRoleCommand).resolves({ Role: { ...roleAsIamReturnsIt(state), Description: "edited" } });
    iam.on(UpdateRoleDescriptionCommand).rejects(sdkError("Throttling", "Rate exceeded"));

    // Act
    const outcome = handler({ desired: state }, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: "ThrottledError" });
  });

  it("treats IAM's role quota (LimitExceeded) as permanent, not as throttling", async () => {
    // Prepare
    iam.on(CreateRoleCommand).rejects(
      new LimitExceededException({
        message: "Cannot exceed quota for RolesPerAccount: 1000",
        $metadata: {},
      }),
    );

    // Act
    const outcome = handler({ desired: desired() }, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({
      name: "PermanentError",
      message: expect.stringContaining("RolesPerAccount"),
    });
  });

  it("asks for a retry when the role vanishes between create and read", async () => {
    // Prepare
    iam.on(CreateRoleCommand).rejects(alreadyExists());
    iam
      .on(GetRoleCommand)
      .rejects(new NoSuchEntityException({ message: "The role cannot be found.", $metadata: {} }));

    // Act
    const outcome = handler({ desired: desired() }, lambdaContext());

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: "RetryableError" });
    expect(iam.commandCalls(UpdateAssumeRolePolicyCommand)).toHaveLength(0);
  });
});
