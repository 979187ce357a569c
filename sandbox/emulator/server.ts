import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { FaultInjector } from "./faults.ts";
import {
  checkJsonBody,
  jsonError,
  jsonOperation,
  jsonProtocolVersion,
  restJsonError,
} from "./json-protocol.ts";
import {
  isQueryRequest,
  parseQueryRequest,
  queryAction,
  queryXmlns,
  renderQueryError,
} from "./query-protocol.ts";
import { authError, authenticate } from "./signature.ts";
import {
  AwsError,
  type EmulatedService,
  type IdentityStore,
  type ServiceRequest,
  type ServiceResponse,
  type WireProtocol,
} from "./types.ts";

/**
 * The emulation's single HTTP endpoint. Every request is authenticated as AWS does it (SigV4,
 * header or presigned query string, checked against the key store's secrets: signature.ts), then
 * routed by the signing name of its credential scope
 * (`Credential=AKID/20261124/us-east-1/iam/aws4_request`), which is how one endpoint can serve
 * every client (`AWS_ENDPOINT_URL=http://127.0.0.1:4566`). The caller is the identity registered
 * for the access key. What AWS's request front ends answer before a service sees the request
 * (authentication errors, a JSON body that does not parse) is rendered here, in the request's
 * wire protocol.
 */
export interface FrontDoorOptions {
  services: EmulatedService[];
  identities: IdentityStore;
  faults?: FaultInjector;
  accountId: string;
}

/**
 * The API operation of a request, for scripted faults: the service says it from its own routing;
 * for a service that does not, the request names it (Query `Action`, JSON `X-Amz-Target`).
 */
export function operationOf(service: EmulatedService, request: ServiceRequest): string | undefined {
  if (service.operationOf) return service.operationOf(request);
  return jsonOperation(request.headers) ?? queryAction(request);
}

/** The wire protocol a request speaks, from its own shape: the front door answers in it before any service is chosen. */
export function protocolOf(request: Pick<ServiceRequest, "headers" | "query">): WireProtocol {
  if (jsonProtocolVersion(request.headers)) return "json";
  if (isQueryRequest(request)) return "query";
  return "rest-json";
}

/** An error the front door answers itself, in the request's protocol (AWS's front ends add no service namespace). */
function renderFrontDoorError(
  error: AwsError,
  request: Pick<ServiceRequest, "headers" | "query" | "body" | "requestId">,
): ServiceResponse {
  switch (protocolOf(request)) {
    case "json":
      return jsonError(jsonProtocolVersion(request.headers) ?? "1.0", error);
    case "query":
      return renderQueryError(error, queryXmlns(parseQueryRequest(request)), request.requestId);
    case "rest-json":
      return restJsonError(error);
  }
}

export async function dispatch(
  options: FrontDoorOptions,
  raw: {
    method: string;
    /** Path and query string as sent. */
    url: string;
    headers: Record<string, string>;
    /** The body's bytes, as signed (a string is taken as UTF-8). */
    body: Uint8Array | string;
  },
): Promise<ServiceResponse> {
  const url = new URL(raw.url, "http://localhost");
  const requestId = randomUUID();
  const bytes = typeof raw.body === "string" ? Buffer.from(raw.body, "utf8") : raw.body;
  const body = Buffer.from(bytes).toString("utf8");
  const withId = (response: ServiceResponse): ServiceResponse => ({
    ...response,
    headers: { "x-amzn-requestid": requestId, ...response.headers },
  });
  const received = { headers: raw.headers, query: url.searchParams, body, requestId };
  const refuse = (error: AwsError) => withId(renderFrontDoorError(error, received));

  // AWS's JSON front end parses the body before it authenticates (dynalite, recorded from DynamoDB).
  if (protocolOf(received) === "json") {
    const malformed = checkJsonBody(body);
    if (malformed) return refuse(malformed);
  }
  const authentication = await authenticate(options.identities, {
    method: raw.method,
    url: raw.url,
    headers: raw.headers,
    body: bytes,
  });
  if (!authentication.ok) return refuse(authError(protocolOf(received), authentication.failure));
  const { caller, scope } = authentication;
  const service = options.services.find((s) => s.signingName === scope.signingName);
  if (!service) {
    return refuse(
      new AwsError(
        "UnknownOperationException",
        `The sandbox does not emulate the '${scope.signingName}' service`,
        400,
      ),
    );
  }
  const request: ServiceRequest = {
    method: raw.method,
    path: url.pathname,
    query: url.searchParams,
    headers: raw.headers,
    body,
    region: scope.region,
    caller,
    requestId,
  };
  const operation = operationOf(service, request);
  const fault = options.faults?.check({
    signingName: service.signingName,
    accountId: caller.accountId,
    ...(operation ? { operation } : {}),
    method: raw.method,
    path: url.pathname,
    body,
  });
  if (fault && !fault.afterServing) return withId(service.renderError(fault.error, request));
  try {
    const response = await service.handle(request);
    return withId(fault ? service.renderError(fault.error, request) : response);
  } catch (error) {
    const awsError =
      error instanceof AwsError
        ? error
        : new AwsError("InternalFailure", `Sandbox error: ${(error as Error).message}`, 500, "Receiver");
    if (!(error instanceof AwsError)) console.error("[sandbox] unexpected error", error);
    return withId(service.renderError(awsError, request));
  }
}

/** The body's bytes as they came: the signature covers them, not a decoding of them. */
async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  return headers;
}

/** Starts the endpoint on `127.0.0.1:port` (0 = any free port) and resolves with its URL. */
export async function startFrontDoor(
  options: FrontDoorOptions,
  port = 0,
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    readBody(req)
      .then((body) =>
        dispatch(options, {
          method: req.method ?? "GET",
          url: req.url ?? "/",
          headers: lowerCaseHeaders(req),
          body,
        }),
      )
      .then((response) => {
        res.writeHead(response.status, response.headers);
        res.end(response.body);
      })
      .catch((error: unknown) => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(error));
      });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
