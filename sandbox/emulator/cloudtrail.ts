/**
 * CloudTrail records, and their EventBridge "AWS API Call via CloudTrail" envelopes, made from the
 * API calls the emulation reports. The shapes follow real eventVersion 1.11 records; the facts
 * used here, and the real records that show them, are in test/fixtures/cloudtrail/README.md.
 */
import { iamCloudTrailErrorCode } from "./iam/errors.ts";
import type { ApiCall, Identity } from "./types.ts";

export const CLOUDTRAIL_EVENT_VERSION = "1.11";
export const CLOUDTRAIL_DETAIL_TYPE = "AWS API Call via CloudTrail";

/** EventBridge rule states (PutRule `State`). */
export type RuleState = "ENABLED" | "DISABLED" | "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS";

/** CloudTrail's `eventTime` form: ISO-8601 UTC to the second (`2025-10-06T06:33:34Z`). */
export function cloudTrailTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * The CloudTrail record of one API call, as AWS writes it at eventVersion 1.11.
 *
 * `ids.sessionCreatedAt` (optional) is the assumed-role session's creation time, logged as
 * `sessionContext.attributes.creationDate`; it defaults to the call's time.
 */
export function toCloudTrailRecord(
  call: ApiCall,
  recipientAccountId: string,
  ids: { eventId: string; sessionCreatedAt?: Date },
): Record<string, unknown> {
  const failed = call.errorCode !== undefined;
  const record: Record<string, unknown> = {
    eventVersion: CLOUDTRAIL_EVENT_VERSION,
    userIdentity: userIdentity(call.caller, ids.sessionCreatedAt ?? call.eventTime),
    eventTime: cloudTrailTime(call.eventTime),
    eventSource: call.eventSource,
    eventName: call.eventName,
    awsRegion: call.awsRegion,
    sourceIPAddress: "127.0.0.1",
    userAgent: call.userAgent ?? "aws-sdk-js/3 (pod-identity-provisioner sandbox)",
  };
  if (failed) {
    record.errorCode = cloudTrailErrorCode(call.eventSource, call.errorCode ?? "");
    record.errorMessage = call.errorMessage ?? "";
  }
  record.requestParameters = structuredClone(call.requestParameters);
  record.responseElements = failed ? null : withoutSecrets(structuredClone(call.responseElements));
  record.requestID = call.requestId;
  record.eventID = ids.eventId;
  record.readOnly = call.readOnly;
  record.eventType = "AwsApiCall";
  record.managementEvent = true;
  record.recipientAccountId = recipientAccountId;
  record.eventCategory = "Management";
  record.tlsDetails = {
    tlsVersion: "TLSv1.3",
    cipherSuite: "TLS_AES_128_GCM_SHA256",
    clientProvidedHostHeader: hostHeader(call.eventSource, call.awsRegion),
  };
  return record;
}

/** The `userIdentity` element for a caller (IAMUser, AssumedRole or Root shape). */
export function userIdentity(caller: Identity, sessionCreatedAt: Date): Record<string, unknown> {
  switch (caller.type) {
    case "IAMUser":
      return {
        type: "IAMUser",
        principalId: caller.principalId,
        arn: caller.arn,
        accountId: caller.accountId,
        accessKeyId: caller.accessKeyId,
        userName: caller.userName ?? caller.arn.slice(caller.arn.lastIndexOf("/") + 1),
      };
    case "AssumedRole": {
      const issuer = caller.sessionIssuer;
      return {
        type: "AssumedRole",
        principalId: caller.principalId,
        arn: caller.arn,
        accountId: caller.accountId,
        accessKeyId: caller.accessKeyId,
        sessionContext: {
          sessionIssuer: issuer
            ? {
                type: issuer.type,
                principalId: issuer.principalId,
                arn: issuer.arn,
                accountId: issuer.accountId,
                userName: issuer.userName,
              }
            : {},
          attributes: { creationDate: cloudTrailTime(sessionCreatedAt), mfaAuthenticated: "false" },
        },
      };
    }
    case "Root":
      return {
        type: "Root",
        principalId: caller.principalId,
        arn: caller.arn,
        accountId: caller.accountId,
        accessKeyId: caller.accessKeyId,
      };
  }
}

/** CloudTrail never logs a secret access key (CreateAccessKey's `accessKey` has none). */
function withoutSecrets<T>(value: T): T {
  if (Array.isArray(value)) {
    for (const item of value) withoutSecrets(item);
  } else if (typeof value === "object" && value !== null) {
    const object = value as Record<string, unknown>;
    delete object.secretAccessKey;
    for (const child of Object.values(object)) withoutSecrets(child);
  }
  return value;
}

/**
 * The `errorCode` CloudTrail logs for a call's wire error code: IAM logs its errors by exception
 * name (`NoSuchEntity` → `NoSuchEntityException`, from IAM's one error-code table); EKS and STS
 * codes are logged as they are.
 */
export function cloudTrailErrorCode(eventSource: ApiCall["eventSource"], code: string): string {
  return eventSource === "iam.amazonaws.com" ? iamCloudTrailErrorCode(code) : code;
}

/** The endpoint host the SDK sends for the service (IAM and STS global, EKS regional). */
function hostHeader(eventSource: ApiCall["eventSource"], region: string): string {
  switch (eventSource) {
    case "iam.amazonaws.com":
      return "iam.amazonaws.com";
    case "sts.amazonaws.com":
      return `sts.${region}.amazonaws.com`;
    case "eks.amazonaws.com":
      return `eks.${region}.amazonaws.com`;
  }
}

/** `aws.iam` from `iam.amazonaws.com`, `aws.eks-auth` from `eks-auth.amazonaws.com`. */
export function eventBridgeSource(eventSource: string): string {
  return `aws.${eventSource.replace(/\.amazonaws\.com$/, "")}`;
}

/** The EventBridge event that carries a CloudTrail record (`detail` is a copy of the record). */
export function toEventBridgeEvent(
  record: Record<string, unknown>,
  ids: { id: string },
): Record<string, unknown> {
  const eventSource = requireString(record, "eventSource");
  return {
    version: "0",
    id: ids.id,
    "detail-type": CLOUDTRAIL_DETAIL_TYPE,
    source: eventBridgeSource(eventSource),
    account: requireString(record, "recipientAccountId"),
    time: requireString(record, "eventTime"),
    region: requireString(record, "awsRegion"),
    // "API calls with AWS CloudTrail do not include resource ARNs": always empty.
    resources: [],
    detail: structuredClone(record),
  };
}

function requireString(record: Record<string, unknown>, key: string): string {
  const value = record[key];
  if (typeof value !== "string") throw new TypeError(`CloudTrail record has no string "${key}"`);
  return value;
}

/**
 * Whether EventBridge hands the call's CloudTrail event to rules in `state` (default `ENABLED`).
 * Writes are always delivered, failed ones included. Read-only management events whose names start
 * with Describe, Get or List only reach rules in state ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS;
 * other read-only events (e.g. eks-auth AssumeRoleForPodIdentity) reach ENABLED rules too.
 */
export function shouldDeliverToEventBridge(call: ApiCall, state: RuleState = "ENABLED"): boolean {
  if (state === "DISABLED") return false;
  if (state === "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS") return true;
  return !(call.readOnly && /^(Describe|Get|List)/.test(call.eventName));
}
