import type { AwsError, ServiceRequest, ServiceResponse } from "./types.ts";

/**
 * The AWS Query protocol, as IAM and STS speak it: a form-urlencoded request
 * (`Action=CreateRole&Version=2010-05-08&RoleName=…&Tags.member.1.Key=…`) and an XML answer
 * (`<CreateRoleResponse><CreateRoleResult>…</CreateRoleResult><ResponseMetadata>…`).
 */

export const IAM_XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/";
export const STS_XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";

/** The namespace of a Query API version's XML: IAM's `2010-05-08`, STS's `2011-06-15`. */
export function queryXmlns(params: QueryParams): string {
  return params.get("Version") === "2011-06-15" ? STS_XMLNS : IAM_XMLNS;
}

/** A Query request: a form-encoded body, or (a presigned GET) an `Action` in the query string. */
export function isQueryRequest(request: Pick<ServiceRequest, "query" | "headers">): boolean {
  return (
    (request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded") ||
    request.query.has("Action")
  );
}

/** Flat request parameters, e.g. `Tags.member.1.Key` → `team`. */
export type QueryParams = ReadonlyMap<string, string>;

/** The request's parameters: the query string and the form body (a client may use either; the body wins). */
export function parseQueryRequest(request: Pick<ServiceRequest, "query" | "body">): QueryParams {
  const params = new Map<string, string>(request.query);
  for (const [name, value] of new URLSearchParams(request.body)) params.set(name, value);
  return params;
}

/** The operation a Query request names: its `Action` parameter. */
export function queryAction(request: Pick<ServiceRequest, "query" | "body">): string | undefined {
  return parseQueryRequest(request).get("Action");
}

/**
 * A list member: `Name.member.1`, `Name.member.2`, … in index order. `undefined` when absent; `[]` for
 * `Name=` (how the SDK sends an empty list).
 */
export function readList(params: QueryParams, name: string): string[] | undefined {
  const items = indexed(params, `${name}.member.`);
  if (items.size === 0) return params.has(name) ? [] : undefined;
  return [...items.entries()].sort(([a], [b]) => a - b).map(([, value]) => value);
}

/** A list of structures: `Name.member.1.Key`, `Name.member.1.Value`, … → `[{ Key, Value }, …]`. */
export function readStructList(params: QueryParams, name: string): Array<Record<string, string>> | undefined {
  const items = indexedStructs(params, `${name}.member.`);
  if (items.length === 0) return params.has(name) ? [] : undefined;
  return items;
}

/** A map: `Name.entry.1.key`, `Name.entry.1.value`, … */
export function readMap(params: QueryParams, name: string): Record<string, string> | undefined {
  const entries = indexedStructs(params, `${name}.entry.`);
  if (entries.length === 0) return params.has(name) ? {} : undefined;
  const map: Record<string, string> = {};
  for (const entry of entries) if (entry.key !== undefined) map[entry.key] = entry.value ?? "";
  return map;
}

function indexedStructs(params: QueryParams, prefix: string): Array<Record<string, string>> {
  const byIndex = new Map<number, Record<string, string>>();
  for (const [key, value] of params) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const dot = rest.indexOf(".");
    const index = Number(rest.slice(0, dot));
    if (dot < 1 || !Number.isInteger(index)) continue;
    const item = byIndex.get(index) ?? {};
    item[rest.slice(dot + 1)] = value;
    byIndex.set(index, item);
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, item]) => item);
}

function indexed(params: QueryParams, prefix: string): Map<number, string> {
  const items = new Map<number, string>();
  for (const [key, value] of params) {
    if (!key.startsWith(prefix)) continue;
    const index = Number(key.slice(prefix.length));
    if (Number.isInteger(index)) items.set(index, value);
  }
  return items;
}

/**
 * A value to render as XML: a scalar is text, an object is a structure (members in insertion
 * order), an array is a list of `<member>` elements; `undefined`/`null` members are left out.
 */
export type XmlValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | XmlValue[]
  | { [member: string]: XmlValue };

const XML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  // An XML parser turns a literal CR into LF; a character reference survives.
  "\r": "&#13;",
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (char) => XML_ESCAPES[char] ?? char);
}

export function renderXmlElement(name: string, value: XmlValue): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value))
    return `<${name}>${value.map((item) => renderXmlElement("member", item)).join("")}</${name}>`;
  if (typeof value === "object") {
    const members = Object.entries(value)
      .map(([member, child]) => renderXmlElement(member, child))
      .join("");
    return `<${name}>${members}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

const XML_HEADERS = { "content-type": "text/xml" };

/** `<{Action}Response xmlns=…><{Action}Result>…</{Action}Result><ResponseMetadata>…` (no Result element when the operation returns nothing). */
export function renderQueryResponse(options: {
  action: string;
  xmlns: string;
  requestId: string;
  result?: Record<string, XmlValue>;
}): ServiceResponse {
  const { action, xmlns, requestId, result } = options;
  const resultXml = result ? renderXmlElement(`${action}Result`, result) : "";
  return {
    status: 200,
    headers: XML_HEADERS,
    body:
      `<${action}Response xmlns="${xmlns}">${resultXml}` +
      `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata></${action}Response>`,
  };
}

/** `<ErrorResponse xmlns=…><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>` with the error's HTTP status. */
export function renderQueryError(error: AwsError, xmlns: string, requestId: string): ServiceResponse {
  return {
    status: error.status,
    headers: XML_HEADERS,
    body:
      `<ErrorResponse xmlns="${xmlns}">` +
      renderXmlElement("Error", { Type: error.fault, Code: error.code, Message: error.message }) +
      `<RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`,
  };
}
