import type { SFNClient } from "@aws-sdk/client-sfn";
import { type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { translate } from "../aws/errors.ts";
import { BY_TENANT_INDEX, countLiveGrants, readGrant } from "../aws/registry.ts";
import {
  derivedExecutionName,
  describeExecution,
  type ExecutionView,
  executionArn as executionArnOf,
  startExecution,
  type Workflow,
  type WorkflowScope,
} from "../aws/workflows.ts";
import { ValidationError } from "../errors.ts";
import { existingGrantOf, type GrantRecord, type GrantStatus, isLocked } from "../grant/lifecycle.ts";
import { type GrantKey, grantId as grantIdOf, keyOf } from "../grant/naming.ts";
import { assertNotOwnResources } from "../grant/own-resources.ts";
import { parseGrantKey, parseGrantRequest } from "../grant/request.ts";
import { stableStringify } from "../policy/canonical.ts";
import { CATALOG } from "../policy/catalog.ts";
import { authorize } from "../tenancy/authorize.ts";
import type { Caller } from "../tenancy/caller.ts";
import { tenantOf } from "../tenancy/caller.ts";
import type { Tenancy, Tenant } from "../tenancy/tenancy.ts";
import { ApiError } from "./errors.ts";
import { matchRoute, type Operation } from "./routes.ts";

/**
 * The HTTP API's behaviour, free of Lambda and API Gateway: a request as API Gateway hands it over
 * (after its IAM authorizer verified the signature) in, a status and JSON body out. Every route
 * first maps the signing principal to its tenant; writes are validated and authorized here, so a
 * refusal is a 4xx at once, and again by the workflow's first step (the authority).
 */
export interface ApiRequest {
  method: string;
  path: string;
  /** Lower-cased names. */
  headers: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  body?: string;
  /** The IAM principal that signed the request (API Gateway's `requestContext.authorizer.iam.userArn`). */
  principalArn: string;
}

export interface ApiResponse {
  status: number;
  body: unknown;
}

export interface ApiDependencies {
  db: DynamoDBDocumentClient;
  table: string;
  sfn: SFNClient;
  tenancy: Tenancy;
  scope: WorkflowScope;
  now: () => Date;
  /** A fresh execution name, for requests without an Idempotency-Key. */
  newName: () => string;
}

/** Requests larger than this are refused (413): a grant request is a few KiB at most. */
export const MAX_BODY_BYTES = 64 * 1024;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,64}$/;
const STATUSES: GrantStatus[] = ["PROVISIONING", "ACTIVE", "FAILED", "DELETING", "DELETED"];

export async function handleApiRequest(deps: ApiDependencies, request: ApiRequest): Promise<ApiResponse> {
  const matched = matchRoute(request.method, request.path);
  if (!("route" in matched)) {
    throw matched.pathExists
      ? new ApiError("MethodNotAllowed", `${request.method} is not allowed on ${request.path}`)
      : new ApiError(
          "NotFound",
          `No route ${request.method} ${request.path}: see GET /catalog and schemas/openapi.yaml`,
        );
  }
  const caller: Caller = { principalArn: request.principalArn };
  const tenant = tenantOf(deps.tenancy, caller);
  const operations: Record<Operation, () => Promise<ApiResponse>> = {
    createGrant: () => createGrant(deps, request, caller, tenant),
    deleteGrant: () => deleteGrant(deps, request, caller, parseGrantKey(matched.params)),
    getGrant: () => getGrant(deps, tenant, parseGrantKey(matched.params)),
    listGrants: () => listGrants(deps, tenant, request.query),
    getCatalog: async () => ({ status: 200, body: catalogFor(tenant) }),
  };
  return operations[matched.route.operation]();
}

/** A JSON body, checked for type and size before it is parsed. */
function jsonBody(request: ApiRequest): unknown {
  const type = request.headers["content-type"] ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError(
      "UnsupportedMediaType",
      `Content-Type must be application/json, not ${type === "" ? "absent" : `'${type}'`}`,
    );
  }
  const body = request.body ?? "";
  const bytes = Buffer.byteLength(body, "utf8");
  if (bytes > MAX_BODY_BYTES) {
    throw new ApiError(
      "PayloadTooLarge",
      `The body is ${bytes} bytes; at most ${MAX_BODY_BYTES} are accepted`,
    );
  }
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new ValidationError([{ field: "(body)", reason: `is not JSON: ${(error as Error).message}` }]);
  }
}

function idempotencyKey(request: ApiRequest): string | undefined {
  const key = request.headers["idempotency-key"];
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new ValidationError([
      {
        field: "Idempotency-Key",
        reason: "must be 1 to 64 characters of letters, digits, '.', '_', ':' and '-'",
      },
    ]);
  }
  return key;
}

async function createGrant(
  deps: ApiDependencies,
  request: ApiRequest,
  caller: Caller,
  tenant: Tenant,
): Promise<ApiResponse> {
  const body = jsonBody(request);
  const key = idempotencyKey(request);
  const grant = parseGrantRequest(body, { partition: deps.scope.partition });
  assertNotOwnResources(grant, deps.scope.stackPrefix);
  const grantKey = keyOf(grant);
  const replay = key ? await replayed(deps, "provision", caller, key, { request: body, caller }) : undefined;
  if (replay) return accepted(grantKey, "PROVISIONING", replay);
  const current = await readGrant(deps.db, deps.table, grantIdOf(grantKey)).catch(unavailable);
  const liveGrantsOfTenant = await liveCount(deps, tenant, current);
  authorize({
    tenancy: deps.tenancy,
    caller,
    key: grantKey,
    request: grant,
    ...(current ? { existing: existingGrantOf(current) } : {}),
    ...(liveGrantsOfTenant !== undefined ? { liveGrantsOfTenant } : {}),
  });
  await refuseWhileRunning(deps, current);
  return start(deps, "provision", caller, key, { request: body, caller }, grantKey, "PROVISIONING");
}

async function deleteGrant(
  deps: ApiDependencies,
  request: ApiRequest,
  caller: Caller,
  grantKey: GrantKey,
): Promise<ApiResponse> {
  const key = idempotencyKey(request);
  const input = { ...grantKey, caller };
  const replay = key ? await replayed(deps, "deprovision", caller, key, input) : undefined;
  if (replay) return accepted(grantKey, "DELETING", replay);
  const current = await readGrant(deps.db, deps.table, grantIdOf(grantKey)).catch(unavailable);
  authorize({
    tenancy: deps.tenancy,
    caller,
    key: grantKey,
    ...(current ? { existing: existingGrantOf(current) } : {}),
  });
  if (!current || current.status === "DELETED") {
    throw new ApiError("NotFound", `No grant ${grantIdOf(grantKey)} to delete`);
  }
  await refuseWhileRunning(deps, current);
  return start(deps, "deprovision", caller, key, input, grantKey, "DELETING");
}

/** The tenant's live grants, for its maxGrants: only when it has a cap and this is a new grant. */
async function liveCount(
  deps: ApiDependencies,
  tenant: Tenant,
  current: GrantRecord | undefined,
): Promise<number | undefined> {
  if (tenant.maxGrants === undefined || existingGrantOf(current)?.live) return undefined;
  return countLiveGrants(deps.db, deps.table, tenant.name).catch(unavailable);
}

/** 409 while another execution holds the grant and still runs. */
async function refuseWhileRunning(deps: ApiDependencies, current: GrantRecord | undefined): Promise<void> {
  if (!current || !isLocked(current, deps.now())) return;
  const execution = await describeExecution(deps.sfn, current.executionId).catch(unavailable);
  if (execution && execution.status !== "RUNNING") return;
  const doing = current.status === "PROVISIONING" ? "being provisioned" : "being deleted";
  throw new ApiError(
    "Conflict",
    `Grant ${current.grantId} is ${doing} by execution ${current.executionId}: wait for it to end (GET /grants/${current.grantId}), then ask again`,
    { executionArn: current.executionId },
  );
}

/**
 * The execution name an Idempotency-Key gives: the same key from the same principal names the same
 * execution (hashed, so names carry nothing a caller wrote and stay within Step Functions' 80).
 */
function idempotentName(workflow: Workflow, caller: Caller, key: string): string {
  return derivedExecutionName("api", [workflow, stableStringify(caller), key], 40);
}

const workflowInput = (input: unknown): string => stableStringify(input);

/**
 * A request repeated with its Idempotency-Key: the execution it started, if the input is the same;
 * a 422 if the key was used with another body; `undefined` if the key is new.
 */
async function replayed(
  deps: ApiDependencies,
  workflow: Workflow,
  caller: Caller,
  key: string,
  input: unknown,
): Promise<string | undefined> {
  const arn = executionArnOf(deps.scope, workflow, idempotentName(workflow, caller, key));
  const execution = await describeExecution(deps.sfn, arn).catch(unavailable);
  if (!execution) return undefined;
  if (execution.input !== workflowInput(input)) {
    throw new ApiError(
      "IdempotencyKeyReused",
      `Idempotency-Key '${key}' was used with another request (execution ${arn}); use a new key for a new request`,
      { executionArn: arn },
    );
  }
  return arn;
}

async function start(
  deps: ApiDependencies,
  workflow: Workflow,
  caller: Caller,
  key: string | undefined,
  input: unknown,
  grantKey: GrantKey,
  status: "PROVISIONING" | "DELETING",
): Promise<ApiResponse> {
  const name = key ? idempotentName(workflow, caller, key) : deps.newName();
  const text = workflowInput(input);
  const started = await startExecution(deps.sfn, deps.scope, workflow, name, text).catch(unavailable);
  if (started.exists) {
    // Lost a race with the same key: the same request is accepted once; another is a 422.
    const replay = key ? await replayed(deps, workflow, caller, key, input) : undefined;
    if (!replay) throw new Error(`Execution ${started.executionArn} exists and was not found again`);
    return accepted(grantKey, status, replay);
  }
  return accepted(grantKey, status, started.executionArn);
}

function accepted(grantKey: GrantKey, status: string, executionArn: string): ApiResponse {
  return { status: 202, body: { grantId: grantIdOf(grantKey), status, executionArn } };
}

async function getGrant(deps: ApiDependencies, tenant: Tenant, grantKey: GrantKey): Promise<ApiResponse> {
  const record = await readGrant(deps.db, deps.table, grantIdOf(grantKey)).catch(unavailable);
  // Another tenant's grant is answered as no grant: its existence is not the caller's to learn.
  if (!record || record.tenant !== tenant.name) {
    throw new ApiError("NotFound", `No grant ${grantIdOf(grantKey)} of tenant ${tenant.name}`);
  }
  const execution = record.executionId
    ? await describeExecution(deps.sfn, record.executionId).catch(unavailable)
    : undefined;
  return { status: 200, body: grantView(record, execution) };
}

/** A record as the API shows it: what a platform team needs, nothing the provisioner keeps for itself. */
export function grantView(
  record: GrantRecord,
  execution: ExecutionView | undefined,
): Record<string, unknown> {
  const { lastError } = record;
  return {
    ...summary(record),
    ...optional({
      tenant: record.tenant,
      ticket: record.ticket,
      requestedBy: record.requestedBy,
      caller: record.caller,
      request: record.desired?.request,
      // Not the execution that wrote the error: `execution` shows the latest one.
      lastError:
        lastError &&
        optional({
          cause: lastError.cause,
          at: lastError.at,
          operation: lastError.operation,
          resourcesMayRemain: lastError.resourcesMayRemain,
        }),
      // Its input is the request (shown as `request`) and the caller: not repeated.
      execution: execution && optional({ ...execution, input: undefined }),
    }),
    createdAt: record.createdAt,
    restartRequired: record.restartRequired === true,
  };
}

function optional(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

async function listGrants(
  deps: ApiDependencies,
  tenant: Tenant,
  query: Record<string, string | undefined>,
): Promise<ApiResponse> {
  const problems = [];
  const limit = query.limit === undefined ? 50 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    problems.push({ field: "limit", reason: "must be a whole number from 1 to 100" });
  if (query.status !== undefined && !STATUSES.includes(query.status as GrantStatus))
    problems.push({ field: "status", reason: `must be one of ${STATUSES.join(", ")}` });
  let start: Record<string, unknown> | undefined;
  if (query.nextToken !== undefined) {
    start = decodeToken(query.nextToken, tenant.name);
    if (!start)
      problems.push({ field: "nextToken", reason: "is not a token this API gave for these filters" });
  }
  if (problems.length > 0) throw new ValidationError(problems);
  const filters: Record<string, string> = {};
  for (const name of ["cluster", "namespace", "status"] as const) {
    const value = query[name];
    if (value !== undefined) filters[name] = value;
  }
  const grants: Record<string, unknown>[] = [];
  do {
    const page = await deps.db
      .send(
        new QueryCommand({
          TableName: deps.table,
          IndexName: BY_TENANT_INDEX,
          KeyConditionExpression: "#tenant = :tenant",
          ...filterExpression(filters),
          ExpressionAttributeNames: {
            "#tenant": "tenant",
            ...Object.fromEntries(Object.keys(filters).map((name) => [`#${name}`, name])),
          },
          ExpressionAttributeValues: {
            ":tenant": tenant.name,
            ...Object.fromEntries(Object.entries(filters).map(([name, value]) => [`:${name}`, value])),
          },
          Limit: limit - grants.length,
          ExclusiveStartKey: start,
        }),
      )
      .catch((error: unknown) =>
        unavailable(translate(error, `Listing the grants of tenant ${tenant.name}`)),
      );
    for (const item of (page.Items ?? []) as GrantRecord[]) grants.push(summary(item));
    start = page.LastEvaluatedKey;
  } while (start && grants.length < limit);
  return {
    status: 200,
    body: { grants, ...(start ? { nextToken: encodeToken(start) } : {}) },
  };
}

function filterExpression(filters: Record<string, string>): { FilterExpression?: string } {
  const names = Object.keys(filters);
  return names.length > 0 ? { FilterExpression: names.map((n) => `#${n} = :${n}`).join(" AND ") } : {};
}

function summary(record: GrantRecord): Record<string, unknown> {
  return {
    grantId: record.grantId,
    cluster: record.cluster,
    namespace: record.namespace,
    serviceAccount: record.serviceAccount,
    status: record.status,
    ...optional({ roleArn: record.roleArn, associationId: record.associationId }),
    updatedAt: record.updatedAt,
  };
}

const encodeToken = (key: Record<string, unknown>): string =>
  Buffer.from(JSON.stringify(key), "utf8").toString("base64url");

/** A page token back to its key: only one of this tenant's, with the index's key and nothing else. */
function decodeToken(token: string, tenant: string): Record<string, unknown> | undefined {
  try {
    const key = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Record<string, unknown>;
    const names = Object.keys(key).sort().join(",");
    if (names !== "grantId,tenant" || key.tenant !== tenant || typeof key.grantId !== "string")
      return undefined;
    return key;
  } catch {
    return undefined;
  }
}

/** The catalog as the caller's tenant sees it: every template, and the resources it may name in each. */
export function catalogFor(tenant: Tenant): Record<string, unknown> {
  const allowed = (tenant.templates ?? {}) as Record<string, Record<string, string[]> | undefined>;
  return {
    tenant: tenant.name,
    templates: Object.entries(CATALOG).map(([name, template]) => ({
      name,
      description: template.description,
      parameters: Object.entries(template.parameters).map(([parameter, p]) => ({
        name: parameter,
        description: p.description,
        required: p.required,
      })),
      allowed: allowed[name] ?? null,
    })),
  };
}

/** An AWS call of the API that failed: logged as internal (500), never shown as it is. */
function unavailable(error: unknown): never {
  throw error instanceof ApiError ? error : new InternalFailure(error);
}

export class InternalFailure extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = "InternalFailure";
  }
}
