import {
  CloudTrailClient,
  type CloudTrailServiceException,
  type Event,
  type LookupAttribute,
  LookupEventsCommand,
} from "@aws-sdk/client-cloudtrail";
import { describe, expect, it, onTestFinished } from "vitest";
import { toCloudTrailRecord } from "../../sandbox/emulator/cloudtrail.ts";
import { CloudTrailLookupService } from "../../sandbox/emulator/cloudtrail-lookup.ts";
import {
  assumedRoleIdentity,
  iamUserIdentity,
  MemoryIdentityStore,
} from "../../sandbox/emulator/identities.ts";
import { startFrontDoor } from "../../sandbox/emulator/server.ts";
import type { ApiCall } from "../../sandbox/emulator/types.ts";
import { AWS_CLI_VERSION, awsCli } from "../support/aws-cli.ts";

const ACCOUNT = "111122223333";
const REGION = "eu-west-1";
const ACCESS_KEY = "AKIATRAILFIDELITY001";
const SECRET_KEY = "sandbox-secret";

const alice = iamUserIdentity(ACCOUNT, "AKIAPERSON000000001", "alice");
const provisioner = assumedRoleIdentity(ACCOUNT, "ASIAPROVISIONER0001", "pip-provisioner", "grant-worker");

function call(
  eventName: string,
  at: string,
  options: { caller?: ApiCall["caller"]; readOnly?: boolean; roleName?: string } = {},
): ApiCall {
  return {
    eventSource: "iam.amazonaws.com",
    eventName,
    awsRegion: "us-east-1",
    caller: options.caller ?? provisioner,
    requestParameters: { roleName: options.roleName ?? "pip-team-a-reader" },
    responseElements: null,
    readOnly: options.readOnly ?? false,
    requestId: `req-${eventName}-${at}`,
    eventTime: new Date(at),
  };
}

/** Five records, oldest first, as the emulation makes them. */
function trail(): Array<Record<string, unknown>> {
  return [
    call("CreateRole", "2026-11-24T10:00:00Z"),
    call("PutRolePolicy", "2026-11-24T10:00:01Z"),
    call("GetRole", "2026-11-24T10:00:02Z", { readOnly: true }),
    call("PutRolePolicy", "2026-11-24T10:05:00Z", { caller: alice, roleName: "pip-team-b-writer" }),
    call("DeleteRolePolicy", "2026-11-24T10:06:00Z", { caller: alice }),
  ].map((c, index) =>
    toCloudTrailRecord(c, ACCOUNT, { eventId: `00000000-0000-4000-8000-00000000000${index}` }),
  );
}

/** A front door with CloudTrail LookupEvents over `records`, and an SDK client signing for it. */
async function startCloudTrail(records: Array<Record<string, unknown>>) {
  const identities = new MemoryIdentityStore();
  identities.register(iamUserIdentity(ACCOUNT, ACCESS_KEY, "platform-admin"), {
    secretAccessKey: SECRET_KEY,
  });
  const door = await startFrontDoor({
    services: [new CloudTrailLookupService(() => records)],
    identities,
    accountId: ACCOUNT,
  });
  onTestFinished(() => door.close());
  const client = new CloudTrailClient({
    endpoint: door.url,
    region: REGION,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
    maxAttempts: 1,
  });
  return { client, url: door.url };
}

async function failureOf(promise: Promise<unknown>): Promise<CloudTrailServiceException> {
  try {
    await promise;
  } catch (error) {
    return error as CloudTrailServiceException;
  }
  throw new Error("expected the call to fail");
}

const ids = (events: Event[] | undefined) => (events ?? []).map((e) => e.EventId);

describe("CloudTrail LookupEvents", () => {
  it("returns every event newest first, with the record's fields", async () => {
    // Prepare
    const records = trail();
    const { client } = await startCloudTrail(records);

    // Act
    const { Events, NextToken } = await client.send(new LookupEventsCommand({}));

    // Assess
    expect(ids(Events)).toEqual(records.map((r) => r.eventID).reverse());
    expect(NextToken).toBeUndefined();
    expect(Events?.[0]).toMatchObject({
      EventId: records[4]?.eventID,
      EventName: "DeleteRolePolicy",
      ReadOnly: "false",
      AccessKeyId: alice.accessKeyId,
      EventTime: new Date("2026-11-24T10:06:00Z"),
      EventSource: "iam.amazonaws.com",
      Username: "alice",
    });
  });

  it("orders by event time, not by the order the records were made", async () => {
    // Prepare
    const records = trail();
    const late = records.splice(1, 1)[0] as Record<string, unknown>;
    records.push({ ...late, eventTime: "2026-11-24T09:00:00Z" });
    const { client } = await startCloudTrail(records);

    // Act
    const { Events } = await client.send(new LookupEventsCommand({}));

    // Assess
    expect(ids(Events).at(-1)).toBe(late.eventID);
  });

  it("gives the record itself, as JSON text, in CloudTrailEvent", async () => {
    // Prepare
    const records = trail();
    const { client } = await startCloudTrail(records);

    // Act
    const { Events } = await client.send(new LookupEventsCommand({}));

    // Assess
    expect(Events?.map((e) => JSON.parse(e.CloudTrailEvent ?? "null"))).toEqual([...records].reverse());
  });

  it.each<[string, LookupAttribute, number[]]>([
    ["EventName", { AttributeKey: "EventName", AttributeValue: "PutRolePolicy" }, [3, 1]],
    ["an IAM user's Username", { AttributeKey: "Username", AttributeValue: "alice" }, [4, 3]],
    ["a role session's Username", { AttributeKey: "Username", AttributeValue: "grant-worker" }, [2, 1, 0]],
    ["ResourceName", { AttributeKey: "ResourceName", AttributeValue: "pip-team-b-writer" }, [3]],
    ["ReadOnly true", { AttributeKey: "ReadOnly", AttributeValue: "true" }, [2]],
    ["ReadOnly false", { AttributeKey: "ReadOnly", AttributeValue: "false" }, [4, 3, 1, 0]],
    ["an EventName nobody called", { AttributeKey: "EventName", AttributeValue: "DeleteRole" }, []],
  ])("filters by %s", async (_what, attribute, expected) => {
    // Prepare
    const records = trail();
    const { client } = await startCloudTrail(records);

    // Act
    const { Events } = await client.send(new LookupEventsCommand({ LookupAttributes: [attribute] }));

    // Assess
    expect(ids(Events)).toEqual(expected.map((index) => records[index]?.eventID));
  });

  it("pages with MaxResults and NextToken until no token is returned", async () => {
    // Prepare
    const records = trail();
    const { client } = await startCloudTrail(records);
    const pages: Array<string | undefined>[] = [];

    // Act
    let token: string | undefined;
    do {
      const page = await client.send(new LookupEventsCommand({ MaxResults: 2, NextToken: token }));
      pages.push(ids(page.Events));
      token = page.NextToken;
    } while (token && pages.length < 10);

    // Assess
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(records.map((r) => r.eventID).reverse());
  });

  it("pages through the filtered events only", async () => {
    // Prepare
    const records = trail();
    const { client } = await startCloudTrail(records);
    const filter: LookupAttribute[] = [{ AttributeKey: "Username", AttributeValue: "grant-worker" }];

    // Act
    const first = await client.send(new LookupEventsCommand({ LookupAttributes: filter, MaxResults: 2 }));
    const second = await client.send(
      new LookupEventsCommand({ LookupAttributes: filter, MaxResults: 2, NextToken: first.NextToken }),
    );

    // Assess
    expect([ids(first.Events), ids(second.Events)]).toEqual([
      [records[2]?.eventID, records[1]?.eventID],
      [records[0]?.eventID],
    ]);
    expect(second.NextToken).toBeUndefined();
  });

  it("returns only the events between StartTime and EndTime, both inclusive", async () => {
    // Prepare
    const records = trail();
    const { client } = await startCloudTrail(records);

    // Act
    const { Events } = await client.send(
      new LookupEventsCommand({
        StartTime: new Date("2026-11-24T10:00:01Z"),
        EndTime: new Date("2026-11-24T10:05:00Z"),
      }),
    );

    // Assess
    expect(ids(Events)).toEqual([records[3]?.eventID, records[2]?.eventID, records[1]?.eventID]);
  });

  it("refuses more than one lookup attribute with InvalidLookupAttributesException (400)", async () => {
    // Prepare
    const { client } = await startCloudTrail(trail());

    // Act
    const error = await failureOf(
      client.send(
        new LookupEventsCommand({
          LookupAttributes: [
            { AttributeKey: "EventName", AttributeValue: "PutRolePolicy" },
            { AttributeKey: "Username", AttributeValue: "alice" },
          ],
        }),
      ),
    );

    // Assess
    expect({ name: error.name, status: error.$metadata.httpStatusCode }).toEqual({
      name: "InvalidLookupAttributesException",
      status: 400,
    });
  });

  it.each([0, 51])("refuses MaxResults %i with InvalidMaxResultsException (400)", async (maxResults) => {
    // Prepare
    const { client } = await startCloudTrail(trail());

    // Act
    const error = await failureOf(client.send(new LookupEventsCommand({ MaxResults: maxResults })));

    // Assess
    expect({ name: error.name, status: error.$metadata.httpStatusCode }).toEqual({
      name: "InvalidMaxResultsException",
      status: 400,
    });
  });

  it("refuses a NextToken it did not issue with InvalidNextTokenException (400)", async () => {
    // Prepare
    const { client } = await startCloudTrail(trail());

    // Act
    const error = await failureOf(client.send(new LookupEventsCommand({ NextToken: "not-a-token" })));

    // Assess
    expect({ name: error.name, status: error.$metadata.httpStatusCode }).toEqual({
      name: "InvalidNextTokenException",
      status: 400,
    });
  });

  it("refuses a StartTime after the EndTime with InvalidTimeRangeException (400)", async () => {
    // Prepare
    const { client } = await startCloudTrail(trail());

    // Act
    const error = await failureOf(
      client.send(
        new LookupEventsCommand({
          StartTime: new Date("2026-11-24T11:00:00Z"),
          EndTime: new Date("2026-11-24T10:00:00Z"),
        }),
      ),
    );

    // Assess
    expect({ name: error.name, status: error.$metadata.httpStatusCode }).toEqual({
      name: "InvalidTimeRangeException",
      status: 400,
    });
  });
});

/** An IAM call's record, as the IAM emulation reports it. */
function iamRecord(
  eventName: string,
  requestParameters: Record<string, unknown>,
  responseElements: Record<string, unknown> | null = null,
): Record<string, unknown> {
  return toCloudTrailRecord(
    {
      eventSource: "iam.amazonaws.com",
      eventName,
      awsRegion: "us-east-1",
      caller: alice,
      requestParameters,
      responseElements,
      readOnly: false,
      requestId: `req-${eventName}`,
      eventTime: new Date("2026-11-24T10:00:00Z"),
    },
    ACCOUNT,
    { eventId: `id-${eventName}` },
  );
}

describe("CloudTrail LookupEvents: the resources of IAM events", () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown> | null, unknown[]]>([
    [
      "CreateRole",
      { roleName: "pip-team-a-reader", assumeRolePolicyDocument: "{}" },
      null,
      [{ ResourceType: "AWS::IAM::Role", ResourceName: "pip-team-a-reader" }],
    ],
    [
      "PutRolePolicy",
      { roleName: "pip-team-a-reader", policyName: "pod-identity", policyDocument: "{}" },
      null,
      [
        { ResourceType: "AWS::IAM::Policy", ResourceName: "pod-identity" },
        { ResourceType: "AWS::IAM::Role", ResourceName: "pip-team-a-reader" },
      ],
    ],
    [
      "AttachRolePolicy",
      { roleName: "pip-team-a-reader", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
      null,
      [
        { ResourceType: "AWS::IAM::Policy", ResourceName: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
        { ResourceType: "AWS::IAM::Role", ResourceName: "pip-team-a-reader" },
      ],
    ],
    [
      "CreateAccessKey",
      { userName: "ci" },
      { accessKey: { accessKeyId: "AKIANEWKEYEXAMPLE001", status: "Active", userName: "ci" } },
      [
        { ResourceType: "AWS::IAM::AccessKey", ResourceName: "AKIANEWKEYEXAMPLE001" },
        { ResourceType: "AWS::IAM::User", ResourceName: "ci" },
      ],
    ],
    ["ListRoles", {}, null, []],
  ])("names the resources of %s in Resources", async (eventName, parameters, response, resources) => {
    // Prepare
    const { client } = await startCloudTrail([iamRecord(eventName, parameters, response)]);

    // Act
    const { Events } = await client.send(new LookupEventsCommand({}));

    // Assess
    expect(Events?.[0]?.Resources).toEqual(resources);
  });

  it("finds a role's events by ResourceType and by ResourceName, and no EKS event", async () => {
    // Prepare
    const eks = toCloudTrailRecord(
      {
        eventSource: "eks.amazonaws.com",
        eventName: "CreatePodIdentityAssociation",
        awsRegion: REGION,
        caller: provisioner,
        requestParameters: { name: "demo", roleArn: `arn:aws:iam::${ACCOUNT}:role/pip-team-a-reader` },
        responseElements: null,
        readOnly: false,
        requestId: "req-eks",
        eventTime: new Date("2026-11-24T10:00:01Z"),
      },
      ACCOUNT,
      { eventId: "id-eks" },
    );
    const records = [
      iamRecord("CreateUser", { userName: "ci" }),
      iamRecord("CreateRole", { roleName: "pip-team-a-reader" }),
      eks,
    ];
    const { client } = await startCloudTrail(records);

    // Act
    const byType = await client.send(
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: "ResourceType", AttributeValue: "AWS::IAM::Role" }],
      }),
    );
    const byName = await client.send(
      new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "ResourceName", AttributeValue: "ci" }] }),
    );

    // Assess
    expect(byType.Events?.map((e) => e.EventName)).toEqual(["CreateRole"]);
    expect(byName.Events?.map((e) => e.EventName)).toEqual(["CreateUser"]);
  });
});

describe("CloudTrail LookupEvents through an independent client (the Python aws CLI / botocore)", () => {
  it(`finds a role's IAM events with lookup-events by ResourceType AWS::IAM::Role (${AWS_CLI_VERSION ?? "no AWS CLI"})`, async () => {
    // Prepare
    const records = [
      iamRecord("CreateUser", { userName: "ci" }),
      iamRecord("CreateRole", { roleName: "pip-team-a-reader", assumeRolePolicyDocument: "{}" }),
      iamRecord("PutRolePolicy", { roleName: "pip-team-a-reader", policyName: "pod-identity" }),
    ];
    const { url } = await startCloudTrail(records);

    // Act
    const { Events } = await awsCli({
      endpoint: url,
      region: REGION,
      accessKeyId: ACCESS_KEY,
      secretAccessKey: SECRET_KEY,
    }).json<{
      Events: Array<{
        EventName: string;
        Resources: Array<{ ResourceType: string; ResourceName: string }>;
      }>;
    }>([
      "cloudtrail",
      "lookup-events",
      "--lookup-attributes",
      "AttributeKey=ResourceType,AttributeValue=AWS::IAM::Role",
    ]);

    // Assess
    expect(Events.map((e) => e.EventName).sort()).toEqual(["CreateRole", "PutRolePolicy"]);
    expect(Events.find((e) => e.EventName === "PutRolePolicy")?.Resources).toEqual([
      { ResourceType: "AWS::IAM::Policy", ResourceName: "pod-identity" },
      { ResourceType: "AWS::IAM::Role", ResourceName: "pip-team-a-reader" },
    ]);
  });
});
