import { randomUUID } from "node:crypto";
import { ExecutionError, StateMachine } from "aws-local-stepfunctions";

/** The interpreter does not export its event type; this is the part of it we read. */
interface EventLog {
  type: string;
  timestamp: number;
  state?: { name: string };
  Error?: unknown;
  Cause?: unknown;
}

import type { LoadedDefinition } from "./definitions.ts";

/**
 * Step Functions, locally: the real ASL definitions run by `aws-local-stepfunctions` (JSONPath
 * only), each Task state bound to the real Lambda handler. Executions behave as on AWS where the
 * product relies on it: names are unique per state machine (same name + same input while running
 * returns the running execution; otherwise `ExecutionAlreadyExists`), status and history can be
 * read, Lambda errors reach `Retry`/`Catch` with the Lambda's error type as `Error` and the JSON
 * `{errorType, errorMessage, trace}` as `Cause`, and payloads cross a JSON boundary as they do
 * between Lambda and Step Functions.
 */
export type LambdaHandler = (event: unknown, context: Record<string, unknown>) => Promise<unknown>;

export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";

export interface ExecutionDescription {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: Date;
  stopDate?: Date;
}

export interface HistoryEvent {
  type: string;
  timestamp: number;
  stateName?: string;
  error?: string;
  cause?: string;
}

export interface LocalStepFunctionsOptions {
  region: string;
  accountId: string;
  /** serverless.yml function key → handler. */
  functions: Record<string, LambdaHandler>;
  /**
   * Scales every Retry's `IntervalSeconds` and `MaxDelaySeconds` (0.001: a second becomes a
   * millisecond), keeping the definition's exponential backoff and full jitter: tests run fast
   * with the retry *shape* production has. Undefined: real time.
   */
  retryTimeScale?: number;
}

export class StepFunctionsError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "StepFunctionsError";
    this.code = code;
  }
}

interface Execution extends ExecutionDescription {
  history: HistoryEvent[];
  done: Promise<void>;
}

interface Registered {
  arn: string;
  name: string;
  machine: StateMachine;
  loaded: LoadedDefinition;
}

/** A Lambda error as Step Functions sees it: `Error` = errorType, `Cause` = the JSON Lambda returns. */
class LambdaFunctionError extends Error {
  constructor(error: unknown) {
    const e = error instanceof Error ? error : new Error(String(error));
    super(JSON.stringify({ errorType: e.name, errorMessage: e.message, trace: (e.stack ?? "").split("\n") }));
    this.name = e.name;
  }
}

export class LocalStepFunctions {
  readonly #options: LocalStepFunctionsOptions;
  readonly #machines = new Map<string, Registered>();
  readonly #executions = new Map<string, Execution>();

  constructor(options: LocalStepFunctionsOptions) {
    this.#options = options;
  }

  registerStateMachine(name: string, loaded: LoadedDefinition): string {
    const arn = `arn:aws:states:${this.#options.region}:${this.#options.accountId}:stateMachine:${name}`;
    for (const [state, fn] of Object.entries(loaded.taskFunctions)) {
      if (!this.#options.functions[fn])
        throw new Error(`State ${state} of ${name} needs function '${fn}', which is not bound`);
    }
    const scale = this.#options.retryTimeScale;
    const definition = scale === undefined ? loaded.definition : scaleRetries(loaded.definition, scale);
    // A scaled definition has sub-second intervals, which ASL's schema rejects; the unscaled one is validated.
    const machine = new StateMachine(definition as never, {
      validationOptions: scale === undefined ? { checkArn: true, checkPaths: true } : { noValidate: true },
    });
    this.#machines.set(arn, { arn, name, machine, loaded });
    return arn;
  }

  stateMachineArn(name: string): string {
    for (const machine of this.#machines.values()) if (machine.name === name) return machine.arn;
    throw new StepFunctionsError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${name}'`);
  }

  startExecution(params: { stateMachineArn: string; name?: string; input?: string }): {
    executionArn: string;
    startDate: Date;
  } {
    const registered = this.#machines.get(params.stateMachineArn);
    if (!registered) {
      throw new StepFunctionsError(
        "StateMachineDoesNotExist",
        `State Machine Does Not Exist: '${params.stateMachineArn}'`,
      );
    }
    const name = params.name ?? randomUUID();
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(name))
      throw new StepFunctionsError("InvalidName", `Invalid Name: '${name}'`);
    const input = params.input ?? "{}";
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
    } catch {
      throw new StepFunctionsError(
        "InvalidExecutionInput",
        "Invalid State Machine Execution Input: 'not valid JSON'",
      );
    }
    const executionArn = `arn:aws:states:${this.#options.region}:${this.#options.accountId}:execution:${registered.name}:${name}`;
    const existing = this.#executions.get(executionArn);
    if (existing) {
      if (existing.status === "RUNNING" && existing.input === input) {
        return { executionArn, startDate: existing.startDate };
      }
      throw new StepFunctionsError("ExecutionAlreadyExists", `Execution Already Exists: '${executionArn}'`);
    }
    const startDate = new Date();
    const execution = {
      executionArn,
      stateMachineArn: registered.arn,
      name,
      status: "RUNNING",
      input,
      startDate,
      history: [],
    } as unknown as Execution;
    this.#executions.set(executionArn, execution);
    execution.done = this.#run(registered, execution, parsed);
    return { executionArn, startDate };
  }

  async #run(registered: Registered, execution: Execution, input: unknown): Promise<void> {
    const handlers = Object.fromEntries(
      Object.entries(registered.loaded.taskFunctions).map(([state, fn]) => [
        state,
        this.#invoker(fn, execution),
      ]),
    );
    const run = registered.machine.run(input as never, {
      overrides: { taskResourceLocalHandlers: handlers as never },
      context: {
        Execution: {
          Id: execution.executionArn,
          Name: execution.name,
          StartTime: execution.startDate.toISOString(),
          Input: input as never,
          RoleArn: `arn:aws:iam::${this.#options.accountId}:role/${registered.name}-role`,
        },
        StateMachine: { Id: registered.arn, Name: registered.name },
      } as never,
    });
    const collect = (async () => {
      for await (const event of run.eventLogs) execution.history.push(toHistoryEvent(event as EventLog));
    })();
    try {
      const output = await run.result;
      execution.status = "SUCCEEDED";
      execution.output = JSON.stringify(output);
    } catch (error) {
      execution.status = "FAILED";
      const cause = error instanceof ExecutionError ? (error.cause as Error | undefined) : (error as Error);
      execution.error = cause?.name ?? "States.Runtime";
      execution.cause = typeof cause?.cause === "string" ? cause.cause : cause?.message;
    } finally {
      execution.stopDate = new Date();
      await collect.catch(() => undefined);
    }
  }

  #invoker(functionKey: string, execution: Execution) {
    const handler = this.#options.functions[functionKey] as LambdaHandler;
    return async (input: unknown) => {
      const context = {
        functionName: functionKey,
        functionVersion: "$LATEST",
        invokedFunctionArn: `arn:aws:lambda:${this.#options.region}:${this.#options.accountId}:function:${functionKey}`,
        memoryLimitInMB: "256",
        awsRequestId: randomUUID(),
        logGroupName: `/aws/lambda/${functionKey}`,
        logStreamName: execution.name,
        getRemainingTimeInMillis: () => 30_000,
        callbackWaitsForEmptyEventLoop: true,
      };
      try {
        // Lambda payloads are JSON on both sides.
        const output = await handler(JSON.parse(JSON.stringify(input)), context);
        return output === undefined ? null : JSON.parse(JSON.stringify(output));
      } catch (error) {
        throw new LambdaFunctionError(error);
      }
    };
  }

  describeExecution(executionArn: string): ExecutionDescription {
    const execution = this.#executions.get(executionArn);
    if (!execution)
      throw new StepFunctionsError("ExecutionDoesNotExist", `Execution Does Not Exist: '${executionArn}'`);
    const { history: _history, done: _done, ...description } = execution;
    return { ...description };
  }

  history(executionArn: string): HistoryEvent[] {
    const execution = this.#executions.get(executionArn);
    if (!execution)
      throw new StepFunctionsError("ExecutionDoesNotExist", `Execution Does Not Exist: '${executionArn}'`);
    return [...execution.history];
  }

  listExecutions(stateMachineArn: string): ExecutionDescription[] {
    return [...this.#executions.values()]
      .filter((e) => e.stateMachineArn === stateMachineArn)
      .map((e) => this.describeExecution(e.executionArn));
  }

  async waitForExecution(executionArn: string): Promise<ExecutionDescription> {
    const execution = this.#executions.get(executionArn);
    if (!execution)
      throw new StepFunctionsError("ExecutionDoesNotExist", `Execution Does Not Exist: '${executionArn}'`);
    await execution.done;
    return this.describeExecution(executionArn);
  }

  /** Resolves when no execution is running. */
  async idle(): Promise<void> {
    await Promise.all([...this.#executions.values()].map((e) => e.done));
  }
}

function scaleRetries(node: unknown, scale: number): unknown {
  if (Array.isArray(node)) return node.map((n) => scaleRetries(n, scale));
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "Retry" && Array.isArray(value)) {
      out[key] = value.map((retrier: Record<string, unknown>) => ({
        ...retrier,
        IntervalSeconds: Number(retrier.IntervalSeconds ?? 1) * scale,
        ...(retrier.MaxDelaySeconds !== undefined
          ? { MaxDelaySeconds: Number(retrier.MaxDelaySeconds) * scale }
          : {}),
      }));
    } else {
      out[key] = scaleRetries(value, scale);
    }
  }
  return out;
}

function toHistoryEvent(event: EventLog): HistoryEvent {
  const base: HistoryEvent = { type: event.type, timestamp: event.timestamp };
  if (event.state) base.stateName = event.state.name;
  if (event.Error !== undefined) base.error = String(event.Error);
  if (event.Cause !== undefined) base.cause = String(event.Cause);
  return base;
}
