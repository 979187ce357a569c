import { jsonError, jsonResponse } from "./json-protocol.ts";
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
  ResourceType: (r) => eventResources(r).map((resource) => resource.ResourceType),
  ResourceName: (r) => eventResources(r).map((resource) => resource.ResourceName),
};

export interface LookupResource {
  ResourceType: string;
  ResourceName: string;
}

/**
 * The IAM request parameters that name a resource, and its CloudTrail resource type. CloudTrail's
 * event history names the resources an IAM event is about (`Resources` in LookupEvents, and what
 * the ResourceType and ResourceName lookups match) from the call itself: IAM records carry no
 * `resources` element (the real records in test/fixtures/cloudtrail/ have none). The order of
 * `Resources` is not documented; it follows this table.
 */
const IAM_RESOURCE_PARAMETERS: ReadonlyArray<[parameter: string, type: string]> = [
  ["accessKeyId", "AWS::IAM::AccessKey"],
  ["policyName", "AWS::IAM::Policy"],
  ["policyArn", "AWS::IAM::Policy"],
  ["permissionsBoundary", "AWS::IAM::Policy"],
  ["roleName", "AWS::IAM::Role"],
  ["userName", "AWS::IAM::User"],
];

/** The resources a record is about, as LookupEvents lists them: none for services other than IAM here. */
export function eventResources(record: Record<string, unknown>): LookupResource[] {
  if (record.eventSource !== "iam.amazonaws.com") return [];
  const parameters = (record.requestParameters as Record<string, unknown> | null) ?? {};
  // CreateAccessKey names its new key only in its response.
  const responseElements = record.responseElements as { accessKey?: { accessKeyId?: unknown } } | null;
  const named: Record<string, unknown> = {
    accessKeyId: responseElements?.accessKey?.accessKeyId,
    ...parameters,
  };
  const resources: LookupResource[] = [];
  for (const [parameter, type] of IAM_RESOURCE_PARAMETERS) {
    const name = named[parameter];
    const seen = resources.some((r) => r.ResourceType === type && r.ResourceName === name);
    if (typeof name === "string" && name !== "" && !seen)
      resources.push({ ResourceType: type, ResourceName: name });
  }
  return resources;
}

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
      StartTime?: number;
      EndTime?: number;
      EventCategory?: string;
      MaxResults?: number;
      NextToken?: string;
    };
    const filters = input.LookupAttributes ?? [];
    if (filters.length > 1)
      throw new AwsError(
        "InvalidLookupAttributesException",
        "You cannot specify more than one lookup attribute.",
      );
    // "Possible values are 1 through 50. The default is 50." (LookupEvents API reference)
    const max = input.MaxResults ?? 50;
    if (!Number.isInteger(max) || max < 1 || max > 50)
      throw new AwsError(
        "InvalidMaxResultsException",
        "This exception is thrown if the limit specified is not valid.",
      );
    // Our tokens are offsets into the result; anything else is not a token we issued.
    if (!/^\d+$/.test(input.NextToken ?? "0"))
      throw new AwsError(
        "InvalidNextTokenException",
        "Invalid token or token that was previously used in a request with different parameters.",
      );
    const start = Number(input.NextToken ?? 0);
    // Timestamps arrive as epoch seconds (JSON 1.1); both bounds are inclusive.
    const from = input.StartTime === undefined ? -Infinity : input.StartTime * 1000;
    const to = input.EndTime === undefined ? Infinity : input.EndTime * 1000;
    if (from > to)
      throw new AwsError(
        "InvalidTimeRangeException",
        "Occurs if the timestamp values are not valid. Either the start time occurs after the end time, or the time range is outside the range of possible values.",
      );
    const matching = [...this.#records()]
      .map((record, index) => ({ record, index, time: Date.parse(String(record.eventTime)) }))
      // Newest first; records of the same second, the one recorded last first.
      .sort((a, b) => b.time - a.time || b.index - a.index)
      .filter(({ time }) => time >= from && time <= to)
      .map(({ record }) => record)
      // The emulation makes management events only: an Insights lookup finds nothing.
      .filter(() => input.EventCategory !== "insight")
      .filter((r) => filters.every((f) => (ATTRIBUTE[f.AttributeKey]?.(r) ?? []).includes(f.AttributeValue)));
    const page = matching.slice(start, start + max);
    return jsonResponse("1.1", {
      Events: page.map((r) => ({
        EventId: r.eventID,
        EventName: r.eventName,
        ReadOnly: String(r.readOnly),
        AccessKeyId: (r.userIdentity as { accessKeyId?: string } | undefined)?.accessKeyId,
        EventTime: Date.parse(String(r.eventTime)) / 1000,
        EventSource: r.eventSource,
        Username: usernameOf(r),
        Resources: eventResources(r),
        CloudTrailEvent: JSON.stringify(r),
      })),
      ...(start + max < matching.length ? { NextToken: String(start + max) } : {}),
    });
  }

  renderError(error: AwsError): ServiceResponse {
    return jsonError("1.1", error);
  }
}
