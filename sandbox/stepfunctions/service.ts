import { jsonError, jsonResponse } from "../emulator/json-protocol.ts";
import {
  AwsError,
  type EmulatedService,
  type ServiceRequest,
  type ServiceResponse,
} from "../emulator/types.ts";
import { type AwsHistoryEvent, withoutExecutionData } from "./history.ts";
import { type ExecutionDescription, type LocalStepFunctions, StepFunctionsError } from "./local-sfn.ts";
import { type PageRequest, pageOf } from "./paging.ts";

/**
 * The Step Functions API (JSON 1.0 protocol, `X-Amz-Target: AWSStepFunctions.<Operation>`) over
 * the local interpreter, so the unmodified `SFNClient` and the AWS CLI start and watch executions.
 */
const epochSeconds = (date: Date | undefined) => (date ? date.getTime() / 1000 : undefined);

/**
 * Whether RedriveExecution would take the execution (DescribeExecution's `redriveStatus`): a
 * failed, timed-out or aborted Standard execution is REDRIVABLE for 14 days; a running or
 * succeeded one is NOT_REDRIVABLE, with AWS's reason. (AWS-recorded DescribeExecution answers in
 * LocalStack's snapshots; the reasons are the API reference's.) The sandbox does not emulate
 * RedriveExecution itself.
 */
function redrive(e: ExecutionDescription) {
  return e.status === "RUNNING" || e.status === "SUCCEEDED"
    ? {
        redriveStatus: "NOT_REDRIVABLE",
        redriveStatusReason: `Execution is ${e.status} and cannot be redriven`,
      }
    : { redriveStatus: "REDRIVABLE" };
}

function describe(e: ExecutionDescription) {
  return {
    ...listItem(e),
    input: e.input,
    inputDetails: { included: true },
    output: e.output,
    ...(e.output !== undefined ? { outputDetails: { included: true } } : {}),
    error: e.error,
    cause: e.cause,
    ...redrive(e),
  };
}

function listItem(e: ExecutionDescription) {
  return {
    executionArn: e.executionArn,
    stateMachineArn: e.stateMachineArn,
    name: e.name,
    status: e.status,
    startDate: epochSeconds(e.startDate),
    stopDate: epochSeconds(e.stopDate),
    redriveCount: 0,
  };
}

const wireEvent = ({ timestamp, ...event }: AwsHistoryEvent) => ({ ...event, timestamp: timestamp / 1000 });

/** The model's constraints on `maxResults` (0..1000, 0 meaning the default 100) and `nextToken` (1..1024). */
function pageRequest(input: Record<string, unknown>): PageRequest {
  const max = input.maxResults;
  if (max !== undefined && (typeof max !== "number" || !Number.isInteger(max) || max < 0 || max > 1000)) {
    throw validationError(
      `Value '${String(max)}' at 'maxResults' failed to satisfy constraint: Member must have value ${Number(max) < 0 ? "greater than or equal to 0" : "less than or equal to 1000"}`,
    );
  }
  const token = input.nextToken;
  if (token !== undefined && (typeof token !== "string" || token.length < 1 || token.length > 1024)) {
    throw validationError(
      `Value '${String(token)}' at 'nextToken' failed to satisfy constraint: Member must have length ${String(token).length < 1 ? "greater than or equal to 1" : "less than or equal to 1024"}`,
    );
  }
  return { limit: typeof max === "number" && max > 0 ? max : 100, token: token as string | undefined };
}

const validationError = (constraint: string) =>
  new AwsError("ValidationException", `1 validation error detected: ${constraint}`);

/** A page of `items`, or AWS's InvalidToken for a token this listing did not issue. */
function page<T>(
  items: readonly T[],
  keyOf: (item: T) => string | number,
  request: PageRequest,
  scope: string,
) {
  const result = pageOf(items, keyOf, request, scope);
  // The message AWS gives for a token it did not issue (a recorded SendTaskSuccess answer).
  if (!result) throw new AwsError("InvalidToken", "Invalid Token: 'Invalid token'");
  return result;
}

export class StepFunctionsService implements EmulatedService {
  readonly signingName = "states";
  readonly #sfn: LocalStepFunctions;
  readonly #machines: () => Array<{ name: string; arn: string }>;

  /** `machines` lists the state machines ListStateMachines shows (the deployed ones). */
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
        case "ListExecutions":
          return ok(this.#listExecutions(input));
        case "ListStateMachines":
          return ok(this.#listStateMachines(input));
        case "DescribeStateMachine":
          return ok(this.#describeStateMachine(String(input.stateMachineArn ?? "")));
        case "GetExecutionHistory":
          return ok(this.#executionHistory(input));
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

  #listExecutions(input: Record<string, unknown>) {
    const stateMachineArn = String(input.stateMachineArn ?? "");
    this.#requireStateMachine(stateMachineArn);
    const request = pageRequest(input);
    const status = typeof input.statusFilter === "string" ? input.statusFilter : undefined;
    // "Results are sorted by time, with the most recent execution first." (ListExecutions API reference)
    const executions = this.#sfn
      .listExecutions(stateMachineArn)
      .filter((e) => !status || e.status === status)
      .reverse();
    const { page: listed, nextToken } = page(
      executions,
      (e) => this.#sfn.sequenceOf(e.executionArn),
      request,
      `ListExecutions ${stateMachineArn} ${status ?? ""}`,
    );
    return { executions: listed.map(listItem), ...(nextToken ? { nextToken } : {}) };
  }

  #listStateMachines(input: Record<string, unknown>) {
    const request = pageRequest(input);
    const machines = this.#machines().map((m) => this.#sfn.describeStateMachine(m.arn));
    const { page: listed, nextToken } = page(
      machines,
      (m) => m.stateMachineArn,
      request,
      "ListStateMachines",
    );
    return {
      stateMachines: listed.map((m) => ({
        stateMachineArn: m.stateMachineArn,
        name: m.name,
        type: "STANDARD",
        creationDate: epochSeconds(m.creationDate),
      })),
      ...(nextToken ? { nextToken } : {}),
    };
  }

  /** DescribeStateMachine as AWS answers for a Standard state machine without logging or tracing. */
  #describeStateMachine(stateMachineArn: string) {
    const m = this.#sfn.describeStateMachine(stateMachineArn);
    return {
      stateMachineArn: m.stateMachineArn,
      name: m.name,
      status: "ACTIVE",
      definition: m.definition,
      roleArn: m.roleArn,
      type: "STANDARD",
      creationDate: epochSeconds(m.creationDate),
      loggingConfiguration: { level: "OFF", includeExecutionData: false },
      tracingConfiguration: { enabled: false },
    };
  }

  #executionHistory(input: Record<string, unknown>) {
    const executionArn = String(input.executionArn ?? "");
    const request = pageRequest(input);
    const reverse = input.reverseOrder === true;
    const withData = input.includeExecutionData !== false;
    const events = this.#sfn.executionHistory(executionArn);
    if (reverse) events.reverse();
    const { page: listed, nextToken } = page(
      events,
      (e) => e.id,
      request,
      `GetExecutionHistory ${executionArn} ${reverse}`,
    );
    return {
      events: listed.map((e) => wireEvent(withData ? e : withoutExecutionData(e))),
      ...(nextToken ? { nextToken } : {}),
    };
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
