import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { authError, authenticate } from "./emulator/signature.ts";
import type { Identity, IdentityStore } from "./emulator/types.ts";
import type { LambdaHandler } from "./stepfunctions/local-sfn.ts";

/**
 * API Gateway (HTTP API, payload format 2.0) in front of the `api` function, as `serverless
 * deploy` configures it: every route IAM-authorized. Each request's SigV4 signature (service
 * `execute-api`) is checked against the sandbox's key store before the function sees it, and
 * refused as API Gateway refuses it — 403 `{"message": "Forbidden"}` unsigned, 403 with AWS's
 * signature-mismatch or invalid-token text otherwise. The function gets the signing principal's ARN
 * in `requestContext.authorizer.iam.userArn`, like on AWS. So `curl --aws-sigv4`, the CLI and any
 * AWS SDK work against it as they would against a deployed stage.
 */
export interface ApiGatewayOptions {
  identities: IdentityStore;
  handler: LambdaHandler;
  accountId: string;
  region: string;
  port?: number;
}

/** API Gateway's own payload limit for HTTP APIs (10 MB); the function enforces its smaller one. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

export async function startApiGateway(
  options: ApiGatewayOptions,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    serve(options, req, res).catch((error: unknown) => {
      if (!res.headersSent) reply(res, 500, { message: "Internal Server Error" });
      else res.destroy(error as Error);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function serve(options: ApiGatewayOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_PAYLOAD_BYTES) return reply(res, 413, { message: "Request Entity Too Large" });
    chunks.push(chunk as Buffer);
  }
  const body = Buffer.concat(chunks);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  const method = req.method ?? "GET";
  const url = req.url ?? "/";
  const auth = await authenticate(options.identities, { method, url, headers, body });
  if (!auth.ok) {
    // API Gateway's own words where they differ from the REST front end's (signature.ts).
    const message =
      auth.failure.kind === "missing"
        ? "Forbidden"
        : auth.failure.kind === "incomplete"
          ? "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters."
          : authError("rest-json", auth.failure).message;
    return reply(res, 403, { message });
  }
  if (auth.scope.signingName !== "execute-api") {
    return reply(res, 403, {
      message: `Credential should be scoped to correct service: 'execute-api'. `,
    });
  }
  const event = apiEvent(options, auth.caller, method, url, headers, body);
  const result = (await options.handler(event, {
    functionName: "api",
    awsRequestId: randomUUID(),
    getRemainingTimeInMillis: () => 10_000,
  })) as { statusCode: number; headers?: Record<string, string>; body?: string };
  res.writeHead(result.statusCode, result.headers ?? {});
  res.end(result.body ?? "");
}

/** The event API Gateway hands a Lambda proxy integration (payload format 2.0, IAM authorizer). */
function apiEvent(
  options: ApiGatewayOptions,
  caller: Identity,
  method: string,
  url: string,
  headers: Record<string, string>,
  body: Buffer,
) {
  const [rawPath = "/", rawQueryString = ""] = url.split("?", 2);
  const query = new URLSearchParams(rawQueryString);
  const queryStringParameters: Record<string, string> = {};
  for (const name of new Set(query.keys())) queryStringParameters[name] = query.getAll(name).join(",");
  const now = new Date();
  const requestId = randomUUID();
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath,
    rawQueryString,
    headers,
    ...(rawQueryString ? { queryStringParameters } : {}),
    requestContext: {
      accountId: options.accountId,
      apiId: "sandbox",
      authorizer: {
        iam: {
          accessKey: caller.accessKeyId,
          accountId: caller.accountId,
          callerId: caller.principalId,
          principalOrgId: null,
          userArn: caller.arn,
          userId: caller.principalId,
        },
      },
      domainName: headers.host ?? "127.0.0.1",
      domainPrefix: "sandbox",
      http: {
        method,
        path: rawPath,
        protocol: "HTTP/1.1",
        sourceIp: "127.0.0.1",
        userAgent: headers["user-agent"] ?? "",
      },
      requestId,
      routeKey: "$default",
      stage: "$default",
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0
      ? { body: body.toString("utf8"), isBase64Encoded: false }
      : { isBase64Encoded: false }),
  };
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
