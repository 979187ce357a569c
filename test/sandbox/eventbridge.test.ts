import {
  DescribeEventBusCommand,
  EventBridgeClient,
  type EventBridgeServiceException,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  type PutEventsRequestEntry,
  TestEventPatternCommand,
} from "@aws-sdk/client-eventbridge";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from "vitest";
import { iamUserIdentity, MemoryIdentityStore } from "../../sandbox/emulator/identities.ts";
import { startFrontDoor } from "../../sandbox/emulator/server.ts";
import type { ApiCall } from "../../sandbox/emulator/types.ts";
import {
  busesFromTemplate,
  EventBus,
  rulesFromTemplate,
  type Target,
  transformInput,
} from "../../sandbox/eventbridge/bus.ts";
import type { Sandbox } from "../../sandbox/sandbox.ts";
import { type CfnTemplate, readTemplate } from "../../sandbox/template.ts";
import { AWS_CLI_VERSION, awsCli } from "../support/aws-cli.ts";
import { startTestSandbox } from "../support/sandbox.ts";

const ACCOUNT = "111122223333";
const REGION = "eu-west-1";
const ACCESS_KEY = "AKIAEVENTSFIDELITY01";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The shape of what `serverless package` writes: a state machine, a Lambda function, and rules
 * whose targets point at them by `Ref` / `Fn::GetAtt`.
 */
function template(
  state: "ENABLED" | "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS" = "ENABLED",
): CfnTemplate {
  return {
    Resources: {
      ProvisionStateMachine: {
        Type: "AWS::StepFunctions::StateMachine",
        Properties: { StateMachineName: "pod-identity-provisioner-dev-provision" },
      },
      DetectDriftLambdaFunction: { Type: "AWS::Lambda::Function", Properties: {} },
      GrantRequestedRule: {
        Type: "AWS::Events::Rule",
        Properties: {
          Name: "grant-requested",
          State: "ENABLED",
          EventPattern: {
            source: ["platform.portal"],
            "detail-type": ["Grant Requested"],
            detail: { cluster: [{ prefix: "demo" }] },
          },
          Targets: [
            {
              Id: "provision",
              Arn: { Ref: "ProvisionStateMachine" },
              RoleArn: { "Fn::GetAtt": ["EventsRole", "Arn"] },
              InputTransformer: {
                InputPathsMap: {
                  cluster: "$.detail.cluster",
                  serviceAccount: "$.detail.serviceAccount",
                  eventId: "$.id",
                },
                InputTemplate:
                  '{"request": {"cluster": <cluster>, "serviceAccount": <serviceAccount>}, "note": "event <eventId> for <cluster>"}',
              },
            },
          ],
        },
      },
      IamChangesRule: {
        Type: "AWS::Events::Rule",
        Properties: {
          Name: "iam-changes",
          State: state,
          EventPattern: { source: ["aws.iam"], "detail-type": ["AWS API Call via CloudTrail"] },
          Targets: [{ Id: "watchdog", Arn: { "Fn::GetAtt": ["DetectDriftLambdaFunction", "Arn"] } }],
        },
      },
    },
  };
}

/** The template with the Grant Requested rule's target given `transformer`. */
function withTransformer(transformer: { InputPathsMap?: Record<string, string>; InputTemplate: string }) {
  const rules = template();
  const targets = (rules.Resources.GrantRequestedRule?.Properties?.Targets ?? []) as Array<
    Record<string, unknown>
  >;
  for (const target of targets) target.InputTransformer = transformer;
  return rules;
}

interface Delivered {
  target: Target;
  input: unknown;
}

/** A front door with an EventBus that holds the template's rules and records every delivery. */
async function startEventBridge(state?: Parameters<typeof template>[0]) {
  const bus = new EventBus(ACCOUNT, REGION);
  bus.addRules(rulesFromTemplate(template(state)));
  const delivered: Delivered[] = [];
  bus.onDeliver(async (target, input) => {
    delivered.push({ target, input });
  });
  const identities = new MemoryIdentityStore();
  identities.register(iamUserIdentity(ACCOUNT, ACCESS_KEY, "platform-admin"), {
    secretAccessKey: "sandbox-secret",
  });
  const door = await startFrontDoor({ services: [bus], identities, accountId: ACCOUNT });
  onTestFinished(() => door.close());
  const client = new EventBridgeClient({
    endpoint: door.url,
    region: REGION,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: "sandbox-secret" },
    maxAttempts: 1,
  });
  return { bus, client, delivered };
}

function grantRequested(overrides: Partial<PutEventsRequestEntry> = {}): PutEventsRequestEntry {
  return {
    Source: "platform.portal",
    DetailType: "Grant Requested",
    Detail: JSON.stringify({ cluster: "demo", namespace: "team-a", serviceAccount: "reader" }),
    ...overrides,
  };
}

async function failureOf(promise: Promise<unknown>): Promise<EventBridgeServiceException> {
  try {
    await promise;
  } catch (error) {
    return error as EventBridgeServiceException;
  }
  throw new Error("expected the call to fail");
}

describe("EventBridge PutEvents", () => {
  it("accepts well-formed entries with an EventId each and FailedEntryCount 0", async () => {
    // Prepare
    const { client } = await startEventBridge();

    // Act
    const result = await client.send(
      new PutEventsCommand({ Entries: [grantRequested(), grantRequested({ DetailType: "Grant Revoked" })] }),
    );

    // Assess
    expect(result.FailedEntryCount).toBe(0);
    expect(result.Entries).toHaveLength(2);
    const ids = result.Entries?.map((e) => e.EventId) ?? [];
    expect(ids.every((id) => UUID.test(id ?? ""))).toBe(true);
    expect(new Set(ids).size).toBe(2);
    expect(result.Entries?.some((e) => e.ErrorCode !== undefined)).toBe(false);
  });

  it.each([
    [
      "without Source",
      { Source: undefined },
      "InvalidArgument",
      "Parameter Source is not valid. Reason: Source is a required argument.",
    ],
    [
      "without DetailType",
      { DetailType: undefined },
      "InvalidArgument",
      "Parameter DetailType is not valid. Reason: DetailType is a required argument.",
    ],
    [
      "without Detail",
      { Detail: undefined },
      "InvalidArgument",
      "Parameter Detail is not valid. Reason: Detail is a required argument.",
    ],
    ["whose Detail is not JSON", { Detail: "{cluster: demo" }, "MalformedDetail", "Detail is malformed."],
    ["whose Detail is a JSON array", { Detail: '["demo"]' }, "MalformedDetail", "Detail is malformed."],
    ["whose Detail is a JSON string", { Detail: '"demo"' }, "MalformedDetail", "Detail is malformed."],
  ])(
    "fails an entry %s with %s, in its place, and takes the others",
    async (_what, overrides, code, message) => {
      // Prepare
      const { client } = await startEventBridge();

      // Act
      const result = await client.send(
        new PutEventsCommand({ Entries: [grantRequested(), grantRequested(overrides), grantRequested()] }),
      );

      // Assess
      expect(result.FailedEntryCount).toBe(1);
      expect(result.Entries?.[1]).toEqual({ ErrorCode: code, ErrorMessage: message });
      expect(result.Entries?.[0]?.EventId).toMatch(UUID);
      expect(result.Entries?.[2]?.EventId).toMatch(UUID);
    },
  );

  it("accepts an entry for an event bus that does not exist, as AWS does, and delivers it nowhere", async () => {
    // Prepare
    const { bus, client, delivered } = await startEventBridge();

    // Act
    const result = await client.send(
      new PutEventsCommand({ Entries: [grantRequested({ EventBusName: "no-such-bus" })] }),
    );
    await bus.idle();

    // Assess
    expect(result.FailedEntryCount).toBe(0);
    expect(result.Entries?.[0]?.EventId).toMatch(UUID);
    expect(bus.events).toEqual([]);
    expect(delivered).toEqual([]);
  });

  it("answers ValidationException (400) for a request with more than 10 entries", async () => {
    // Prepare
    const { client } = await startEventBridge();

    // Act
    const error = await failureOf(
      client.send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => grantRequested()) })),
    );

    // Assess
    expect({ name: error.name, status: error.$metadata.httpStatusCode }).toEqual({
      name: "ValidationException",
      status: 400,
    });
    expect(error.message).toContain("Member must have length less than or equal to 10");
  });
});

describe("EventBridge rules from the template", () => {
  it("delivers a matching event to the state machine the target references, with the transformed input", async () => {
    // Prepare
    const { bus, client, delivered } = await startEventBridge();

    // Act
    const result = await client.send(new PutEventsCommand({ Entries: [grantRequested()] }));
    await bus.idle();

    // Assess
    const eventId = result.Entries?.[0]?.EventId;
    expect(delivered).toEqual([
      {
        target: { kind: "stateMachine", logicalId: "ProvisionStateMachine" },
        input: {
          request: { cluster: "demo", serviceAccount: "reader" },
          note: `event ${eventId} for demo`,
        },
      },
    ]);
  });

  it.each([
    ["from another source", { Source: "platform.other" }],
    ["of another detail type", { DetailType: "Grant Revoked" }],
    [
      "for a cluster the prefix does not match",
      { Detail: JSON.stringify({ cluster: "prod", serviceAccount: "x" }) },
    ],
  ])("does not deliver an event %s", async (_what, overrides) => {
    // Prepare
    const { bus, client, delivered } = await startEventBridge();

    // Act
    await client.send(new PutEventsCommand({ Entries: [grantRequested(overrides)] }));
    await bus.idle();

    // Assess
    expect(delivered).toEqual([]);
  });

  it("puts an entry on the bus as AWS's event envelope", async () => {
    // Prepare
    const { bus, client } = await startEventBridge();
    const resource = `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/demo`;

    // Act
    const result = await client.send(
      new PutEventsCommand({
        Entries: [grantRequested({ Time: new Date("2026-11-24T10:00:00.250Z"), Resources: [resource] })],
      }),
    );

    // Assess
    expect(bus.events.map((e) => e.bus)).toEqual(["default"]);
    expect(bus.events[0]?.event).toEqual({
      version: "0",
      id: result.Entries?.[0]?.EventId,
      "detail-type": "Grant Requested",
      source: "platform.portal",
      account: ACCOUNT,
      time: "2026-11-24T10:00:00Z",
      region: REGION,
      resources: [resource],
      detail: { cluster: "demo", namespace: "team-a", serviceAccount: "reader" },
    });
  });

  it("stamps an entry without Time with the time it was put and gives it empty resources", async () => {
    // Prepare
    const { bus, client } = await startEventBridge();
    const before = Math.floor(Date.now() / 1000) * 1000;

    // Act
    await client.send(new PutEventsCommand({ Entries: [grantRequested()] }));

    // Assess
    const event = bus.events[0]?.event ?? {};
    expect(event.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Date.parse(String(event.time))).toBeGreaterThanOrEqual(before);
    expect(Date.parse(String(event.time))).toBeLessThanOrEqual(Date.now());
    expect(event.resources).toEqual([]);
  });
});

describe("EventBridge ListRules", () => {
  it("lists the default bus's rules with their ARN, state and pattern", async () => {
    // Prepare
    const { client } = await startEventBridge();

    // Act
    const { Rules } = await client.send(new ListRulesCommand({}));

    // Assess
    expect(Rules?.map((r) => r.Name)).toEqual(["grant-requested", "iam-changes"]);
    expect(Rules?.[1]).toMatchObject({
      Arn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/iam-changes`,
      EventBusName: "default",
      State: "ENABLED",
    });
    expect(JSON.parse(Rules?.[1]?.EventPattern ?? "null")).toEqual({
      source: ["aws.iam"],
      "detail-type": ["AWS API Call via CloudTrail"],
    });
  });

  it("lists only the rules whose names start with NamePrefix", async () => {
    // Prepare
    const { client } = await startEventBridge();

    // Act
    const { Rules } = await client.send(new ListRulesCommand({ NamePrefix: "iam-" }));

    // Assess
    expect(Rules?.map((r) => r.Name)).toEqual(["iam-changes"]);
  });

  it("answers ResourceNotFoundException (400) for the rules of an event bus that does not exist", async () => {
    // Prepare
    const { client } = await startEventBridge();

    // Act
    const error = await failureOf(client.send(new ListRulesCommand({ EventBusName: "no-such-bus" })));

    // Assess
    expect({ name: error.name, status: error.$metadata.httpStatusCode, message: error.message }).toEqual({
      name: "ResourceNotFoundException",
      status: 400,
      message: "Event bus no-such-bus does not exist.",
    });
  });
});

describe("EventBridge TestEventPattern", () => {
  const event = {
    version: "0",
    id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
    "detail-type": "Grant Requested",
    source: "platform.portal",
    account: ACCOUNT,
    time: "2026-11-24T10:00:00Z",
    region: REGION,
    resources: [],
    detail: { cluster: "demo-2" },
  };

  it.each([
    ["matches", { source: ["platform.portal"], detail: { cluster: [{ prefix: "demo" }] } }, true],
    ["does not match", { source: ["platform.portal"], detail: { cluster: [{ prefix: "prod" }] } }, false],
  ])("answers whether an event %s a pattern", async (_what, pattern, expected) => {
    // Prepare
    const { client } = await startEventBridge();

    // Act
    const { Result } = await client.send(
      new TestEventPatternCommand({ EventPattern: JSON.stringify(pattern), Event: JSON.stringify(event) }),
    );

    // Assess
    expect(Result).toBe(expected);
  });

  it("answers InvalidEventPatternException (400) with the reason for a pattern AWS rejects", async () => {
    // Prepare
    const { client } = await startEventBridge();

    // Act
    const error = await failureOf(
      client.send(
        new TestEventPatternCommand({
          EventPattern: '{"source": "platform.portal"}',
          Event: JSON.stringify(event),
        }),
      ),
    );

    // Assess
    expect({ name: error.name, status: error.$metadata.httpStatusCode }).toEqual({
      name: "InvalidEventPatternException",
      status: 400,
    });
    expect(error.message).toMatch(
      /^Event pattern is not valid\. Reason: .*"source" must be an object or an array/,
    );
  });

  it.each([
    ["overflows", '{"detail": {"count": [{"numeric": ["<", 1E309]}]}}', "1E309"],
    ["overflows far", '{"detail": {"count": [{"numeric": [">", 0, "<=", 2.0e422]}]}}', "2.0e422"],
    ["underflows", '{"detail": {"count": [{"numeric": [">", 1E-325]}]}}', "1E-325"],
  ])(
    "answers InvalidEventPatternException (400) for a numeric bound that %s a double",
    async (_what, pattern, text) => {
      // Prepare
      const { client } = await startEventBridge();

      // Act
      const error = await failureOf(
        client.send(new TestEventPatternCommand({ EventPattern: pattern, Event: JSON.stringify(event) })),
      );

      // Assess
      expect({ name: error.name, status: error.$metadata.httpStatusCode, message: error.message }).toEqual({
        name: "InvalidEventPatternException",
        status: 400,
        message: `Event pattern is not valid. Reason: Cannot compare number : ${text}`,
      });
    },
  );

  it.each([
    ["is not JSON", "{not json"],
    ["is a JSON array", "[]"],
    ["lacks the envelope's account", JSON.stringify({ ...event, account: undefined })],
  ])("answers ValidationException (400) for an event that %s", async (_what, text) => {
    // Prepare
    const { client } = await startEventBridge();

    // Act
    const error = await failureOf(
      client.send(
        new TestEventPatternCommand({ EventPattern: '{"source": ["platform.portal"]}', Event: text }),
      ),
    );

    // Assess
    expect({ name: error.name, status: error.$metadata.httpStatusCode, message: error.message }).toEqual({
      name: "ValidationException",
      status: 400,
      message: "Parameter Event is not valid.",
    });
  });
});

describe("transformInput", () => {
  // The cases are the EventBridge User Guide's ("Amazon EventBridge input transformation").
  const event = {
    id: "7bf73129-1428-4cd3-a780-95db273d1602",
    detail: { "instance-id": "i-0123456789", state: "RUNNING", count: 3, tags: ["a", "b"] },
  };
  const paths = {
    instance: "$.detail.instance-id",
    state: "$.detail.state",
    count: "$.detail.count",
    tags: "$.detail.tags",
  };

  it("fills a placeholder inside a JSON string with the value's text", () => {
    // Prepare
    const transformer = {
      InputPathsMap: paths,
      InputTemplate:
        '{"state": "<state>", "status": "instance <instance> is in <state>, seen <count> times"}',
    };

    // Act
    const input = transformInput(event, transformer);

    // Assess
    expect(input).toEqual({ state: "RUNNING", status: "instance i-0123456789 is in RUNNING, seen 3 times" });
  });

  it("fills a placeholder outside a string with the value as JSON, keeping its type", () => {
    // Prepare
    const transformer = {
      InputPathsMap: paths,
      InputTemplate:
        '{"instance": <instance>, "state": [9, <state>, true], "count": <count>, "tags": <tags>}',
    };

    // Act
    const input = transformInput(event, transformer);

    // Assess
    expect(input).toEqual({
      instance: "i-0123456789",
      state: [9, "RUNNING", true],
      count: 3,
      tags: ["a", "b"],
    });
  });

  it("fills <aws.events.event.json> with the whole event", () => {
    // Prepare
    const transformer = { InputTemplate: '{"original": <aws.events.event.json>, "from": "rule"}' };

    // Act
    const input = transformInput(event, transformer);

    // Assess
    expect(input).toEqual({ original: event, from: "rule" });
  });

  it("transforms a template that is a single JSON string", () => {
    // Prepare
    const transformer = { InputPathsMap: paths, InputTemplate: '"instance <instance> is in <state>"' };

    // Act
    const input = transformInput(event, transformer);

    // Assess
    expect(input).toBe("instance i-0123456789 is in RUNNING");
  });
});

describe("transformInput: edge cases, as AWS fills them", () => {
  // Event detail and expected outputs are those LocalStack recorded from AWS (test_events_inputs,
  // SPECIAL_EVENT_DETAIL); the escaping rule is the User Guide's ("Common issues with transforming input").
  const event = {
    version: "0",
    id: "4c5b6d0e-1f5e-4d3a-9c4b-0a787ecb4015",
    "detail-type": "core.update-account-command",
    source: "core.update-account-command",
    account: ACCOUNT,
    time: "2026-12-02T10:00:00Z",
    region: REGION,
    resources: [],
    detail: {
      command: "update-account",
      payload: { acc_id: "0a787ecb-4015", sf_id: "baz" },
      listsingle: ["HIGH"],
      valid: true,
      quoted: 'say "hi"',
    },
  };
  const paths = {
    "detail-type": "$.detail-type",
    command: "$.detail.command",
    missing: "$.detail.notinmessage",
    payload: "$.detail.payload",
    listsingle: "$.detail.listsingle",
    valid: "$.detail.valid",
    quoted: "$.detail.quoted",
  };

  it("fills a path the event does not have with an empty string, not null, inside and outside a string", () => {
    // Prepare
    const json = {
      InputPathsMap: paths,
      InputTemplate: '{"detailType": <detail-type>, "command": <missing>}',
    };
    const text = { InputPathsMap: paths, InputTemplate: '"info extracted from detail <missing>"' };

    // Act
    const fromJson = transformInput(event, json);
    const fromText = transformInput(event, text);

    // Assess
    expect(fromJson).toEqual({ detailType: "core.update-account-command", command: "" });
    expect(fromText).toBe("info extracted from detail ");
  });

  it("inserts objects and arrays into a one-string template without their quotes, and booleans as text", () => {
    // Prepare
    const transformer = {
      InputPathsMap: paths,
      InputTemplate: '"<listsingle> single list item, payload <payload>, command is <valid>!"',
    };

    // Act
    const input = transformInput(event, transformer);

    // Assess
    expect(input).toBe("[HIGH] single list item, payload {acc_id:0a787ecb-4015,sf_id:baz}, command is true!");
  });

  it("fails when an object is placed inside a string of a JSON template, and accepts it as a field's value", () => {
    // Prepare
    const quoted = { InputPathsMap: paths, InputTemplate: '{"payload": "<payload>"}' };
    const bare = { InputPathsMap: paths, InputTemplate: '{"payload": <payload>, "list": <listsingle>}' };

    // Act
    const act = () => transformInput(event, quoted);
    const input = transformInput(event, bare);

    // Assess
    expect(act).toThrow(
      "The value of <payload> is JSON and cannot be placed inside a string of a JSON InputTemplate",
    );
    expect(input).toEqual({ payload: event.detail.payload, list: ["HIGH"] });
  });

  it("does not escape a string placed inside a JSON string, so a quote in the value fails the delivery", () => {
    // Prepare
    const inside = { InputPathsMap: paths, InputTemplate: '{"message": "the user said <quoted>"}' };
    const outside = { InputPathsMap: paths, InputTemplate: '{"message": <quoted>}' };

    // Act
    const act = () => transformInput(event, inside);
    const input = transformInput(event, outside);

    // Assess
    expect(act).toThrow(SyntaxError);
    expect(input).toEqual({ message: 'say "hi"' });
  });

  it("fills the predefined variables: the rule's ARN and name, the ingestion time and the envelope without detail", () => {
    // Prepare
    const ruleArn = `arn:aws:events:${REGION}:${ACCOUNT}:rule/bus-1/rule-1`;
    const transformer = {
      InputTemplate:
        '{"text": "<aws.events.rule-arn> <aws.events.rule-name> <aws.events.event.ingestion-time>", "original": <aws.events.event>}',
    };

    // Act
    const input = transformInput(event, transformer, {
      ruleArn,
      ruleName: "rule-1",
      ingestionTime: "2026-12-02T10:00:01Z",
    });

    // Assess
    expect(input).toEqual({
      text: `${ruleArn} rule-1 2026-12-02T10:00:01Z`,
      original: {
        id: event.id,
        account: ACCOUNT,
        detailType: "core.update-account-command",
        time: event.time,
        source: event.source,
        region: REGION,
        resources: [],
        version: "0",
      },
    });
  });

  it("refuses a placeholder that is neither in InputPathsMap nor predefined, as PutTargets does", () => {
    // Prepare
    const transformer = {
      InputPathsMap: paths,
      InputTemplate: '"Event of <detail-type> with <notdefinedkey>"',
    };
    const rules = withTransformer(transformer);

    // Act
    const load = () => rulesFromTemplate(rules);
    const act = () => transformInput(event, transformer);

    // Assess
    expect(load).toThrow(
      "Rule GrantRequestedRule: InputTemplate for target provision contains invalid placeholder notdefinedkey.",
    );
    expect(act).toThrow("InputTemplate contains invalid placeholder notdefinedkey.");
  });

  it("gives a delivery the rule it matched: its ARN and name, through the predefined variables", async () => {
    // Prepare
    const rules = withTransformer({
      InputTemplate:
        '{"rule": <aws.events.rule-name>, "arn": <aws.events.rule-arn>, "at": <aws.events.event.ingestion-time>}',
    });
    const bus = new EventBus(ACCOUNT, REGION);
    bus.addRules(rulesFromTemplate(rules));
    const delivered: unknown[] = [];
    bus.onDeliver(async (_target, input) => {
      delivered.push(input);
    });

    // Act
    bus.put("default", {
      ...event,
      source: "platform.portal",
      "detail-type": "Grant Requested",
      detail: { cluster: "demo-1" },
    });
    await bus.idle();

    // Assess
    expect(delivered).toEqual([
      {
        rule: "grant-requested",
        arn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/grant-requested`,
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      },
    ]);
  });
});

describe("EventBus publishApiCall", () => {
  function iamCall(eventName: string, readOnly: boolean): ApiCall {
    return {
      eventSource: "iam.amazonaws.com",
      eventName,
      awsRegion: "us-east-1",
      caller: iamUserIdentity(ACCOUNT, "AKIAPERSON000000001", "alice"),
      requestParameters: { roleName: "pip-team-a-reader" },
      responseElements: null,
      readOnly,
      requestId: "6efb8a1b-5128-4368-ac80-a74e1488b155",
      eventTime: new Date("2026-11-24T10:00:00Z"),
    };
  }

  it("delivers a write call's CloudTrail envelope to an ENABLED rule", async () => {
    // Prepare
    const { bus, delivered } = await startEventBridge("ENABLED");

    // Act
    bus.publishApiCall(iamCall("PutRolePolicy", false));
    await bus.idle();

    // Assess
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.target).toEqual({ kind: "function", functionKey: "detectDrift" });
    expect(delivered[0]?.input).toMatchObject({
      version: "0",
      id: expect.stringMatching(UUID),
      "detail-type": "AWS API Call via CloudTrail",
      source: "aws.iam",
      account: ACCOUNT,
      time: "2026-11-24T10:00:00Z",
      region: "us-east-1",
      resources: [],
      detail: {
        eventSource: "iam.amazonaws.com",
        eventName: "PutRolePolicy",
        readOnly: false,
        requestParameters: { roleName: "pip-team-a-reader" },
      },
    });
  });

  it.each(["GetRole", "ListRolePolicies"])(
    "does not deliver the read-only call %s to an ENABLED rule",
    async (eventName) => {
      // Prepare
      const { bus, delivered } = await startEventBridge("ENABLED");

      // Act
      bus.publishApiCall(iamCall(eventName, true));
      await bus.idle();

      // Assess
      expect(delivered).toEqual([]);
    },
  );

  it("delivers a read-only Get call to a rule in ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS", async () => {
    // Prepare
    const { bus, delivered } = await startEventBridge("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS");

    // Act
    bus.publishApiCall(iamCall("GetRole", true));
    await bus.idle();

    // Assess
    expect(delivered.map((d) => (d.input as { detail: { eventName: string } }).detail.eventName)).toEqual([
      "GetRole",
    ]);
  });
});

/** A front door with an EventBus holding the packaged template's buses and rules, as `serverless deploy` creates them. */
async function startPackagedEventBridge() {
  const packaged = readTemplate(inject("packageDir"));
  const bus = new EventBus(ACCOUNT, REGION);
  bus.addRules(rulesFromTemplate(packaged));
  for (const definition of busesFromTemplate(packaged)) bus.addBus(definition.name, definition);
  const identities = new MemoryIdentityStore();
  identities.register(iamUserIdentity(ACCOUNT, ACCESS_KEY, "platform-admin"), {
    secretAccessKey: "sandbox-secret",
  });
  const door = await startFrontDoor({ services: [bus], identities, accountId: ACCOUNT });
  onTestFinished(() => door.close());
  const client = new EventBridgeClient({
    endpoint: door.url,
    region: REGION,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: "sandbox-secret" },
    maxAttempts: 1,
  });
  const projectBus = String(
    Object.values(packaged.Resources).find((r) => r.Type === "AWS::Events::EventBus")?.Properties?.Name,
  );
  return { client, packaged, projectBus, url: door.url };
}

/** The packaged bus policy with its pseudo parameters as CloudFormation fills them here. */
function deployedPolicy(packaged: CfnTemplate): unknown {
  const bus = Object.values(packaged.Resources).find((r) => r.Type === "AWS::Events::EventBus");
  return JSON.parse(
    JSON.stringify(bus?.Properties?.Policy).replace(
      /\{"Fn::Sub":"((?:[^"\\]|\\.)*)"\}/g,
      (_whole, text: string) =>
        JSON.stringify(
          text
            .replaceAll("${AWS::Partition}", "aws")
            .replaceAll("${AWS::Region}", REGION)
            .replaceAll("${AWS::AccountId}", ACCOUNT),
        ),
    ),
  );
}

describe("EventBridge ListEventBuses and DescribeEventBus", () => {
  it("lists the default bus and the packaged bus by name, with ARNs, creation times and the packaged policy", async () => {
    // Prepare
    const before = Math.floor(Date.now() / 1000) * 1000;
    const { client, packaged, projectBus } = await startPackagedEventBridge();

    // Act
    const { EventBuses, NextToken } = await client.send(new ListEventBusesCommand({}));

    // Assess
    expect(EventBuses?.map((b) => [b.Name, b.Arn])).toEqual([
      ["default", `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/default`],
      [projectBus, `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${projectBus}`],
    ]);
    expect(NextToken).toBeUndefined();
    expect(EventBuses?.[0]?.Policy).toBeUndefined();
    expect(JSON.parse(EventBuses?.[1]?.Policy ?? "null")).toEqual(deployedPolicy(packaged));
    expect(EventBuses?.every((b) => (b.CreationTime?.getTime() ?? 0) >= before)).toBe(true);
  });

  it("describes the packaged bus with its policy as deployed: the bus's own ARN in every statement", async () => {
    // Prepare
    const { client, packaged, projectBus } = await startPackagedEventBridge();

    // Act
    const described = await client.send(new DescribeEventBusCommand({ Name: projectBus }));
    const byArn = await client.send(
      new DescribeEventBusCommand({ Name: `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${projectBus}` }),
    );

    // Assess
    const policy = JSON.parse(described.Policy ?? "null") as { Statement: Array<{ Resource: string }> };
    expect(described).toMatchObject({
      Name: projectBus,
      Arn: `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${projectBus}`,
    });
    expect(policy).toEqual(deployedPolicy(packaged));
    expect(policy.Statement.length).toBeGreaterThan(0);
    expect(new Set(policy.Statement.map((st) => st.Resource))).toEqual(new Set([described.Arn]));
    expect(byArn.Name).toBe(projectBus);
  });

  it("describes the default bus, without a policy, when no name is given", async () => {
    // Prepare
    const { client } = await startPackagedEventBridge();

    // Act
    const described = await client.send(new DescribeEventBusCommand({}));

    // Assess
    expect(described.Name).toBe("default");
    expect(described.Arn).toBe(`arn:aws:events:${REGION}:${ACCOUNT}:event-bus/default`);
    expect(described.Policy).toBeUndefined();
  });

  it("pages event buses with Limit and NextToken, and filters them by NamePrefix", async () => {
    // Prepare
    const { client, projectBus } = await startPackagedEventBridge();

    // Act
    const first = await client.send(new ListEventBusesCommand({ Limit: 1 }));
    const second = await client.send(new ListEventBusesCommand({ Limit: 1, NextToken: first.NextToken }));
    const prefixed = await client.send(new ListEventBusesCommand({ NamePrefix: projectBus.slice(0, 6) }));

    // Assess
    expect(first.EventBuses?.map((b) => b.Name)).toEqual(["default"]);
    expect(second.EventBuses?.map((b) => b.Name)).toEqual([projectBus]);
    expect(second.NextToken).toBeUndefined();
    expect(prefixed.EventBuses?.map((b) => b.Name)).toEqual([projectBus]);
  });

  it("answers ResourceNotFoundException (400) for a bus that does not exist", async () => {
    // Prepare
    const { client } = await startPackagedEventBridge();

    // Act
    const error = await failureOf(client.send(new DescribeEventBusCommand({ Name: "no-such-bus" })));

    // Assess
    expect({ name: error.name, status: error.$metadata.httpStatusCode, message: error.message }).toEqual({
      name: "ResourceNotFoundException",
      status: 400,
      message: "Event bus no-such-bus does not exist.",
    });
  });
});

describe("EventBridge ListTargetsByRule", () => {
  it("lists the packaged rule's target: the intake function's ARN, with no role and no transformer", async () => {
    // Prepare
    const { client, packaged, projectBus } = await startPackagedEventBridge();
    const rule = Object.values(packaged.Resources).find((r) => r.Type === "AWS::Events::Rule");
    const declared = ((rule?.Properties?.Targets ?? []) as Array<Record<string, unknown>>)[0];
    // The sandbox names functions by their serverless.yml key (its Lambda ARNs, as its state machines').
    const intake = "intake";

    // Act
    const { Targets } = await client.send(
      new ListTargetsByRuleCommand({ Rule: String(rule?.Properties?.Name), EventBusName: projectBus }),
    );

    // Assess
    expect(Targets).toEqual([
      {
        Id: declared?.Id,
        Arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${String(intake)}`,
      },
    ]);
  });

  it.each([
    [
      "a rule that does not exist on the bus",
      { Rule: "no-such-rule" },
      "Rule no-such-rule does not exist on EventBus default.",
    ],
    [
      "a bus that does not exist",
      { Rule: "any", EventBusName: "no-such-bus" },
      "Event bus no-such-bus does not exist.",
    ],
  ])("answers ResourceNotFoundException (400) for %s", async (_what, input, message) => {
    // Prepare
    const { client } = await startPackagedEventBridge();

    // Act
    const error = await failureOf(client.send(new ListTargetsByRuleCommand(input)));

    // Assess
    expect({ name: error.name, status: error.$metadata.httpStatusCode, message: error.message }).toEqual({
      name: "ResourceNotFoundException",
      status: 400,
      message,
    });
  });
});

describe("EventBridge of the sandbox", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox?.close());

  it("lists the default bus and the project's bus, and the project rule's target", async () => {
    // Prepare
    const client = new EventBridgeClient(sandbox.clientConfig());

    // Act
    const { EventBuses } = await client.send(new ListEventBusesCommand({}));
    const { Rules } = await client.send(new ListRulesCommand({ EventBusName: sandbox.eventBusName }));
    const { Targets } = await client.send(
      new ListTargetsByRuleCommand({ Rule: Rules?.[0]?.Name, EventBusName: sandbox.eventBusName }),
    );

    // Assess
    expect(EventBuses?.map((b) => b.Name)).toEqual(["default", sandbox.eventBusName]);
    expect(Targets?.map((t) => t.Arn)).toEqual([
      `arn:aws:lambda:${sandbox.region}:${sandbox.accountId}:function:intake`,
    ]);
  });
});

describe("EventBridge through an independent client (the Python aws CLI / botocore)", () => {
  /** Runs `aws events …` against the front door; async, as it serves from this process. */
  const aws = (url: string, args: string[]) =>
    awsCli({ endpoint: url, region: REGION, accessKeyId: ACCESS_KEY, secretAccessKey: "sandbox-secret" }).run(
      ["events", ...args],
    );

  it(`parses list-event-buses, describe-event-bus and list-targets-by-rule (${AWS_CLI_VERSION ?? "no AWS CLI"})`, async () => {
    // Prepare
    const { packaged, projectBus, url } = await startPackagedEventBridge();
    const rule = Object.values(packaged.Resources).find((r) => r.Type === "AWS::Events::Rule");

    // Act: one bus a page, following the NextToken the first page gives
    type Buses = { EventBuses: Array<{ Name: string }>; NextToken?: string };
    const first = JSON.parse((await aws(url, ["list-event-buses", "--limit", "1"])).stdout) as Buses;
    const second = JSON.parse(
      (await aws(url, ["list-event-buses", "--limit", "1", "--next-token", first.NextToken ?? ""])).stdout,
    ) as Buses;
    const described = JSON.parse((await aws(url, ["describe-event-bus", "--name", projectBus])).stdout) as {
      Name: string;
      Policy: string;
    };
    const targets = JSON.parse(
      (
        await aws(url, [
          "list-targets-by-rule",
          "--rule",
          String(rule?.Properties?.Name),
          "--event-bus-name",
          projectBus,
        ])
      ).stdout,
    ) as { Targets: Array<{ Id: string; Arn: string }> };

    // Assess
    expect([...first.EventBuses, ...second.EventBuses].map((b) => b.Name)).toEqual(["default", projectBus]);
    expect(second.NextToken).toBeUndefined();
    expect(described.Name).toBe(projectBus);
    expect(JSON.parse(described.Policy)).toEqual(deployedPolicy(packaged));
    expect(targets.Targets.map((t) => t.Arn)).toEqual([
      `arn:aws:lambda:${REGION}:${ACCOUNT}:function:intake`,
    ]);
  });

  it("reports a numeric bound that overflows a double as botocore reports AWS's InvalidEventPatternException", async () => {
    // Prepare
    const { url } = await startPackagedEventBridge();
    const event = JSON.stringify({
      id: "1",
      account: ACCOUNT,
      source: "s",
      time: "2026-12-02T10:00:00Z",
      region: REGION,
      "detail-type": "d",
      detail: { count: 1 },
    });

    // Act
    const failure = await aws(url, [
      "test-event-pattern",
      "--event-pattern",
      '{"detail": {"count": [{"numeric": ["<", 1E309]}]}}',
      "--event",
      event,
    ]).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );

    // Assess
    expect(failure?.code).toBeGreaterThan(0);
    expect(failure?.stderr?.trim()).toBe(
      "An error occurred (InvalidEventPatternException) when calling the TestEventPattern operation: Event pattern is not valid. Reason: Cannot compare number : 1E309",
    );
  });
});
