import { AwsError, type EmulatedService, type ServiceRequest, type ServiceResponse } from "./types.ts";

/**
 * CloudTrail's LookupEvents (JSON 1.1) over the records the emulation made, newest first, so a
 * person can ask the sandbox "who changed this role?" the way they would ask AWS.
 */
const ATTRIBUTE: Record<string, (record: Record<string, unknown>) => unknown[]> = {
  EventName: (r) => [r.eventName],
  EventSource: (r) => [r.eventSource],
  ReadOnly: (r) => [String(r.readOnly)],
  EventId: (r) => [r.eventID],
  AccessKeyId: (r) => [(r.userIdentity as { accessKeyId?: string } | undefined)?.accessKeyId],
  Username: (r) => [usernameOf(r)],
  ResourceName: (r) => Object.values((r.requestParameters as Record<string, unknown> | null) ?? {}),
};

function usernameOf(record: Record<string, unknown>): string | undefined {
  const identity = record.userIdentity as { userName?: string; arn?: string } | undefined;
  return identity?.userName ?? identity?.arn?.split("/").pop();
}

export class CloudTrailLookupService implements EmulatedService {
  readonly signingName = "cloudtrail";
  readonly #records: () => Array<Record<string, unknown>>;

  constructor(records: () => Array<Record<string, unknown>>) {
    this.#records = records;
  }

  handle(request: ServiceRequest): ServiceResponse {
    const operation = (request.headers["x-amz-target"] ?? "").split(".").pop();
    if (operation !== "LookupEvents") {
      throw new AwsError("UnknownOperationException", `The sandbox does not emulate CloudTrail ${operation}`);
    }
    const input = (request.body ? JSON.parse(request.body) : {}) as {
      LookupAttributes?: Array<{ AttributeKey: string; AttributeValue: string }>;
      MaxResults?: number;
      NextToken?: string;
    };
    const filters = input.LookupAttributes ?? [];
    if (filters.length > 1)
      throw new AwsError(
        "InvalidLookupAttributesException",
        "You cannot specify more than one lookup attribute.",
      );
    const start = Number(input.NextToken ?? 0);
    const max = Math.min(input.MaxResults ?? 50, 50);
    const matching = [...this.#records()]
      .reverse()
      .filter((r) => filters.every((f) => (ATTRIBUTE[f.AttributeKey]?.(r) ?? []).includes(f.AttributeValue)));
    const page = matching.slice(start, start + max);
    return {
      status: 200,
      headers: { "content-type": "application/x-amz-json-1.1" },
      body: JSON.stringify({
        Events: page.map((r) => ({
          EventId: r.eventID,
          EventName: r.eventName,
          ReadOnly: String(r.readOnly),
          AccessKeyId: (r.userIdentity as { accessKeyId?: string } | undefined)?.accessKeyId,
          EventTime: Date.parse(String(r.eventTime)) / 1000,
          EventSource: r.eventSource,
          Username: usernameOf(r),
          Resources: [],
          CloudTrailEvent: JSON.stringify(r),
        })),
        ...(start + max < matching.length ? { NextToken: String(start + max) } : {}),
      }),
    };
  }

  renderError(error: AwsError): ServiceResponse {
    return {
      status: error.status,
      headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-errortype": error.code },
      body: JSON.stringify({ __type: error.code, message: error.message }),
    };
  }
}
