import type { Role } from "@aws-sdk/client-iam";
import type { Context } from "aws-lambda";
import { type DesiredState, type DesiredStateOptions, desiredState } from "#grant/desired-state.ts";
import { parseGrantRequest } from "#grant/request.ts";

/** Where the grants of these tests run. */
export const OPTIONS: DesiredStateOptions = {
  partition: "aws",
  account: "111122223333",
  region: "eu-west-1",
  stackPrefix: "pod-identity-provisioner-dev",
  trustSourceConditions: false,
};

/** The tenant the default request's grants belong to, and a caller acting for it (test/fixtures/tenancy.json). */
export const TENANT = "platform";
export const CALLER = { principalArn: "arn:aws:iam::111122223333:role/platform" };

/** A fresh valid request each call (tests may change what they get). */
export function grantRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cluster: "demo",
    namespace: "payments",
    serviceAccount: "api",
    permissions: [{ template: "s3-read", bucket: "invoices", prefix: "2026/" }],
    ticket: "OPS-1234",
    requestedBy: "team-payments",
    ...overrides,
  };
}

/** The desired state of a request, built the way the `record` step builds it. */
export function desired(overrides: Record<string, unknown> = {}): DesiredState {
  return desiredState(parseGrantRequest(grantRequest(overrides)), OPTIONS, TENANT);
}

/** A Lambda context with what Powertools' `injectLambdaContext` and middy read. */
export function lambdaContext(functionName = "pod-identity-provisioner-test"): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:111122223333:function:${functionName}`,
    memoryLimitInMB: "256",
    awsRequestId: "c6af9ac6-7b61-11e6-9a41-93e812345678",
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "2026/01/01/[$LATEST]abcdef0123456789",
    getRemainingTimeInMillis: () => 60_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

/** An error shaped as the SDK throws it for a service error code it has no class for. */
export function sdkError(name: string, message: string, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode }, $fault: "client" });
}

/** IAM's GetRole answer for a role that is exactly what `state` asks for; documents URL-encoded as IAM returns them. */
export function roleAsIamReturnsIt(state: DesiredState): Role & {
  Arn: string;
  AssumeRolePolicyDocument: string;
  Tags: Array<{ Key: string; Value: string }>;
} {
  return {
    RoleName: state.identity.roleName,
    RoleId: "AROAEXAMPLEROLEID0001",
    Path: state.identity.rolePath,
    Arn: state.identity.roleArn,
    CreateDate: new Date("2026-01-01T00:00:00Z"),
    AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(state.role.trustPolicy)),
    Description: state.role.description,
    PermissionsBoundary: {
      PermissionsBoundaryType: "PermissionsBoundaryPolicy",
      PermissionsBoundaryArn: state.role.boundaryArn,
    },
    Tags: Object.entries(state.role.tags).map(([Key, Value]) => ({ Key, Value })),
  };
}
