import { badRequest, type EksError, invalidParameter } from "./errors.ts";
import type { Body } from "./types.ts";

/** Reading and validating a request's members, as the service model and EKS's own checks do. */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::(\d{12}):role\/[\w+=,.@/-]+$/;

export function parseBody(raw: string): Body {
  if (raw.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw badRequest("Could not parse the request body as JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw badRequest("The request body must be a JSON object");
  }
  return parsed as Body;
}

export function requiredString(body: Body, member: string): string {
  const value = optionalString(body, member);
  if (value === undefined || value === "") throw invalidParameter(`${member} is required`);
  return value;
}

export function optionalString(body: Body, member: string): string | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalidParameter(`${member} must be a string`);
  return value;
}

export function optionalBoolean(body: Body, member: string): boolean | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw invalidParameter(`${member} must be a boolean`);
  return value;
}

// TagMap: at most 50 tags, keys 1–128 and values up to 256 characters, "aws:" reserved (service model).
export function optionalTags(
  body: Body,
  fail: (message: string) => EksError,
): Record<string, string> | undefined {
  const value = body.tags;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw fail("tags must be a map of strings");
  const entries = Object.entries(value as Body);
  if (entries.length > 50) throw fail("A resource can have at most 50 tags");
  for (const [key, tagValue] of entries) {
    if (typeof tagValue !== "string") throw fail(`The value of tag ${key} must be a string`);
    if (key.length < 1 || key.length > 128) throw fail(`Tag key ${key} must be 1 to 128 characters long`);
    if (tagValue.length > 256) throw fail(`The value of tag ${key} must be at most 256 characters long`);
    if (key.toLowerCase().startsWith("aws:")) throw fail(`Tag key ${key} uses the reserved prefix aws:`);
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

// Kubernetes' own rules: a namespace is a DNS-1123 label, a service account a DNS-1123 subdomain.
export function validateKubernetesNames(namespace: string, serviceAccount: string): void {
  if (namespace.length > 63 || !DNS1123_LABEL.test(namespace)) {
    throw invalidParameter(`Namespace ${namespace} is not a valid Kubernetes namespace name`);
  }
  if (serviceAccount.length > 253 || !DNS1123_SUBDOMAIN.test(serviceAccount)) {
    throw invalidParameter(
      `Service account ${serviceAccount} is not a valid Kubernetes service account name`,
    );
  }
}

export function validateRoleArn(member: string, arn: string): void {
  if (!ROLE_ARN.test(arn)) throw invalidParameter(`Invalid ${member}: '${arn}' is not an IAM role ARN`);
}

// The API reference for `policy`: "When using this policy, disableSessionTags must be set to true".
export function validateSessionPolicy(policy: string | undefined, disableSessionTags: boolean): void {
  if (!policy) return;
  if (!disableSessionTags)
    throw invalidParameter("disableSessionTags must be set to true when a policy is provided");
  try {
    JSON.parse(policy);
  } catch {
    throw invalidParameter("policy must be a valid JSON policy document");
  }
}

// Cursor tokens (the last key served), so that deleting while paging skips nothing.
export function paginate<T>(
  items: T[],
  key: (item: T) => string | number,
  query: URLSearchParams,
): { page: T[]; nextToken?: string } {
  const rawMax = query.get("maxResults");
  const maxResults = rawMax === null ? 100 : Number(rawMax);
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) {
    throw invalidParameter("maxResults must be between 1 and 100");
  }
  const token = query.get("nextToken");
  const after = token === null ? undefined : decodeToken(token);
  const rest = after === undefined ? items : items.filter((item) => key(item) > after);
  const page = rest.slice(0, maxResults);
  const last = page.at(-1);
  return rest.length > maxResults && last !== undefined
    ? { page, nextToken: encodeToken(key(last)) }
    : { page };
}

const encodeToken = (after: string | number) => Buffer.from(JSON.stringify({ after })).toString("base64url");

function decodeToken(token: string): string | number {
  try {
    const { after } = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { after: unknown };
    if (typeof after === "number" || typeof after === "string") return after;
  } catch {
    // not ours
  }
  throw invalidParameter("The nextToken provided is invalid");
}

export function withNextToken(body: Body, nextToken: string | undefined): Body {
  return nextToken === undefined ? body : { ...body, nextToken };
}
