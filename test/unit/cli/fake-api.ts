import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Sha256 } from "@smithy/core/checksum";
import { SignatureV4 } from "@smithy/signature-v4";

/**
 * A local stand-in for the API: records every request as it came off the wire, checks its SigV4
 * signature by recomputing it with the secret the test names (as API Gateway's IAM authorizer
 * would), and answers with what the test's handler returns.
 */
export interface Received {
  method: string;
  /** Path and query string exactly as sent (not decoded). */
  url: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  auth?: {
    accessKeyId: string;
    date: string;
    region: string;
    service: string;
    terminator: string;
    signedHeaders: string[];
  };
  /** Whether the signature matches one recomputed with the secret for its access key. */
  signatureValid: boolean;
}

export type Answer = { status: number; body?: unknown; raw?: string };
export type Handler = (request: Received) => Answer;

export interface FakeApi {
  url: string;
  requests: Received[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export const CREDENTIALS = { accessKeyId: "AKIDCLITEST", secretAccessKey: "cli-test-secret" };

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/;

async function verify(
  received: Omit<Received, "signatureValid">,
  secrets: Record<string, string>,
  host: URL,
) {
  const auth = received.auth;
  const secret = auth ? secrets[auth.accessKeyId] : undefined;
  const amzDate = received.headers["x-amz-date"];
  if (!auth || secret === undefined || !amzDate) return false;
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) headers[name] = received.headers[name] ?? "";
  const signingDate = new Date(
    `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
  );
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: auth.accessKeyId,
      secretAccessKey: secret,
      ...(received.headers["x-amz-security-token"]
        ? { sessionToken: received.headers["x-amz-security-token"] }
        : {}),
    },
    region: auth.region,
    service: auth.service,
    sha256: Sha256,
  });
  const signed = await signer.sign(
    {
      method: received.method,
      protocol: host.protocol,
      hostname: host.hostname,
      port: Number(host.port),
      path: received.path,
      query: received.query,
      headers,
      ...(received.body === "" ? {} : { body: received.body }),
    },
    { signingDate },
  );
  return signed.headers.authorization === received.headers.authorization;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export async function startFakeApi(
  secrets: Record<string, string> = { [CREDENTIALS.accessKeyId]: CREDENTIALS.secretAccessKey },
): Promise<FakeApi> {
  const requests: Received[] = [];
  let handler: Handler = () => ({
    status: 404,
    body: { error: { code: "NotFound", message: "no handler", requestId: "r" } },
  });
  let base = new URL("http://127.0.0.1");
  const server: Server = createServer(async (req, res) => {
    const url = req.url ?? "/";
    const [path = "/", search = ""] = url.split("?");
    const query: Record<string, string> = {};
    for (const [name, value] of new URLSearchParams(search)) query[name] = value;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === "string") headers[name] = value;
    const match = AUTH.exec(headers.authorization ?? "");
    const partial = {
      method: req.method ?? "GET",
      url,
      path,
      query,
      headers,
      body: await readBody(req),
      ...(match
        ? {
            auth: {
              accessKeyId: match[1] as string,
              date: match[2] as string,
              region: match[3] as string,
              service: match[4] as string,
              terminator: match[5] as string,
              signedHeaders: (match[6] as string).split(";"),
            },
          }
        : {}),
    };
    const received: Received = { ...partial, signatureValid: await verify(partial, secrets, base) };
    requests.push(received);
    const answer = handler(received);
    const text = answer.raw ?? (answer.body === undefined ? "" : JSON.stringify(answer.body));
    res.writeHead(answer.status, {
      "content-type": answer.raw === undefined ? "application/json" : "text/plain",
    });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  base = new URL(`http://127.0.0.1:${port}`);
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle(next) {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** A contract-shaped GrantView. */
export function view(overrides: Record<string, unknown> = {}) {
  return {
    grantId: "demo/payments/payments-api",
    cluster: "demo",
    namespace: "payments",
    serviceAccount: "payments-api",
    status: "ACTIVE",
    tenant: "payments",
    roleArn: "arn:aws:iam::111122223333:role/pod-identity/pip-demo-payments-payments-api-0123456789ab",
    associationId: "a-0123456789abcdef0",
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:05.000Z",
    restartRequired: false,
    ...overrides,
  };
}

export const EXECUTION_ARN =
  "arn:aws:states:eu-west-1:111122223333:execution:pod-identity-provisioner-dev-provision:run-1";
