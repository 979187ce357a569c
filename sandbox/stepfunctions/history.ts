/**
 * An execution's history as Step Functions' GetExecutionHistory reports it, built from what the
 * local interpreter records (`aws-local-stepfunctions`' event log: StateEntered, StateFailed,
 * StateRetried, StateCaught, StateExited, …) and from the Lambda invocations the sandbox made.
 *
 * AWS names state events by the state's type (`TaskStateEntered`, `PassStateExited`,
 * `ChoiceStateEntered`, `FailStateEntered`, …) and reports each attempt of a Task: for a Lambda
 * function ARN as the resource, `LambdaFunctionScheduled` (the payload sent), `LambdaFunctionStarted`
 * and `LambdaFunctionSucceeded` (its result) or `LambdaFunctionFailed` (error and cause); for a
 * service integration (`arn:aws:states:::service:action`), `TaskScheduled`, `TaskStarted`,
 * `TaskSucceeded`/`TaskFailed` with the resource type and action. A retried attempt is followed by
 * the next attempt's Scheduled event, with no event of its own; a caught failure by
 * `TaskStateExited`; an uncaught one directly by `ExecutionFailed`; a Fail state has no exit event.
 * The first state entered has `previousEventId` 0, like the start. (Shapes: the SFN model's
 * `HistoryEvent`; sequences: AWS-recorded histories in LocalStack's Step Functions snapshots.)
 */

/** An event of the interpreter's log, as LocalStepFunctions keeps it. */
export interface InterpreterEvent {
  /** The interpreter's name: `ExecutionStarted`, `StateEntered`, `StateRetried`, … */
  type: string;
  /** Epoch milliseconds. */
  timestamp: number;
  stateName?: string;
  /** The ASL `Type` of the state (`Task`, `Pass`, `Choice`, …). */
  stateType?: string;
  /** The state's input (StateEntered) or output (StateExited), as JSON values. */
  input?: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
  /** Map iteration index. */
  index?: number;
}

/** One invocation of a Task's function by the sandbox. */
export interface TaskCall {
  stateName: string;
  /** The payload sent (after InputPath and Parameters). */
  input: unknown;
  scheduledAt: number;
  endedAt?: number;
  output?: unknown;
  error?: string;
  cause?: string;
}

export interface HistorySource {
  input: string;
  output?: string;
  roleArn: string;
  region: string;
  /** State name → its ASL definition (Type, Resource, TimeoutSeconds), over nested states too. */
  states: ReadonlyMap<string, Record<string, unknown>>;
  events: readonly InterpreterEvent[];
  calls: readonly TaskCall[];
}

/** A GetExecutionHistory event: `HistoryEvent` of the SFN model, timestamp in epoch milliseconds. */
export interface AwsHistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  [details: string]: unknown;
}

const EXECUTION_DATA = { truncated: false };

const json = (value: unknown): string => JSON.stringify(value ?? null);

/** The states of a definition by name, nested Map (`Iterator`/`ItemProcessor`) and Parallel (`Branches`) states included. */
export function statesOf(definition: unknown): Map<string, Record<string, unknown>> {
  const states = new Map<string, Record<string, unknown>>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    const nested = record.States;
    if (nested && typeof nested === "object" && !Array.isArray(nested)) {
      for (const [name, state] of Object.entries(nested)) {
        if (state && typeof state === "object") states.set(name, state as Record<string, unknown>);
      }
    }
    Object.values(record).forEach(visit);
  };
  visit(definition);
  return states;
}

type TaskResource =
  | { kind: "lambda"; arn: string }
  | { kind: "service"; resourceType: string; resource: string };

function taskResource(state: Record<string, unknown> | undefined): TaskResource | undefined {
  const arn = state?.Resource;
  if (typeof arn !== "string") return undefined;
  if (/^arn:[^:]+:lambda:[^:]*:[^:]*:function:/.test(arn)) return { kind: "lambda", arn };
  // arn:aws:states:::dynamodb:putItem, arn:aws:states:::lambda:invoke, arn:aws:states:::aws-sdk:sfn:startExecution.sync
  const match = /^arn:[^:]+:states:[^:]*:[^:]*:(.+):([^:]+)$/.exec(arn);
  if (match) return { kind: "service", resourceType: match[1] as string, resource: match[2] as string };
  return { kind: "service", resourceType: "activity", resource: arn };
}

export function toAwsHistory(source: HistorySource): AwsHistoryEvent[] {
  const out: Array<Omit<AwsHistoryEvent, "id" | "previousEventId">> = [];
  let clock = 0;
  const push = (timestamp: number, type: string, details?: Record<string, unknown>): void => {
    clock = Math.max(clock, timestamp);
    out.push({ timestamp: clock, type, ...details });
  };
  const pending = new Map<string, TaskCall[]>();
  for (const call of source.calls) {
    const queue = pending.get(call.stateName) ?? [];
    queue.push(call);
    pending.set(call.stateName, queue);
  }
  /** The attempt each Task state has open (scheduled and not yet ended in the history). */
  const open = new Map<string, TaskCall | null>();

  const schedule = (name: string, at: number): void => {
    const state = source.states.get(name);
    const resource = taskResource(state);
    const call = pending.get(name)?.shift() ?? null;
    open.set(name, call);
    const time = call?.scheduledAt ?? at;
    const timeout =
      typeof state?.TimeoutSeconds === "number" ? { timeoutInSeconds: state.TimeoutSeconds } : {};
    if (resource?.kind === "service") {
      const { resourceType, resource: action } = resource;
      push(time, "TaskScheduled", {
        taskScheduledEventDetails: {
          resourceType,
          resource: action,
          region: source.region,
          parameters: json(call?.input),
          ...timeout,
        },
      });
      push(time, "TaskStarted", { taskStartedEventDetails: { resourceType, resource: action } });
      return;
    }
    push(time, "LambdaFunctionScheduled", {
      lambdaFunctionScheduledEventDetails: {
        resource: resource?.arn,
        input: json(call?.input),
        inputDetails: EXECUTION_DATA,
        ...timeout,
      },
    });
    push(time, "LambdaFunctionStarted");
  };

  const finish = (name: string, at: number, failure?: { error?: string; cause?: string }): void => {
    if (!open.has(name)) return;
    const call = open.get(name) ?? null;
    open.delete(name);
    const resource = taskResource(source.states.get(name));
    const time = call?.endedAt ?? at;
    const error = failure
      ? { error: call?.error ?? failure.error, cause: call?.cause ?? failure.cause }
      : undefined;
    if (resource?.kind === "service") {
      const { resourceType, resource: action } = resource;
      if (error)
        push(time, "TaskFailed", { taskFailedEventDetails: { resourceType, resource: action, ...error } });
      else
        push(time, "TaskSucceeded", {
          taskSucceededEventDetails: {
            resourceType,
            resource: action,
            output: json(call?.output),
            outputDetails: EXECUTION_DATA,
          },
        });
      return;
    }
    if (error) push(time, "LambdaFunctionFailed", { lambdaFunctionFailedEventDetails: error });
    else
      push(time, "LambdaFunctionSucceeded", {
        lambdaFunctionSucceededEventDetails: { output: json(call?.output), outputDetails: EXECUTION_DATA },
      });
  };

  for (const event of source.events) {
    const name = event.stateName ?? "";
    const type = event.stateType ?? "";
    switch (event.type) {
      case "ExecutionStarted":
        push(event.timestamp, "ExecutionStarted", {
          executionStartedEventDetails: {
            input: source.input,
            inputDetails: EXECUTION_DATA,
            roleArn: source.roleArn,
          },
        });
        break;
      case "StateEntered":
        push(event.timestamp, `${type}StateEntered`, {
          stateEnteredEventDetails: { name, input: json(event.input), inputDetails: EXECUTION_DATA },
        });
        if (type === "Task") schedule(name, event.timestamp);
        break;
      case "StateFailed":
        if (type === "Task") finish(name, event.timestamp, event);
        break;
      case "StateRetried":
        if (type === "Task") schedule(name, event.timestamp);
        break;
      case "StateExited":
        if (type === "Task") finish(name, event.timestamp);
        push(event.timestamp, `${type}StateExited`, {
          stateExitedEventDetails: { name, output: json(event.output), outputDetails: EXECUTION_DATA },
        });
        break;
      case "MapIterationStarted":
      case "MapIterationSucceeded":
      case "MapIterationFailed": {
        const details = `${event.type.charAt(0).toLowerCase()}${event.type.slice(1)}EventDetails`;
        push(event.timestamp, event.type, { [details]: { index: event.index, name } });
        break;
      }
      case "ExecutionSucceeded":
        push(event.timestamp, "ExecutionSucceeded", {
          executionSucceededEventDetails: { output: source.output, outputDetails: EXECUTION_DATA },
        });
        break;
      case "ExecutionFailed":
        push(event.timestamp, "ExecutionFailed", {
          executionFailedEventDetails: { error: event.error, cause: event.cause },
        });
        break;
      case "ExecutionAborted":
        push(event.timestamp, "ExecutionAborted", { executionAbortedEventDetails: {} });
        break;
      case "ExecutionTimeout":
        push(event.timestamp, "ExecutionTimedOut", { executionTimedOutEventDetails: {} });
        break;
      default:
        // StateCaught (the exit follows), ParallelBranch* (AWS reports no per-branch events).
        break;
    }
  }
  return out.map((event, index) => ({
    id: index + 1,
    // AWS chains each event to the one before it, except the start and the first state entered.
    previousEventId: index === 0 || (index === 1 && String(event.type).endsWith("StateEntered")) ? 0 : index,
    ...event,
  })) as AwsHistoryEvent[];
}

/** The event without the execution data `includeExecutionData: false` leaves out (inputs, outputs, parameters). */
export function withoutExecutionData(event: AwsHistoryEvent): AwsHistoryEvent {
  const out: AwsHistoryEvent = { ...event };
  for (const [key, value] of Object.entries(event)) {
    if (!key.endsWith("EventDetails") || value === null || typeof value !== "object") continue;
    const {
      input: _input,
      output: _output,
      parameters: _parameters,
      ...rest
    } = value as Record<string, unknown>;
    out[key] = rest;
  }
  return out;
}
