import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { FaultInjector } from "./faults.ts";
import { jsonOperation } from "./json-protocol.ts";
import { queryAction } from "./query-protocol.ts";
import {
  AwsError,
  type EmulatedService,
  type IdentityStore,
  type ServiceRequest,
  type ServiceResponse,
} from "./types.ts";

/**
 * The emulation's single HTTP endpoint. Requests are routed by the SigV4 signing name in the
 * `Authorization` header's credential scope (`Credential=AKID/20261124/us-east-1/iam/aws4_request`),
 * which is how one endpoint can serve every client (`AWS_ENDPOINT_URL=http://127.0.0.1:4566`).
 * The caller is the identity registered for the access key; signatures are not verified (this is
 * a local sandbox: its point is the wire format and the semantics, not authentication).
 */
export interface FrontDoorOptions {
  services: EmulatedService[];
  identities: IdentityStore;
  faults?: FaultInjector;
  accountId: string;
}

const SCOPE = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

export function parseAuthorization(
  header: string | undefined,
): { accessKeyId: string; region: string; signingName: string } | undefined {
  const match = header ? SCOPE.exec(header) : null;
  if (!match) return undefined;
  const [, accessKeyId, region, signingName] = match as unknown as [string, string, string, string];
  return { accessKeyId, region, signingName };
}

/**
 * The API operation of a request, for scripted faults: the service says it from its own routing;
 * for a service that does not, the request names it (Query `Action`, JSON `X-Amz-Target`).
 */
export function operationOf(service: EmulatedService, request: ServiceRequest): string | undefined {
  if (service.operationOf) return service.operationOf(request);
  return jsonOperation(request.headers) ?? queryAction(request);
}

export async function dispatch(
  options: FrontDoorOptions,
  raw: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body: string;
  },
): Promise<ServiceResponse> {
  const url = new URL(raw.url, "http://localhost");
  const requestId = randomUUID();
  const auth = parseAuthorization(raw.headers.authorization);
  const service = auth ? options.services.find((s) => s.signingName === auth.signingName) : undefined;
  if (!auth || !service) {
    return {
      status: 400,
      headers: { "content-type": "application/json", "x-amzn-requestid": requestId },
      body: JSON.stringify({
        message: auth
          ? `The sandbox does not emulate the '${auth.signingName}' service`
          : "Missing or malformed SigV4 Authorization header",
      }),
    };
  }
  const caller = options.identities.resolve(auth.accessKeyId);
  const request: ServiceRequest = {
    method: raw.method,
    path: url.pathname,
    query: url.searchParams,
    headers: raw.headers,
    body: raw.body,
    region: auth.region,
    // Filled below when the key is known; an unknown key is answered before the service sees it.
    caller: caller ?? {
      type: "IAMUser",
      principalId: "",
      arn: "",
      accountId: options.accountId,
      accessKeyId: auth.accessKeyId,
    },
    requestId,
  };
  const withId = (response: ServiceResponse): ServiceResponse => ({
    ...response,
    headers: { "x-amzn-requestid": requestId, ...response.headers },
  });
  if (!caller) {
    return withId(
      service.renderError(
        new AwsError("InvalidClientTokenId", "The security token included in the request is invalid.", 403),
        request,
      ),
    );
  }
  const operation = operationOf(service, request);
  const fault = options.faults?.check({
    signingName: service.signingName,
    accountId: caller.accountId,
    ...(operation ? { operation } : {}),
    method: raw.method,
    path: url.pathname,
    body: raw.body,
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

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
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
