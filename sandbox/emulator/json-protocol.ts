import { AwsError, type ServiceResponse } from "./types.ts";

/**
 * The AWS JSON protocols (1.0: Step Functions, DynamoDB; 1.1: EventBridge, CloudTrail): a JSON body
 * with `application/x-amz-json-<version>`, errors as `{"__type", "message"}` plus the
 * `x-amzn-errortype` header, which is what the SDK reads the error's name from.
 */
export type JsonProtocolVersion = "1.0" | "1.1";

export function jsonResponse(version: JsonProtocolVersion, body: unknown): ServiceResponse {
  return {
    status: 200,
    headers: { "content-type": `application/x-amz-json-${version}` },
    body: JSON.stringify(body),
  };
}

/**
 * `typePrefix` is the service's shape namespace some services put before the code (`com.amazonaws.…#`).
 * An error without a message has no `message` member (AWS's SerializationException has none).
 */
export function jsonError(version: JsonProtocolVersion, error: AwsError, typePrefix = ""): ServiceResponse {
  return {
    status: error.status,
    headers: { "content-type": `application/x-amz-json-${version}`, "x-amzn-errortype": error.code },
    body: JSON.stringify({
      __type: `${typePrefix}${error.code}`,
      ...(error.message === "" ? {} : { message: error.message }),
    }),
  };
}

/**
 * REST-JSON (EKS): the error's name in `x-amzn-errortype`, a JSON body with its message and the
 * error shape's extra members (`clusterName`, …).
 */
export function restJsonError(error: AwsError, fields: Record<string, string> = {}): ServiceResponse {
  return {
    status: error.status,
    headers: { "content-type": "application/json", "x-amzn-errortype": error.code },
    body: JSON.stringify({ ...fields, message: error.message }),
  };
}

/** The AWS JSON version a request speaks (`Content-Type: application/x-amz-json-1.1`), if it speaks one. */
export function jsonProtocolVersion(headers: Record<string, string>): JsonProtocolVersion | undefined {
  const match = /^application\/x-amz-json-(1\.[01])\b/.exec(headers["content-type"] ?? "");
  return match ? (match[1] as JsonProtocolVersion) : undefined;
}

/**
 * A JSON-protocol request body must be a JSON object (or empty). AWS answers anything else with
 * 400 `SerializationException` and no message (a real Firehose answer:
 * `{"__type":"SerializationException"}`; dynalite, recorded from DynamoDB, the same), and it does
 * so before it authenticates the request: the front door checks every JSON service's body here.
 */
export function checkJsonBody(body: string): AwsError | undefined {
  if (body === "") return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return undefined;
  } catch {
    // not JSON
  }
  return new AwsError("SerializationException", "", 400);
}

/** The operation a JSON-protocol request names: `X-Amz-Target: AWSStepFunctions.StartExecution` → `StartExecution`. */
export function jsonOperation(headers: Record<string, string>): string | undefined {
  const target = headers["x-amz-target"];
  return target ? target.split(".").pop() : undefined;
}
