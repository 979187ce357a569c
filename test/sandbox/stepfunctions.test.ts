import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  ListExecutionsCommand,
  SFNClient,
  type SFNServiceException,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { describe, expect, it, onTestFinished } from "vitest";
import { iamUserIdentity, MemoryIdentityStore } from "../../sandbox/emulator/identities.ts";
import { startFrontDoor } from "../../sandbox/emulator/server.ts";
import type { LoadedDefinition } from "../../sandbox/stepfunctions/definitions.ts";
import { type LambdaHandler, LocalStepFunctions } from "../../sandbox/stepfunctions/local-sfn.ts";
import { StepFunctionsService } from "../../sandbox/stepfunctions/service.ts";

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

/** A front door with Step Functions over a local interpreter that runs GREETER with `greet`. */
async function startStepFunctions(greet: LambdaHandler = greetByName) {
  const sfn = new LocalStepFunctions({
    region: REGION,
    accountId: ACCOUNT,
    functions: { greet },
    retryTimeScale: 0.001,
  });
  const stateMachineArn = sfn.registerStateMachine(MACHINE, GREETER);
  const identities = new MemoryIdentityStore();
  identities.register(iamUserIdentity(ACCOUNT, ACCESS_KEY, "platform-admin"), {
    secretAccessKey: "sandbox-secret",
  });
  const door = await startFrontDoor({
    services: [new StepFunctionsService(sfn, () => [{ name: MACHINE, arn: stateMachineArn }])],
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
  return { client, sfn, stateMachineArn };
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
