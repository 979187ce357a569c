import {
  AwsError,
  type EmulatedService,
  type ServiceRequest,
  type ServiceResponse,
} from "../emulator/types.ts";
import { type ExecutionDescription, type LocalStepFunctions, StepFunctionsError } from "./local-sfn.ts";

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
    const ok = (body: unknown): ServiceResponse => ({
      status: 200,
      headers: { "content-type": "application/x-amz-json-1.0" },
      body: JSON.stringify(body),
    });
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
          return ok({
            executions: this.#sfn
              .listExecutions(String(input.stateMachineArn ?? ""))
              .filter((e) => !input.statusFilter || e.status === input.statusFilter)
              .map((e) => ({
                ...describe(e),
                input: undefined,
                output: undefined,
                error: undefined,
                cause: undefined,
              })),
          });
        case "ListStateMachines":
          return ok({
            stateMachines: this.#machines().map((m) => ({
              stateMachineArn: m.arn,
              name: m.name,
              type: "STANDARD",
              creationDate: 0,
            })),
          });
        case "GetExecutionHistory":
          return ok({
            events: this.#sfn.history(String(input.executionArn ?? "")).map((event, index) => ({
              id: index + 1,
              timestamp: event.timestamp / 1000,
              type: event.type,
            })),
          });
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

  renderError(error: AwsError): ServiceResponse {
    return {
      status: error.status,
      headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-errortype": error.code },
      body: JSON.stringify({
        __type: `com.amazonaws.swf.service.v2.model#${error.code}`,
        message: error.message,
      }),
    };
  }
}
