/**
 * A small client for the pod-identity-provisioner HTTP API (API Gateway HTTP API, every route
 * AWS_IAM-authorized): each request is SigV4-signed for the service `execute-api` with the
 * credentials given, sent with the global `fetch`, and answered as `{ ok, status, headers, body }`
 * with the body parsed from JSON (the text itself when it is not JSON, `null` when empty).
 *
 * No process, console or environment use here: the CLI (`cli/run.ts`) and the sandbox's tests
 * both build on it. It throws only when no answer came: `CredentialsError` (the credentials could
 * not be resolved) and `ApiUnreachableError` (connection refused, DNS, TLS, request timeout).
 */
import { Sha256 } from "@smithy/core/checksum";
import { SignatureV4 } from "@smithy/signature-v4";
import type { GrantRequest } from "../src/grant/request.ts";

export const SIGNING_SERVICE = "execute-api";

/** AWS credentials, as the SDK's providers resolve them. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}
/** A credential provider, e.g. `fromNodeProviderChain()` of `@aws-sdk/credential-providers`. */
export type CredentialsProvider = () => Promise<Credentials>;

export type GrantStatus = "PROVISIONING" | "ACTIVE" | "FAILED" | "DELETING" | "DELETED";
export const GRANT_STATUSES: readonly GrantStatus[] = [
  "PROVISIONING",
  "ACTIVE",
  "FAILED",
  "DELETING",
  "DELETED",
];
export type ExecutionStatus =
  | "RUNNING"
  | "SUCCEEDED"
  | "FAILED"
  | "TIMED_OUT"
  | "ABORTED"
  | "PENDING_REDRIVE";

export interface GrantKey {
  cluster: string;
  namespace: string;
  serviceAccount: string;
}

/** `202` for `POST /grants` and `DELETE /grants/{…}`. */
export interface Accepted {
  grantId: string;
  status: "PROVISIONING" | "DELETING";
  executionArn: string;
}

export interface GrantView extends GrantKey {
  grantId: string;
  status: GrantStatus;
  tenant?: string;
  roleArn?: string;
  associationId?: string;
  ticket?: string;
  requestedBy?: string;
  caller?: string;
  createdAt: string;
  updatedAt: string;
  request?: GrantRequest;
  lastError?: {
    cause: string;
    at: string;
    operation: "provision" | "deprovision";
    resourcesMayRemain?: boolean;
  };
  execution?: {
    executionArn: string;
    status: ExecutionStatus;
    startDate: string;
    stopDate?: string;
    error?: string;
    cause?: string;
  };
  restartRequired: boolean;
}

export interface GrantSummary extends GrantKey {
  grantId: string;
  status: GrantStatus;
  roleArn?: string;
  associationId?: string;
  updatedAt: string;
}

export interface GrantList {
  grants: GrantSummary[];
  nextToken?: string;
}

export interface CatalogTemplate {
  name: string;
  description: string;
  parameters: { name: string; description: string; required: boolean }[];
  /** `null`: the caller's tenant may not use this template. */
  allowed: Record<string, string[]> | null;
}

export interface Catalog {
  tenant: string;
  templates: CatalogTemplate[];
}

/** The API's one error body. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    requestId: string;
    fields?: { field: string; reason: string }[];
    refusals?: { rule: string; reason: string }[];
    executionArn?: string;
    validTemplates?: string[];
  };
}

/**
 * What a failed request may carry: the API's error body, API Gateway's own `{"message": …}`
 * (unsigned or wrongly signed requests, throttling), or anything else a proxy sent.
 */
export type FailureBody = ApiErrorBody | { message: string } | string | null | unknown;

export type ApiResponse<T> =
  | { ok: true; status: number; headers: Record<string, string>; body: T }
  | { ok: false; status: number; headers: Record<string, string>; body: FailureBody };

export interface ListFilter {
  cluster?: string;
  namespace?: string;
  status?: string;
  limit?: number;
  nextToken?: string;
}

export interface ClientOptions {
  /** The API's base URL, e.g. `https://abc123.execute-api.eu-west-1.amazonaws.com` (a stage path may follow). */
  endpoint: string;
  region: string;
  /** Fixed credentials or a provider (e.g. `fromNodeProviderChain()`). */
  credentials: Credentials | CredentialsProvider;
  /** Per request; default 30 s. */
  requestTimeoutMs?: number;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** The signing time; default now. For tests. */
  signingDate?: () => Date;
}

export interface RawRequest {
  method: string;
  /** The path below the endpoint, already URL-encoded, e.g. `/grants/demo/payments/api`. */
  path: string;
  query?: Record<string, string | undefined>;
  /** Lower-case names. */
  headers?: Record<string, string>;
  body?: string;
}

export interface Client {
  createGrant(body: GrantRequest | string, idempotencyKey?: string): Promise<ApiResponse<Accepted>>;
  getGrant(id: string | GrantKey): Promise<ApiResponse<GrantView>>;
  listGrants(filter?: ListFilter): Promise<ApiResponse<GrantList>>;
  deleteGrant(id: string | GrantKey): Promise<ApiResponse<Accepted>>;
  catalog(): Promise<ApiResponse<Catalog>>;
  /** Any request, signed: for callers that need to send what the typed methods would not. */
  send(request: RawRequest): Promise<ApiResponse<unknown>>;
}

/** The credentials could not be resolved (no profile, no environment, no instance role …). */
export class CredentialsError extends Error {
  override readonly name = "CredentialsError";
}

/** No HTTP answer: connection refused, DNS, TLS, or the request timed out. */
export class ApiUnreachableError extends Error {
  override readonly name = "ApiUnreachableError";
}

/** `cluster/namespace/serviceAccount`, each part non-empty and without '/'. */
export function parseGrantKey(id: string): GrantKey | undefined {
  const parts = id.split("/");
  if (parts.length !== 3 || parts.some((part) => part === "")) return undefined;
  const [cluster, namespace, serviceAccount] = parts as [string, string, string];
  return { cluster, namespace, serviceAccount };
}

/** RFC 3986 percent-encoding, as SigV4 canonicalizes: everything but `A-Za-z0-9-._~`. */
export function encodeSegment(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function grantPath(id: string | GrantKey): string {
  const key = typeof id === "string" ? parseGrantKey(id) : id;
  if (!key) throw new TypeError(`Expected a grant id cluster/namespace/serviceAccount, got '${String(id)}'`);
  return `/grants/${encodeSegment(key.cluster)}/${encodeSegment(key.namespace)}/${encodeSegment(key.serviceAccount)}`;
}

function parseBody(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function createClient(options: ClientOptions): Client {
  const base = new URL(options.endpoint);
  if (base.protocol !== "https:" && base.protocol !== "http:") {
    throw new TypeError(`The endpoint must be an http(s) URL, got '${options.endpoint}'`);
  }
  const basePath = base.pathname.replace(/\/+$/, "");
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const provider: CredentialsProvider =
    typeof options.credentials === "function"
      ? options.credentials
      : async () => options.credentials as Credentials;

  async function send(request: RawRequest): Promise<ApiResponse<unknown>> {
    let credentials: Credentials;
    try {
      credentials = await provider();
    } catch (error) {
      throw new CredentialsError(`No AWS credentials: ${(error as Error).message}`, { cause: error });
    }
    const query: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined && value !== "") query[name] = value;
    }
    const queryString = Object.keys(query)
      .sort()
      .map((name) => `${encodeSegment(name)}=${encodeSegment(query[name] as string)}`)
      .join("&");
    const path = `${basePath}${request.path}`;
    const url = `${base.origin}${path}${queryString ? `?${queryString}` : ""}`;
    const signer = new SignatureV4({
      credentials,
      region: options.region,
      service: SIGNING_SERVICE,
      sha256: Sha256,
    });
    const signed = await signer.sign(
      {
        method: request.method,
        protocol: base.protocol,
        hostname: base.hostname,
        ...(base.port ? { port: Number(base.port) } : {}),
        path,
        query,
        headers: { host: base.host, ...request.headers },
        ...(request.body === undefined ? {} : { body: request.body }),
      },
      options.signingDate ? { signingDate: options.signingDate() } : {},
    );
    // fetch sets Host from the URL, the same value as signed.
    const { host: _host, ...headers } = signed.headers;
    let response: Response;
    let text: string;
    try {
      response = await doFetch(url, {
        method: request.method,
        headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const cause = error as Error & { cause?: { code?: string; message?: string } };
      const detail =
        cause.name === "TimeoutError"
          ? `no answer within ${timeoutMs} ms`
          : (cause.cause?.code ?? cause.cause?.message ?? cause.message);
      throw new ApiUnreachableError(`Could not reach ${base.origin}: ${detail}`, { cause: error });
    }
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name] = value;
    });
    const body = parseBody(text);
    return response.ok
      ? { ok: true, status: response.status, headers: responseHeaders, body }
      : { ok: false, status: response.status, headers: responseHeaders, body };
  }

  const typed = <T>(request: RawRequest) => send(request) as Promise<ApiResponse<T>>;

  return {
    createGrant: (body, idempotencyKey) =>
      typed<Accepted>({
        method: "POST",
        path: "/grants",
        headers: {
          "content-type": "application/json",
          ...(idempotencyKey === undefined ? {} : { "idempotency-key": idempotencyKey }),
        },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    getGrant: (id) => typed<GrantView>({ method: "GET", path: grantPath(id) }),
    listGrants: (filter = {}) =>
      typed<GrantList>({
        method: "GET",
        path: "/grants",
        query: {
          cluster: filter.cluster,
          namespace: filter.namespace,
          status: filter.status,
          limit: filter.limit === undefined ? undefined : String(filter.limit),
          nextToken: filter.nextToken,
        },
      }),
    deleteGrant: (id) => typed<Accepted>({ method: "DELETE", path: grantPath(id) }),
    catalog: () => typed<Catalog>({ method: "GET", path: "/catalog" }),
    send,
  };
}

/** The API's error body, or API Gateway's `{"message"}`, as one shape; `undefined` for anything else. */
export function errorOf(body: FailureBody): ApiErrorBody["error"] | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const error = record.error as Record<string, unknown> | undefined;
  if (typeof error === "object" && error !== null && typeof error.message === "string") {
    return error as ApiErrorBody["error"];
  }
  if (typeof record.message === "string") return { code: "", message: record.message, requestId: "" };
  return undefined;
}
