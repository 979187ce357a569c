import { DescribePodIdentityAssociationCommand } from "@aws-sdk/client-eks";
import { CreateRoleCommand, GetRoleCommand, GetRolePolicyCommand } from "@aws-sdk/client-iam";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../../sandbox/sandbox.ts";
import { roleName } from "../../src/grant/naming.ts";
import {
  deprovision,
  inconsistencies,
  inventory,
  person,
  provision,
  startTestSandbox,
} from "../support/sandbox.ts";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

const request = (
  serviceAccount: string,
  permissions: unknown[] = [{ template: "s3-read", bucket: "invoices" }],
) => ({
  cluster: "demo",
  namespace: "payments",
  serviceAccount,
  permissions,
  ticket: "OPS-1234",
  requestedBy: "team-payments",
});

async function record(grantId: string) {
  const { Item } = await person(sandbox).registry.send(
    new GetCommand({ TableName: sandbox.registryTable, Key: { grantId } }),
  );
  return Item;
}

async function rolePolicy(serviceAccount: string) {
  const name = roleName({ cluster: "demo", namespace: "payments", serviceAccount });
  const { PolicyDocument } = await person(sandbox).iam.send(
    new GetRolePolicyCommand({ RoleName: name, PolicyName: "pod-identity-grant" }),
  );
  return JSON.parse(decodeURIComponent(PolicyDocument ?? ""));
}

describe("provision, update, deprovision", () => {
  it("provisions a role pinned to the service account, its policy and the association, and records it ACTIVE", async () => {
    // Act
    const execution = await provision(sandbox, request("api-create"));

    // Assess
    expect(execution.status).toBe("SUCCEEDED");
    const output = JSON.parse(execution.output ?? "{}");
    const name = roleName({ cluster: "demo", namespace: "payments", serviceAccount: "api-create" });
    const { Role } = await person(sandbox).iam.send(new GetRoleCommand({ RoleName: name }));
    expect(Role?.Path).toBe("/pod-identity/");
    expect(Role?.PermissionsBoundary?.PermissionsBoundaryArn).toBe(sandbox.boundaryPolicyArns.platform);
    const trust = JSON.parse(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? ""));
    expect(trust.Statement[0].Principal).toEqual({ Service: "pods.eks.amazonaws.com" });
    expect(trust.Statement[0].Condition.StringEquals["aws:RequestTag/kubernetes-service-account"]).toBe(
      "api-create",
    );
    expect((await rolePolicy("api-create")).Statement[0].Resource).toContain("arn:aws:s3:::invoices");
    const { association } = await person(sandbox).eks.send(
      new DescribePodIdentityAssociationCommand({ clusterName: "demo", associationId: output.associationId }),
    );
    expect(association?.roleArn).toBe(Role?.Arn);
    expect(association?.tags?.["managed-by"]).toBe("pod-identity-provisioner");
    const stored = await record("demo/payments/api-create");
    expect(stored).toMatchObject({
      status: "ACTIVE",
      roleArn: Role?.Arn,
      associationId: output.associationId,
      ticket: "OPS-1234",
      requestedBy: "team-payments",
      pinned: true,
    });
    expect(stored?.policyHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("updates a grant in place: same role and association, new policy, version bumped", async () => {
    // Prepare
    const first = JSON.parse((await provision(sandbox, request("api-update"))).output ?? "{}");
    const before = await record("demo/payments/api-update");

    // Act
    const execution = await provision(
      sandbox,
      request("api-update", [
        { template: "s3-read", bucket: "invoices" },
        { template: "sqs-consume", queue: "payments-jobs" },
      ]),
    );

    // Assess
    expect(execution.status).toBe("SUCCEEDED");
    const output = JSON.parse(execution.output ?? "{}");
    expect(output).toMatchObject({
      roleArn: first.roleArn,
      associationId: first.associationId,
      role: "unchanged",
      policy: "updated",
      association: "unchanged",
    });
    const actions = (await rolePolicy("api-update")).Statement.flatMap((s: { Action: string[] }) => s.Action);
    expect(actions).toContain("sqs:ReceiveMessage");
    const after = await record("demo/payments/api-update");
    expect(after?.version).toBeGreaterThan(before?.version);
    expect(after?.policyHash).not.toBe(before?.policyHash);
    expect(after?.previous).toBeUndefined();
  });

  it("deprovisions: association, policy and role are gone and the record says DELETED", async () => {
    // Prepare
    await provision(sandbox, request("api-delete"));

    // Act
    const execution = await deprovision(sandbox, {
      cluster: "demo",
      namespace: "payments",
      serviceAccount: "api-delete",
    });

    // Assess
    expect(execution.status).toBe("SUCCEEDED");
    expect(JSON.parse(execution.output ?? "{}")).toMatchObject({
      association: "deleted",
      policy: "deleted",
      role: "deleted",
    });
    const state = await inventory(sandbox);
    expect(state.roles.map((r) => r.name)).not.toContain(
      roleName({ cluster: "demo", namespace: "payments", serviceAccount: "api-delete" }),
    );
    expect(state.associations.filter((a) => a.serviceAccount === "api-delete")).toEqual([]);
    expect(await record("demo/payments/api-delete")).toMatchObject({ status: "DELETED" });
    expect(inconsistencies(state)).toEqual([]);
  });

  it("rejects an invalid request before anything is created or recorded, naming the field", async () => {
    // Act
    const execution = await provision(sandbox, { ...request("api-invalid"), namespace: "Payments" });

    // Assess
    expect(execution.status).toBe("FAILED");
    expect(execution.error).toBe("ValidationError");
    expect(execution.cause).toContain("namespace");
    expect(await record("demo/Payments/api-invalid")).toBeUndefined();
    expect(
      sandbox.apiCalls.filter((c) => JSON.stringify(c.requestParameters ?? {}).includes("api-invalid")),
    ).toEqual([]);
  });

  it("refuses to take over a role of the same name that it does not manage, and leaves it untouched", async () => {
    // Prepare: someone created a role with the name the grant would use, outside the managed path
    const name = roleName({ cluster: "demo", namespace: "payments", serviceAccount: "api-foreign" });
    await person(sandbox).iam.send(
      new CreateRoleCommand({
        RoleName: name,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
          ],
        }),
      }),
    );

    // Act
    const execution = await provision(sandbox, request("api-foreign"));

    // Assess
    expect(execution.status).toBe("FAILED");
    expect(execution.error).toBe("PermanentError");
    expect(execution.cause).toContain("not managed by pod-identity-provisioner");
    const { Role } = await person(sandbox).iam.send(new GetRoleCommand({ RoleName: name }));
    expect(Role?.Path).toBe("/");
    expect(await record("demo/payments/api-foreign")).toMatchObject({ status: "FAILED" });
  });
});

describe("failure at each step rolls back", () => {
  const steps: Array<[string, string, { code: string; message: string; status: number }]> = [
    [
      "creating the role",
      "iam:CreateRole",
      { code: "AccessDenied", message: "not authorized to perform: iam:CreateRole", status: 403 },
    ],
    [
      "writing the policy",
      "iam:PutRolePolicy",
      { code: "MalformedPolicyDocument", message: "Syntax errors in policy.", status: 400 },
    ],
    [
      "creating the association",
      "eks:CreatePodIdentityAssociation",
      {
        code: "AccessDeniedException",
        message: "not authorized to perform: eks:CreatePodIdentityAssociation",
        status: 403,
      },
    ],
  ];

  it.each(steps)(
    "after a permanent failure %s, nothing is left behind and the record is FAILED with the cause",
    async (_step, operation, error) => {
      // Prepare
      const serviceAccount = `rollback-${operation.split(":")[1]?.toLowerCase()}`;
      sandbox.faults.failOperation(operation, error, { times: 1 });

      // Act
      const execution = await provision(sandbox, request(serviceAccount));

      // Assess
      expect(execution.status).toBe("FAILED");
      const stored = await record(`demo/payments/${serviceAccount}`);
      expect(stored?.status).toBe("FAILED");
      expect(stored?.lastError.cause).toContain(error.message);
      const state = await inventory(sandbox);
      expect(state.roles.filter((r) => r.name.includes(serviceAccount))).toEqual([]);
      expect(state.associations.filter((a) => a.serviceAccount === serviceAccount)).toEqual([]);
      expect(inconsistencies(state)).toEqual([]);
    },
  );

  it("restores the previous permissions when an update fails, and keeps the grant ACTIVE with the error on record", async () => {
    // Prepare
    await provision(sandbox, request("update-fails"));
    const before = await rolePolicy("update-fails");
    sandbox.faults.failOperation(
      "eks:UpdatePodIdentityAssociation",
      {
        code: "AccessDeniedException",
        message: "not authorized to perform: eks:UpdatePodIdentityAssociation",
        status: 403,
      },
      { times: 1 },
    );

    // Act: new permissions and session tags disabled (which changes the association too)
    const execution = await provision(sandbox, {
      ...request("update-fails", [{ template: "dynamodb-read", table: "orders" }]),
      disableSessionTags: true,
    });

    // Assess
    expect(execution.status).toBe("FAILED");
    expect(await rolePolicy("update-fails")).toEqual(before);
    const stored = await record("demo/payments/update-fails");
    expect(stored).toMatchObject({ status: "ACTIVE", pinned: true });
    expect(stored?.lastError.cause).toContain("UpdatePodIdentityAssociation");
    expect(inconsistencies(await inventory(sandbox))).toEqual([]);
  });

  it("gives up on a role EKS never sees, after retrying, and rolls back", async () => {
    // Prepare
    sandbox.iam.setPropagationDelay(60 * 60 * 1000);

    // Act
    const execution = await provision(sandbox, request("never-visible"));

    // Assess
    sandbox.iam.setPropagationDelay(0);
    expect(execution.status).toBe("FAILED");
    expect(execution.error).toBe("RolePropagationError");
    const retries = sandbox.sfn
      .history(execution.executionArn)
      .filter((e) => e.type === "StateRetried" && e.stateName === "EnsureAssociation");
    expect(retries.length).toBeGreaterThanOrEqual(9);
    expect(inconsistencies(await inventory(sandbox))).toEqual([]);
  });
});
