import { execFile } from "node:child_process";
import { promisify } from "node:util";
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
  type SFNServiceException,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from "vitest";
import { iamUserIdentity, MemoryIdentityStore } from "../../sandbox/emulator/identities.ts";
import { startFrontDoor } from "../../sandbox/emulator/server.ts";
import type { Sandbox } from "../../sandbox/sandbox.ts";
import { definitionsFromTemplate, type LoadedDefinition } from "../../sandbox/stepfunctions/definitions.ts";
import { statesOf, toAwsHistory } from "../../sandbox/stepfunctions/history.ts";
import { type LambdaHandler, LocalStepFunctions } from "../../sandbox/stepfunctions/local-sfn.ts";
import { StepFunctionsService } from "../../sandbox/stepfunctions/service.ts";
import { readTemplate } from "../../sandbox/template.ts";
import { AWS_CLI_VERSION, awsCli, MISSING_BOTO3, PYTHON_WITH_BOTO3 } from "../support/aws-cli.ts";
import { startTestSandbox } from "../support/sandbox.ts";

const ACCOUNT = "111122223333";
const REGION = "eu-west-1";
const ACCESS_KEY = "AKIASFNFIDELITYTEST1";
const MACHINE = "greeter";
const MACHINE_ARN = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${MACHINE}`;

/**
 * A tiny workflow: a Task bound to the local function `greet`, retried on `RetryableError`, caught
 * on `ForbiddenError` into a Fail state, and a Pass state to finish.
 */
const GREETER: LoadedDefinition = {
  definition: {
    StartAt: "Greet",
    States: {
      Greet: {
        Type: "Task",
        Resource: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:greet`,
        Retry: [{ ErrorEquals: ["RetryableError"], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2 }],
        Catch: [{ ErrorEquals: ["ForbiddenError"], ResultPath: "$.error", Next: "Refuse" }],
        Next: "Done",
      },
      Refuse: { Type: "Fail", Error: "GreetingRefused", Cause: "The greeter refused to greet." },
      Done: { Type: "Pass", End: true },
    },
  },
  taskFunctions: { Greet: "greet" },
};

const greetByName: LambdaHandler = async (event) => ({
  greeting: `Hello, ${(event as { who: string }).who}!`,
});

function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** A function that waits until the test opens the gate: its execution stays RUNNING until then. */
function gatedGreet(): { greet: LambdaHandler; open(): void } {
  let open = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    greet: async (event) => {
      await gate;
      return greetByName(event, {});
    },
    open: () => open(),
  };
}

/**
 * A front door with Step Functions over a local interpreter that runs GREETER with `greet`, as
 * the state machine `greeter` and any `others` named.
 */
async function startStepFunctions(greet: LambdaHandler = greetByName, others: string[] = []) {
  const sfn = new LocalStepFunctions({
    region: REGION,
    accountId: ACCOUNT,
    functions: { greet },
    retryTimeScale: 0.001,
  });
  const stateMachineArn = sfn.registerStateMachine(MACHINE, GREETER);
  const machines = [
    { name: MACHINE, arn: stateMachineArn },
    ...others.map((name) => ({ name, arn: sfn.registerStateMachine(name, GREETER) })),
  ];
  const identities = new MemoryIdentityStore();
  identities.register(iamUserIdentity(ACCOUNT, ACCESS_KEY, "platform-admin"), {
    secretAccessKey: "sandbox-secret",
  });
  const door = await startFrontDoor({
    services: [new StepFunctionsService(sfn, () => machines)],
    identities,
    accountId: ACCOUNT,
  });
  onTestFinished(() => door.close());
  const client = new SFNClient({
    endpoint: door.url,
    region: REGION,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: "sandbox-secret" },
    maxAttempts: 1,
  });
  return { client, sfn, stateMachineArn, url: door.url };
}

async function failureOf(promise: Promise<unknown>): Promise<SFNServiceException> {
  try {
    await promise;
  } catch (error) {
    return error as SFNServiceException;
  }
  throw new Error("expected the call to fail");
}

const summary = (error: SFNServiceException) => ({
  name: error.name,
  status: error.$metadata.httpStatusCode,
  message: error.message,
});

describe("Step Functions StartExecution", () => {
  it("answers with the execution ARN in AWS's format and the start date", async () => {
    // Prepare
    const { client, sfn, stateMachineArn } = await startStepFunctions();

    // Act
    const started = await client.send(
      new StartExecutionCommand({ stateMachineArn, name: "grant-42", input: '{"who":"team-a"}' }),
    );
    await sfn.waitForExecution(started.executionArn ?? "");

    // Assess
    expect(stateMachineArn).toBe(MACHINE_ARN);
    expect(started.executionArn).toBe(`arn:aws:states:${REGION}:${ACCOUNT}:execution:${MACHINE}:grant-42`);
    expect(started.startDate).toBeInstanceOf(Date);
  });

  it("names an execution started without a name with a UUID", async () => {
    // Prepare
    const { client, sfn, stateMachineArn } = await startStepFunctions();

    // Act
    const started = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"who":"x"}' }));
    await sfn.waitForExecution(started.executionArn ?? "");

    // Assess
    expect(started.executionArn).toMatch(
      new RegExp(
        `^arn:aws:states:${REGION}:${ACCOUNT}:execution:${MACHINE}:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`,
      ),
    );
  });

  it("returns the running execution again for the same name and the same input", async () => {
    // Prepare
    const gated = gatedGreet();
    const { client, sfn, stateMachineArn } = await startStepFunctions(gated.greet);
    const request = { stateMachineArn, name: "grant-7", input: '{"who":"team-a"}' };
    const first = await client.send(new StartExecutionCommand(request));

    // Act
    const second = await client.send(new StartExecutionCommand(request));

    // Assess
    expect(second.executionArn).toBe(first.executionArn);
    expect(second.startDate).toEqual(first.startDate);
    const { executions } = await client.send(new ListExecutionsCommand({ stateMachineArn }));
    expect(executions?.map((e) => e.name)).toEqual(["grant-7"]);
    gated.open();
    await sfn.waitForExecution(first.executionArn ?? "");
  });

  it("refuses the name of a running execution with a different input: ExecutionAlreadyExists (400)", async () => {
    // Prepare
    const gated = gatedGreet();
    const { client, sfn, stateMachineArn } = await startStepFunctions(gated.greet);
    const first = await client.send(
      new StartExecutionCommand({ stateMachineArn, name: "grant-7", input: '{"who":"team-a"}' }),
    );

    // Act
    const error = await failureOf(
      client.send(new StartExecutionCommand({ stateMachineArn, name: "grant-7", input: '{"who":"team-b"}' })),
    );

    // Assess
    expect(summary(error)).toEqual({
      name: "ExecutionAlreadyExists",
      status: 400,
      message: `Execution Already Exists: '${first.executionArn}'`,
    });
    gated.open();
    await sfn.waitForExecution(first.executionArn ?? "");
  });

  it("refuses the name of a finished execution even with the same input: ExecutionAlreadyExists (400)", async () => {
    // Prepare
    const { client, sfn, stateMachineArn } = await startStepFunctions();
    const request = { stateMachineArn, name: "grant-7", input: '{"who":"team-a"}' };
    const first = await client.send(new StartExecutionCommand(request));
    await sfn.waitForExecution(first.executionArn ?? "");

    // Act
    const error = await failureOf(client.send(new StartExecutionCommand(request)));

    // Assess
    expect(summary(error)).toEqual({
      name: "ExecutionAlreadyExists",
      status: 400,
      message: `Execution Already Exists: '${first.executionArn}'`,
    });
  });

  it.each([
    ["whitespace", "grant 7"],
    ["a slash", "team/grant"],
    ["a wildcard", "grant-*"],
    ["a bracket", "grant[7]"],
  ])("rejects a name containing %s with InvalidName (400)", async (_what, name) => {
    // Prepare
    const { client, stateMachineArn } = await startStepFunctions();

    // Act
    const error = await failureOf(
      client.send(new StartExecutionCommand({ stateMachineArn, name, input: "{}" })),
    );

    // Assess
    expect(summary(error)).toEqual({ name: "InvalidName", status: 400, message: `Invalid Name: '${name}'` });
  });

  it("answers StateMachineDoesNotExist (400) for a state machine that does not exist", async () => {
    // Prepare
    const { client } = await startStepFunctions();
    const unknown = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:no-such-machine`;

    // Act
    const error = await failureOf(client.send(new StartExecutionCommand({ stateMachineArn: unknown })));

    // Assess
    expect(summary(error)).toEqual({
      name: "StateMachineDoesNotExist",
      status: 400,
      message: `State Machine Does Not Exist: '${unknown}'`,
    });
  });

  it("answers InvalidExecutionInput (400) for input that is not JSON", async () => {
    // Prepare
    const { client, stateMachineArn } = await startStepFunctions();

    // Act
    const error = await failureOf(
      client.send(new StartExecutionCommand({ stateMachineArn, name: "x", input: "{who: team-a}" })),
    );

    // Assess
    expect({ name: error.name, status: error.$metadata.httpStatusCode }).toEqual({
      name: "InvalidExecutionInput",
      status: 400,
    });
    expect(error.message).toMatch(/^Invalid State Machine Execution Input: '.+'$/);
  });
});

describe("Step Functions DescribeExecution", () => {
  it("describes a succeeded execution with its input, its output and Date start and stop dates", async () => {
    // Prepare
    const { client, sfn, stateMachineArn } = await startStepFunctions();
    const started = await client.send(
      new StartExecutionCommand({ stateMachineArn, name: "grant-1", input: '{"who":"team-a"}' }),
    );
    await sfn.waitForExecution(started.executionArn ?? "");

    // Act
    const described = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));

    // Assess
    expect(described).toMatchObject({
      executionArn: started.executionArn,
      stateMachineArn,
      name: "grant-1",
      status: "SUCCEEDED",
      input: '{"who":"team-a"}',
      startDate: started.startDate,
    });
    expect(JSON.parse(described.output ?? "null")).toEqual({ greeting: "Hello, team-a!" });
    expect(described.stopDate).toBeInstanceOf(Date);
    expect(described.stopDate?.getTime()).toBeGreaterThanOrEqual(described.startDate?.getTime() ?? Infinity);
    expect(described.error).toBeUndefined();
    expect(described.cause).toBeUndefined();
  });

  it("describes a running execution as RUNNING, without output or stop date", async () => {
    // Prepare
    const gated = gatedGreet();
    const { client, sfn, stateMachineArn } = await startStepFunctions(gated.greet);
    const started = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"who":"x"}' }));

    // Act
    const described = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));

    // Assess
    expect(described.status).toBe("RUNNING");
    expect(described.output).toBeUndefined();
    expect(described.stopDate).toBeUndefined();
    gated.open();
    await sfn.waitForExecution(started.executionArn ?? "");
  });

  it("describes a Lambda failure: error is the error's name, cause the JSON {errorType, errorMessage, trace}", async () => {
    // Prepare
    const { client, sfn, stateMachineArn } = await startStepFunctions(async () => {
      throw namedError("PermanentError", "The role name is taken by another team.");
    });
    const started = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"who":"x"}' }));
    await sfn.waitForExecution(started.executionArn ?? "");

    // Act
    const described = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));

    // Assess
    expect(described.status).toBe("FAILED");
    expect(described.error).toBe("PermanentError");
    const cause = JSON.parse(described.cause ?? "null") as Record<string, unknown>;
    expect(Object.keys(cause).sort()).toEqual(["errorMessage", "errorType", "trace"]);
    expect(cause).toMatchObject({
      errorType: "PermanentError",
      errorMessage: "The role name is taken by another team.",
    });
    expect(cause.trace).toEqual(expect.arrayContaining([expect.stringContaining("PermanentError")]));
    expect(described.output).toBeUndefined();
    expect(described.stopDate).toBeInstanceOf(Date);
  });

  it("describes a Fail state reached through a Catch on the error's name with the state's Error and Cause", async () => {
    // Prepare
    const { client, sfn, stateMachineArn } = await startStepFunctions(async () => {
      throw namedError("ForbiddenError", "not allowed");
    });
    const started = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"who":"x"}' }));
    await sfn.waitForExecution(started.executionArn ?? "");

    // Act
    const described = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));

    // Assess
    expect(described).toMatchObject({
      status: "FAILED",
      error: "GreetingRefused",
      cause: "The greeter refused to greet.",
    });
  });

  it("answers ExecutionDoesNotExist (400) for an execution that does not exist", async () => {
    // Prepare
    const { client } = await startStepFunctions();
    const unknown = `arn:aws:states:${REGION}:${ACCOUNT}:execution:${MACHINE}:never-started`;

    // Act
    const error = await failureOf(client.send(new DescribeExecutionCommand({ executionArn: unknown })));

    // Assess
    expect(summary(error)).toEqual({
      name: "ExecutionDoesNotExist",
      status: 400,
      message: `Execution Does Not Exist: '${unknown}'`,
    });
  });
});

describe("Step Functions Retry", () => {
  it("retries an error whose name a Retry lists, and succeeds on the next attempt", async () => {
    // Prepare
    let attempts = 0;
    const { client, sfn, stateMachineArn } = await startStepFunctions(async (event, context) => {
      attempts++;
      if (attempts === 1) throw namedError("RetryableError", "IAM has not propagated the role yet");
      return greetByName(event, context);
    });

    // Act
    const started = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"who":"x"}' }));
    await sfn.waitForExecution(started.executionArn ?? "");

    // Assess
    const described = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    expect(attempts).toBe(2);
    expect(described.status).toBe("SUCCEEDED");
  });

  it("gives up after MaxAttempts retries and fails with the retried error", async () => {
    // Prepare
    let attempts = 0;
    const { client, sfn, stateMachineArn } = await startStepFunctions(async () => {
      attempts++;
      throw namedError("RetryableError", "still throttled");
    });

    // Act
    const started = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"who":"x"}' }));
    await sfn.waitForExecution(started.executionArn ?? "");

    // Assess
    const described = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    expect(attempts).toBe(3);
    expect(described).toMatchObject({ status: "FAILED", error: "RetryableError" });
  });

  it("does not retry an error whose name no Retry lists", async () => {
    // Prepare
    let attempts = 0;
    const { client, sfn, stateMachineArn } = await startStepFunctions(async () => {
      attempts++;
      throw namedError("PermanentError", "no");
    });

    // Act
    const started = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"who":"x"}' }));
    await sfn.waitForExecution(started.executionArn ?? "");

    // Assess
    const described = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    expect(attempts).toBe(1);
    expect(described).toMatchObject({ status: "FAILED", error: "PermanentError" });
  });
});

describe("Step Functions ListExecutions", () => {
  it("lists a state machine's executions newest first, without their input or output", async () => {
    // Prepare
    const { client, sfn, stateMachineArn } = await startStepFunctions();
    for (const name of ["first", "second", "third"]) {
      const { executionArn } = await client.send(
        new StartExecutionCommand({ stateMachineArn, name, input: '{"who":"x"}' }),
      );
      await sfn.waitForExecution(executionArn ?? "");
    }

    // Act
    const { executions } = await client.send(new ListExecutionsCommand({ stateMachineArn }));

    // Assess
    expect(executions?.map((e) => e.name)).toEqual(["third", "second", "first"]);
    expect(executions?.[0]).toMatchObject({
      executionArn: `arn:aws:states:${REGION}:${ACCOUNT}:execution:${MACHINE}:third`,
      stateMachineArn,
      status: "SUCCEEDED",
      startDate: expect.any(Date),
      stopDate: expect.any(Date),
    });
    expect(executions?.[0]).not.toHaveProperty("input");
    expect(executions?.[0]).not.toHaveProperty("output");
  });

  it("filters executions by status", async () => {
    // Prepare
    const { client, sfn, stateMachineArn } = await startStepFunctions(async (event, context) => {
      if ((event as { fail?: boolean }).fail) throw namedError("PermanentError", "no");
      return greetByName(event, context);
    });
    for (const [name, input] of [
      ["ok-1", '{"who":"a"}'],
      ["broken", '{"who":"b","fail":true}'],
      ["ok-2", '{"who":"c"}'],
    ] as const) {
      const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, name, input }));
      await sfn.waitForExecution(executionArn ?? "");
    }

    // Act
    const failed = await client.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: "FAILED" }));
    const succeeded = await client.send(
      new ListExecutionsCommand({ stateMachineArn, statusFilter: "SUCCEEDED" }),
    );

    // Assess
    expect(failed.executions?.map((e) => [e.name, e.status])).toEqual([["broken", "FAILED"]]);
    expect(succeeded.executions?.map((e) => e.name)).toEqual(["ok-2", "ok-1"]);
  });

  it("answers StateMachineDoesNotExist (400) for the executions of a state machine that does not exist", async () => {
    // Prepare
    const { client } = await startStepFunctions();
    const unknown = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:no-such-machine`;

    // Act
    const error = await failureOf(client.send(new ListExecutionsCommand({ stateMachineArn: unknown })));

    // Assess
    expect(summary(error)).toEqual({
      name: "StateMachineDoesNotExist",
      status: 400,
      message: `State Machine Does Not Exist: '${unknown}'`,
    });
  });
});

describe("Step Functions GetExecutionHistory", () => {
  const stateEntered = (events: HistoryEvent[]) =>
    events.filter((e) => e.stateEnteredEventDetails).map((e) => e.stateEnteredEventDetails?.name);

  it("records the start with the input, each state entered, and the success with the output", async () => {
    // Prepare
    const { client, sfn, stateMachineArn } = await startStepFunctions();
    const started = await client.send(
      new StartExecutionCommand({ stateMachineArn, input: '{"who":"team-a"}' }),
    );
    await sfn.waitForExecution(started.executionArn ?? "");

    // Act
    const { events = [] } = await client.send(
      new GetExecutionHistoryCommand({ executionArn: started.executionArn }),
    );

    // Assess
    expect(events.map((e) => e.id)).toEqual(events.map((_, index) => index + 1));
    expect(events.every((e) => e.timestamp instanceof Date)).toBe(true);
    const times = events.map((e) => e.timestamp?.getTime() ?? Number.NaN);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(events[0]).toMatchObject({
      type: "ExecutionStarted",
      executionStartedEventDetails: { input: '{"who":"team-a"}' },
    });
    expect(stateEntered(events)).toEqual(["Greet", "Done"]);
    const last = events.at(-1);
    expect(last?.type).toBe("ExecutionSucceeded");
    expect(JSON.parse(last?.executionSucceededEventDetails?.output ?? "null")).toEqual({
      greeting: "Hello, team-a!",
    });
  });

  it("ends a failed execution's history with ExecutionFailed carrying the error and cause", async () => {
    // Prepare
    const { client, sfn, stateMachineArn } = await startStepFunctions(async () => {
      throw namedError("ForbiddenError", "not allowed");
    });
    const started = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"who":"x"}' }));
    await sfn.waitForExecution(started.executionArn ?? "");

    // Act
    const { events = [] } = await client.send(
      new GetExecutionHistoryCommand({ executionArn: started.executionArn }),
    );

    // Assess
    expect(stateEntered(events)).toEqual(["Greet", "Refuse"]);
    expect(events.at(-1)).toMatchObject({
      type: "ExecutionFailed",
      executionFailedEventDetails: { error: "GreetingRefused", cause: "The greeter refused to greet." },
    });
  });

  it("returns the newest event first when asked for reverse order", async () => {
    // Prepare
    const { client, sfn, stateMachineArn } = await startStepFunctions();
    const started = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"who":"x"}' }));
    await sfn.waitForExecution(started.executionArn ?? "");

    // Act
    const { events = [] } = await client.send(
      new GetExecutionHistoryCommand({ executionArn: started.executionArn, reverseOrder: true }),
    );

    // Assess
    expect(events[0]?.type).toBe("ExecutionSucceeded");
    expect(events.at(-1)?.type).toBe("ExecutionStarted");
    expect(events[0]?.id).toBe(events.length);
  });

  it("answers ExecutionDoesNotExist (400) for the history of an execution that does not exist", async () => {
    // Prepare
    const { client } = await startStepFunctions();
    const unknown = `arn:aws:states:${REGION}:${ACCOUNT}:execution:${MACHINE}:never-started`;

    // Act
    const error = await failureOf(client.send(new GetExecutionHistoryCommand({ executionArn: unknown })));

    // Assess
    expect(summary(error)).toEqual({
      name: "ExecutionDoesNotExist",
      status: 400,
      message: `Execution Does Not Exist: '${unknown}'`,
    });
  });
});

describe("Step Functions GetExecutionHistory: AWS's event types", () => {
  const typesOf = (events: HistoryEvent[]) => events.map((e) => e.type);

  it("reports a Lambda Task as TaskStateEntered, LambdaFunctionScheduled/Started/Succeeded and TaskStateExited, with their details", async () => {
    // Prepare
    const { client, sfn, stateMachineArn } = await startStepFunctions();
    const started = await client.send(
      new StartExecutionCommand({ stateMachineArn, input: '{"who":"team-a"}' }),
    );
    await sfn.waitForExecution(started.executionArn ?? "");

    // Act
    const { events = [] } = await client.send(
      new GetExecutionHistoryCommand({ executionArn: started.executionArn }),
    );

    // Assess
    expect(typesOf(events)).toEqual([
      "ExecutionStarted",
      "TaskStateEntered",
      "LambdaFunctionScheduled",
      "LambdaFunctionStarted",
      "LambdaFunctionSucceeded",
      "TaskStateExited",
      "PassStateEntered",
      "PassStateExited",
      "ExecutionSucceeded",
    ]);
    expect(events.map((e) => e.previousEventId)).toEqual([0, 0, 2, 3, 4, 5, 6, 7, 8]);
    expect(events[0]?.executionStartedEventDetails).toEqual({
      input: '{"who":"team-a"}',
      inputDetails: { truncated: false },
      roleArn: `arn:aws:iam::${ACCOUNT}:role/${MACHINE}-role`,
    });
    expect(events[1]?.stateEnteredEventDetails).toEqual({
      name: "Greet",
      input: '{"who":"team-a"}',
      inputDetails: { truncated: false },
    });
    expect(events[2]?.lambdaFunctionScheduledEventDetails).toEqual({
      resource: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:greet`,
      input: '{"who":"team-a"}',
      inputDetails: { truncated: false },
    });
    expect(events[4]?.lambdaFunctionSucceededEventDetails).toEqual({
      output: '{"greeting":"Hello, team-a!"}',
      outputDetails: { truncated: false },
    });
    expect(events[5]?.stateExitedEventDetails).toEqual({
      name: "Greet",
      output: '{"greeting":"Hello, team-a!"}',
      outputDetails: { truncated: false },
    });
    expect(events.some((e) => (e.type as string).startsWith("State"))).toBe(false);
  });

  it("reports each retried attempt: LambdaFunctionFailed, then the next attempt's LambdaFunctionScheduled", async () => {
    // Prepare
    let attempts = 0;
    const { client, sfn, stateMachineArn } = await startStepFunctions(async (event, context) => {
      attempts++;
      if (attempts === 1) throw namedError("RetryableError", "busy");
      return greetByName(event, context);
    });
    const started = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"who":"x"}' }));
    await sfn.waitForExecution(started.executionArn ?? "");

    // Act
    const { events = [] } = await client.send(
      new GetExecutionHistoryCommand({ executionArn: started.executionArn }),
    );

    // Assess
    expect(typesOf(events).slice(1, 9)).toEqual([
      "TaskStateEntered",
      "LambdaFunctionScheduled",
      "LambdaFunctionStarted",
      "LambdaFunctionFailed",
      "LambdaFunctionScheduled",
      "LambdaFunctionStarted",
      "LambdaFunctionSucceeded",
      "TaskStateExited",
    ]);
    const failed = events[4]?.lambdaFunctionFailedEventDetails;
    expect(failed?.error).toBe("RetryableError");
    expect(JSON.parse(failed?.cause ?? "{}")).toMatchObject({
      errorType: "RetryableError",
      errorMessage: "busy",
    });
  });

  it("exits a Task whose failure a Catch handles, and ends at a Fail state without an exit event", async () => {
    // Prepare
    const { client, sfn, stateMachineArn } = await startStepFunctions(async () => {
      throw namedError("ForbiddenError", "not allowed");
    });
    const started = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"who":"x"}' }));
    await sfn.waitForExecution(started.executionArn ?? "");

    // Act
    const { events = [] } = await client.send(
      new GetExecutionHistoryCommand({ executionArn: started.executionArn }),
    );

    // Assess
    expect(typesOf(events)).toEqual([
      "ExecutionStarted",
      "TaskStateEntered",
      "LambdaFunctionScheduled",
      "LambdaFunctionStarted",
      "LambdaFunctionFailed",
      "TaskStateExited",
      "FailStateEntered",
      "ExecutionFailed",
    ]);
    expect(JSON.parse(events[5]?.stateExitedEventDetails?.output ?? "{}").error.Error).toBe("ForbiddenError");
  });

  it("ends a Task whose failure nothing handles with LambdaFunctionFailed and ExecutionFailed", async () => {
    // Prepare
    const { client, sfn, stateMachineArn } = await startStepFunctions(async () => {
      throw namedError("PermanentError", "broken");
    });
    const started = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"who":"x"}' }));
    await sfn.waitForExecution(started.executionArn ?? "");

    // Act
    const { events = [] } = await client.send(
      new GetExecutionHistoryCommand({ executionArn: started.executionArn }),
    );

    // Assess
    expect(typesOf(events).slice(-2)).toEqual(["LambdaFunctionFailed", "ExecutionFailed"]);
    expect(events.at(-1)?.executionFailedEventDetails?.error).toBe("PermanentError");
  });

  it("reports a service-integration Task as TaskScheduled, TaskStarted and TaskSucceeded or TaskFailed", () => {
    // Prepare: the interpreter's log of a Task on arn:aws:states:::dynamodb:putItem, retried once
    const states = statesOf({
      StartAt: "Put",
      States: { Put: { Type: "Task", Resource: "arn:aws:states:::dynamodb:putItem", End: true } },
    });
    const t = 1_700_000_000_000;
    const source = {
      input: "{}",
      output: "{}",
      roleArn: "arn:aws:iam::111122223333:role/r",
      region: REGION,
      states,
      events: [
        { type: "ExecutionStarted", timestamp: t },
        { type: "StateEntered", timestamp: t + 1, stateName: "Put", stateType: "Task", input: {} },
        {
          type: "StateFailed",
          timestamp: t + 3,
          stateName: "Put",
          stateType: "Task",
          error: "E",
          cause: "c",
        },
        { type: "StateRetried", timestamp: t + 4, stateName: "Put", stateType: "Task" },
        { type: "StateExited", timestamp: t + 6, stateName: "Put", stateType: "Task", output: {} },
        { type: "ExecutionSucceeded", timestamp: t + 7 },
      ],
      calls: [
        {
          stateName: "Put",
          input: { TableName: "t" },
          scheduledAt: t + 2,
          endedAt: t + 3,
          error: "E",
          cause: "c",
        },
        {
          stateName: "Put",
          input: { TableName: "t" },
          scheduledAt: t + 5,
          endedAt: t + 6,
          output: { ok: 1 },
        },
      ],
    };

    // Act
    const events = toAwsHistory(source);

    // Assess
    expect(events.map((e) => e.type)).toEqual([
      "ExecutionStarted",
      "TaskStateEntered",
      "TaskScheduled",
      "TaskStarted",
      "TaskFailed",
      "TaskScheduled",
      "TaskStarted",
      "TaskSucceeded",
      "TaskStateExited",
      "ExecutionSucceeded",
    ]);
    expect(events[2]?.taskScheduledEventDetails).toEqual({
      resourceType: "dynamodb",
      resource: "putItem",
      region: REGION,
      parameters: '{"TableName":"t"}',
    });
    expect(events[4]?.taskFailedEventDetails).toEqual({
      resourceType: "dynamodb",
      resource: "putItem",
      error: "E",
      cause: "c",
    });
    expect(events[7]?.taskSucceededEventDetails).toMatchObject({ output: '{"ok":1}' });
  });

  it("leaves inputs and outputs out when includeExecutionData is false", async () => {
    // Prepare
    const { client, sfn, stateMachineArn } = await startStepFunctions();
    const started = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"who":"x"}' }));
    await sfn.waitForExecution(started.executionArn ?? "");

    // Act
    const { events = [] } = await client.send(
      new GetExecutionHistoryCommand({ executionArn: started.executionArn, includeExecutionData: false }),
    );

    // Assess
    expect(events[0]?.executionStartedEventDetails).toEqual({
      inputDetails: { truncated: false },
      roleArn: `arn:aws:iam::${ACCOUNT}:role/${MACHINE}-role`,
    });
    expect(events[1]?.stateEnteredEventDetails).toEqual({
      name: "Greet",
      inputDetails: { truncated: false },
    });
    expect(JSON.stringify(events)).not.toContain("Hello");
  });
});

describe("Step Functions paging (maxResults, nextToken)", () => {
  it("pages an execution's history with opaque tokens, each page in order and none repeated", async () => {
    // Prepare
    const { client, sfn, stateMachineArn } = await startStepFunctions();
    const started = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"who":"x"}' }));
    await sfn.waitForExecution(started.executionArn ?? "");
    const all = (await client.send(new GetExecutionHistoryCommand({ executionArn: started.executionArn })))
      .events;

    // Act
    const pages: HistoryEvent[][] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new GetExecutionHistoryCommand({ executionArn: started.executionArn, maxResults: 4, nextToken }),
      );
      pages.push(page.events ?? []);
      nextToken = page.nextToken;
    } while (nextToken);

    // Assess
    expect(pages.map((p) => p.length)).toEqual([4, 4, 1]);
    expect(pages.flat()).toEqual(all);
  });

  it("pages executions newest first, and one started while paging neither repeats nor shifts the pages", async () => {
    // Prepare
    const { client, sfn, stateMachineArn } = await startStepFunctions();
    const start = async (name: string) => {
      const { executionArn } = await client.send(
        new StartExecutionCommand({ stateMachineArn, name, input: '{"who":"x"}' }),
      );
      await sfn.waitForExecution(executionArn ?? "");
    };
    for (const name of ["e1", "e2", "e3", "e4", "e5"]) await start(name);

    // Act
    const first = await client.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 2 }));
    await start("e6");
    const second = await client.send(
      new ListExecutionsCommand({ stateMachineArn, maxResults: 2, nextToken: first.nextToken }),
    );
    const third = await client.send(
      new ListExecutionsCommand({ stateMachineArn, maxResults: 2, nextToken: second.nextToken }),
    );

    // Assess
    expect(first.executions?.map((e) => e.name)).toEqual(["e5", "e4"]);
    expect(second.executions?.map((e) => e.name)).toEqual(["e3", "e2"]);
    expect(third.executions?.map((e) => e.name)).toEqual(["e1"]);
    expect(third.nextToken).toBeUndefined();
    expect(first.executions?.[0]?.redriveCount).toBe(0);
  });

  it("pages state machines, each with its real creation date", async () => {
    // Prepare
    const before = Date.now();
    const { client } = await startStepFunctions(greetByName, ["second-machine", "third-machine"]);
    const after = Date.now();

    // Act
    const first = await client.send(new ListStateMachinesCommand({ maxResults: 2 }));
    const second = await client.send(
      new ListStateMachinesCommand({ maxResults: 2, nextToken: first.nextToken }),
    );

    // Assess
    expect(first.stateMachines?.map((m) => m.name)).toEqual([MACHINE, "second-machine"]);
    expect(second.stateMachines?.map((m) => m.name)).toEqual(["third-machine"]);
    expect(second.nextToken).toBeUndefined();
    for (const m of [...(first.stateMachines ?? []), ...(second.stateMachines ?? [])]) {
      expect(m.type).toBe("STANDARD");
      expect(m.creationDate?.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
      expect(m.creationDate?.getTime()).toBeLessThanOrEqual(after);
    }
  });

  it.each([
    ["that is not a token", "not-a-token"],
    ["issued for another listing", "ANOTHER-LISTING"],
  ])("answers InvalidToken (400) for a nextToken %s", async (_what, token) => {
    // Prepare
    const { client, sfn, stateMachineArn } = await startStepFunctions();
    for (const name of ["a", "b"]) {
      const { executionArn } = await client.send(
        new StartExecutionCommand({ stateMachineArn, name, input: '{"who":"x"}' }),
      );
      await sfn.waitForExecution(executionArn ?? "");
    }
    const history = await client.send(
      new GetExecutionHistoryCommand({
        executionArn: `arn:aws:states:${REGION}:${ACCOUNT}:execution:${MACHINE}:a`,
        maxResults: 1,
      }),
    );
    const nextToken = token === "ANOTHER-LISTING" ? history.nextToken : token;

    // Act
    const error = await failureOf(client.send(new ListExecutionsCommand({ stateMachineArn, nextToken })));

    // Assess
    expect(summary(error)).toEqual({
      name: "InvalidToken",
      status: 400,
      message: "Invalid Token: 'Invalid token'",
    });
  });

  it("answers ValidationException (400) for maxResults above 1000", async () => {
    // Prepare
    const { client, stateMachineArn } = await startStepFunctions();

    // Act
    const error = await failureOf(
      client.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1001 })),
    );

    // Assess
    expect(summary(error)).toEqual({
      name: "ValidationException",
      status: 400,
      message:
        "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
    });
  });
});

describe("Step Functions DescribeExecution: input, output and redrive details", () => {
  it("marks a succeeded execution's data as included, not redriven and NOT_REDRIVABLE", async () => {
    // Prepare
    const { client, sfn, stateMachineArn } = await startStepFunctions();
    const started = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"who":"x"}' }));
    await sfn.waitForExecution(started.executionArn ?? "");

    // Act
    const described = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));

    // Assess
    expect(described).toMatchObject({
      inputDetails: { included: true },
      outputDetails: { included: true },
      redriveCount: 0,
      redriveStatus: "NOT_REDRIVABLE",
      redriveStatusReason: "Execution is SUCCEEDED and cannot be redriven",
    });
  });

  it("reports a running execution as NOT_REDRIVABLE without output details", async () => {
    // Prepare
    const gated = gatedGreet();
    const { client, sfn, stateMachineArn } = await startStepFunctions(gated.greet);
    const started = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"who":"x"}' }));

    // Act
    const described = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));

    // Assess
    expect(described).toMatchObject({
      inputDetails: { included: true },
      redriveCount: 0,
      redriveStatus: "NOT_REDRIVABLE",
      redriveStatusReason: "Execution is RUNNING and cannot be redriven",
    });
    expect(described.outputDetails).toBeUndefined();
    gated.open();
    await sfn.waitForExecution(started.executionArn ?? "");
  });

  it("reports a failed execution as REDRIVABLE, without a reason", async () => {
    // Prepare
    const { client, sfn, stateMachineArn } = await startStepFunctions(async () => {
      throw namedError("PermanentError", "no");
    });
    const started = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"who":"x"}' }));
    await sfn.waitForExecution(started.executionArn ?? "");

    // Act
    const described = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));

    // Assess
    expect(described).toMatchObject({ status: "FAILED", redriveCount: 0, redriveStatus: "REDRIVABLE" });
    expect(described.redriveStatusReason).toBeUndefined();
    expect(described.outputDetails).toBeUndefined();
  });
});

describe("Step Functions DescribeStateMachine", () => {
  it("describes a state machine with its definition, role, type and creation date", async () => {
    // Prepare
    const before = Date.now();
    const { client, stateMachineArn } = await startStepFunctions();

    // Act
    const described = await client.send(new DescribeStateMachineCommand({ stateMachineArn }));

    // Assess
    expect(described).toMatchObject({
      stateMachineArn,
      name: MACHINE,
      status: "ACTIVE",
      type: "STANDARD",
      roleArn: `arn:aws:iam::${ACCOUNT}:role/${MACHINE}-role`,
      loggingConfiguration: { level: "OFF", includeExecutionData: false },
      tracingConfiguration: { enabled: false },
    });
    expect(JSON.parse(described.definition ?? "null")).toEqual(GREETER.definition);
    expect(described.creationDate?.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
  });

  it("answers StateMachineDoesNotExist (400) for a state machine that does not exist", async () => {
    // Prepare
    const { client } = await startStepFunctions();
    const unknown = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:nothing-here`;

    // Act
    const error = await failureOf(client.send(new DescribeStateMachineCommand({ stateMachineArn: unknown })));

    // Assess
    expect(summary(error)).toEqual({
      name: "StateMachineDoesNotExist",
      status: 400,
      message: `State Machine Does Not Exist: '${unknown}'`,
    });
  });
});

describe("Step Functions snapshot and restore (npm start --state-file)", () => {
  it("brings back finished executions and their histories in a new interpreter, and leaves out running ones", async () => {
    // Prepare
    const gated = gatedGreet();
    let greet: LambdaHandler = greetByName;
    const before = await startStepFunctions((event, context) => greet(event, context));
    const done = await before.client.send(
      new StartExecutionCommand({
        stateMachineArn: before.stateMachineArn,
        name: "done",
        input: '{"who":"x"}',
      }),
    );
    await before.sfn.waitForExecution(done.executionArn ?? "");
    greet = gated.greet;
    await before.client.send(
      new StartExecutionCommand({
        stateMachineArn: before.stateMachineArn,
        name: "running",
        input: '{"who":"y"}',
      }),
    );
    const described = await before.client.send(
      new DescribeExecutionCommand({ executionArn: done.executionArn }),
    );
    const history = await before.client.send(
      new GetExecutionHistoryCommand({ executionArn: done.executionArn }),
    );

    // Act
    const saved = JSON.parse(JSON.stringify(before.sfn.snapshot())) as unknown;
    const after = await startStepFunctions();
    after.sfn.restore(saved);
    const listed = await after.client.send(
      new ListExecutionsCommand({ stateMachineArn: after.stateMachineArn }),
    );
    const restored = await after.client.send(
      new DescribeExecutionCommand({ executionArn: done.executionArn }),
    );
    const restoredHistory = await after.client.send(
      new GetExecutionHistoryCommand({ executionArn: done.executionArn }),
    );
    const again = await failureOf(
      after.client.send(
        new StartExecutionCommand({
          stateMachineArn: after.stateMachineArn,
          name: "done",
          input: '{"who":"x"}',
        }),
      ),
    );

    // Assess
    expect(listed.executions?.map((e) => e.name)).toEqual(["done"]);
    expect({ ...restored, $metadata: undefined }).toEqual({ ...described, $metadata: undefined });
    expect(restoredHistory.events).toEqual(history.events);
    expect(after.sfn.history(done.executionArn ?? "")).toEqual(before.sfn.history(done.executionArn ?? ""));
    expect(again.name).toBe("ExecutionAlreadyExists");
    expect(() => after.sfn.restore({ format: "something-else" })).toThrow(/Not a Step Functions snapshot/);
    gated.open();
    await before.sfn.idle();
  });
});

describe("Step Functions through an independent client (the Python aws CLI / botocore)", () => {
  /** Runs `aws stepfunctions …` against the front door; async, as the sandbox serves from this process. */
  const aws = (url: string, args: string[]) =>
    awsCli({
      endpoint: url,
      region: REGION,
      accessKeyId: ACCESS_KEY,
      secretAccessKey: "sandbox-secret",
    }).json(["stepfunctions", ...args]);

  it(`follows the history's page tokens and parses AWS's event types (${AWS_CLI_VERSION ?? "no AWS CLI"})`, async () => {
    // Prepare
    const { client, sfn, stateMachineArn, url } = await startStepFunctions();
    const started = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"who":"cli"}' }));
    await sfn.waitForExecution(started.executionArn ?? "");

    // Act: --page-size makes the CLI ask for 2 events at a time and follow every nextToken
    const history = await aws(url, [
      "get-execution-history",
      "--execution-arn",
      started.executionArn ?? "",
      "--page-size",
      "2",
    ]);

    // Assess
    const events = history.events as Array<Record<string, unknown>>;
    expect(events.map((e) => e.type)).toEqual([
      "ExecutionStarted",
      "TaskStateEntered",
      "LambdaFunctionScheduled",
      "LambdaFunctionStarted",
      "LambdaFunctionSucceeded",
      "TaskStateExited",
      "PassStateEntered",
      "PassStateExited",
      "ExecutionSucceeded",
    ]);
    expect(events.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(events[2]?.lambdaFunctionScheduledEventDetails).toMatchObject({ input: '{"who":"cli"}' });
  });

  it("parses describe-state-machine and describe-execution with their creation date and redrive status", async () => {
    // Prepare
    const { client, sfn, stateMachineArn, url } = await startStepFunctions();
    const started = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"who":"cli"}' }));
    await sfn.waitForExecution(started.executionArn ?? "");

    // Act
    const machine = await aws(url, ["describe-state-machine", "--state-machine-arn", stateMachineArn]);
    const execution = await aws(url, ["describe-execution", "--execution-arn", started.executionArn ?? ""]);
    const listed = await aws(url, ["list-executions", "--state-machine-arn", stateMachineArn]);

    // Assess
    expect(machine).toMatchObject({ name: MACHINE, status: "ACTIVE", type: "STANDARD" });
    // The CLI prints a timestamp as the epoch seconds it received (cli_timestamp_format "none").
    expect(Number(machine.creationDate) * 1000).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.parse(String(machine.definition))).toEqual(GREETER.definition);
    expect(execution).toMatchObject({
      status: "SUCCEEDED",
      inputDetails: { included: true },
      outputDetails: { included: true },
      redriveCount: 0,
      redriveStatus: "NOT_REDRIVABLE",
    });
    expect(listed.executions).toEqual([expect.objectContaining({ status: "SUCCEEDED", redriveCount: 0 })]);
  });

  it(`reports a nextToken it did not issue as botocore reports AWS's InvalidToken (${PYTHON_WITH_BOTO3 ?? "no Python with boto3"})`, async () => {
    // Prepare: boto3 (the CLI would decode --starting-token itself), signing with the same key
    const { stateMachineArn, url } = await startStepFunctions();
    const script = [
      "import boto3, sys",
      "client = boto3.client('stepfunctions', endpoint_url=sys.argv[1], region_name=sys.argv[2])",
      "try:",
      "    client.list_executions(stateMachineArn=sys.argv[3], nextToken='not-a-token')",
      "except client.exceptions.InvalidToken as e:",
      "    print(type(e).__name__, e.response['Error']['Message'])",
    ].join("\n");

    // Act
    if (!PYTHON_WITH_BOTO3) throw new Error(MISSING_BOTO3);
    const { stdout } = await promisify(execFile)(
      PYTHON_WITH_BOTO3,
      ["-c", script, url, REGION, stateMachineArn],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          AWS_ACCESS_KEY_ID: ACCESS_KEY,
          AWS_SECRET_ACCESS_KEY: "sandbox-secret",
          AWS_CONFIG_FILE: "/nonexistent",
          AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
          AWS_EC2_METADATA_DISABLED: "true",
        },
      },
    );

    // Assess
    expect(stdout.trim()).toBe("InvalidToken Invalid Token: 'Invalid token'");
  });
});

describe("Step Functions of the sandbox: the deployed state machines", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox?.close());

  it("describes the deployed provision state machine with its packaged definition", async () => {
    // Prepare
    const client = new SFNClient(sandbox.clientConfig());
    const packaged = definitionsFromTemplate(
      readTemplate(inject("packageDir")),
      sandbox.region,
      sandbox.accountId,
    ).find((m) => m.logicalId === "ProvisionStateMachine");

    // Act
    const described = await client.send(
      new DescribeStateMachineCommand({ stateMachineArn: sandbox.stateMachines.provision }),
    );

    // Assess
    expect(described).toMatchObject({
      stateMachineArn: sandbox.stateMachines.provision,
      name: packaged?.name,
      status: "ACTIVE",
      type: "STANDARD",
    });
    expect(JSON.parse(described.definition ?? "null")).toEqual(packaged?.loaded.definition);
  });

  it("lists both deployed state machines, one per page, with real creation dates", async () => {
    // Prepare
    const client = new SFNClient(sandbox.clientConfig());

    // Act
    const first = await client.send(new ListStateMachinesCommand({ maxResults: 1 }));
    const second = await client.send(
      new ListStateMachinesCommand({ maxResults: 1, nextToken: first.nextToken }),
    );

    // Assess
    const listed = [...(first.stateMachines ?? []), ...(second.stateMachines ?? [])];
    expect(listed.map((m) => m.stateMachineArn).sort()).toEqual(
      [sandbox.stateMachines.provision, sandbox.stateMachines.deprovision].sort(),
    );
    expect(second.nextToken).toBeUndefined();
    expect(listed.every((m) => (m.creationDate?.getTime() ?? 0) > Date.now() - 10 * 60_000)).toBe(true);
  });
});
