import { createHash, createHmac, type Hash, type Hmac, timingSafeEqual } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import { AwsError, type Credentials, type Identity, type IdentityStore, type WireProtocol } from "./types.ts";

/**
 * SigV4 authentication, as AWS's request front ends do it before any service sees a request: the
 * signature (the `Authorization` header, or the presigned query string's `X-Amz-Signature`) is
 * recomputed with the secret the sandbox's key store holds for the access key, by the AWS SDK's
 * own signer (`@smithy/signature-v4`) on the request as received, and compared in constant time.
 *
 * Time is not checked: AWS refuses a signature more than 15 minutes off its clock ("Signature
 * expired") and a presigned URL past X-Amz-Expires, but the sandbox may run on a scaled or moved
 * clock, and a replayed request is no threat to a local emulation.
 */

/** A request as it came off the wire: the URL not decoded, header names lower-cased, the body as bytes. */
export interface ReceivedRequest {
  method: string;
  /** Path and query string, exactly as sent (`/tags/arn%3Aaws%3A…?tagKeys=a`). */
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** The SigV4 credential scope: `AKID/20261124/eu-west-1/eks/aws4_request`. */
export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  /** The service's signing name (`iam`, `sts`, `eks`, `states`, …): how the front door routes. */
  signingName: string;
}

export type AuthFailureKind = "missing" | "incomplete" | "unknownKey" | "badSignature";

export interface AuthFailure {
  kind: AuthFailureKind;
  /** A message of AWS's for this case; the table's default when absent. */
  message?: string;
}

export type Authentication =
  | { ok: true; caller: Identity; scope: CredentialScope }
  | { ok: false; failure: AuthFailure; scope?: CredentialScope };

/**
 * How AWS answers a request it cannot authenticate, by wire protocol: [code, HTTP status].
 * - Query (IAM, STS): 403 `MissingAuthenticationToken` (a real STS answer: "Request is missing
 *   Authentication Token"), `InvalidClientTokenId`, `SignatureDoesNotMatch` (IAM User Guide,
 *   "Troubleshoot signed requests": HTTP 403 SignatureDoesNotMatch); `IncompleteSignature` 400.
 * - AWS JSON (DynamoDB, Step Functions, EventBridge, CloudTrail; AWS's "coral" front end): every
 *   authentication error is a 400 — the DynamoDB Developer Guide's error table, dynalite's answers
 *   recorded from DynamoDB, Step Functions' "Status Code: 400; Error Code:
 *   UnrecognizedClientException" (localstack/localstack#1869), EventBridge's
 *   InvalidSignatureException (HTTP 400) (paws-r/paws#426). A bad signature is
 *   `InvalidSignatureException` there, not the Query protocol's `SignatureDoesNotMatch`.
 * - REST-JSON (EKS; the API Gateway style front end of Lambda and others): 403
 *   `MissingAuthenticationTokenException` "Missing Authentication Token", and 403
 *   `UnrecognizedClientException` / `InvalidSignatureException` / `IncompleteSignatureException`
 *   (the Lambda API reference's common errors).
 */
const AUTH_ERRORS: Record<WireProtocol, Record<AuthFailureKind, [string, number]>> = {
  query: {
    missing: ["MissingAuthenticationToken", 403],
    incomplete: ["IncompleteSignature", 400],
    unknownKey: ["InvalidClientTokenId", 403],
    badSignature: ["SignatureDoesNotMatch", 403],
  },
  json: {
    missing: ["MissingAuthenticationTokenException", 400],
    incomplete: ["IncompleteSignatureException", 400],
    unknownKey: ["UnrecognizedClientException", 400],
    badSignature: ["InvalidSignatureException", 400],
  },
  "rest-json": {
    missing: ["MissingAuthenticationTokenException", 403],
    incomplete: ["IncompleteSignatureException", 403],
    unknownKey: ["UnrecognizedClientException", 403],
    badSignature: ["InvalidSignatureException", 403],
  },
};

const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. " +
  "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

const DEFAULT_MESSAGES: Record<WireProtocol, Record<AuthFailureKind, string>> = {
  query: {
    missing: "Request is missing Authentication Token",
    incomplete: "The request signature does not conform to AWS standards.",
    unknownKey: "The security token included in the request is invalid.",
    badSignature: SIGNATURE_MISMATCH,
  },
  json: {
    missing: "Request is missing Authentication Token",
    incomplete: "The request signature does not conform to AWS standards.",
    unknownKey: "The security token included in the request is invalid.",
    badSignature: SIGNATURE_MISMATCH,
  },
  "rest-json": {
    missing: "Missing Authentication Token",
    incomplete: "The request signature does not conform to AWS standards.",
    unknownKey: "The security token included in the request is invalid.",
    badSignature: SIGNATURE_MISMATCH,
  },
};

/** The error AWS answers an unauthenticated request with, in the request's protocol. */
export function authError(protocol: WireProtocol, failure: AuthFailure): AwsError {
  const [code, status] = AUTH_ERRORS[protocol][failure.kind];
  return new AwsError(code, failure.message ?? DEFAULT_MESSAGES[protocol][failure.kind], status);
}

/** The caller of a request: the identity of the key that signed it, if the signature is right. */
export async function authenticate(
  identities: IdentityStore,
  request: ReceivedRequest,
): Promise<Authentication> {
  const read = readSignature(request);
  if (read.kind !== "signed") return { ok: false, failure: read };
  const { signature } = read;
  const { scope } = signature;
  const caller = identities.resolve(scope.accessKeyId);
  const credentials = identities.credentialsOf(scope.accessKeyId);
  // A temporary key is only valid with its session token, and a long-term key with none.
  if (!caller || credentials?.sessionToken !== signature.sessionToken) {
    return { ok: false, failure: { kind: "unknownKey" }, scope };
  }
  // A key registered without its secret cannot be checked, so it cannot sign.
  if (!credentials || !(await signatureMatches(request, signature, credentials))) {
    return { ok: false, failure: { kind: "badSignature" }, scope };
  }
  return { ok: true, caller, scope };
}

interface ReceivedSignature {
  form: "header" | "query";
  scope: CredentialScope;
  /** `x-amz-date` / `X-Amz-Date`: `20261124T101500Z`. */
  amzDate: string;
  signedHeaders: string[];
  signature: string;
  sessionToken?: string;
  /** Query form: `X-Amz-Expires`, in seconds. */
  expiresIn?: number;
}

type SignatureReading = { kind: "signed"; signature: ReceivedSignature } | AuthFailure;

const ALGORITHM = "AWS4-HMAC-SHA256";
const AMZ_DATE = /^\d{8}T\d{6}Z$/;

/** The request's SigV4 signature, or why it has none AWS would accept. */
export function readSignature(request: Pick<ReceivedRequest, "url" | "headers">): SignatureReading {
  const query = queryOf(request.url);
  const authorization = request.headers.authorization;
  const presigned = query.has("X-Amz-Signature") || query.has("X-Amz-Algorithm");
  if (authorization !== undefined && presigned) {
    return {
      kind: "badSignature",
      message: "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    };
  }
  // An Authorization header of another scheme (SigV2, Basic, …) carries no SigV4 token at all.
  if (presigned) return readQuerySignature(query);
  if (authorization?.trim().startsWith("AWS4-")) return readHeaderSignature(authorization, request.headers);
  return { kind: "missing" };
}

function readHeaderSignature(authorization: string, headers: Record<string, string>): SignatureReading {
  const [algorithm = "", ...rest] = authorization.trim().split(/\s+/);
  if (algorithm !== ALGORITHM) {
    return { kind: "incomplete", message: `Unsupported AWS 'algorithm': '${algorithm}'.` };
  }
  const fields = new Map<string, string>();
  for (const part of rest.join(" ").split(",")) {
    const equals = part.indexOf("=");
    if (equals > 0) fields.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim());
  }
  const missing = ["Credential", "SignedHeaders", "Signature"].filter((name) => !fields.get(name));
  const amzDate = headers["x-amz-date"];
  if (missing.length > 0 || amzDate === undefined) {
    const requirements = missing.map((name) => `Authorization header requires '${name}' parameter.`);
    if (amzDate === undefined)
      requirements.push("Authorization header requires existence of a 'X-Amz-Date' header.");
    return { kind: "incomplete", message: `${requirements.join(" ")} Authorization=${authorization}` };
  }
  return signed({
    form: "header",
    credential: fields.get("Credential") ?? "",
    amzDate,
    signedHeaders: fields.get("SignedHeaders") ?? "",
    signature: fields.get("Signature") ?? "",
    sessionToken: headers["x-amz-security-token"],
  });
}

function readQuerySignature(query: URLSearchParams): SignatureReading {
  const required = [
    "X-Amz-Algorithm",
    "X-Amz-Credential",
    "X-Amz-Signature",
    "X-Amz-SignedHeaders",
    "X-Amz-Date",
  ];
  const missing = required.filter((name) => !query.get(name));
  if (missing.length > 0) {
    return {
      kind: "incomplete",
      message: `${missing.map((name) => `AWS query-string parameters must include '${name}'.`).join(" ")} Re-examine the query-string parameters.`,
    };
  }
  const algorithm = query.get("X-Amz-Algorithm") ?? "";
  if (algorithm !== ALGORITHM) {
    return { kind: "incomplete", message: `Unsupported AWS 'algorithm': '${algorithm}'.` };
  }
  const expires = query.get("X-Amz-Expires");
  return signed({
    form: "query",
    credential: query.get("X-Amz-Credential") ?? "",
    amzDate: query.get("X-Amz-Date") ?? "",
    signedHeaders: query.get("X-Amz-SignedHeaders") ?? "",
    signature: query.get("X-Amz-Signature") ?? "",
    sessionToken: query.get("X-Amz-Security-Token") ?? undefined,
    ...(expires === null ? {} : { expiresIn: Number(expires) }),
  });
}

function signed(fields: {
  form: "header" | "query";
  credential: string;
  amzDate: string;
  signedHeaders: string;
  signature: string;
  sessionToken: string | undefined;
  expiresIn?: number;
}): SignatureReading {
  const parts = fields.credential.split("/");
  const [accessKeyId = "", date = "", region = "", signingName = "", terminator] = parts;
  if (
    parts.length !== 5 ||
    !accessKeyId ||
    !date ||
    !region ||
    !signingName ||
    terminator !== "aws4_request"
  ) {
    return {
      kind: "incomplete",
      message: `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${fields.credential}'`,
    };
  }
  if (!AMZ_DATE.test(fields.amzDate)) {
    return {
      kind: "incomplete",
      message: `Date must be in ISO-8601 'basic format'. Got '${fields.amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    };
  }
  const signature: ReceivedSignature = {
    form: fields.form,
    scope: { accessKeyId, date, region, signingName },
    amzDate: fields.amzDate,
    signedHeaders: fields.signedHeaders.split(";").map((name) => name.trim().toLowerCase()),
    signature: fields.signature,
  };
  if (fields.sessionToken !== undefined) signature.sessionToken = fields.sessionToken;
  if (fields.expiresIn !== undefined) signature.expiresIn = fields.expiresIn;
  return { kind: "signed", signature };
}

const SHA256_HEADER = "x-amz-content-sha256";
/** Headers the signer writes itself; left out of the canonical request unless the client signed them. */
const SIGNER_HEADERS = ["x-amz-date", "x-amz-security-token", SHA256_HEADER];

/**
 * Re-signs the request as received, with the stored secret, the request's own date, scope and
 * signed headers, and compares. The payload is the body's SHA-256 in both forms (the JS SDK's
 * presigner and botocore's SigV4QueryAuth hash the, usually empty, body; only S3 presigns
 * `UNSIGNED-PAYLOAD`, and the sandbox has no S3).
 */
async function signatureMatches(
  request: ReceivedRequest,
  received: ReceivedSignature,
  credentials: Credentials,
): Promise<boolean> {
  const declaredHash = request.headers[SHA256_HEADER];
  // The signature covers the declared hash: it must be the hash of the body that came.
  if (declaredHash !== undefined && declaredHash !== sha256Hex(request.body)) return false;
  const { scope } = received;
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: scope.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...(credentials.sessionToken === undefined ? {} : { sessionToken: credentials.sessionToken }),
    },
    region: scope.region,
    service: scope.signingName,
    sha256: NodeSha256,
    applyChecksum: false,
    uriEscapePath: true,
  });
  const [path = "/", rawQuery = ""] = splitUrl(request.url);
  const signedHeaders = new Set(received.signedHeaders);
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  const unsignable = new Set(SIGNER_HEADERS.filter((name) => !signedHeaders.has(name)));
  const query = queryObject(rawQuery, received.form === "query" ? "X-Amz-Signature" : undefined);
  const base = {
    method: request.method,
    protocol: "http:",
    hostname: request.headers.host ?? "",
    path,
    query,
    headers,
    body: request.body,
  };
  const options = {
    signingDate: dateOf(received.amzDate),
    signingRegion: scope.region,
    signingService: scope.signingName,
    signableHeaders: signedHeaders,
    unsignableHeaders: unsignable,
  };
  try {
    if (received.form === "header") {
      if (declaredHash !== undefined) headers[SHA256_HEADER] = declaredHash;
      const signedRequest = await signer.sign(base, options);
      const computed = /Signature=([0-9a-f]+)/.exec(String(signedRequest.headers.authorization))?.[1] ?? "";
      return sameSignature(computed, received.signature);
    }
    const presigned = await signer.presign(base, {
      ...options,
      expiresIn: received.expiresIn ?? 3600,
      unhoistableHeaders: signedHeaders,
    });
    const computed = presigned.query?.["X-Amz-Signature"];
    return typeof computed === "string" && sameSignature(computed, received.signature);
  } catch {
    // The signer refuses what cannot be signed (an X-Amz-Expires beyond a week, …): no match.
    return false;
  }
}

function sameSignature(computed: string, received: string): boolean {
  const a = Buffer.from(computed, "utf8");
  const b = Buffer.from(received.toLowerCase(), "utf8");
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

/** `20261124T101500Z` → the Date the signer formats back to the same string. */
function dateOf(amzDate: string): Date {
  const iso = `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`;
  return new Date(iso);
}

function splitUrl(url: string): [string, string] {
  const mark = url.indexOf("?");
  return mark < 0 ? [url, ""] : [url.slice(0, mark), url.slice(mark + 1)];
}

function queryOf(url: string): URLSearchParams {
  return new URLSearchParams(splitUrl(url)[1]);
}

/** The query as the signer takes it: decoded names and values, repeated names as arrays. */
function queryObject(rawQuery: string, without?: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    if (name === without) continue;
    const existing = query[name];
    if (existing === undefined) query[name] = value;
    else query[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

function sha256Hex(body: Uint8Array): string {
  return createHash("sha256").update(body).digest("hex");
}

/** SHA-256 and HMAC-SHA-256 from node:crypto, in the shape the signer takes (`@smithy/types` Checksum). */
export class NodeSha256 {
  readonly #secret: string | ArrayBuffer | ArrayBufferView | undefined;
  #hash: Hash | Hmac;

  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#secret = secret;
    this.#hash = NodeSha256.#create(secret);
  }

  update(data: Uint8Array): void {
    this.#hash.update(data);
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }

  reset(): void {
    this.#hash = NodeSha256.#create(this.#secret);
  }

  static #create(secret: string | ArrayBuffer | ArrayBufferView | undefined): Hash | Hmac {
    if (secret === undefined) return createHash("sha256");
    const key =
      typeof secret === "string"
        ? Buffer.from(secret, "utf8")
        : ArrayBuffer.isView(secret)
          ? Buffer.from(secret.buffer, secret.byteOffset, secret.byteLength)
          : Buffer.from(secret);
    return createHmac("sha256", key);
  }
}
