/**
 * The attacks of issue 11, replayed end to end: the packaged state machines with the real handlers
 * against the emulation, by callers of test/fixtures/tenancy.json. A "pod" that could write the
 * registry is played by a person writing the table directly (the boundary denies it to every grant;
 * these tests show that even then nothing outside the grant's own derived resources changes).
 */
import { CreatePodIdentityAssociationCommand, ListPodIdentityAssociationsCommand } from "@aws-sdk/client-eks";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { CreateRoleCommand, GetRoleCommand, GetRolePolicyCommand } from "@aws-sdk/client-iam";
import { StartExecutionCommand } from "@aws-sdk/client-sfn";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../../sandbox/sandbox.ts";
import { type GrantKey, roleName } from "../../src/grant/naming.ts";
import { describeError } from "../../src/provision/record.ts";
import {
  CALLERS,
  type Caller,
  deprovision,
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

const key = (namespace: string, serviceAccount: string): GrantKey => ({
  cluster: "demo",
  namespace,
  serviceAccount,
});
const grant = (k: GrantKey, permissions: unknown[], extra: Record<string, unknown> = {}) => ({
  ...k,
  permissions,
  ...extra,
});
const idOf = (k: GrantKey) => `${k.cluster}/${k.namespace}/${k.serviceAccount}`;

async function readRecord(k: GrantKey): Promise<Record<string, unknown> | undefined> {
  const { Item } = await person(sandbox).registry.send(
    new GetCommand({ TableName: sandbox.registryTable, Key: { grantId: idOf(k) } }),
  );
  return Item;
}

async function writeRecord(item: Record<string, unknown>): Promise<void> {
  await person(sandbox).registry.send(new PutCommand({ TableName: sandbox.registryTable, Item: item }));
}

/** Everything AWS has for a key's derived role and association, as comparable JSON. */
async function awsStateOf(k: GrantKey) {
  const name = roleName(k);
  const { iam, eks } = person(sandbox);
  const role = await iam.send(new GetRoleCommand({ RoleName: name })).catch(() => undefined);
  const policy = await iam
    .send(new GetRolePolicyCommand({ RoleName: name, PolicyName: "pod-identity-grant" }))
    .catch(() => undefined);
  const { associations } = await eks.send(
    new ListPodIdentityAssociationsCommand({
      clusterName: k.cluster,
      namespace: k.namespace,
      serviceAccount: k.serviceAccount,
    }),
  );
  return {
    trust: role?.Role ? JSON.parse(decodeURIComponent(role.Role.AssumeRolePolicyDocument ?? "")) : undefined,
    boundary: role?.Role?.PermissionsBoundary?.PermissionsBoundaryArn,
    policy: policy?.PolicyDocument ? JSON.parse(decodeURIComponent(policy.PolicyDocument)) : undefined,
    associations: (associations ?? []).map((a) => a.associationId).sort(),
  };
}

/** What AWS has for a key the provisioner never touched. */
const NOTHING = { trust: undefined, boundary: undefined, policy: undefined, associations: [] };

const failure = (execution: { error?: string; cause?: string }) =>
  describeError({ Error: execution.error ?? "", Cause: execution.cause ?? "" });

describe("attacks on the registry", () => {
  it("refuses the registry table as a grant target, naming the field, and creates nothing", async () => {
    // Prepare: the platform tenant may name any table — but not the provisioner's.
    const k = key("attack", "registry-writer");

    // Act
    const execution = await provision(
      sandbox,
      grant(k, [{ template: "dynamodb-crud", table: sandbox.registryTable }]),
    );

    // Assess
    expect(execution.status).toBe("FAILED");
    expect(execution.error).toBe("ValidationError");
    expect(failure(execution)).toContain(
      "permissions[0].table: names one of the provisioner's own resources",
    );
    expect(await readRecord(k)).toBeUndefined();
    expect(await awsStateOf(k)).toEqual(NOTHING);
  });

  it("restores the derived state, not forged documents, when an update after a forged record fails", async () => {
    // Prepare: an ACTIVE grant whose record then claims a trust for another account and a wide policy.
    const k = key("attack", "forged-record");
    const original = grant(k, [{ template: "s3-read", bucket: "invoices" }]);
    expect((await provision(sandbox, original)).status).toBe("SUCCEEDED");
    const before = await awsStateOf(k);
    const stored = (await readRecord(k)) as { desired: Record<string, Record<string, unknown>> };
    stored.desired.role = {
      ...stored.desired.role,
      trustPolicy: {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { AWS: "arn:aws:iam::999988887777:root" }, Action: "sts:AssumeRole" },
        ],
      },
    };
    stored.desired.policy = {
      name: "pod-identity-grant",
      document: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: ["secretsmanager:GetSecretValue", "kms:Decrypt", "s3:GetObject"],
            Resource: "*",
          },
        ],
      },
    };
    await writeRecord(stored);
    sandbox.faults.failOperation(
      "eks:UpdatePodIdentityAssociation",
      { code: "AccessDeniedException", message: "not authorized" },
      { times: 1 },
    );

    // Act: an update that changes the association, and fails there.
    const execution = await provision(sandbox, { ...original, disableSessionTags: true });

    // Assess
    expect(execution.status).toBe("FAILED");
    const after = await awsStateOf(k);
    expect(after).toEqual(before);
    expect(JSON.stringify(after)).not.toMatch(/999988887777|GetSecretValue/);
  });

  it("does not let a record planted as PROVISIONING for a chosen execution name decide what it creates", async () => {
    // Prepare: before execution "planted-1" runs, its record already says PROVISIONING with a wide request.
    const k = key("attack", "planted");
    const name = "planted-1";
    const executionArn = `${sandbox.stateMachines.provision.replace(":stateMachine:", ":execution:")}:${name}`;
    const planted = grant(k, [{ template: "s3-readwrite", bucket: "payroll" }]);
    const forgedRole = "pip-attacker-chosen";
    await writeRecord({
      grantId: idOf(k),
      ...k,
      status: "PROVISIONING",
      executionId: executionArn,
      identity: {
        ...k,
        grantId: idOf(k),
        roleName: forgedRole,
        rolePath: "/pod-identity/",
        roleArn: `arn:aws:iam::${sandbox.accountId}:role/pod-identity/${forgedRole}`,
      },
      desired: { request: planted },
      lockExpiresAt: new Date(Date.now() + 600_000).toISOString(),
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
      version: 1,
    });

    // Act
    const execution = await provision(sandbox, grant(k, [{ template: "s3-read", bucket: "invoices" }]), name);

    // Assess
    expect(execution.status).toBe("FAILED");
    expect(failure(execution)).toContain("disagrees with its key");
    expect(await awsStateOf(k)).toEqual(NOTHING);
    await expect(
      person(sandbox).iam.send(new GetRoleCommand({ RoleName: forgedRole })),
    ).rejects.toMatchObject({
      name: "NoSuchEntityException",
    });
  });

  it("refuses a deprovision whose record's identity was swapped for another team's, changing nothing", async () => {
    // Prepare: team A's and team B's grants; A's record then names B's role.
    const a = key("team-a-apps", "swapped");
    const b = key("team-b-apps", "victim");
    expect(
      (
        await provision(
          sandbox,
          grant(a, [{ template: "s3-read", bucket: "team-a-x" }]),
          undefined,
          CALLERS.teamA,
        )
      ).status,
    ).toBe("SUCCEEDED");
    expect(
      (
        await provision(
          sandbox,
          grant(b, [{ template: "s3-read", bucket: "team-b-x" }]),
          undefined,
          CALLERS.teamB,
        )
      ).status,
    ).toBe("SUCCEEDED");
    const [beforeA, beforeB] = [await awsStateOf(a), await awsStateOf(b)];
    const recordA = (await readRecord(a)) as Record<string, unknown>;
    const recordB = (await readRecord(b)) as Record<string, unknown>;
    await writeRecord({ ...recordA, identity: recordB.identity });

    // Act
    const execution = await deprovision(sandbox, a, CALLERS.teamA);

    // Assess
    expect(execution.status).toBe("FAILED");
    expect(failure(execution)).toContain("identity names other resources");
    expect(await awsStateOf(a)).toEqual(beforeA);
    expect(await awsStateOf(b)).toEqual(beforeB);
    expect((await readRecord(b))?.status).toBe("ACTIVE");
  });

  it("never deletes an association it did not create when a foreign role holds the grant's role name", async () => {
    // Prepare: someone made a role of the grant's name (without the provisioner's tags) and an association to it.
    const k = key("attack", "name-squatted");
    const { iam, eks } = person(sandbox);
    const { Role } = await iam.send(
      new CreateRoleCommand({
        RoleName: roleName(k),
        Path: "/pod-identity/",
        AssumeRolePolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Service: "pods.eks.amazonaws.com" },
              Action: ["sts:AssumeRole", "sts:TagSession"],
            },
          ],
        }),
      }),
    );
    await eks.send(
      new CreatePodIdentityAssociationCommand({
        clusterName: k.cluster,
        namespace: k.namespace,
        serviceAccount: k.serviceAccount,
        roleArn: Role?.Arn,
      }),
    );
    const before = await awsStateOf(k);

    // Act
    const execution = await provision(sandbox, grant(k, [{ template: "s3-read", bucket: "invoices" }]));

    // Assess
    expect(execution.status).toBe("FAILED");
    expect(failure(execution)).toContain("is not managed by pod-identity-provisioner");
    expect(await awsStateOf(k)).toEqual(before);
    expect(before.associations).toHaveLength(1);
  });
});

describe("tenant isolation", () => {
  const teamB = key("team-b-apps", "isolated");

  beforeAll(async () => {
    expect(
      (
        await provision(
          sandbox,
          grant(teamB, [{ template: "s3-read", bucket: "team-b-data" }]),
          undefined,
          CALLERS.teamB,
        )
      ).status,
    ).toBe("SUCCEEDED");
  });

  const refusedFor = async (
    caller: Caller,
    run: () => Promise<{ status: string; error?: string; cause?: string }>,
  ) => {
    const before = await awsStateOf(teamB);
    const recordBefore = await readRecord(teamB);
    const execution = await run();
    expect(execution.status).toBe("FAILED");
    expect(await awsStateOf(teamB)).toEqual(before);
    expect(await readRecord(teamB)).toEqual(recordBefore);
    return { caller, error: execution.error, cause: failure(execution) };
  };

  it("refuses team A an update of team B's grant, naming the rules", async () => {
    // Act
    const refused = await refusedFor(CALLERS.teamA, () =>
      provision(
        sandbox,
        grant(teamB, [{ template: "s3-read", bucket: "team-a-x" }], { disableSessionTags: true }),
        undefined,
        CALLERS.teamA,
      ),
    );

    // Assess
    expect(refused.error).toBe("ForbiddenError");
    expect(refused.cause).toContain("namespace: 'team-b-apps' is not one of tenant team-a's namespaces");
  });

  it("refuses team A a deprovision of team B's grant", async () => {
    // Act
    const refused = await refusedFor(CALLERS.teamA, () => deprovision(sandbox, teamB, CALLERS.teamA));

    // Assess
    expect(refused.error).toBe("ForbiddenError");
  });

  it("refuses team A B's resources in its own namespace, and a target role it is not allowed", async () => {
    // Act
    const execution = await provision(
      sandbox,
      grant(key("team-a-apps", "greedy"), [{ template: "s3-read", bucket: "team-b-data" }], {
        targetRoleArn: "arn:aws:iam::999988887777:role/admin",
      }),
      undefined,
      CALLERS.teamA,
    );

    // Assess
    expect(execution.status).toBe("FAILED");
    expect(execution.error).toBe("ForbiddenError");
    expect(failure(execution)).toMatch(
      /permissions\[0\]\.bucket: 'team-b-data' is not one of tenant team-a's buckets.*targetRoleArn: 'arn:aws:iam::999988887777:role\/admin' is not one of tenant team-a's target roles/,
    );
    expect(await readRecord(key("team-a-apps", "greedy"))).toBeUndefined();
  });

  it("refuses through the ticket entry point too: team A's ticket source cannot reach team B", async () => {
    // Prepare
    const events = new EventBridgeClient(sandbox.clientConfig());
    const before = await readRecord(teamB);

    // Act
    await events.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: sandbox.eventBusName,
            Source: "tickets.team-a",
            DetailType: "Grant Requested",
            Detail: JSON.stringify(grant(teamB, [{ template: "s3-readwrite", bucket: "team-b-data" }])),
          },
        ],
      }),
    );
    await sandbox.idle();

    // Assess
    const executions = sandbox.sfn.listExecutions(sandbox.stateMachines.provision);
    const last = executions.find(
      (e) =>
        JSON.parse(e.input ?? "{}").caller?.ticketSource === "tickets.team-a" &&
        JSON.parse(e.input ?? "{}").request?.namespace === "team-b-apps",
    );
    expect(last?.status).toBe("FAILED");
    expect(last?.error).toBe("ForbiddenError");
    expect(await readRecord(teamB)).toEqual(before);
  });

  it("refuses a caller no tenant lists, and a start with no caller at all, creating nothing", async () => {
    // Prepare
    const k = key("team-a-apps", "anyone");
    const request = grant(k, [{ template: "s3-read", bucket: "team-a-x" }]);

    // Act
    const unknown = await provision(sandbox, request, undefined, {
      principalArn: "arn:aws:iam::111122223333:role/intruder",
    });
    const { executionArn } = await person(sandbox).sfn.send(
      new StartExecutionCommand({
        stateMachineArn: sandbox.stateMachines.provision,
        input: JSON.stringify({ request }),
      }),
    );
    const anonymous = await sandbox.sfn.waitForExecution(executionArn ?? "");

    // Assess
    expect(unknown.error).toBe("ForbiddenError");
    expect(failure(unknown)).toContain("role/intruder is not listed by any tenant");
    expect(anonymous.error).toBe("ForbiddenError");
    expect(failure(anonymous)).toContain("The request carries no authenticated caller");
    expect(await readRecord(k)).toBeUndefined();
    expect(await awsStateOf(k)).toEqual(NOTHING);
  });

  it("chains to a target role the tenant allows: the grant's role may assume exactly that role", async () => {
    // Prepare
    const k = key("team-a-apps", "chained");
    const target = "arn:aws:iam::444455556666:role/team-a-reader";

    // Act
    const execution = await provision(
      sandbox,
      grant(k, [{ template: "s3-read", bucket: "team-a-x" }], { targetRoleArn: target }),
      undefined,
      CALLERS.teamA,
    );

    // Assess
    expect(execution.status).toBe("SUCCEEDED");
    const { policy, boundary } = await awsStateOf(k);
    const chaining = policy.Statement.filter((s: { Action: string[] }) =>
      s.Action.includes("sts:AssumeRole"),
    );
    expect(chaining).toEqual([expect.objectContaining({ Resource: [target] })]);
    expect(boundary).toBe(sandbox.boundaryPolicyArns["team-a"]);
  });
});
