import type { AwsError, ServiceResponse } from "./types.ts";

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

/** `typePrefix` is the service's shape namespace some services put before the code (`com.amazonaws.…#`). */
export function jsonError(version: JsonProtocolVersion, error: AwsError, typePrefix = ""): ServiceResponse {
  return {
    status: error.status,
    headers: { "content-type": `application/x-amz-json-${version}`, "x-amzn-errortype": error.code },
    body: JSON.stringify({ __type: `${typePrefix}${error.code}`, message: error.message }),
  };
}

/** The operation a JSON-protocol request names: `X-Amz-Target: AWSStepFunctions.StartExecution` → `StartExecution`. */
export function jsonOperation(headers: Record<string, string>): string | undefined {
  const target = headers["x-amz-target"];
  return target ? target.split(".").pop() : undefined;
}
