import { request as httpRequest } from "node:http";
import { SignatureV4 } from "@smithy/signature-v4";
import { NodeSha256 } from "../../sandbox/emulator/signature.ts";

/**
 * Raw HTTP to the sandbox, signed (or not) as an AWS client would sign it, for the tests that put
 * bytes on the wire themselves: malformed bodies, presigned URLs, unsigned requests.
 */
export interface Signing {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region: string;
  /** The SigV4 signing name: `iam`, `sts`, `eks`, `states`, `events`, `cloudtrail`, `dynamodb`. */
  service: string;
}

export interface RawRequest {
  method?: string;
  /** Lower-case names. */
  headers?: Record<string, string>;
  body?: string;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const signer = (signing: Signing) =>
  new SignatureV4({
    credentials: {
      accessKeyId: signing.accessKeyId,
      secretAccessKey: signing.secretAccessKey,
      ...(signing.sessionToken ? { sessionToken: signing.sessionToken } : {}),
    },
    region: signing.region,
    service: signing.service,
    sha256: NodeSha256,
  });

function toSign(url: URL, init: RawRequest) {
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = value;
  return {
    method: init.method ?? "GET",
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query,
    headers: { host: url.host, ...init.headers },
    ...(init.body === undefined ? {} : { body: init.body }),
  };
}

/** Sends the request as given: no signature unless its headers carry one. */
export function send(url: string, init: RawRequest = {}): Promise<RawResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      target,
      { method: init.method ?? "GET", headers: { host: target.host, ...init.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (typeof value === "string") headers[name] = value;
          }
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString("utf8") });
        });
      },
    );
    req.on("error", reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

/** The request's headers once signed with an `Authorization` header (SigV4), as the SDK signs. */
export async function signedHeaders(
  url: string,
  init: RawRequest,
  signing: Signing,
): Promise<Record<string, string>> {
  const signed = await signer(signing).sign(toSign(new URL(url), init));
  return signed.headers;
}

/** Signs the request with an `Authorization` header (SigV4), as the SDK does, and sends it. */
export async function sendSigned(url: string, init: RawRequest, signing: Signing): Promise<RawResponse> {
  return send(url, { ...init, headers: await signedHeaders(url, init, signing) });
}

/** A presigned URL (SigV4 in the query string), as `SignatureV4.presign` makes one. */
export async function presignUrl(
  url: string,
  init: RawRequest,
  signing: Signing,
  expiresIn = 900,
): Promise<string> {
  const target = new URL(url);
  const presigned = await signer(signing).presign(toSign(target, init), { expiresIn });
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(presigned.query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value])
      if (typeof item === "string") query.append(name, item);
  }
  return `${target.origin}${target.pathname}?${query.toString().replace(/\+/g, "%20")}`;
}
