import { randomUUID } from "node:crypto";
import { ExecutionError, StateMachine } from "aws-local-stepfunctions";
import { DEFAULT_RETENTION } from "../emulator/retention.ts";
import type { LoadedDefinition } from "./definitions.ts";
import {
  type AwsHistoryEvent,
  type InterpreterEvent,
  statesOf,
  type TaskCall,
  toAwsHistory,
} from "./history.ts";

/** The interpreter does not export its event type; this is the part of it we read. */
interface EventLog {
  type: string;
  timestamp: number;
  state?: { name: string; type?: string; input?: unknown; output?: unknown };
  parentState?: { name: string };
  index?: number;
  Error?: unknown;
  Cause?: unknown;
}

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

/**
 * The interpreter's own record of an execution (`StateEntered`, `StateRetried`, … with the state's
 * name): what the sandbox's tests and benchmarks count. GetExecutionHistory reports AWS's events,
 * built from it (see history.ts and {@link LocalStepFunctions.executionHistory}).
 */
export type HistoryEvent = InterpreterEvent;

export interface StateMachineDescription {
  stateMachineArn: string;
  name: string;
  /** The definition's JSON text. */
  definition: string;
  roleArn: string;
  creationDate: Date;
}

/** Finished executions and their histories, as JSON (`npm start -- --state-file`). */
export interface StepFunctionsSnapshot {
  format: "pod-identity-sandbox-sfn/1";
  executions: Array<
    Omit<ExecutionDescription, "startDate" | "stopDate"> & {
      startDate: string;
      stopDate?: string;
      history: HistoryEvent[];
      calls: TaskCall[];
    }
  >;
}

const SNAPSHOT_FORMAT = "pod-identity-sandbox-sfn/1";

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
  /** How many finished executions (with their histories) to keep, the newest; default 50. */
  retainFinished?: number;
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
  /** Start order: listings and their page tokens use it. */
  sequence: number;
  history: HistoryEvent[];
  calls: TaskCall[];
  done: Promise<void>;
}

interface Registered {
  arn: string;
  name: string;
  machine: StateMachine;
  loaded: LoadedDefinition;
  creationDate: Date;
  roleArn: string;
  states: Map<string, Record<string, unknown>>;
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
  #sequence = 0;

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
    this.#machines.set(arn, {
      arn,
      name,
      machine,
      loaded,
      creationDate: new Date(),
      // The sandbox has no state machine roles; this names the one serverless would create.
      roleArn: `arn:aws:iam::${this.#options.accountId}:role/${name}-role`,
      states: statesOf(loaded.definition),
    });
    return arn;
  }

  /** The registered state machines, in the order they were registered. */
  stateMachines(): StateMachineDescription[] {
    return [...this.#machines.values()].map((m) => this.describeStateMachine(m.arn));
  }

  describeStateMachine(stateMachineArn: string): StateMachineDescription {
    const registered = this.#machines.get(stateMachineArn);
    if (!registered) {
      throw new StepFunctionsError(
        "StateMachineDoesNotExist",
        `State Machine Does Not Exist: '${stateMachineArn}'`,
      );
    }
    return {
      stateMachineArn: registered.arn,
      name: registered.name,
      definition: registered.loaded.text ?? JSON.stringify(registered.loaded.definition),
      roleArn: registered.roleArn,
      creationDate: registered.creationDate,
    };
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
      sequence: this.#sequence++,
      history: [],
      calls: [],
    } as unknown as Execution;
    this.#executions.set(executionArn, execution);
    execution.done = this.#run(registered, execution, parsed);
    return { executionArn, startDate };
  }

  async #run(registered: Registered, execution: Execution, input: unknown): Promise<void> {
    const handlers = Object.fromEntries(
      Object.entries(registered.loaded.taskFunctions).map(([state, fn]) => [
        state,
        this.#invoker(fn, state, execution),
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
          RoleArn: registered.roleArn,
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
      this.#forgetOldFinished();
    }
  }

  /** Keeps the newest finished executions (Map order is start order); running ones always stay. */
  #forgetOldFinished(): void {
    const limit = this.#options.retainFinished ?? DEFAULT_RETENTION.finishedExecutions;
    const finished = [...this.#executions.values()].filter((e) => e.status !== "RUNNING");
    if (finished.length <= limit + Math.max(1, Math.floor(limit / 10))) return;
    for (const old of finished.slice(0, finished.length - limit)) this.#executions.delete(old.executionArn);
  }

  #invoker(functionKey: string, stateName: string, execution: Execution) {
    const handler = this.#options.functions[functionKey] as LambdaHandler;
    return async (input: unknown) => {
      // Each attempt, as GetExecutionHistory reports it (LambdaFunctionScheduled … Succeeded/Failed).
      const call: TaskCall = {
        stateName,
        input: JSON.parse(JSON.stringify(input ?? null)),
        scheduledAt: Date.now(),
      };
      execution.calls.push(call);
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
        const result = output === undefined ? null : JSON.parse(JSON.stringify(output));
        call.output = result;
        return result;
      } catch (error) {
        const failure = new LambdaFunctionError(error);
        call.error = failure.name;
        call.cause = failure.message;
        throw failure;
      } finally {
        call.endedAt = Date.now();
      }
    };
  }

  #execution(executionArn: string): Execution {
    const execution = this.#executions.get(executionArn);
    if (!execution)
      throw new StepFunctionsError("ExecutionDoesNotExist", `Execution Does Not Exist: '${executionArn}'`);
    return execution;
  }

  describeExecution(executionArn: string): ExecutionDescription {
    return this.#describe(this.#execution(executionArn));
  }

  #describe(execution: Execution): ExecutionDescription {
    const { history: _history, calls: _calls, done: _done, sequence: _sequence, ...description } = execution;
    return { ...description };
  }

  /** The interpreter's events (`StateEntered`, `StateRetried`, … with `stateName`), oldest first. */
  history(executionArn: string): HistoryEvent[] {
    return [...this.#execution(executionArn).history];
  }

  /** The execution's history as GetExecutionHistory reports it on AWS, oldest first. */
  executionHistory(executionArn: string): AwsHistoryEvent[] {
    const execution = this.#execution(executionArn);
    const registered = this.#machines.get(execution.stateMachineArn);
    return toAwsHistory({
      input: execution.input,
      ...(execution.output !== undefined ? { output: execution.output } : {}),
      roleArn: registered?.roleArn ?? "",
      region: this.#options.region,
      states: registered?.states ?? new Map(),
      events: execution.history,
      calls: execution.calls,
    });
  }

  /** A state machine's executions, oldest first. */
  listExecutions(stateMachineArn: string): ExecutionDescription[] {
    return [...this.#executions.values()]
      .filter((e) => e.stateMachineArn === stateMachineArn)
      .sort((a, b) => a.sequence - b.sequence)
      .map((e) => this.describeExecution(e.executionArn));
  }

  /** Start order of an execution (0 for the first): the key listings page by. */
  sequenceOf(executionArn: string): number {
    return this.#execution(executionArn).sequence;
  }

  /**
   * The finished executions with their histories, as JSON. Running ones are left out: the
   * interpreter cannot resume them in another process.
   */
  snapshot(): StepFunctionsSnapshot {
    return {
      format: SNAPSHOT_FORMAT,
      executions: [...this.#executions.values()]
        .filter((e) => e.status !== "RUNNING")
        .sort((a, b) => a.sequence - b.sequence)
        .map(({ done: _done, sequence: _sequence, startDate, stopDate, history, calls, ...rest }) => ({
          ...rest,
          startDate: startDate.toISOString(),
          ...(stopDate ? { stopDate: stopDate.toISOString() } : {}),
          history: [...history],
          calls: [...calls],
        })),
    };
  }

  /** Adds the executions of a {@link snapshot}; one whose ARN is already known is kept as it is. */
  restore(snapshot: unknown): void {
    const value = snapshot as Partial<StepFunctionsSnapshot> | null;
    if (value?.format !== SNAPSHOT_FORMAT || !Array.isArray(value.executions))
      throw new Error(`Not a Step Functions snapshot (format ${SNAPSHOT_FORMAT})`);
    for (const { startDate, stopDate, history, calls, ...rest } of value.executions) {
      if (this.#executions.has(rest.executionArn)) continue;
      this.#executions.set(rest.executionArn, {
        ...rest,
        startDate: new Date(startDate),
        ...(stopDate ? { stopDate: new Date(stopDate) } : {}),
        sequence: this.#sequence++,
        history: [...history],
        calls: [...calls],
        done: Promise.resolve(),
      });
    }
  }

  async waitForExecution(executionArn: string): Promise<ExecutionDescription> {
    const execution = this.#executions.get(executionArn);
    if (!execution)
      throw new StepFunctionsError("ExecutionDoesNotExist", `Execution Does Not Exist: '${executionArn}'`);
    await execution.done;
    // From the object itself: a finished execution may already have been forgotten (retention).
    return this.#describe(execution);
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
  if (event.state) {
    base.stateName = event.state.name;
    if (event.state.type !== undefined) base.stateType = event.state.type;
    if (event.type === "StateEntered") base.input = event.state.input ?? null;
    if (event.type === "StateExited") base.output = event.state.output ?? null;
  } else if (event.parentState) {
    base.stateName = event.parentState.name;
  }
  if (event.index !== undefined) base.index = event.index;
  if (event.Error !== undefined) base.error = String(event.Error);
  if (event.Cause !== undefined) base.cause = String(event.Cause);
  return base;
}
