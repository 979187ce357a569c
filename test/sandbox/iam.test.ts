import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AttachRolePolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  type CreateRoleCommandInput,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeletePolicyCommand,
  DeleteRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteRolePolicyCommand,
  DeleteUserCommand,
  DetachRolePolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  IAMClient,
  type IAMServiceException,
  ListAccessKeysCommand,
  ListAttachedRolePoliciesCommand,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  ListUsersCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAccessKeyCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  UpdateRoleDescriptionCommand,
} from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { describe, expect, it, onTestFinished } from "vitest";
import { toCloudTrailRecord } from "../../sandbox/emulator/cloudtrail.ts";
import { CloudTrailLookupService } from "../../sandbox/emulator/cloudtrail-lookup.ts";
import { FaultInjector } from "../../sandbox/emulator/faults.ts";
import { IamService, type IamServiceOptions } from "../../sandbox/emulator/iam/service.ts";
import { iamUserIdentity, MemoryIdentityStore } from "../../sandbox/emulator/identities.ts";
import {
  parseQueryRequest,
  readList,
  readMap,
  readStructList,
  renderXmlElement,
} from "../../sandbox/emulator/query-protocol.ts";
import { seededRandom } from "../../sandbox/emulator/random.ts";
import { startFrontDoor } from "../../sandbox/emulator/server.ts";
import { StsService } from "../../sandbox/emulator/sts.ts";
import type { ApiCall, EmulatorContext } from "../../sandbox/emulator/types.ts";
import { AWS_CLI_VERSION, awsCli } from "../support/aws-cli.ts";

const ACCOUNT = "123456789012";
const ADMIN_KEY = "AKIAADMINEXAMPLE0001";
const ADMIN_SECRET = "sandbox-secret";
const START = new Date("2026-11-24T21:53:13.482Z");

/** Pretty-printed on purpose: IAM must keep the document byte for byte. */
const TRUST_POLICY = JSON.stringify(
  {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "pods.eks.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
      },
    ],
  },
  null,
  2,
);

const permissionsPolicy = (resource = "arn:aws:s3:::bucket/*") =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: resource }],
  });

interface Sandbox {
  iam: IamService;
  client: IAMClient;
  /** Clients signing with another key (the admin's secret unless given). */
  clientFor(accessKeyId: string, secretAccessKey?: string): IAMClient;
  stsFor(accessKeyId: string, secretAccessKey?: string): STSClient;
  calls: ApiCall[];
  url: string;
  advance(ms: number): void;
}

/**
 * A front door with IAM, STS and CloudTrail's LookupEvents (over the calls IAM reports) on a free
 * port, an admin user's key, a settable clock and a CloudTrail sink; ids seeded by `seed` (42).
 */
async function startSandbox(
  options: IamServiceOptions & { faults?: FaultInjector; seed?: number } = {},
): Promise<Sandbox> {
  let now = START;
  const calls: ApiCall[] = [];
  const identities = new MemoryIdentityStore();
  identities.register(iamUserIdentity(ACCOUNT, ADMIN_KEY, "admin"), { secretAccessKey: ADMIN_SECRET });
  const ctx: EmulatorContext = {
    accountId: ACCOUNT,
    now: () => now,
    random: seededRandom(options.seed ?? 42),
    identities,
    recordApiCall: (call) => calls.push(call),
  };
  const iam = new IamService(ctx, options);
  const trail = new CloudTrailLookupService(() =>
    calls.map((call, index) =>
      toCloudTrailRecord(call, ACCOUNT, {
        eventId: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
      }),
    ),
  );
  const door = await startFrontDoor({
    services: [iam, new StsService(ctx), trail],
    identities,
    accountId: ACCOUNT,
    faults: options.faults,
  });
  onTestFinished(() => door.close());
  const config = (accessKeyId: string, secretAccessKey = ADMIN_SECRET) => ({
    endpoint: door.url,
    region: "us-east-1",
    credentials: { accessKeyId, secretAccessKey },
    maxAttempts: 1,
  });
  return {
    iam,
    client: new IAMClient(config(ADMIN_KEY)),
    clientFor: (key, secret) => new IAMClient(config(key, secret)),
    stsFor: (key, secret) => new STSClient(config(key, secret)),
    calls,
    url: door.url,
    advance: (ms) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

/** The error a call rejects with, as the SDK surfaces it. */
async function failureOf(promise: Promise<unknown>): Promise<IAMServiceException & { Code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as IAMServiceException & { Code?: string };
  }
  throw new Error("expected the call to fail");
}

function expectError(error: IAMServiceException, name: string, status: number, message: string): void {
  expect({ name: error.name, status: error.$metadata.httpStatusCode, message: error.message }).toEqual({
    name,
    status,
    message,
  });
}

const createRole = (client: IAMClient, input: Partial<CreateRoleCommandInput> = {}) =>
  client.send(
    new CreateRoleCommand({ RoleName: "app-role", AssumeRolePolicyDocument: TRUST_POLICY, ...input }),
  );

describe("AWS Query protocol helpers", () => {
  it("reads lists, lists of structures and maps in index order, and an empty list sent as 'Name='", () => {
    // Prepare
    const body = [
      "Action=TagRole",
      "TagKeys.member.10=ten",
      "TagKeys.member.2=two",
      "Tags.member.2.Key=b&Tags.member.2.Value=x+y",
      "Tags.member.1.Key=a&Tags.member.1.Value=%26%3D",
      "Attributes.entry.1.key=k&Attributes.entry.1.value=v",
      "Empty=",
    ].join("&");

    // Act
    const params = parseQueryRequest({ query: new URLSearchParams("Version=2010-05-08"), body });

    // Assess
    expect(params.get("Version")).toBe("2010-05-08");
    expect(readList(params, "TagKeys")).toEqual(["two", "ten"]);
    expect(readStructList(params, "Tags")).toEqual([
      { Key: "a", Value: "&=" },
      { Key: "b", Value: "x y" },
    ]);
    expect(readMap(params, "Attributes")).toEqual({ k: "v" });
    expect(readList(params, "Empty")).toEqual([]);
    expect(readList(params, "Absent")).toBeUndefined();
  });

  it("renders structures, member lists and escaped text, leaving out undefined members", () => {
    // Act
    const xml = renderXmlElement("Role", {
      RoleName: "a&b",
      Missing: undefined,
      Tags: [{ Key: "<k>", Value: "'v'" }],
    });

    // Assess
    expect(xml).toBe(
      "<Role><RoleName>a&amp;b</RoleName><Tags><member><Key>&lt;k&gt;</Key><Value>&apos;v&apos;</Value></member></Tags></Role>",
    );
  });
});

describe("IAM roles", () => {
  it("creates a role and answers with the Role as the SDK parses it", async () => {
    // Prepare
    const { client } = await startSandbox();

    // Act
    const { Role } = await createRole(client, {
      Path: "/pod-identity/",
      Description: "Reads the bucket",
      MaxSessionDuration: 7200,
      PermissionsBoundary: "arn:aws:iam::aws:policy/AWSDenyAll",
      Tags: [{ Key: "grant", Value: "g-1" }],
    });

    // Assess
    expect(Role).toEqual({
      Path: "/pod-identity/",
      RoleName: "app-role",
      RoleId: expect.stringMatching(/^AROA[A-Z2-7]{17}$/),
      Arn: `arn:aws:iam::${ACCOUNT}:role/pod-identity/app-role`,
      CreateDate: new Date("2026-11-24T21:53:13Z"),
      AssumeRolePolicyDocument: encodeURIComponent(TRUST_POLICY),
      Description: "Reads the bucket",
      MaxSessionDuration: 7200,
      PermissionsBoundary: {
        PermissionsBoundaryType: "Policy",
        PermissionsBoundaryArn: "arn:aws:iam::aws:policy/AWSDenyAll",
      },
      Tags: [{ Key: "grant", Value: "g-1" }],
    });
  });

  it("returns the trust policy URL-encoded, decoding to exactly the document sent", async () => {
    // Prepare
    const { client } = await startSandbox();
    await createRole(client);

    // Act
    const { Role } = await client.send(new GetRoleCommand({ RoleName: "app-role" }));

    // Assess
    expect(Role?.AssumeRolePolicyDocument).toMatch(/^%7B%0A%20%20%22Version%22%3A%20%222012-10-17%22%2C/);
    expect(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? "")).toBe(TRUST_POLICY);
    expect(Role).toMatchObject({
      Path: "/",
      MaxSessionDuration: 3600,
      Arn: `arn:aws:iam::${ACCOUNT}:role/app-role`,
    });
    expect(Role).not.toHaveProperty("Tags");
    expect(Role).not.toHaveProperty("PermissionsBoundary");
  });

  it("escapes XML metacharacters in returned text", async () => {
    // Prepare
    const { client } = await startSandbox();
    const description = `Quotes "double" & 'single' <tags>\r\nend`;

    // Act
    await createRole(client, { Description: description, Tags: [{ Key: "k", Value: "a/b=c+d@e" }] });
    const { Role } = await client.send(new GetRoleCommand({ RoleName: "app-role" }));

    // Assess
    expect(Role?.Description).toBe(description);
    expect(Role?.Tags).toEqual([{ Key: "k", Value: "a/b=c+d@e" }]);
  });

  it("treats role names as unique regardless of case, and finds a role by any case", async () => {
    // Prepare
    const { client } = await startSandbox();
    await createRole(client, { RoleName: "app-role" });

    // Act
    const error = await failureOf(createRole(client, { RoleName: "APP-Role" }));
    const { Role } = await client.send(new GetRoleCommand({ RoleName: "APP-ROLE" }));

    // Assess
    expectError(error, "EntityAlreadyExistsException", 409, "Role with name APP-Role already exists.");
    expect(error.Code).toBe("EntityAlreadyExists");
    expect(Role?.RoleName).toBe("app-role");
  });

  it("answers an unknown role with NoSuchEntity 404", async () => {
    // Prepare
    const { client } = await startSandbox();

    // Act
    const error = await failureOf(client.send(new GetRoleCommand({ RoleName: "missing" })));

    // Assess
    expectError(error, "NoSuchEntityException", 404, "The role with name missing cannot be found.");
    expect(error.Code).toBe("NoSuchEntity");
  });

  it.each([
    [
      "a role name with a space",
      { RoleName: "app role" },
      "The specified value for roleName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-",
    ],
    [
      "a role name over 64 characters",
      { RoleName: "r".repeat(65) },
      "1 validation error detected: Value at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64",
    ],
    [
      "a path without slashes",
      { Path: "team" },
      "The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.",
    ],
    [
      "a path over 512 characters",
      { Path: `/${"p".repeat(511)}/` },
      "1 validation error detected: Value at 'path' failed to satisfy constraint: Member must have length less than or equal to 512",
    ],
    [
      "a session duration under an hour",
      { MaxSessionDuration: 60 },
      "1 validation error detected: Value at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600",
    ],
    [
      "no trust policy",
      { AssumeRolePolicyDocument: undefined },
      "1 validation error detected: Value at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not be null",
    ],
    [
      "a tag key over 128 characters and a tag value over 256",
      { Tags: [{ Key: "k".repeat(129), Value: "v".repeat(257) }] },
      "2 validation errors detected: Value at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128; Value at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256",
    ],
    [
      "a tag value with a character tags do not allow",
      { Tags: [{ Key: "team", Value: "a(b)" }] },
      "1 validation error detected: Value at 'tags.1.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*",
    ],
  ])("rejects %s with ValidationError 400", async (_case, input, message) => {
    // Prepare
    const { client } = await startSandbox();

    // Act
    const error = await failureOf(createRole(client, input));

    // Assess
    expectError(error, "ValidationError", 400, message);
  });

  it("rejects more than 50 tags on a new role with ValidationError", async () => {
    // Prepare
    const { client } = await startSandbox();
    const tags = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));

    // Act
    const error = await failureOf(createRole(client, { Tags: tags }));

    // Assess: IAM names the member, not the value (recorded AWS answer).
    expectError(
      error,
      "ValidationError",
      400,
      "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50",
    );
  });

  it("rejects tag keys that differ only in case with InvalidInput", async () => {
    // Prepare
    const { client } = await startSandbox();

    // Act
    const error = await failureOf(
      createRole(client, {
        Tags: [
          { Key: "Team", Value: "a" },
          { Key: "team", Value: "b" },
        ],
      }),
    );

    // Assess
    expectError(
      error,
      "InvalidInputException",
      400,
      "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
    );
  });

  it.each([
    ["a document that is not JSON", "{not json", "This policy contains invalid Json"],
    [
      "a statement with a Resource",
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "pods.eks.amazonaws.com" },
            Action: "sts:AssumeRole",
            Resource: "*",
          },
        ],
      }),
      "Has prohibited field Resource",
    ],
    [
      "a statement without a principal",
      JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole" }] }),
      "Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!",
    ],
    [
      "an action outside STS",
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: "s3:GetObject" },
        ],
      }),
      "AssumeRole policy may only specify STS AssumeRole actions.",
    ],
    [
      "a role of this account that does not exist",
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/ghost` },
            Action: "sts:AssumeRole",
          },
        ],
      }),
      `Invalid principal in policy: "AWS":"arn:aws:iam::${ACCOUNT}:role/ghost"`,
    ],
    [
      "an Effect other than Allow or Deny",
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Permit", Principal: { Service: "pods.eks.amazonaws.com" }, Action: "sts:AssumeRole" },
        ],
      }),
      "Syntax errors in policy.",
    ],
    ["a document without a Statement", JSON.stringify({ Version: "2012-10-17" }), "Syntax errors in policy."],
    [
      "an unknown policy version",
      JSON.stringify({
        Version: "2020-01-01",
        Statement: [
          { Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: "sts:AssumeRole" },
        ],
      }),
      "Syntax errors in policy.",
    ],
  ])("rejects a trust policy with %s as MalformedPolicyDocument 400", async (_case, document, message) => {
    // Prepare
    const { client } = await startSandbox();

    // Act
    const error = await failureOf(createRole(client, { AssumeRolePolicyDocument: document }));

    // Assess
    expectError(error, "MalformedPolicyDocumentException", 400, message);
  });

  it("counts the trust policy quota of 2,048 characters without white space", async () => {
    // Prepare
    const { client } = await startSandbox();
    const trustWithCondition = (subjects: string[], indent?: number) =>
      JSON.stringify(
        {
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Service: "pods.eks.amazonaws.com" },
              Action: ["sts:AssumeRole", "sts:TagSession"],
              Condition: { StringEquals: { "aws:RequestTag/kubernetes-service-account": subjects } },
            },
          ],
        },
        null,
        indent,
      );
    const fits = trustWithCondition(
      Array.from({ length: 60 }, (_, i) => `sa-${String(i).padStart(20, "0")}`),
      8,
    );
    const tooLarge = trustWithCondition(
      Array.from({ length: 80 }, (_, i) => `sa-${String(i).padStart(20, "0")}`),
    );

    // Act
    const accepted = await createRole(client, { RoleName: "fits", AssumeRolePolicyDocument: fits });
    const error = await failureOf(
      createRole(client, { RoleName: "too-large", AssumeRolePolicyDocument: tooLarge }),
    );

    // Assess
    expect(fits.length).toBeGreaterThan(2048);
    expect(fits.replace(/\s/g, "").length).toBeLessThanOrEqual(2048);
    expect(accepted.Role?.RoleName).toBe("fits");
    expectError(error, "LimitExceededException", 409, "Cannot exceed quota for ACLSizePerRole: 2048");
  });

  it("refuses a role beyond the account's role quota with LimitExceeded 409", async () => {
    // Prepare
    const { client } = await startSandbox({ roleQuota: 2 });
    await createRole(client, { RoleName: "one" });
    await createRole(client, { RoleName: "two" });

    // Act
    const error = await failureOf(createRole(client, { RoleName: "three" }));

    // Assess
    expectError(error, "LimitExceededException", 409, "Cannot exceed quota for RolesPerAccount: 2");
  });

  it("gives a re-created role a new RoleId", async () => {
    // Prepare
    const { client } = await startSandbox();
    const first = await createRole(client);
    await client.send(new DeleteRoleCommand({ RoleName: "app-role" }));

    // Act
    const second = await createRole(client);

    // Assess
    expect(second.Role?.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(second.Role?.RoleId).not.toBe(first.Role?.RoleId);
  });

  it("replaces the trust policy with UpdateAssumeRolePolicy", async () => {
    // Prepare
    const { client } = await startSandbox();
    await createRole(client);
    const updated = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole" },
      ],
    });

    // Act
    await client.send(new UpdateAssumeRolePolicyCommand({ RoleName: "app-role", PolicyDocument: updated }));
    const { Role } = await client.send(new GetRoleCommand({ RoleName: "app-role" }));

    // Assess
    expect(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? "")).toBe(updated);
  });

  it("updates the description and session duration with UpdateRole and UpdateRoleDescription", async () => {
    // Prepare
    const { client } = await startSandbox();
    await createRole(client, { Description: "before" });

    // Act
    await client.send(new UpdateRoleCommand({ RoleName: "app-role", MaxSessionDuration: 43200 }));
    const described = await client.send(
      new UpdateRoleDescriptionCommand({ RoleName: "app-role", Description: "after" }),
    );
    const { Role } = await client.send(new GetRoleCommand({ RoleName: "app-role" }));

    // Assess
    expect(described.Role).toMatchObject({ RoleName: "app-role", Description: "after" });
    expect(Role).toMatchObject({ Description: "after", MaxSessionDuration: 43200 });
  });

  it("refuses to delete a role while inline or managed policies remain, then deletes it", async () => {
    // Prepare
    const { client } = await startSandbox();
    await createRole(client);
    await client.send(
      new PutRolePolicyCommand({
        RoleName: "app-role",
        PolicyName: "inline",
        PolicyDocument: permissionsPolicy(),
      }),
    );
    await client.send(
      new AttachRolePolicyCommand({
        RoleName: "app-role",
        PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
      }),
    );

    // Act
    const whileAttached = await failureOf(client.send(new DeleteRoleCommand({ RoleName: "app-role" })));
    await client.send(
      new DetachRolePolicyCommand({
        RoleName: "app-role",
        PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
      }),
    );
    const whileInline = await failureOf(client.send(new DeleteRoleCommand({ RoleName: "app-role" })));
    await client.send(new DeleteRolePolicyCommand({ RoleName: "app-role", PolicyName: "inline" }));
    await client.send(new DeleteRoleCommand({ RoleName: "app-role" }));
    const gone = await failureOf(client.send(new GetRoleCommand({ RoleName: "app-role" })));

    // Assess
    expectError(
      whileAttached,
      "DeleteConflictException",
      409,
      "Cannot delete entity, must detach all policies first.",
    );
    expectError(
      whileInline,
      "DeleteConflictException",
      409,
      "Cannot delete entity, must delete policies first.",
    );
    expect(gone.name).toBe("NoSuchEntityException");
  });

  it("lists roles a page at a time with Marker, MaxItems and IsTruncated", async () => {
    // Prepare
    const { client } = await startSandbox();
    for (const name of ["e-role", "a-role", "d-role", "b-role", "c-role"])
      await createRole(client, { RoleName: name });

    // Act
    const first = await client.send(new ListRolesCommand({ MaxItems: 2 }));
    const second = await client.send(new ListRolesCommand({ MaxItems: 2, Marker: first.Marker }));
    const last = await client.send(new ListRolesCommand({ MaxItems: 2, Marker: second.Marker }));

    // Assess
    expect(first.Roles?.map((r) => r.RoleName)).toEqual(["a-role", "b-role"]);
    expect(first.IsTruncated).toBe(true);
    expect(second.Roles?.map((r) => r.RoleName)).toEqual(["c-role", "d-role"]);
    expect(last.Roles?.map((r) => r.RoleName)).toEqual(["e-role"]);
    expect(last.IsTruncated).toBe(false);
    expect(last.Marker).toBeUndefined();
  });

  it("filters ListRoles by path prefix and leaves out tags and boundaries, as IAM does", async () => {
    // Prepare
    const { client } = await startSandbox();
    await createRole(client, {
      RoleName: "inside",
      Path: "/pod-identity/",
      Tags: [{ Key: "k", Value: "v" }],
    });
    await createRole(client, { RoleName: "outside" });

    // Act
    const { Roles } = await client.send(new ListRolesCommand({ PathPrefix: "/pod-identity/" }));

    // Assess
    expect(Roles?.map((r) => r.RoleName)).toEqual(["inside"]);
    expect(Roles?.[0]).not.toHaveProperty("Tags");
    expect(Roles?.[0]?.AssumeRolePolicyDocument).toBe(encodeURIComponent(TRUST_POLICY));
  });

  it("answers a page with no roles with an empty list", async () => {
    // Prepare
    const { client } = await startSandbox();

    // Act
    const result = await client.send(new ListRolesCommand({}));

    // Assess
    expect(result.Roles).toEqual([]);
    expect(result.IsTruncated).toBe(false);
  });
});

describe("IAM inline role policies", () => {
  it("stores a policy as sent and returns it URL-encoded from GetRolePolicy", async () => {
    // Prepare
    const { client } = await startSandbox();
    await createRole(client);
    const document = `{\n    "Version": "2012-10-17",\n    "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/a b+c*"}]\n}`;

    // Act
    await client.send(
      new PutRolePolicyCommand({ RoleName: "app-role", PolicyName: "read", PolicyDocument: document }),
    );
    const result = await client.send(new GetRolePolicyCommand({ RoleName: "app-role", PolicyName: "read" }));
    const listed = await client.send(new ListRolePoliciesCommand({ RoleName: "app-role" }));

    // Assess
    expect(result).toMatchObject({
      RoleName: "app-role",
      PolicyName: "read",
      PolicyDocument: encodeURIComponent(document),
    });
    expect(decodeURIComponent(result.PolicyDocument ?? "")).toBe(document);
    expect(listed).toMatchObject({ PolicyNames: ["read"], IsTruncated: false });
  });

  it("answers a missing inline policy with NoSuchEntity", async () => {
    // Prepare
    const { client } = await startSandbox();
    await createRole(client);

    // Act
    const getError = await failureOf(
      client.send(new GetRolePolicyCommand({ RoleName: "app-role", PolicyName: "none" })),
    );
    const deleteError = await failureOf(
      client.send(new DeleteRolePolicyCommand({ RoleName: "app-role", PolicyName: "none" })),
    );

    // Assess
    expectError(getError, "NoSuchEntityException", 404, "The role policy with name none cannot be found.");
    expectError(deleteError, "NoSuchEntityException", 404, "The role policy with name none cannot be found.");
  });

  it.each([
    [
      "a Principal",
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }],
      }),
      "Policy document should not specify a principal.",
    ],
    [
      "no Resource",
      JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject" }] }),
      "Policy statement must contain resources.",
    ],
    [
      "no Action",
      JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Resource: "*" }] }),
      "Policy statement must contain actions.",
    ],
    [
      "an action without a service prefix",
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "GetObject", Resource: "*" }],
      }),
      "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
    ],
    [
      "two statements with one Sid",
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "S", Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
          { Sid: "S", Effect: "Deny", Action: "s3:PutObject", Resource: "*" },
        ],
      }),
      "Statement IDs (SID) in a single policy must be unique.",
    ],
  ])("rejects a permissions policy with %s as MalformedPolicyDocument", async (_case, document, message) => {
    // Prepare
    const { client } = await startSandbox();
    await createRole(client);

    // Act
    const error = await failureOf(
      client.send(
        new PutRolePolicyCommand({ RoleName: "app-role", PolicyName: "p", PolicyDocument: document }),
      ),
    );

    // Assess
    expectError(error, "MalformedPolicyDocumentException", 400, message);
  });

  it("limits the inline policies of a role to 10,240 non-white-space characters in total", async () => {
    // Prepare
    const { client } = await startSandbox();
    await createRole(client);
    const sized = (characters: number) => {
      const base = permissionsPolicy("");
      return permissionsPolicy(
        `arn:aws:s3:::${"x".repeat(characters - base.length - "arn:aws:s3:::".length)}`,
      );
    };
    const put = (name: string, document: string) =>
      client.send(
        new PutRolePolicyCommand({ RoleName: "app-role", PolicyName: name, PolicyDocument: document }),
      );
    await put("first", sized(6000));

    // Act
    const error = await failureOf(put("second", sized(4241)));
    await put("second", sized(4240));
    await put("first", sized(6000));

    // Assess
    expect(sized(4241).length).toBe(4241);
    expectError(
      error,
      "LimitExceededException",
      409,
      "Maximum policy size of 10240 bytes exceeded for role app-role",
    );
    const { PolicyNames } = await client.send(new ListRolePoliciesCommand({ RoleName: "app-role" }));
    expect(PolicyNames).toEqual(["first", "second"]);
  });
});

describe("IAM managed policies and permissions boundaries", () => {
  it("attaches AWS managed and customer managed policies and lists them", async () => {
    // Prepare
    const { client } = await startSandbox();
    await createRole(client);
    const { Policy } = await client.send(
      new CreatePolicyCommand({
        PolicyName: "bucket-read",
        Path: "/grants/",
        PolicyDocument: permissionsPolicy(),
      }),
    );

    // Act
    await client.send(
      new AttachRolePolicyCommand({
        RoleName: "app-role",
        PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
      }),
    );
    await client.send(new AttachRolePolicyCommand({ RoleName: "app-role", PolicyArn: Policy?.Arn }));
    await client.send(new AttachRolePolicyCommand({ RoleName: "app-role", PolicyArn: Policy?.Arn }));
    const all = await client.send(new ListAttachedRolePoliciesCommand({ RoleName: "app-role" }));
    const underGrants = await client.send(
      new ListAttachedRolePoliciesCommand({ RoleName: "app-role", PathPrefix: "/grants/" }),
    );

    // Assess
    expect(all.AttachedPolicies).toEqual([
      { PolicyName: "bucket-read", PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/grants/bucket-read` },
      { PolicyName: "ReadOnlyAccess", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
    ]);
    expect(underGrants.AttachedPolicies?.map((p) => p.PolicyName)).toEqual(["bucket-read"]);
  });

  it("answers attaching a policy that does not exist with NoSuchEntity, an ARN of no policy with InvalidInput, and no ARN with ValidationError", async () => {
    // Prepare
    const { client } = await startSandbox();
    await createRole(client);
    const missing = `arn:aws:iam::${ACCOUNT}:policy/missing`;

    // Act
    const notFound = await failureOf(
      client.send(new AttachRolePolicyCommand({ RoleName: "app-role", PolicyArn: missing })),
    );
    const invalid = await failureOf(
      client.send(
        new AttachRolePolicyCommand({
          RoleName: "app-role",
          PolicyArn: `arn:aws:iam::${ACCOUNT}:role/app-role`,
        }),
      ),
    );
    const notAnArn = await failureOf(
      client.send(new AttachRolePolicyCommand({ RoleName: "app-role", PolicyArn: "longpolicynamebutnoarn" })),
    );
    const notAttached = await failureOf(
      client.send(new DetachRolePolicyCommand({ RoleName: "app-role", PolicyArn: missing })),
    );

    // Assess
    expectError(
      notFound,
      "NoSuchEntityException",
      404,
      `Policy ${missing} does not exist or is not attachable.`,
    );
    expectError(
      invalid,
      "InvalidInputException",
      400,
      `ARN arn:aws:iam::${ACCOUNT}:role/app-role is not valid.`,
    );
    // Recorded AWS answer (AttachRolePolicy, 2026): text that is no ARN is a ValidationError.
    expectError(notAnArn, "ValidationError", 400, "ARN longpolicynamebutnoarn is not valid.");
    expectError(notAttached, "NoSuchEntityException", 404, `Policy ${missing} was not found.`);
  });

  it("refuses an eleventh managed policy on a role with LimitExceeded", async () => {
    // Prepare
    const { client } = await startSandbox();
    await createRole(client);
    for (let i = 0; i < 10; i++) {
      await client.send(
        new AttachRolePolicyCommand({ RoleName: "app-role", PolicyArn: `arn:aws:iam::aws:policy/P${i}` }),
      );
    }

    // Act
    const error = await failureOf(
      client.send(
        new AttachRolePolicyCommand({ RoleName: "app-role", PolicyArn: "arn:aws:iam::aws:policy/P10" }),
      ),
    );

    // Assess
    expectError(error, "LimitExceededException", 409, "Cannot exceed quota for PoliciesPerRole: 10");
  });

  it("creates, reads, lists and deletes a customer managed policy", async () => {
    // Prepare
    const { client } = await startSandbox();
    const document = permissionsPolicy();

    // Act
    const created = await client.send(
      new CreatePolicyCommand({
        PolicyName: "boundary",
        PolicyDocument: document,
        Description: "Pod identity boundary",
        Tags: [{ Key: "owner", Value: "provisioner" }],
      }),
    );
    const fetched = await client.send(new GetPolicyCommand({ PolicyArn: created.Policy?.Arn }));
    const local = await client.send(new ListPoliciesCommand({ Scope: "Local" }));
    await client.send(new DeletePolicyCommand({ PolicyArn: created.Policy?.Arn }));
    const gone = await failureOf(client.send(new GetPolicyCommand({ PolicyArn: created.Policy?.Arn })));

    // Assess
    expect(created.Policy).toEqual({
      PolicyName: "boundary",
      PolicyId: expect.stringMatching(/^ANPA[A-Z2-7]{17}$/),
      Arn: `arn:aws:iam::${ACCOUNT}:policy/boundary`,
      Path: "/",
      DefaultVersionId: "v1",
      AttachmentCount: 0,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      CreateDate: new Date("2026-11-24T21:53:13Z"),
      UpdateDate: new Date("2026-11-24T21:53:13Z"),
      Tags: [{ Key: "owner", Value: "provisioner" }],
    });
    expect(fetched.Policy?.Description).toBe("Pod identity boundary");
    expect(local.Policies?.map((p) => p.PolicyName)).toEqual(["boundary"]);
    expectError(
      gone,
      "NoSuchEntityException",
      404,
      `Policy arn:aws:iam::${ACCOUNT}:policy/boundary was not found.`,
    );
  });

  it("refuses a second policy of the same name, whatever its case", async () => {
    // Prepare
    const { client } = await startSandbox();
    await client.send(
      new CreatePolicyCommand({ PolicyName: "boundary", PolicyDocument: permissionsPolicy() }),
    );

    // Act
    const error = await failureOf(
      client.send(
        new CreatePolicyCommand({
          PolicyName: "Boundary",
          Path: "/other/",
          PolicyDocument: permissionsPolicy(),
        }),
      ),
    );

    // Assess
    expectError(
      error,
      "EntityAlreadyExistsException",
      409,
      "A policy called Boundary already exists. Duplicate names are not allowed.",
    );
  });

  it("sets, counts and removes a permissions boundary, refusing to delete the policy while it is in use", async () => {
    // Prepare
    const { client } = await startSandbox();
    await createRole(client);
    const { Policy } = await client.send(
      new CreatePolicyCommand({ PolicyName: "boundary", PolicyDocument: permissionsPolicy() }),
    );

    // Act
    await client.send(
      new PutRolePermissionsBoundaryCommand({ RoleName: "app-role", PermissionsBoundary: Policy?.Arn }),
    );
    const withBoundary = await client.send(new GetRoleCommand({ RoleName: "app-role" }));
    const counted = await client.send(new GetPolicyCommand({ PolicyArn: Policy?.Arn }));
    const inUse = await failureOf(client.send(new DeletePolicyCommand({ PolicyArn: Policy?.Arn })));
    await client.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: "app-role" }));
    const withoutBoundary = await client.send(new GetRoleCommand({ RoleName: "app-role" }));

    // Assess
    expect(withBoundary.Role?.PermissionsBoundary).toEqual({
      PermissionsBoundaryType: "Policy",
      PermissionsBoundaryArn: Policy?.Arn,
    });
    expect(counted.Policy?.PermissionsBoundaryUsageCount).toBe(1);
    expectError(inUse, "DeleteConflictException", 409, "Cannot delete a policy attached to entities.");
    expect(withoutBoundary.Role).not.toHaveProperty("PermissionsBoundary");
  });

  it("refuses a permissions boundary that does not exist with NoSuchEntity", async () => {
    // Prepare
    const { client } = await startSandbox();
    const boundary = `arn:aws:iam::${ACCOUNT}:policy/no-such-boundary`;

    // Act
    const error = await failureOf(createRole(client, { PermissionsBoundary: boundary }));

    // Assess
    expectError(
      error,
      "NoSuchEntityException",
      404,
      `Scope ARN: ${boundary} does not exist or is not attachable.`,
    );
  });
});

describe("IAM role tags", () => {
  it("adds, overwrites case-insensitively, lists and removes tags", async () => {
    // Prepare
    const { client } = await startSandbox();
    await createRole(client, { Tags: [{ Key: "Team", Value: "a" }] });

    // Act
    await client.send(
      new TagRoleCommand({
        RoleName: "app-role",
        Tags: [
          { Key: "team", Value: "b" },
          { Key: "grant", Value: "g-1" },
        ],
      }),
    );
    const tagged = await client.send(new ListRoleTagsCommand({ RoleName: "app-role" }));
    await client.send(new UntagRoleCommand({ RoleName: "app-role", TagKeys: ["GRANT"] }));
    const untagged = await client.send(new GetRoleCommand({ RoleName: "app-role" }));

    // Assess
    expect(tagged).toMatchObject({
      Tags: [
        { Key: "grant", Value: "g-1" },
        { Key: "team", Value: "b" },
      ],
      IsTruncated: false,
    });
    expect(untagged.Role?.Tags).toEqual([{ Key: "team", Value: "b" }]);
  });

  it("refuses tags that would take a role past 50 with LimitExceeded", async () => {
    // Prepare
    const { client } = await startSandbox();
    await createRole(client, { Tags: Array.from({ length: 30 }, (_, i) => ({ Key: `a${i}`, Value: "v" })) });

    // Act
    const error = await failureOf(
      client.send(
        new TagRoleCommand({
          RoleName: "app-role",
          Tags: Array.from({ length: 21 }, (_, i) => ({ Key: `b${i}`, Value: "v" })),
        }),
      ),
    );

    // Assess
    expectError(error, "LimitExceededException", 409, "Cannot exceed quota for TagsPerRole: 50");
  });
});

describe("IAM users and access keys", () => {
  it("creates and reads a user with a new unique id", async () => {
    // Prepare
    const { client } = await startSandbox();

    // Act
    const created = await client.send(new CreateUserCommand({ UserName: "alice", Path: "/people/" }));
    const fetched = await client.send(new GetUserCommand({ UserName: "alice" }));

    // Assess
    expect(created.User).toEqual({
      Path: "/people/",
      UserName: "alice",
      UserId: expect.stringMatching(/^AIDA[A-Z2-7]{17}$/),
      Arn: `arn:aws:iam::${ACCOUNT}:user/people/alice`,
      CreateDate: new Date("2026-11-24T21:53:13Z"),
    });
    expect(fetched.User).toEqual(created.User);
  });

  it("issues an access key that signs as its user, and stops honouring it once inactive or deleted", async () => {
    // Prepare
    const { client, clientFor, stsFor } = await startSandbox();
    await client.send(new CreateUserCommand({ UserName: "alice" }));

    // Act
    const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: "alice" }));
    const keyId = AccessKey?.AccessKeyId ?? "";
    const secret = AccessKey?.SecretAccessKey ?? "";
    const asAlice = await stsFor(keyId, secret).send(new GetCallerIdentityCommand({}));
    const self = await clientFor(keyId, secret).send(new GetUserCommand({}));
    await client.send(
      new UpdateAccessKeyCommand({ UserName: "alice", AccessKeyId: keyId, Status: "Inactive" }),
    );
    const whileInactive = await failureOf(stsFor(keyId, secret).send(new GetCallerIdentityCommand({})));
    await client.send(
      new UpdateAccessKeyCommand({ UserName: "alice", AccessKeyId: keyId, Status: "Active" }),
    );
    const reactivated = await stsFor(keyId, secret).send(new GetCallerIdentityCommand({}));
    await client.send(new DeleteAccessKeyCommand({ UserName: "alice", AccessKeyId: keyId }));
    const afterDelete = await failureOf(stsFor(keyId, secret).send(new GetCallerIdentityCommand({})));

    // Assess
    expect(AccessKey).toEqual({
      UserName: "alice",
      AccessKeyId: expect.stringMatching(/^AKIA[A-Z2-7]{16}$/),
      Status: "Active",
      SecretAccessKey: expect.stringMatching(/^[A-Za-z0-9+/]{40}$/),
      CreateDate: new Date("2026-11-24T21:53:13Z"),
    });
    expect(asAlice).toMatchObject({
      Arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
      UserId: self.User?.UserId,
      Account: ACCOUNT,
    });
    expect(self.User?.UserName).toBe("alice");
    expectError(
      whileInactive,
      "InvalidClientTokenId",
      403,
      "The security token included in the request is invalid.",
    );
    expect(reactivated.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/alice`);
    expect(afterDelete.name).toBe("InvalidClientTokenId");
  });

  it("lists a user's access keys and refuses a third one", async () => {
    // Prepare
    const { client } = await startSandbox();
    await client.send(new CreateUserCommand({ UserName: "alice" }));
    await client.send(new CreateAccessKeyCommand({ UserName: "alice" }));
    await client.send(new CreateAccessKeyCommand({ UserName: "alice" }));

    // Act
    const listed = await client.send(new ListAccessKeysCommand({ UserName: "alice" }));
    const error = await failureOf(client.send(new CreateAccessKeyCommand({ UserName: "alice" })));

    // Assess
    expect(listed.AccessKeyMetadata).toHaveLength(2);
    expect(listed.AccessKeyMetadata?.[0]).toEqual({
      UserName: "alice",
      AccessKeyId: expect.stringMatching(/^AKIA/),
      Status: "Active",
      CreateDate: new Date("2026-11-24T21:53:13Z"),
    });
    expectError(error, "LimitExceededException", 409, "Cannot exceed quota for AccessKeysPerUser: 2");
  });

  it("refuses to delete a user who still has access keys", async () => {
    // Prepare
    const { client } = await startSandbox();
    await client.send(new CreateUserCommand({ UserName: "alice" }));
    const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: "alice" }));

    // Act
    const conflict = await failureOf(client.send(new DeleteUserCommand({ UserName: "alice" })));
    await client.send(new DeleteAccessKeyCommand({ UserName: "alice", AccessKeyId: AccessKey?.AccessKeyId }));
    await client.send(new DeleteUserCommand({ UserName: "alice" }));
    const gone = await failureOf(client.send(new GetUserCommand({ UserName: "alice" })));

    // Assess
    expectError(
      conflict,
      "DeleteConflictException",
      409,
      "Cannot delete entity, must delete access keys first.",
    );
    expectError(gone, "NoSuchEntityException", 404, "The user with name alice cannot be found.");
  });

  it("answers an unknown access key and an invalid status as IAM does", async () => {
    // Prepare
    const { client } = await startSandbox();
    await client.send(new CreateUserCommand({ UserName: "alice" }));

    // Act
    const unknown = await failureOf(
      client.send(new DeleteAccessKeyCommand({ UserName: "alice", AccessKeyId: "AKIAUNKNOWN000000000" })),
    );
    const badStatus = await failureOf(
      client.send(
        new UpdateAccessKeyCommand({
          UserName: "alice",
          AccessKeyId: "AKIAUNKNOWN000000000",
          Status: "Disabled" as "Active",
        }),
      ),
    );

    // Assess
    expectError(
      unknown,
      "NoSuchEntityException",
      404,
      "The Access Key with id AKIAUNKNOWN000000000 cannot be found.",
    );
    expectError(
      badStatus,
      "ValidationError",
      400,
      // Recorded AWS answer: the enum's values are not listed.
      "1 validation error detected: Value at 'status' failed to satisfy constraint: Member must satisfy enum value set",
    );
  });
});

describe("IAM propagation to other services", () => {
  it("keeps a new role invisible to other services for the propagation delay, while GetRole sees it at once", async () => {
    // Prepare
    const { client, iam, advance } = await startSandbox({ propagationDelayMs: 5000 });
    const { Role } = await createRole(client);
    const arn = Role?.Arn ?? "";

    // Act
    const visibleAtOnce = iam.isRoleVisible(arn);
    const { Role: fromGetRole } = await client.send(new GetRoleCommand({ RoleName: "app-role" }));
    advance(4999);
    const visibleJustBefore = iam.isRoleVisible(arn);
    advance(1);
    const visibleAfter = iam.isRoleVisible(arn);

    // Assess
    expect(visibleAtOnce).toBe(false);
    expect(fromGetRole?.Arn).toBe(arn);
    expect(visibleJustBefore).toBe(false);
    expect(visibleAfter).toBe(true);
  });

  it("lets the propagation delay change at run time and never shows roles that do not exist", async () => {
    // Prepare
    const { client, iam } = await startSandbox({ propagationDelayMs: 60_000 });
    const { Role } = await createRole(client);

    // Act
    iam.setPropagationDelay(0);

    // Assess
    expect(iam.isRoleVisible(Role?.Arn ?? "")).toBe(true);
    expect(iam.isRoleVisible(`arn:aws:iam::${ACCOUNT}:role/missing`)).toBe(false);
    expect(iam.isRoleVisible(`arn:aws:iam::${ACCOUNT}:role/other-path/app-role`)).toBe(false);
    expect(iam.getRoleByArn(Role?.Arn ?? "")?.roleId).toBe(Role?.RoleId);
    expect(iam.getRoleByName("APP-ROLE")?.assumeRolePolicyDocument).toBe(TRUST_POLICY);
  });
});

describe("IAM CloudTrail records", () => {
  it("records CreateRole with lowerCamelCase parameters, the trust policy as sent and a Java-style date", async () => {
    // Prepare
    const { client, calls } = await startSandbox();

    // Act
    const response = await createRole(client, {
      PermissionsBoundary: "arn:aws:iam::aws:policy/AWSDenyAll",
      Tags: [{ Key: "grant", Value: "g-1" }],
      MaxSessionDuration: 3600,
    });

    // Assess
    expect(calls).toHaveLength(1);
    expect(calls[0]).toEqual({
      eventSource: "iam.amazonaws.com",
      eventName: "CreateRole",
      awsRegion: "us-east-1",
      caller: iamUserIdentity(ACCOUNT, ADMIN_KEY, "admin"),
      requestParameters: {
        roleName: "app-role",
        assumeRolePolicyDocument: TRUST_POLICY,
        maxSessionDuration: 3600,
        permissionsBoundary: "arn:aws:iam::aws:policy/AWSDenyAll",
        tags: [{ key: "grant", value: "g-1" }],
      },
      responseElements: {
        role: {
          path: "/",
          roleName: "app-role",
          roleId: response.Role?.RoleId,
          arn: `arn:aws:iam::${ACCOUNT}:role/app-role`,
          createDate: "Nov 24, 2026 9:53:13 PM",
          assumeRolePolicyDocument: encodeURIComponent(TRUST_POLICY),
          permissionsBoundary: {
            permissionsBoundaryArn: "arn:aws:iam::aws:policy/AWSDenyAll",
            permissionsBoundaryType: "Policy",
          },
        },
      },
      readOnly: false,
      requestId: response.$metadata.requestId,
      eventTime: START,
      userAgent: expect.stringContaining("aws-sdk-js"),
    });
  });

  it("records role policy, attachment and tag calls with the parameters real records carry and no responseElements", async () => {
    // Prepare
    const { client, calls } = await startSandbox();
    await createRole(client);
    const document = permissionsPolicy();

    // Act
    await client.send(
      new PutRolePolicyCommand({ RoleName: "app-role", PolicyName: "read", PolicyDocument: document }),
    );
    await client.send(
      new AttachRolePolicyCommand({
        RoleName: "app-role",
        PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
      }),
    );
    await client.send(new TagRoleCommand({ RoleName: "app-role", Tags: [{ Key: "grant", Value: "g-1" }] }));
    await client.send(new UntagRoleCommand({ RoleName: "app-role", TagKeys: ["grant"] }));
    await client.send(
      new PutRolePermissionsBoundaryCommand({
        RoleName: "app-role",
        PermissionsBoundary: "arn:aws:iam::aws:policy/AWSDenyAll",
      }),
    );

    // Assess
    expect(
      calls.slice(1).map(({ eventName, requestParameters, responseElements, readOnly }) => ({
        eventName,
        requestParameters,
        responseElements,
        readOnly,
      })),
    ).toEqual([
      {
        eventName: "PutRolePolicy",
        requestParameters: { roleName: "app-role", policyName: "read", policyDocument: document },
        responseElements: null,
        readOnly: false,
      },
      {
        eventName: "AttachRolePolicy",
        requestParameters: { roleName: "app-role", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
        responseElements: null,
        readOnly: false,
      },
      {
        eventName: "TagRole",
        requestParameters: { roleName: "app-role", tags: [{ key: "grant", value: "g-1" }] },
        responseElements: null,
        readOnly: false,
      },
      {
        eventName: "UntagRole",
        requestParameters: { roleName: "app-role", tagKeys: ["grant"] },
        responseElements: null,
        readOnly: false,
      },
      {
        eventName: "PutRolePermissionsBoundary",
        requestParameters: {
          roleName: "app-role",
          permissionsBoundary: "arn:aws:iam::aws:policy/AWSDenyAll",
        },
        responseElements: null,
        readOnly: false,
      },
    ]);
  });

  it("records read calls as read-only, without responseElements", async () => {
    // Prepare
    const { client, calls } = await startSandbox();
    await createRole(client);

    // Act
    await client.send(new GetRoleCommand({ RoleName: "app-role" }));
    await client.send(new ListRolesCommand({}));

    // Assess
    expect(
      calls.slice(1).map(({ eventName, readOnly, responseElements, requestParameters }) => ({
        eventName,
        readOnly,
        responseElements,
        requestParameters,
      })),
    ).toEqual([
      {
        eventName: "GetRole",
        readOnly: true,
        responseElements: null,
        requestParameters: { roleName: "app-role" },
      },
      { eventName: "ListRoles", readOnly: true, responseElements: null, requestParameters: null },
    ]);
  });

  it("records failed calls with the message and the request parameters, logged with the Exception-suffixed code", async () => {
    // Prepare
    const { client, calls } = await startSandbox();

    // Act
    const notFound = await failureOf(client.send(new DeleteRoleCommand({ RoleName: "missing" })));
    await failureOf(createRole(client, { RoleName: "bad name" }));
    const records = calls.map((call) => toCloudTrailRecord(call, ACCOUNT, { eventId: "e" }));

    // Assess: the call carries the wire code; CloudTrail logs IAM's exception name.
    expect(calls[0]).toMatchObject({
      eventName: "DeleteRole",
      requestParameters: { roleName: "missing" },
      responseElements: null,
      errorCode: "NoSuchEntity",
      errorMessage: "The role with name missing cannot be found.",
      readOnly: false,
      requestId: notFound.$metadata.requestId,
    });
    expect(records[0]).toMatchObject({ errorCode: "NoSuchEntityException" });
    expect(calls[1]).toMatchObject({
      eventName: "CreateRole",
      requestParameters: { roleName: "bad name", assumeRolePolicyDocument: TRUST_POLICY },
      responseElements: null,
      errorCode: "ValidationError",
    });
    expect(records[1]).toMatchObject({ errorCode: "ValidationError" });
  });

  it("records CreateAccessKey without the secret access key", async () => {
    // Prepare
    const { client, calls } = await startSandbox();
    await client.send(new CreateUserCommand({ UserName: "alice" }));

    // Act
    const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: "alice" }));

    // Assess
    expect(calls[0]?.responseElements).toEqual({
      user: {
        path: "/",
        userName: "alice",
        userId: expect.stringMatching(/^AIDA/),
        arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
        createDate: "Nov 24, 2026 9:53:13 PM",
      },
    });
    expect(calls[1]).toMatchObject({
      eventName: "CreateAccessKey",
      requestParameters: { userName: "alice" },
      responseElements: {
        accessKey: {
          accessKeyId: AccessKey?.AccessKeyId,
          createDate: "Nov 24, 2026 9:53:13 PM",
          status: "Active",
          userName: "alice",
        },
      },
    });
    expect(JSON.stringify(calls)).not.toContain(AccessKey?.SecretAccessKey);
  });
});

describe("IAM faults and persistence", () => {
  it("surfaces an injected throttle as Throttling 400 'Rate exceeded'", async () => {
    // Prepare
    const faults = new FaultInjector(
      { throttleRatePerSecond: 1, throttleBurst: 1 },
      seededRandom(1),
      () => 0,
    );
    const { client } = await startSandbox({ faults });
    await client.send(new ListRolesCommand({}));

    // Act
    const error = await failureOf(client.send(new ListRolesCommand({})));

    // Assess
    expectError(error, "Throttling", 400, "Rate exceeded");
    expect(error.Code).toBe("Throttling");
    expect(error.$fault).toBe("client");
  });

  it("restores roles, policies, users and working access keys from a JSON snapshot", async () => {
    // Prepare
    const original = await startSandbox();
    await createRole(original.client, { Tags: [{ Key: "grant", Value: "g-1" }] });
    await original.client.send(
      new PutRolePolicyCommand({
        RoleName: "app-role",
        PolicyName: "read",
        PolicyDocument: permissionsPolicy(),
      }),
    );
    await original.client.send(new CreateUserCommand({ UserName: "alice" }));
    const { AccessKey } = await original.client.send(new CreateAccessKeyCommand({ UserName: "alice" }));
    const saved = JSON.parse(JSON.stringify(original.iam.snapshot())) as unknown;
    const copy = await startSandbox();

    // Act
    copy.iam.restore(saved);
    const { Role } = await copy.client.send(new GetRoleCommand({ RoleName: "app-role" }));
    const policy = await copy.client.send(
      new GetRolePolicyCommand({ RoleName: "app-role", PolicyName: "read" }),
    );
    const asAlice = await copy
      .stsFor(AccessKey?.AccessKeyId ?? "", AccessKey?.SecretAccessKey)
      .send(new GetCallerIdentityCommand({}));
    const recreated = await failureOf(createRole(copy.client, { RoleName: "APP-ROLE" }));

    // Assess
    expect(Role?.Tags).toEqual([{ Key: "grant", Value: "g-1" }]);
    expect(decodeURIComponent(policy.PolicyDocument ?? "")).toBe(permissionsPolicy());
    expect(asAlice.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/alice`);
    expect(recreated.name).toBe("EntityAlreadyExistsException");
    expect(() => copy.iam.restore({ format: "something-else" })).toThrow(/Not an IAM emulator snapshot/);
  });
});

describe("IAM tag keys reserved for AWS", () => {
  it.each(["aws:team", "AWS:Team"])(
    "refuses the tag key %s on a new role with InvalidInput, creating nothing",
    async (key) => {
      // Prepare
      const { client } = await startSandbox();

      // Act
      const error = await failureOf(createRole(client, { Tags: [{ Key: key, Value: "a" }] }));
      const lookup = await failureOf(client.send(new GetRoleCommand({ RoleName: "app-role" })));

      // Assess
      expectError(
        error,
        "InvalidInputException",
        400,
        "Tag keys starting with 'aws:' are reserved for internal use",
      );
      expect(error.Code).toBe("InvalidInput");
      expect(lookup.name).toBe("NoSuchEntityException");
    },
  );

  it("refuses an aws: tag key on TagRole with InvalidInput and leaves the role's tags as they were", async () => {
    // Prepare
    const { client } = await startSandbox();
    await createRole(client, { Tags: [{ Key: "team", Value: "a" }] });

    // Act
    const error = await failureOf(
      client.send(
        new TagRoleCommand({
          RoleName: "app-role",
          Tags: [
            { Key: "grant", Value: "g-1" },
            { Key: "aws:cloudformation:stack-name", Value: "s" },
          ],
        }),
      ),
    );
    const { Tags } = await client.send(new ListRoleTagsCommand({ RoleName: "app-role" }));

    // Assess
    expectError(
      error,
      "InvalidInputException",
      400,
      "Tag keys starting with 'aws:' are reserved for internal use",
    );
    expect(Tags).toEqual([{ Key: "team", Value: "a" }]);
  });
});

describe("IAM RoleLastUsed", () => {
  it("returns an empty RoleLastUsed from GetRole for a role never used, and none from CreateRole or ListRoles", async () => {
    // Prepare
    const { client } = await startSandbox();

    // Act
    const created = await createRole(client);
    const fetched = await client.send(new GetRoleCommand({ RoleName: "app-role" }));
    const listed = await client.send(new ListRolesCommand({}));

    // Assess: AWS answers `"RoleLastUsed": {}` until the role is used (recorded AWS answers).
    expect(fetched.Role?.RoleLastUsed).toEqual({});
    expect(created.Role).not.toHaveProperty("RoleLastUsed");
    expect(listed.Roles?.[0]).not.toHaveProperty("RoleLastUsed");
  });
});

const POLICY_DOCUMENT_PATTERN = "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+";
const ROLE_DESCRIPTION_PATTERN = "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*";

describe("IAM character sets (the service model's patterns)", () => {
  it("refuses a permissions policy with CJK characters with a ValidationError naming policyDocument", async () => {
    // Prepare
    const { client } = await startSandbox();
    await createRole(client);

    // Act
    const error = await failureOf(
      client.send(
        new PutRolePolicyCommand({
          RoleName: "app-role",
          PolicyName: "read",
          PolicyDocument: permissionsPolicy("arn:aws:s3:::报告/*"),
        }),
      ),
    );

    // Assess
    expectError(
      error,
      "ValidationError",
      400,
      `1 validation error detected: Value at 'policyDocument' failed to satisfy constraint: Member must satisfy regular expression pattern: ${POLICY_DOCUMENT_PATTERN}`,
    );
  });

  it("refuses a trust policy with an emoji with a ValidationError naming assumeRolePolicyDocument", async () => {
    // Prepare
    const { client } = await startSandbox();
    const trust = TRUST_POLICY.replace('"Version"', '"Id": "🚀",\n  "Version"');

    // Act
    const error = await failureOf(createRole(client, { AssumeRolePolicyDocument: trust }));

    // Assess
    expectError(
      error,
      "ValidationError",
      400,
      `1 validation error detected: Value at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must satisfy regular expression pattern: ${POLICY_DOCUMENT_PATTERN}`,
    );
  });

  it("accepts Latin-1 letters in policy documents and role descriptions", async () => {
    // Prepare
    const { client } = await startSandbox();

    // Act
    await createRole(client, { Description: "Rôle de lecture, équipe données" });
    await client.send(
      new PutRolePolicyCommand({
        RoleName: "app-role",
        PolicyName: "read",
        PolicyDocument: permissionsPolicy("arn:aws:s3:::données/*"),
      }),
    );
    const { Role } = await client.send(new GetRoleCommand({ RoleName: "app-role" }));

    // Assess
    expect(Role?.Description).toBe("Rôle de lecture, équipe données");
  });

  it.each([
    ["CreateRole", (client: IAMClient) => createRole(client, { Description: "reads 📦 objects" })],
    [
      "UpdateRole",
      (client: IAMClient) =>
        client.send(new UpdateRoleCommand({ RoleName: "app-role", Description: "reads 📦" })),
    ],
    [
      "UpdateRoleDescription",
      (client: IAMClient) =>
        client.send(new UpdateRoleDescriptionCommand({ RoleName: "app-role", Description: "报告" })),
    ],
  ])("refuses a role description outside IAM's character set on %s", async (operation, send) => {
    // Prepare
    const { client } = await startSandbox();
    if (operation !== "CreateRole") await createRole(client);

    // Act
    const error = await failureOf(send(client));

    // Assess
    expectError(
      error,
      "ValidationError",
      400,
      `1 validation error detected: Value at 'description' failed to satisfy constraint: Member must satisfy regular expression pattern: ${ROLE_DESCRIPTION_PATTERN}`,
    );
  });
});

describe("IAM validation errors name the member, not the value", () => {
  it("answers a 1 MB policy document with a short ValidationError, and logs a short errorMessage", async () => {
    // Prepare
    const { client, calls } = await startSandbox();
    await createRole(client);
    const huge = permissionsPolicy(`arn:aws:s3:::${"x".repeat(1024 * 1024)}`);

    // Act
    const error = await failureOf(
      client.send(
        new PutRolePolicyCommand({ RoleName: "app-role", PolicyName: "huge", PolicyDocument: huge }),
      ),
    );

    // Assess
    expectError(
      error,
      "ValidationError",
      400,
      "1 validation error detected: Value at 'policyDocument' failed to satisfy constraint: Member must have length less than or equal to 131072",
    );
    expect(calls.at(-1)?.errorMessage).toBe(error.message);
  });
});

describe("IAM unique ids", () => {
  /** Creates `count` roles, policies, users and access keys; answers their ids by kind. */
  async function createEntities(client: IAMClient, count: number) {
    const ids: Record<"role" | "policy" | "user" | "accessKey", string[]> = {
      role: [],
      policy: [],
      user: [],
      accessKey: [],
    };
    for (let i = 0; i < count; i++) {
      ids.role.push((await createRole(client, { RoleName: `role-${i}` })).Role?.RoleId ?? "");
      const policy = await client.send(
        new CreatePolicyCommand({ PolicyName: `policy-${i}`, PolicyDocument: permissionsPolicy() }),
      );
      ids.policy.push(policy.Policy?.PolicyId ?? "");
      ids.user.push((await client.send(new CreateUserCommand({ UserName: `user-${i}` }))).User?.UserId ?? "");
      const key = await client.send(new CreateAccessKeyCommand({ UserName: `user-${i}` }));
      ids.accessKey.push(key.AccessKey?.AccessKeyId ?? "");
    }
    return ids;
  }

  it("draws every character after the prefix at random: no position is the same in twelve ids", async () => {
    // Prepare
    const { client } = await startSandbox();

    // Act
    const ids = await createEntities(client, 12);

    // Assess
    expect(ids.role.every((id) => /^AROA[A-Z2-7]{17}$/.test(id))).toBe(true);
    expect(ids.policy.every((id) => /^ANPA[A-Z2-7]{17}$/.test(id))).toBe(true);
    expect(ids.user.every((id) => /^AIDA[A-Z2-7]{17}$/.test(id))).toBe(true);
    expect(ids.accessKey.every((id) => /^AKIA[A-Z2-7]{16}$/.test(id))).toBe(true);
    for (const [kind, list] of Object.entries(ids)) {
      const fixed = [...(list[0] ?? "")]
        .map((_, position) => position)
        .filter((position) => position >= 4 && new Set(list.map((id) => id[position])).size === 1);
      expect({ kind, fixed }).toEqual({ kind, fixed: [] });
    }
  });

  it("replays the same ids from the same seed, and draws others from another seed", async () => {
    // Prepare
    const first = await startSandbox({ seed: 7 });
    const again = await startSandbox({ seed: 7 });
    const other = await startSandbox({ seed: 8 });

    // Act
    const [a, b, c] = await Promise.all([first, again, other].map((s) => createEntities(s.client, 2)));

    // Assess
    expect(b).toEqual(a);
    expect(c?.role).not.toEqual(a?.role);
    expect(c?.accessKey).not.toEqual(a?.accessKey);
  });

  it("gives an AWS managed policy the same id in every sandbox", async () => {
    // Prepare
    const one = await startSandbox({ seed: 1 });
    const two = await startSandbox({ seed: 2 });
    const arn = "arn:aws:iam::aws:policy/ReadOnlyAccess";

    // Act
    const [a, b] = await Promise.all(
      [one, two].map((s) => s.client.send(new GetPolicyCommand({ PolicyArn: arn }))),
    );

    // Assess
    expect(a?.Policy?.PolicyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
    expect(b?.Policy?.PolicyId).toBe(a?.Policy?.PolicyId);
  });
});

describe("IAM policy versions", () => {
  it("reads a customer managed policy's only version, v1, with its document URL-encoded", async () => {
    // Prepare
    const { client } = await startSandbox();
    const document = `{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]\n}`;
    const { Policy } = await client.send(
      new CreatePolicyCommand({ PolicyName: "read", PolicyDocument: document }),
    );

    // Act
    const { PolicyVersion } = await client.send(
      new GetPolicyVersionCommand({ PolicyArn: Policy?.Arn, VersionId: "v1" }),
    );

    // Assess
    expect(PolicyVersion).toEqual({
      Document: encodeURIComponent(document),
      VersionId: "v1",
      IsDefaultVersion: true,
      CreateDate: new Date("2026-11-24T21:53:13Z"),
    });
    expect(decodeURIComponent(PolicyVersion?.Document ?? "")).toBe(document);
  });

  it("answers an unknown version or policy with NoSuchEntity, and a malformed version id with ValidationError", async () => {
    // Prepare
    const { client } = await startSandbox();
    const { Policy } = await client.send(
      new CreatePolicyCommand({ PolicyName: "read", PolicyDocument: permissionsPolicy() }),
    );
    const arn = Policy?.Arn ?? "";
    const missing = `arn:aws:iam::${ACCOUNT}:policy/missing`;

    // Act
    const unknownVersion = await failureOf(
      client.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: "v9" })),
    );
    const unknownPolicy = await failureOf(
      client.send(new GetPolicyVersionCommand({ PolicyArn: missing, VersionId: "v1" })),
    );
    const malformed = await failureOf(
      client.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: "1" })),
    );
    const unlisted = await failureOf(client.send(new ListPolicyVersionsCommand({ PolicyArn: missing })));

    // Assess: the messages of recorded AWS answers.
    expectError(
      unknownVersion,
      "NoSuchEntityException",
      404,
      `Policy ${arn} version v9 does not exist or is not attachable.`,
    );
    expectError(
      unknownPolicy,
      "NoSuchEntityException",
      404,
      `Policy ${missing} version v1 does not exist or is not attachable.`,
    );
    expectError(
      malformed,
      "ValidationError",
      400,
      "1 validation error detected: Value at 'versionId' failed to satisfy constraint: Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?",
    );
    expectError(unlisted, "NoSuchEntityException", 404, `Policy ${missing} was not found.`);
  });

  it("lists a policy's versions without their documents", async () => {
    // Prepare
    const { client } = await startSandbox();
    const { Policy } = await client.send(
      new CreatePolicyCommand({ PolicyName: "read", PolicyDocument: permissionsPolicy() }),
    );

    // Act
    const listed = await client.send(new ListPolicyVersionsCommand({ PolicyArn: Policy?.Arn }));

    // Assess
    expect(listed.Versions).toEqual([
      { VersionId: "v1", IsDefaultVersion: true, CreateDate: new Date("2026-11-24T21:53:13Z") },
    ]);
    expect(listed.IsTruncated).toBe(false);
  });
});

describe("IAM ListUsers", () => {
  it("lists users a page at a time with Marker and MaxItems, without tags or boundaries", async () => {
    // Prepare
    const { client } = await startSandbox();
    for (const name of ["carol", "alice", "bob"]) {
      await client.send(
        new CreateUserCommand({
          UserName: name,
          Tags: [{ Key: "team", Value: "a" }],
          PermissionsBoundary: "arn:aws:iam::aws:policy/AWSDenyAll",
        }),
      );
    }

    // Act
    const first = await client.send(new ListUsersCommand({ MaxItems: 2 }));
    const second = await client.send(new ListUsersCommand({ MaxItems: 2, Marker: first.Marker }));

    // Assess
    expect(first.Users?.map((u) => u.UserName)).toEqual(["alice", "bob"]);
    expect(first.IsTruncated).toBe(true);
    expect(second.Users?.map((u) => u.UserName)).toEqual(["carol"]);
    expect(second).toMatchObject({ IsTruncated: false });
    expect(second.Marker).toBeUndefined();
    expect(first.Users?.[0]).toEqual({
      Path: "/",
      UserName: "alice",
      UserId: expect.stringMatching(/^AIDA[A-Z2-7]{17}$/),
      Arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
      CreateDate: new Date("2026-11-24T21:53:13Z"),
    });
  });

  it("filters ListUsers by path prefix", async () => {
    // Prepare
    const { client } = await startSandbox();
    await client.send(new CreateUserCommand({ UserName: "alice", Path: "/people/" }));
    await client.send(new CreateUserCommand({ UserName: "ci" }));

    // Act
    const { Users } = await client.send(new ListUsersCommand({ PathPrefix: "/people/" }));

    // Assess
    expect(Users?.map((u) => u.UserName)).toEqual(["alice"]);
  });
});

describe("IAM CloudTrail records of calls the front door answers", () => {
  it("records a throttled call with its parameters, logged as ThrottlingException", async () => {
    // Prepare
    const faults = new FaultInjector(
      { throttleRatePerSecond: 1, throttleBurst: 0 },
      seededRandom(1),
      () => 0,
    );
    const { client, calls } = await startSandbox({ faults });

    // Act
    const error = await failureOf(client.send(new GetRoleCommand({ RoleName: "app-role" })));
    const records = calls.map((call) => toCloudTrailRecord(call, ACCOUNT, { eventId: "e" }));

    // Assess
    expect(error.name).toBe("Throttling");
    expect(calls).toEqual([
      expect.objectContaining({
        eventName: "GetRole",
        requestParameters: { roleName: "app-role" },
        responseElements: null,
        errorCode: "Throttling",
        errorMessage: "Rate exceeded",
        readOnly: true,
        requestId: error.$metadata.requestId,
      }),
    ]);
    expect(records[0]).toMatchObject({ errorCode: "ThrottlingException", errorMessage: "Rate exceeded" });
  });

  it("records a served call whose answer is then lost once, as the success it was", async () => {
    // Prepare
    const faults = new FaultInjector({}, seededRandom(1));
    faults.failOperation(
      "iam:CreateRole",
      {
        code: "ServiceFailure",
        message: "Request processing has failed due to an unknown error.",
        status: 500,
      },
      { times: 1, afterServing: true },
    );
    const { client, calls } = await startSandbox({ faults });

    // Act
    const error = await failureOf(createRole(client));
    const { Role } = await client.send(new GetRoleCommand({ RoleName: "app-role" }));

    // Assess
    expect(error.name).toBe("ServiceFailureException");
    expect(Role?.RoleName).toBe("app-role");
    expect(calls.map(({ eventName, errorCode }) => ({ eventName, errorCode }))).toEqual([
      { eventName: "CreateRole", errorCode: undefined },
      { eventName: "GetRole", errorCode: undefined },
    ]);
  });

  it("records nothing for a request signed with an access key it does not know", async () => {
    // Prepare
    const { clientFor, calls } = await startSandbox();

    // Act
    const error = await failureOf(
      clientFor("AKIAUNKNOWNEXAMPLE01").send(new GetRoleCommand({ RoleName: "app-role" })),
    );

    // Assess
    expect(error.name).toBe("InvalidClientTokenId");
    expect(calls).toEqual([]);
  });
});

describe("IAM through an independent client (the Python aws CLI / botocore)", () => {
  /** Runs `aws <service> …` (IAM unless told) against the sandbox; async, as the sandbox serves from this process. */
  const cli = (url: string) =>
    awsCli({ endpoint: url, region: "us-east-1", accessKeyId: ADMIN_KEY, secretAccessKey: ADMIN_SECRET });
  const aws = (url: string, args: string[], service = "iam", extraEnv: Record<string, string> = {}) =>
    cli(url).run([service, ...args], extraEnv);
  /** The parsed JSON output of a command that succeeds. */
  const awsJson = <T>(url: string, args: string[], service = "iam"): Promise<T> =>
    cli(url).json<T>([service, ...args]);
  /** The error line botocore prints for a command that fails (and its exit code). */
  const awsFailure = (url: string, args: string[], service = "iam", extraEnv: Record<string, string> = {}) =>
    cli(url).failure([service, ...args], extraEnv);

  it(`parses create-role and get-role as AWS's (${AWS_CLI_VERSION ?? "no AWS CLI"})`, async () => {
    // Prepare
    const { url } = await startSandbox();

    // Act
    const created = JSON.parse(
      (
        await aws(url, [
          "create-role",
          "--role-name",
          "cli-role",
          "--assume-role-policy-document",
          TRUST_POLICY,
          "--tags",
          "Key=grant,Value=g-1",
        ])
      ).stdout,
    ) as { Role: Record<string, unknown> };
    const fetched = JSON.parse((await aws(url, ["get-role", "--role-name", "cli-role"])).stdout) as {
      Role: Record<string, unknown>;
    };

    // Assess: botocore URL-decodes and parses IAM policy documents itself.
    expect(created.Role).toMatchObject({
      RoleName: "cli-role",
      Arn: `arn:aws:iam::${ACCOUNT}:role/cli-role`,
      AssumeRolePolicyDocument: JSON.parse(TRUST_POLICY),
    });
    expect(fetched.Role).toMatchObject({
      RoleName: "cli-role",
      AssumeRolePolicyDocument: JSON.parse(TRUST_POLICY),
      Tags: [{ Key: "grant", Value: "g-1" }],
      MaxSessionDuration: 3600,
    });
  });

  it("reports a missing role as botocore reports AWS's NoSuchEntity", async () => {
    // Prepare
    const { url } = await startSandbox();

    // Act
    const failure = await aws(url, ["get-role", "--role-name", "missing"]).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );

    // Assess
    expect(failure?.code).toBeGreaterThan(0);
    expect(failure?.stderr?.trim()).toBe(
      "An error occurred (NoSuchEntity) when calling the GetRole operation: The role with name missing cannot be found.",
    );
  });

  it("refuses a reserved aws: tag key on create-role and tag-role as botocore reports AWS's InvalidInput", async () => {
    // Prepare
    const { url } = await startSandbox();
    await aws(url, ["create-role", "--role-name", "cli-role", "--assume-role-policy-document", TRUST_POLICY]);

    // Act
    const created = await awsFailure(url, [
      "create-role",
      "--role-name",
      "other-role",
      "--assume-role-policy-document",
      TRUST_POLICY,
      "--tags",
      "Key=aws:team,Value=a",
    ]);
    const tagged = await awsFailure(url, [
      "tag-role",
      "--role-name",
      "cli-role",
      "--tags",
      "Key=AWS:team,Value=a",
    ]);

    // Assess
    expect(created.error).toBe(
      "An error occurred (InvalidInput) when calling the CreateRole operation: Tag keys starting with 'aws:' are reserved for internal use",
    );
    expect(tagged.error).toBe(
      "An error occurred (InvalidInput) when calling the TagRole operation: Tag keys starting with 'aws:' are reserved for internal use",
    );
  });

  it("parses get-role's empty RoleLastUsed as botocore parses AWS's", async () => {
    // Prepare
    const { url } = await startSandbox();
    await aws(url, ["create-role", "--role-name", "cli-role", "--assume-role-policy-document", TRUST_POLICY]);

    // Act
    const { Role } = await awsJson<{ Role: Record<string, unknown> }>(url, [
      "get-role",
      "--role-name",
      "cli-role",
    ]);

    // Assess
    expect(Role.RoleLastUsed).toEqual({});
  });

  it("reports characters outside IAM's patterns as a ValidationError naming the member", async () => {
    // Prepare
    const { url } = await startSandbox();
    await aws(url, ["create-role", "--role-name", "cli-role", "--assume-role-policy-document", TRUST_POLICY]);

    // Act
    const document = await awsFailure(url, [
      "put-role-policy",
      "--role-name",
      "cli-role",
      "--policy-name",
      "read",
      "--policy-document",
      permissionsPolicy("arn:aws:s3:::报告/*"),
    ]);
    const description = await awsFailure(url, [
      "update-role",
      "--role-name",
      "cli-role",
      "--description",
      "📦",
    ]);

    // Assess
    expect(document.error).toBe(
      `An error occurred (ValidationError) when calling the PutRolePolicy operation: 1 validation error detected: Value at 'policyDocument' failed to satisfy constraint: Member must satisfy regular expression pattern: ${POLICY_DOCUMENT_PATTERN}`,
    );
    expect(description.error).toBe(
      `An error occurred (ValidationError) when calling the UpdateRole operation: 1 validation error detected: Value at 'description' failed to satisfy constraint: Member must satisfy regular expression pattern: ${ROLE_DESCRIPTION_PATTERN}`,
    );
  });

  it("answers a 1 MB policy document with a short ValidationError", async () => {
    // Prepare
    const { url } = await startSandbox();
    await aws(url, ["create-role", "--role-name", "cli-role", "--assume-role-policy-document", TRUST_POLICY]);
    const dir = mkdtempSync(join(tmpdir(), "iam-huge-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, "policy.json");
    writeFileSync(file, permissionsPolicy(`arn:aws:s3:::${"x".repeat(1024 * 1024)}`));

    // Act
    const failure = await awsFailure(url, [
      "put-role-policy",
      "--role-name",
      "cli-role",
      "--policy-name",
      "huge",
      "--policy-document",
      `file://${file}`,
    ]);

    // Assess
    expect(failure.error).toBe(
      "An error occurred (ValidationError) when calling the PutRolePolicy operation: 1 validation error detected: Value at 'policyDocument' failed to satisfy constraint: Member must have length less than or equal to 131072",
    );
  });

  it("gives roles random RoleIds that botocore reads back", async () => {
    // Prepare
    const { url } = await startSandbox();

    // Act
    const ids: string[] = [];
    for (const name of ["one", "two", "three"]) {
      const { Role } = await awsJson<{ Role: { RoleId: string } }>(url, [
        "create-role",
        "--role-name",
        name,
        "--assume-role-policy-document",
        TRUST_POLICY,
      ]);
      ids.push(Role.RoleId);
    }

    // Assess: ids share their prefix and nothing else at the end.
    expect(ids.every((id) => /^AROA[A-Z2-7]{17}$/.test(id))).toBe(true);
    expect(new Set(ids.map((id) => id.slice(-4))).size).toBe(3);
  });

  it("parses get-policy-version and list-policy-versions as AWS's, decoding the document", async () => {
    // Prepare
    const { url } = await startSandbox();
    const document = permissionsPolicy();
    const { Policy } = await awsJson<{ Policy: { Arn: string } }>(url, [
      "create-policy",
      "--policy-name",
      "read",
      "--policy-document",
      document,
    ]);

    // Act
    const version = await awsJson<{ PolicyVersion: Record<string, unknown> }>(url, [
      "get-policy-version",
      "--policy-arn",
      Policy.Arn,
      "--version-id",
      "v1",
    ]);
    const versions = await awsJson<{ Versions: Array<Record<string, unknown>> }>(url, [
      "list-policy-versions",
      "--policy-arn",
      Policy.Arn,
    ]);

    // Assess: botocore URL-decodes and parses the document itself.
    expect(version.PolicyVersion).toEqual({
      Document: JSON.parse(document),
      VersionId: "v1",
      IsDefaultVersion: true,
      CreateDate: "2026-11-24T21:53:13Z",
    });
    expect(versions.Versions).toEqual([
      { VersionId: "v1", IsDefaultVersion: true, CreateDate: "2026-11-24T21:53:13Z" },
    ]);
  });

  it("pages list-users by Marker as botocore's paginator does", async () => {
    // Prepare
    const { url, calls } = await startSandbox();
    for (const name of ["carol", "alice", "bob"]) await aws(url, ["create-user", "--user-name", name]);

    // Act
    const { Users } = await awsJson<{ Users: Array<{ UserName: string }> }>(url, [
      "list-users",
      "--page-size",
      "1",
    ]);

    // Assess: three pages of one, each after the first with the previous page's Marker.
    expect(Users.map((u) => u.UserName)).toEqual(["alice", "bob", "carol"]);
    const listCalls = calls.filter((c) => c.eventName === "ListUsers");
    expect(listCalls.map((c) => Object.keys(c.requestParameters ?? {}).sort())).toEqual([
      ["maxItems"],
      ["marker", "maxItems"],
      ["marker", "maxItems"],
    ]);
  });

  it("shows a throttled IAM call in lookup-events with errorCode ThrottlingException", async () => {
    // Prepare
    const faults = new FaultInjector(
      { throttleRatePerSecond: 1, throttleBurst: 0 },
      seededRandom(1),
      () => 0,
    );
    const { url } = await startSandbox({ faults });
    // One attempt: botocore retries throttled calls.
    const throttled = await awsFailure(url, ["get-role", "--role-name", "cli-role"], "iam", {
      AWS_MAX_ATTEMPTS: "1",
      AWS_RETRY_MODE: "standard",
    });

    // Act
    const { Events } = await awsJson<{ Events: Array<{ EventName: string; CloudTrailEvent: string }> }>(
      url,
      ["lookup-events", "--lookup-attributes", "AttributeKey=EventName,AttributeValue=GetRole"],
      "cloudtrail",
    );

    // Assess
    expect(throttled.error).toBe(
      "An error occurred (Throttling) when calling the GetRole operation (reached max retries: 0): Rate exceeded",
    );
    expect(Events.map((e) => JSON.parse(e.CloudTrailEvent))).toEqual([
      expect.objectContaining({
        eventSource: "iam.amazonaws.com",
        eventName: "GetRole",
        errorCode: "ThrottlingException",
        errorMessage: "Rate exceeded",
        requestParameters: { roleName: "cli-role" },
      }),
    ]);
  });
});
