import { jsonError, jsonResponse } from "../emulator/json-protocol.ts";
import {
  AwsError,
  type EmulatedService,
  type ServiceRequest,
  type ServiceResponse,
} from "../emulator/types.ts";
import {
  type ExecutionDescription,
  type HistoryEvent,
  type LocalStepFunctions,
  StepFunctionsError,
} from "./local-sfn.ts";

/**
 * The Step Functions API (JSON 1.0 protocol, `X-Amz-Target: AWSStepFunctions.<Operation>`) over
 * the local interpreter, so the unmodified `SFNClient` and the AWS CLI start and watch executions.
 */
const epochSeconds = (date: Date | undefined) => (date ? date.getTime() / 1000 : undefined);

function describe(e: ExecutionDescription) {
  return {
    executionArn: e.executionArn,
    stateMachineArn: e.stateMachineArn,
    name: e.name,
    status: e.status,
    startDate: epochSeconds(e.startDate),
    stopDate: epochSeconds(e.stopDate),
    input: e.input,
    output: e.output,
    error: e.error,
    cause: e.cause,
  };
}

/** The interpreter's execution-level events under AWS's `HistoryEventType` names. */
const EXECUTION_EVENT_TYPES: Record<string, string> = {
  ExecutionStarted: "ExecutionStarted",
  ExecutionSucceeded: "ExecutionSucceeded",
  ExecutionFailed: "ExecutionFailed",
  ExecutionAborted: "ExecutionAborted",
  ExecutionTimeout: "ExecutionTimedOut",
};

/**
 * One GetExecutionHistory event with AWS's detail members (`executionStartedEventDetails`,
 * `stateEnteredEventDetails`, …). The interpreter does not say which type a state has, so state
 * events keep its names (`StateEntered`, not AWS's `TaskStateEntered`); execution events are AWS's.
 */
function historyEvent(event: HistoryEvent, index: number, execution: ExecutionDescription) {
  const type = EXECUTION_EVENT_TYPES[event.type] ?? event.type;
  const base = { id: index + 1, previousEventId: index, timestamp: event.timestamp / 1000, type };
  switch (type) {
    case "ExecutionStarted":
      return {
        ...base,
        executionStartedEventDetails: { input: execution.input, inputDetails: { truncated: false } },
      };
    case "ExecutionSucceeded":
      return {
        ...base,
        executionSucceededEventDetails: { output: execution.output, outputDetails: { truncated: false } },
      };
    case "ExecutionFailed":
      return { ...base, executionFailedEventDetails: { error: event.error, cause: event.cause } };
    case "StateEntered":
      return { ...base, stateEnteredEventDetails: { name: event.stateName } };
    case "StateExited":
      return { ...base, stateExitedEventDetails: { name: event.stateName } };
    default:
      return base;
  }
}

export class StepFunctionsService implements EmulatedService {
  readonly signingName = "states";
  readonly #sfn: LocalStepFunctions;
  readonly #machines: () => Array<{ name: string; arn: string }>;

  constructor(sfn: LocalStepFunctions, machines: () => Array<{ name: string; arn: string }>) {
    this.#sfn = sfn;
    this.#machines = machines;
  }

  handle(request: ServiceRequest): ServiceResponse {
    const operation = (request.headers["x-amz-target"] ?? "").replace(/^AWSStepFunctions\./, "");
    const input = (request.body ? JSON.parse(request.body) : {}) as Record<string, unknown>;
    const ok = (body: unknown): ServiceResponse => jsonResponse("1.0", body);
    try {
      switch (operation) {
        case "StartExecution": {
          const started = this.#sfn.startExecution({
            stateMachineArn: String(input.stateMachineArn ?? ""),
            ...(typeof input.name === "string" ? { name: input.name } : {}),
            ...(typeof input.input === "string" ? { input: input.input } : {}),
          });
          return ok({ executionArn: started.executionArn, startDate: epochSeconds(started.startDate) });
        }
        case "DescribeExecution":
          return ok(describe(this.#sfn.describeExecution(String(input.executionArn ?? ""))));
        case "ListExecutions": {
          const stateMachineArn = String(input.stateMachineArn ?? "");
          this.#requireStateMachine(stateMachineArn);
          return ok({
            executions: this.#sfn
              .listExecutions(stateMachineArn)
              .filter((e) => !input.statusFilter || e.status === input.statusFilter)
              // "Results are sorted by time, with the most recent execution first." (ListExecutions API reference)
              .map((e, index) => ({ e, index }))
              .sort((a, b) => b.e.startDate.getTime() - a.e.startDate.getTime() || b.index - a.index)
              .map(({ e }) => ({
                ...describe(e),
                input: undefined,
                output: undefined,
                error: undefined,
                cause: undefined,
              })),
          });
        }
        case "ListStateMachines":
          return ok({
            stateMachines: this.#machines().map((m) => ({
              stateMachineArn: m.arn,
              name: m.name,
              type: "STANDARD",
              creationDate: 0,
            })),
          });
        case "GetExecutionHistory": {
          const executionArn = String(input.executionArn ?? "");
          const execution = this.#sfn.describeExecution(executionArn);
          const events = this.#sfn
            .history(executionArn)
            .map((event, index) => historyEvent(event, index, execution));
          return ok({ events: input.reverseOrder === true ? events.reverse() : events });
        }
        default:
          throw new AwsError(
            "UnknownOperationException",
            `The sandbox does not emulate StepFunctions ${operation}`,
          );
      }
    } catch (error) {
      if (error instanceof StepFunctionsError) throw new AwsError(error.code, error.message, 400);
      throw error;
    }
  }

  /** ListExecutions of a machine that does not exist fails as on AWS, rather than listing nothing. */
  #requireStateMachine(stateMachineArn: string): void {
    const name = stateMachineArn.slice(stateMachineArn.lastIndexOf(":") + 1);
    let known: string | undefined;
    try {
      known = this.#sfn.stateMachineArn(name);
    } catch {
      known = undefined;
    }
    if (known !== stateMachineArn) {
      throw new AwsError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${stateMachineArn}'`);
    }
  }

  renderError(error: AwsError): ServiceResponse {
    return jsonError("1.0", error, "com.amazonaws.swf.service.v2.model#");
  }
}
