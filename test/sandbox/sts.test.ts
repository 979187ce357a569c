import { GetCallerIdentityCommand, STSClient, type STSServiceException } from "@aws-sdk/client-sts";
import { describe, expect, it, onTestFinished } from "vitest";
import { FaultInjector } from "../../sandbox/emulator/faults.ts";
import { IamService } from "../../sandbox/emulator/iam/service.ts";
import {
  assumedRoleIdentity,
  iamUserIdentity,
  MemoryIdentityStore,
} from "../../sandbox/emulator/identities.ts";
import { seededRandom } from "../../sandbox/emulator/random.ts";
import { startFrontDoor } from "../../sandbox/emulator/server.ts";
import { StsService } from "../../sandbox/emulator/sts.ts";
import type { ApiCall, Credentials, EmulatorContext, Identity } from "../../sandbox/emulator/types.ts";

const ACCOUNT = "123456789012";
const SECRET = "sandbox-secret";
const NOW = new Date("2026-11-24T10:00:00Z");

/** A front door with STS (and IAM) whose identity store knows the given identities. */
async function startSandbox(known: Identity[], faults?: FaultInjector) {
  const calls: ApiCall[] = [];
  const identities = new MemoryIdentityStore();
  for (const identity of known) identities.register(identity, { secretAccessKey: SECRET });
  const ctx: EmulatorContext = {
    accountId: ACCOUNT,
    now: () => NOW,
    random: seededRandom(1),
    identities,
    recordApiCall: (call) => calls.push(call),
  };
  const door = await startFrontDoor({
    services: [new IamService(ctx), new StsService(ctx)],
    identities,
    accountId: ACCOUNT,
    faults,
  });
  onTestFinished(() => door.close());
  const sts = (accessKeyId: string, region = "us-east-1", credentials: Partial<Credentials> = {}) =>
    new STSClient({
      endpoint: door.url,
      region,
      credentials: { accessKeyId, secretAccessKey: SECRET, ...credentials },
      maxAttempts: 1,
    });
  return { sts, calls, identities };
}

async function failureOf(promise: Promise<unknown>): Promise<STSServiceException> {
  try {
    await promise;
  } catch (error) {
    return error as STSServiceException;
  }
  throw new Error("expected the call to fail");
}

describe("STS GetCallerIdentity", () => {
  it("answers an IAM user's key with the user's id and ARN", async () => {
    // Prepare
    const user = iamUserIdentity(ACCOUNT, "AKIAUSEREXAMPLE00001", "alice", "/people/");
    const { sts } = await startSandbox([user]);

    // Act
    const result = await sts(user.accessKeyId).send(new GetCallerIdentityCommand({}));

    // Assess
    expect(result).toMatchObject({
      UserId: user.principalId,
      Account: ACCOUNT,
      Arn: `arn:aws:iam::${ACCOUNT}:user/people/alice`,
    });
    expect(result.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
  });

  it("answers a role session's key with 'RoleId:session' and the assumed-role ARN, without the role's path", async () => {
    // Prepare
    const session = assumedRoleIdentity(
      ACCOUNT,
      "ASIASESSIONEXAMPLE01",
      "provisioner",
      "ensure-role",
      "/service/",
    );
    const { sts } = await startSandbox([session]);

    // Act
    const result = await sts(session.accessKeyId).send(new GetCallerIdentityCommand({}));

    // Assess
    expect(result).toMatchObject({
      UserId: expect.stringMatching(/^AROA[A-Z2-7]{17}:ensure-role$/),
      Account: ACCOUNT,
      Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/provisioner/ensure-role`,
    });
  });

  it("answers an unknown access key with InvalidClientTokenId 403", async () => {
    // Prepare
    const { sts } = await startSandbox([]);

    // Act
    const error = await failureOf(sts("AKIANOBODYEXAMPLE001").send(new GetCallerIdentityCommand({})));

    // Assess
    expect({ name: error.name, status: error.$metadata.httpStatusCode, message: error.message }).toEqual({
      name: "InvalidClientTokenId",
      status: 403,
      message: "The security token included in the request is invalid.",
    });
  });

  it("records a read-only CloudTrail event in the request's region", async () => {
    // Prepare
    const user = iamUserIdentity(ACCOUNT, "AKIAUSEREXAMPLE00001", "alice");
    const { sts, calls } = await startSandbox([user]);

    // Act
    const result = await sts(user.accessKeyId, "eu-west-1").send(new GetCallerIdentityCommand({}));

    // Assess
    expect(calls).toEqual([
      {
        eventSource: "sts.amazonaws.com",
        eventName: "GetCallerIdentity",
        awsRegion: "eu-west-1",
        caller: user,
        requestParameters: null,
        responseElements: null,
        readOnly: true,
        requestId: result.$metadata.requestId,
        eventTime: NOW,
        userAgent: expect.stringContaining("aws-sdk-js"),
      },
    ]);
  });

  it("surfaces an injected throttle as Throttling 400", async () => {
    // Prepare
    const user = iamUserIdentity(ACCOUNT, "AKIAUSEREXAMPLE00001", "alice");
    const faults = new FaultInjector(
      { throttleRatePerSecond: 1, throttleBurst: 1 },
      seededRandom(1),
      () => 0,
    );
    const { sts } = await startSandbox([user], faults);
    await sts(user.accessKeyId).send(new GetCallerIdentityCommand({}));

    // Act
    const error = await failureOf(sts(user.accessKeyId).send(new GetCallerIdentityCommand({})));

    // Assess
    expect({ name: error.name, status: error.$metadata.httpStatusCode, message: error.message }).toEqual({
      name: "Throttling",
      status: 400,
      message: "Rate exceeded",
    });
  });

  it("fails GetCallerIdentity when a fault is scripted for it (STS names its operations)", async () => {
    // Prepare
    const user = iamUserIdentity(ACCOUNT, "AKIAUSEREXAMPLE00001", "alice");
    const faults = new FaultInjector({}, seededRandom(1));
    faults.failOperation("sts:GetCallerIdentity", {
      code: "ServiceUnavailable",
      message: "scripted",
      status: 503,
    });
    const { sts } = await startSandbox([user], faults);

    // Act
    const error = await failureOf(sts(user.accessKeyId).send(new GetCallerIdentityCommand({})));

    // Assess
    expect({ name: error.name, status: error.$metadata.httpStatusCode }).toEqual({
      name: "ServiceUnavailable",
      status: 503,
    });
  });
});

describe("STS: the keys it knows and their secrets", () => {
  it("accepts a temporary key with its session token, and refuses it without, or with another", async () => {
    // Prepare
    const session = assumedRoleIdentity(ACCOUNT, "ASIASESSIONEXAMPLE01", "provisioner", "ensure-role");
    const { sts, identities } = await startSandbox([]);
    identities.register(session, { secretAccessKey: SECRET, sessionToken: "token-of-the-session" });

    // Act
    const withToken = await sts(session.accessKeyId, "us-east-1", {
      sessionToken: "token-of-the-session",
    }).send(new GetCallerIdentityCommand({}));
    const without = await failureOf(sts(session.accessKeyId).send(new GetCallerIdentityCommand({})));
    const another = await failureOf(
      sts(session.accessKeyId, "us-east-1", { sessionToken: "another-token" }).send(
        new GetCallerIdentityCommand({}),
      ),
    );

    // Assess
    expect(withToken.Arn).toBe(session.arn);
    for (const error of [without, another]) {
      expect({ name: error.name, status: error.$metadata.httpStatusCode, message: error.message }).toEqual({
        name: "InvalidClientTokenId",
        status: 403,
        message: "The security token included in the request is invalid.",
      });
    }
  });

  it("refuses a long-term key that comes with a session token", async () => {
    // Prepare
    const user = iamUserIdentity(ACCOUNT, "AKIAUSEREXAMPLE00001", "alice");
    const { sts } = await startSandbox([user]);

    // Act
    const error = await failureOf(
      sts(user.accessKeyId, "us-east-1", { sessionToken: "made-up" }).send(new GetCallerIdentityCommand({})),
    );

    // Assess
    expect(error.name).toBe("InvalidClientTokenId");
  });

  it("refuses every signature of a key registered without its secret: there is nothing to check it against", async () => {
    // Prepare
    const user = iamUserIdentity(ACCOUNT, "AKIAUSEREXAMPLE00002", "bob");
    const { sts, identities } = await startSandbox([]);
    identities.register(user);

    // Act
    const error = await failureOf(sts(user.accessKeyId).send(new GetCallerIdentityCommand({})));

    // Assess
    expect({ name: error.name, status: error.$metadata.httpStatusCode }).toEqual({
      name: "SignatureDoesNotMatch",
      status: 403,
    });
  });
});
