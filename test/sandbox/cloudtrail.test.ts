import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  shouldDeliverToEventBridge,
  toCloudTrailRecord,
  toEventBridgeEvent,
} from "../../sandbox/emulator/cloudtrail.ts";
import { IamService } from "../../sandbox/emulator/iam/service.ts";
import {
  assumedRoleIdentity,
  iamUserIdentity,
  MemoryIdentityStore,
} from "../../sandbox/emulator/identities.ts";
import { seededRandom } from "../../sandbox/emulator/random.ts";
import type { ApiCall, EmulatorContext } from "../../sandbox/emulator/types.ts";
import { matchesPattern } from "../../sandbox/eventbridge/pattern.ts";

const ACCOUNT = "111122223333";
const EVENT_TIME = new Date("2026-03-14T09:26:53.589Z");

const provisionerRole = assumedRoleIdentity(
  ACCOUNT,
  "ASIAPROVISIONER0001",
  "pip-provisioner",
  "grant-worker",
);
const person = iamUserIdentity(ACCOUNT, "AKIAPERSON000000001", "alice");

function putRolePolicyCall(overrides: Partial<ApiCall> = {}): ApiCall {
  return {
    eventSource: "iam.amazonaws.com",
    eventName: "PutRolePolicy",
    awsRegion: "us-east-1",
    caller: provisionerRole,
    requestParameters: {
      roleName: "pip-team-a-reader",
      policyName: "pod-identity",
      policyDocument:
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
    },
    responseElements: null,
    readOnly: false,
    requestId: "6efb8a1b-5128-4368-ac80-a74e1488b155",
    eventTime: EVENT_TIME,
    userAgent: "aws-sdk-js/3.1169.0 ua/2.1 os/linux lang/js md/nodejs#22",
    ...overrides,
  };
}

function createAccessKeyCall(): ApiCall {
  return {
    eventSource: "iam.amazonaws.com",
    eventName: "CreateAccessKey",
    awsRegion: "us-east-1",
    caller: person,
    requestParameters: { userName: "ci-deployer" },
    responseElements: {
      accessKey: {
        accessKeyId: "AKIANEWKEY000000001",
        secretAccessKey: "never-logged",
        status: "Active",
        userName: "ci-deployer",
        createDate: "Mar 14, 2026 9:26:53 AM",
      },
    },
    readOnly: false,
    requestId: "1af58177-d743-4c94-ac1d-014721ed9b94",
    eventTime: EVENT_TIME,
  };
}

function createPodIdentityAssociationCall(): ApiCall {
  return {
    eventSource: "eks.amazonaws.com",
    eventName: "CreatePodIdentityAssociation",
    awsRegion: "us-west-2",
    caller: provisionerRole,
    requestParameters: {
      name: "demo",
      namespace: "team-a",
      serviceAccount: "reader",
      roleArn: `arn:aws:iam::${ACCOUNT}:role/pip-team-a-reader`,
    },
    responseElements: {
      association: {
        clusterName: "demo",
        namespace: "team-a",
        serviceAccount: "reader",
        roleArn: `arn:aws:iam::${ACCOUNT}:role/pip-team-a-reader`,
        associationArn: `arn:aws:eks:us-west-2:${ACCOUNT}:podidentityassociation/demo/a-abcdefghijklmnop`,
        associationId: "a-abcdefghijklmnop",
        tags: {},
        createdAt: 1773480413.589,
        modifiedAt: 1773480413.589,
      },
    },
    readOnly: false,
    requestId: "843f769d-ea65-4414-adc5-39568ed2fa66",
    eventTime: EVENT_TIME,
  };
}

/**
 * A real record (and its EventBridge envelope) from test/fixtures/cloudtrail/, whose README says
 * where each comes from. A missing fixture fails the test that reads it.
 */
function fixture(name: string): {
  record: Record<string, unknown>;
  eventbridge: Record<string, unknown>;
} {
  const file = fileURLToPath(new URL(`../fixtures/cloudtrail/${name}`, import.meta.url));
  return JSON.parse(readFileSync(file, "utf8")) as {
    record: Record<string, unknown>;
    eventbridge: Record<string, unknown>;
  };
}

describe("toCloudTrailRecord", () => {
  it("writes the eventVersion 1.11 management-event fields of a successful write", () => {
    // Prepare
    const call = putRolePolicyCall();
    // Act
    const record = toCloudTrailRecord(call, ACCOUNT, { eventId: "e8b1cc4d-32a6-4291-ba2e-dc27fa475f3b" });
    // Assess
    expect(record).toMatchObject({
      eventVersion: "1.11",
      eventTime: "2026-03-14T09:26:53Z",
      eventSource: "iam.amazonaws.com",
      eventName: "PutRolePolicy",
      awsRegion: "us-east-1",
      sourceIPAddress: "127.0.0.1",
      userAgent: call.userAgent,
      requestParameters: call.requestParameters,
      responseElements: null,
      requestID: call.requestId,
      eventID: "e8b1cc4d-32a6-4291-ba2e-dc27fa475f3b",
      readOnly: false,
      eventType: "AwsApiCall",
      managementEvent: true,
      recipientAccountId: ACCOUNT,
      eventCategory: "Management",
      tlsDetails: { clientProvidedHostHeader: "iam.amazonaws.com" },
    });
    expect(record).not.toHaveProperty("errorCode");
    expect(record).not.toHaveProperty("errorMessage");
  });

  it("keeps the policy document as the exact JSON string the client sent", () => {
    // Prepare
    const document = '{\n  "Version": "2012-10-17",\n  "Statement": []\n}';
    const call = putRolePolicyCall({
      requestParameters: { roleName: "pip-x", policyName: "p", policyDocument: document },
    });
    // Act
    const record = toCloudTrailRecord(call, ACCOUNT, { eventId: "id" });
    // Assess
    expect((record.requestParameters as Record<string, unknown>).policyDocument).toBe(document);
  });

  it("describes an assumed-role caller with its session issuer and session attributes", () => {
    // Prepare
    const call = putRolePolicyCall();
    const sessionCreatedAt = new Date("2026-03-14T09:00:01.000Z");
    // Act
    const record = toCloudTrailRecord(call, ACCOUNT, { eventId: "id", sessionCreatedAt });
    // Assess
    expect(record.userIdentity).toEqual({
      type: "AssumedRole",
      principalId: provisionerRole.principalId,
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/pip-provisioner/grant-worker`,
      accountId: ACCOUNT,
      accessKeyId: "ASIAPROVISIONER0001",
      sessionContext: {
        sessionIssuer: {
          type: "Role",
          principalId: provisionerRole.sessionIssuer?.principalId,
          arn: `arn:aws:iam::${ACCOUNT}:role/pip-provisioner`,
          accountId: ACCOUNT,
          userName: "pip-provisioner",
        },
        attributes: { creationDate: "2026-03-14T09:00:01Z", mfaAuthenticated: "false" },
      },
    });
  });

  it("describes an IAM user with a long-term key without a session context", () => {
    // Prepare
    const call = createAccessKeyCall();
    // Act
    const record = toCloudTrailRecord(call, ACCOUNT, { eventId: "id" });
    // Assess
    expect(record.userIdentity).toEqual({
      type: "IAMUser",
      principalId: person.principalId,
      arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
      accountId: ACCOUNT,
      accessKeyId: "AKIAPERSON000000001",
      userName: "alice",
    });
  });

  it("never logs the secret access key of a new access key", () => {
    // Prepare
    const call = createAccessKeyCall();
    // Act
    const record = toCloudTrailRecord(call, ACCOUNT, { eventId: "id" });
    // Assess
    expect(record.responseElements).toEqual({
      accessKey: {
        accessKeyId: "AKIANEWKEY000000001",
        status: "Active",
        userName: "ci-deployer",
        createDate: "Mar 14, 2026 9:26:53 AM",
      },
    });
    expect(call.responseElements).toHaveProperty("accessKey.secretAccessKey"); // the call itself is untouched
  });

  it("records an EKS call in the cluster's region with its regional host header", () => {
    // Prepare
    const call = createPodIdentityAssociationCall();
    // Act
    const record = toCloudTrailRecord(call, ACCOUNT, { eventId: "id" });
    // Assess
    expect(record).toMatchObject({
      eventSource: "eks.amazonaws.com",
      eventName: "CreatePodIdentityAssociation",
      awsRegion: "us-west-2",
      requestParameters: { name: "demo", namespace: "team-a", serviceAccount: "reader" },
      responseElements: { association: { associationId: "a-abcdefghijklmnop", createdAt: 1773480413.589 } },
      tlsDetails: { clientProvidedHostHeader: "eks.us-west-2.amazonaws.com" },
    });
  });

  it("puts errorCode and errorMessage beside requestParameters and nulls responseElements for a failed call", () => {
    // Prepare
    const call: ApiCall = {
      ...putRolePolicyCall({ eventName: "DeleteRolePolicy" }),
      requestParameters: { roleName: "pip-gone", policyName: "pod-identity" },
      responseElements: { unexpected: true },
      errorCode: "NoSuchEntity",
      errorMessage: "The role with name pip-gone cannot be found.",
    };
    // Act
    const record = toCloudTrailRecord(call, ACCOUNT, { eventId: "id" });
    // Assess
    expect(record).toMatchObject({
      errorCode: "NoSuchEntityException",
      errorMessage: "The role with name pip-gone cannot be found.",
      requestParameters: { roleName: "pip-gone", policyName: "pod-identity" },
      responseElements: null,
      readOnly: false,
    });
  });

  it("logs an authorisation failure with AccessDenied as it is", () => {
    // Prepare
    const call = putRolePolicyCall({
      caller: person,
      requestParameters: null,
      errorCode: "AccessDenied",
      errorMessage: `User: ${person.arn} is not authorized to perform: iam:PutRolePolicy`,
    });
    // Act
    const record = toCloudTrailRecord(call, ACCOUNT, { eventId: "id" });
    // Assess
    expect(record).toMatchObject({
      errorCode: "AccessDenied",
      requestParameters: null,
      responseElements: null,
    });
  });

  it("has the same fields, in the same order, as a real eventVersion 1.11 record", () => {
    // Prepare
    const real = fixture("iam-PutRolePolicy.json").record;
    // Act
    const record = toCloudTrailRecord(putRolePolicyCall(), ACCOUNT, { eventId: "id" });
    // Assess
    expect(Object.keys(record)).toEqual(Object.keys(real));
    expect(Object.keys(record.userIdentity as object)).toEqual(Object.keys(real.userIdentity as object));
    expect(Object.keys(record.tlsDetails as object)).toEqual(Object.keys(real.tlsDetails as object));
  });
});

describe("toEventBridgeEvent", () => {
  it("wraps an IAM record in the 'AWS API Call via CloudTrail' envelope of the us-east-1 bus", () => {
    // Prepare
    const record = toCloudTrailRecord(putRolePolicyCall(), ACCOUNT, { eventId: "cloudtrail-event-id" });
    // Act
    const event = toEventBridgeEvent(record, { id: "4218fa2a-d3e1-bd32-c1dc-98c2337e1d6f" });
    // Assess
    expect(event).toEqual({
      version: "0",
      id: "4218fa2a-d3e1-bd32-c1dc-98c2337e1d6f",
      "detail-type": "AWS API Call via CloudTrail",
      source: "aws.iam",
      account: ACCOUNT,
      time: "2026-03-14T09:26:53Z",
      region: "us-east-1",
      resources: [],
      detail: record,
    });
    expect(event.detail).not.toBe(record);
  });

  it("derives source and region from the record for EKS and STS", () => {
    // Prepare
    const eks = toCloudTrailRecord(createPodIdentityAssociationCall(), ACCOUNT, { eventId: "a" });
    const sts = toCloudTrailRecord(
      putRolePolicyCall({
        eventSource: "sts.amazonaws.com",
        eventName: "AssumeRole",
        awsRegion: "eu-west-1",
      }),
      ACCOUNT,
      { eventId: "b" },
    );
    // Act
    const eksEvent = toEventBridgeEvent(eks, { id: "1" });
    const stsEvent = toEventBridgeEvent(sts, { id: "2" });
    // Assess
    expect([eksEvent.source, eksEvent.region]).toEqual(["aws.eks", "us-west-2"]);
    expect([stsEvent.source, stsEvent.region]).toEqual(["aws.sts", "eu-west-1"]);
  });

  it("wraps a failed call's record too, with the error inside detail", () => {
    // Prepare
    const record = toCloudTrailRecord(
      putRolePolicyCall({ errorCode: "EntityTemporarilyUnmodifiable", errorMessage: "busy" }),
      ACCOUNT,
      { eventId: "x" },
    );
    // Act
    const event = toEventBridgeEvent(record, { id: "y" });
    // Assess
    expect(event.detail).toMatchObject({
      errorCode: "EntityTemporarilyUnmodifiableException",
      errorMessage: "busy",
    });
  });

  it("has the same envelope fields, in the same order, as a real captured envelope", () => {
    // Prepare
    const real = fixture("iam-PutRolePolicy.json").eventbridge;
    const record = toCloudTrailRecord(putRolePolicyCall(), ACCOUNT, { eventId: "id" });
    // Act
    const event = toEventBridgeEvent(record, { id: "x" });
    // Assess
    expect(Object.keys(event)).toEqual(Object.keys(real));
  });

  it("matches a CloudTrail drift pattern for pip- roles, and only for them", () => {
    // Prepare
    const pattern = {
      source: ["aws.iam"],
      "detail-type": ["AWS API Call via CloudTrail"],
      detail: {
        eventSource: ["iam.amazonaws.com"],
        eventName: ["PutRolePolicy"],
        requestParameters: { roleName: [{ prefix: "pip-" }] },
      },
    };
    const envelope = (call: ApiCall) =>
      toEventBridgeEvent(toCloudTrailRecord(call, ACCOUNT, { eventId: "e" }), { id: "i" });
    // Act
    const ours = matchesPattern(pattern, envelope(putRolePolicyCall()));
    const otherRole = matchesPattern(
      pattern,
      envelope(
        putRolePolicyCall({
          requestParameters: { roleName: "app-role", policyName: "p", policyDocument: "{}" },
        }),
      ),
    );
    const otherCall = matchesPattern(pattern, envelope(putRolePolicyCall({ eventName: "DeleteRolePolicy" })));
    // Assess
    expect(ours).toBe(true);
    expect(otherRole).toBe(false);
    expect(otherCall).toBe(false);
  });

  it("gives the same drift-pattern verdict as the real captured PutRolePolicy envelope", () => {
    // Prepare
    const real = fixture("iam-PutRolePolicy.json").eventbridge;
    const pattern = {
      source: ["aws.iam"],
      "detail-type": ["AWS API Call via CloudTrail"],
      detail: { eventSource: ["iam.amazonaws.com"], eventName: ["PutRolePolicy"] },
    };
    const ours = toEventBridgeEvent(toCloudTrailRecord(putRolePolicyCall(), ACCOUNT, { eventId: "e" }), {
      id: "i",
    });
    // Act
    const verdicts = [matchesPattern(pattern, real), matchesPattern(pattern, ours)];
    // Assess
    expect(verdicts).toEqual([true, true]);
  });
});

describe("shouldDeliverToEventBridge", () => {
  it("delivers write calls, failed ones included", () => {
    // Prepare
    const ok = putRolePolicyCall();
    const failed = putRolePolicyCall({
      errorCode: "AccessDenied",
      errorMessage: "no",
      requestParameters: null,
    });
    // Act
    const verdicts = [shouldDeliverToEventBridge(ok), shouldDeliverToEventBridge(failed)];
    // Assess
    expect(verdicts).toEqual([true, true]);
  });

  it("holds back read-only Get/List/Describe calls unless the rule takes all management events", () => {
    // Prepare
    const getRole = putRolePolicyCall({
      eventName: "GetRole",
      readOnly: true,
      requestParameters: { roleName: "r" },
    });
    const listAssociations: ApiCall = {
      ...createPodIdentityAssociationCall(),
      eventName: "ListPodIdentityAssociations",
      readOnly: true,
      responseElements: null,
    };
    // Act
    const enabled = [shouldDeliverToEventBridge(getRole), shouldDeliverToEventBridge(listAssociations)];
    const all = [
      shouldDeliverToEventBridge(getRole, "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"),
      shouldDeliverToEventBridge(listAssociations, "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"),
    ];
    // Assess
    expect(enabled).toEqual([false, false]);
    expect(all).toEqual([true, true]);
  });

  it("delivers read-only calls whose names do not start with Get, List or Describe", () => {
    // Prepare
    const assumeRole = putRolePolicyCall({
      eventSource: "sts.amazonaws.com",
      eventName: "AssumeRole",
      readOnly: true,
    });
    // Act
    const verdict = shouldDeliverToEventBridge(assumeRole);
    // Assess
    expect(verdict).toBe(true);
  });

  it("delivers nothing to a disabled rule", () => {
    // Prepare
    const call = putRolePolicyCall();
    // Act
    const verdict = shouldDeliverToEventBridge(call, "DISABLED");
    // Assess
    expect(verdict).toBe(false);
  });
});

describe("IAM's records compared with real ones (test/fixtures/cloudtrail)", () => {
  /** Serves IAM actions straight to the emulation (no HTTP) and answers the CloudTrail records it makes. */
  function iamTrail() {
    const calls: ApiCall[] = [];
    const ctx: EmulatorContext = {
      accountId: ACCOUNT,
      now: () => EVENT_TIME,
      random: seededRandom(1),
      identities: new MemoryIdentityStore(),
      recordApiCall: (call) => calls.push(call),
    };
    const iam = new IamService(ctx);
    return {
      call(action: string, parameters: Record<string, string>) {
        iam.handle({
          method: "POST",
          path: "/",
          query: new URLSearchParams(),
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ Action: action, Version: "2010-05-08", ...parameters }).toString(),
          region: "us-east-1",
          caller: person,
          requestId: `request-${calls.length}`,
        });
        const call = calls.at(-1);
        if (!call) throw new Error(`${action} made no record`);
        return toCloudTrailRecord(call, ACCOUNT, { eventId: "e" });
      },
    };
  }

  it("logs CreateRole's response with the role fields a real record has, the trust policy URL-encoded byte for byte", () => {
    // Prepare
    const real = fixture("iam-CreateRole.json").record as {
      requestParameters: { assumeRolePolicyDocument: string; permissionsBoundary: string };
      responseElements: { role: Record<string, unknown> };
    };
    const trail = iamTrail();

    // Act
    const record = trail.call("CreateRole", {
      RoleName: "stratus-red-team-malicious-iam-role",
      AssumeRolePolicyDocument: real.requestParameters.assumeRolePolicyDocument,
      PermissionsBoundary: real.requestParameters.permissionsBoundary,
    }) as { requestParameters: unknown; responseElements: { role: Record<string, unknown> } };

    // Assess
    expect(record.requestParameters).toEqual(real.requestParameters);
    expect(Object.keys(record.responseElements.role).sort()).toEqual(
      Object.keys(real.responseElements.role).sort(),
    );
    expect(record.responseElements.role.assumeRolePolicyDocument).toBe(
      real.responseElements.role.assumeRolePolicyDocument,
    );
    expect(record.responseElements.role.permissionsBoundary).toEqual(
      real.responseElements.role.permissionsBoundary,
    );
    expect(record.responseElements.role.createDate).toMatch(
      /^[A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d{2}:\d{2} [AP]M$/,
    );
    expect(real.responseElements.role.createDate).toMatch(
      /^[A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d{2}:\d{2} [AP]M$/,
    );
  });

  it("logs CreateAccessKey's response with the fields of a real record, and no secret", () => {
    // Prepare
    const real = fixture("iam-CreateAccessKey.json").record as {
      responseElements: { accessKey: Record<string, unknown> };
    };
    const trail = iamTrail();
    trail.call("CreateUser", { UserName: "ci" });

    // Act
    const record = trail.call("CreateAccessKey", { UserName: "ci" }) as {
      responseElements: { accessKey: Record<string, unknown> };
    };

    // Assess
    expect(Object.keys(record.responseElements.accessKey).sort()).toEqual(
      Object.keys(real.responseElements.accessKey).sort(),
    );
  });

  it("logs TagRole's tags as a real record does: a list of {key, value}", () => {
    // Prepare
    const real = fixture("iam-TagRole.json").record as { requestParameters: Record<string, unknown> };
    const trail = iamTrail();
    trail.call("CreateRole", {
      RoleName: "test_detect_role",
      AssumeRolePolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: "sts:AssumeRole" },
        ],
      }),
    });

    // Act
    const record = trail.call("TagRole", {
      RoleName: "test_detect_role",
      "Tags.member.1.Key": "test-tag",
      "Tags.member.1.Value": "detection-for-eventbridge-attempt-2",
    });

    // Assess
    expect(record.requestParameters).toEqual(real.requestParameters);
    expect(record).toMatchObject({ responseElements: null, readOnly: false });
  });

  it("logs a failed IAM write as a real one: the Exception-suffixed errorCode, parameters kept, no responseElements", () => {
    // Prepare
    const real = fixture("iam-DeleteLoginProfile--error-EntityTemporarilyUnmodifiable.json").record;
    const call = putRolePolicyCall({
      eventName: "DeleteLoginProfile",
      caller: person,
      requestParameters: real.requestParameters as Record<string, unknown>,
      errorCode: "EntityTemporarilyUnmodifiable",
      errorMessage: real.errorMessage as string,
    });

    // Act
    const record = toCloudTrailRecord(call, ACCOUNT, { eventId: "e" });

    // Assess
    expect(record).toMatchObject({
      errorCode: real.errorCode,
      errorMessage: real.errorMessage,
      requestParameters: real.requestParameters,
      responseElements: null,
    });
  });

  it.each([
    ["NoSuchEntity", "NoSuchEntityException"],
    ["ReportExpired", "CredentialReportExpiredException"],
    ["Throttling", "ThrottlingException"],
    ["ValidationError", "ValidationError"],
    ["AccessDenied", "AccessDenied"],
  ])("logs IAM's wire code %s as %s", (code, logged) => {
    // Act
    const record = toCloudTrailRecord(putRolePolicyCall({ errorCode: code, errorMessage: "m" }), ACCOUNT, {
      eventId: "e",
    });

    // Assess
    expect(record.errorCode).toBe(logged);
  });
});
