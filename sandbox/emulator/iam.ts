import { hashId, iamUserIdentity } from "./identities.ts";
import {
  IAM_XMLNS,
  parseQueryRequest,
  type QueryParams,
  readList,
  readStructList,
  renderQueryError,
  renderQueryResponse,
  type XmlValue,
} from "./query-protocol.ts";
import { randomString } from "./random.ts";
import {
  AwsError,
  type EmulatedService,
  type EmulatorContext,
  type Identity,
  type ServiceRequest,
  type ServiceResponse,
} from "./types.ts";

/**
 * IAM over the Query protocol, in memory: roles (inline and managed policies, permissions
 * boundaries, tags), customer managed policies, users and access keys — with IAM's validation,
 * error codes and messages, and one CloudTrail record per call.
 *
 * Error messages are IAM's own wording as seen in real responses quoted in public issue trackers
 * (e.g. "The role with name X cannot be found.", "Cannot exceed quota for ACLSizePerRole: 2048").
 */

/** IAM quotas: IAM User Guide, "IAM and AWS STS quotas". Policy sizes are counted without white space. */
export const IAM_LIMITS = {
  rolesPerAccount: 1000,
  inlinePolicyCharactersPerRole: 10_240,
  trustPolicyCharacters: 2_048,
  managedPolicyCharacters: 6_144,
  managedPoliciesPerRole: 10,
  tagsPerResource: 50,
  accessKeysPerUser: 2,
} as const;

export interface Tag {
  Key: string;
  Value: string;
}

export interface IamRole {
  path: string;
  roleName: string;
  roleId: string;
  arn: string;
  /** ISO-8601 to the second, as IAM returns it. */
  createDate: string;
  /** ctx.now() at creation, in ms: when the role starts to propagate. */
  createdAtMs: number;
  /** Exactly as the client sent it. */
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration: number;
  permissionsBoundaryArn?: string;
  tags: Tag[];
  /** Policy name → document exactly as sent. */
  inlinePolicies: Record<string, string>;
  attachedPolicyArns: string[];
}

export interface IamPolicy {
  policyName: string;
  policyId: string;
  arn: string;
  path: string;
  description?: string;
  document: string;
  createDate: string;
  updateDate: string;
  tags: Tag[];
}

export interface IamUser {
  path: string;
  userName: string;
  userId: string;
  arn: string;
  createDate: string;
  permissionsBoundaryArn?: string;
  tags: Tag[];
}

export interface IamAccessKey {
  accessKeyId: string;
  userName: string;
  status: "Active" | "Inactive";
  createDate: string;
}

export interface IamSnapshot {
  format: "iam-emulator/1";
  roles: IamRole[];
  policies: IamPolicy[];
  users: IamUser[];
  accessKeys: IamAccessKey[];
  creations: Record<string, number>;
}

export interface IamServiceOptions {
  /** How long a new role stays invisible to other services (ms, measured with ctx.now()). Default 0. */
  propagationDelayMs?: number;
  /** Roles per account. Default 1,000 (IAM's default quota). */
  roleQuota?: number;
}

// ---------------------------------------------------------------------------------------------
// Errors, in IAM's wording.

const validationError = (message: string) => new AwsError("ValidationError", message, 400);
const malformed = (message: string) => new AwsError("MalformedPolicyDocument", message, 400);
const quotaExceeded = (quota: string, limit: number) =>
  new AwsError("LimitExceeded", `Cannot exceed quota for ${quota}: ${limit}`, 409);
const deleteConflict = (message: string) => new AwsError("DeleteConflict", message, 409);
const noSuchEntity = (message: string) => new AwsError("NoSuchEntity", message, 404);
const alreadyExists = (message: string) => new AwsError("EntityAlreadyExists", message, 409);
const invalidArn = (arn: string) => new AwsError("InvalidInput", `ARN ${arn} is not valid.`, 400);
const noSuchRole = (name: string) => noSuchEntity(`The role with name ${name} cannot be found.`);
const noSuchUser = (name: string) => noSuchEntity(`The user with name ${name} cannot be found.`);

/** IAM's modelled errors: CloudTrail logs them by exception name (`NoSuchEntityException`), other codes as they are. */
const MODELED_ERRORS = new Set([
  "ConcurrentModification",
  "DeleteConflict",
  "EntityAlreadyExists",
  "EntityTemporarilyUnmodifiable",
  "InvalidInput",
  "LimitExceeded",
  "MalformedPolicyDocument",
  "NoSuchEntity",
  "PolicyNotAttachable",
  "ServiceFailure",
  "UnmodifiableEntity",
]);

export function cloudTrailErrorCode(code: string): string {
  return MODELED_ERRORS.has(code) ? `${code}Exception` : code;
}

// ---------------------------------------------------------------------------------------------
// Operation inputs: read from the query parameters by a declared shape, validated as IAM's
// (Coral) front end does: every length/range/null/enum/pattern violation collected into one
// "N validation errors detected: …" message; then IAM's own name and path checks.

type FieldType = "string" | "integer" | "boolean" | "list" | "tags";

interface Field {
  type: FieldType;
  required?: boolean;
  /** Bounds on the length (strings, lists) or the value (integers). */
  min?: number;
  max?: number;
  /** The model's pattern, reported as "Member must satisfy regular expression pattern: …" unless `invalid` is set. */
  pattern?: string;
  /** IAM's own message for a value the pattern rejects (names, paths). */
  invalid?: (member: string) => string;
  values?: readonly string[];
  /** Constraints on each member of a list. */
  member?: Field;
}

interface RawTag {
  Key?: string;
  Value?: string;
}

type InputValue = string | number | boolean | string[] | RawTag[];

const NAME_PATTERN = "[\\w+=,.@-]+";
const invalidName = (member: string) =>
  `The specified value for ${member} is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-`;
const invalidPath = (member: string) =>
  `The specified value for ${member} is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`;
const invalidPathPrefix = (member: string) =>
  `The specified value for ${member} is invalid. It must begin with the / character and contain only alphanumeric characters and/or / characters.`;
const TAG_KEY: Field = {
  type: "string",
  required: true,
  min: 1,
  max: 128,
  pattern: "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+",
};
const TAG_VALUE: Field = {
  type: "string",
  required: true,
  max: 256,
  pattern: "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*",
};

const entityName = (max: number, required = true): Field => ({
  type: "string",
  required,
  min: 1,
  max,
  pattern: NAME_PATTERN,
  invalid: invalidName,
});
const F = {
  roleName: entityName(64),
  userName: entityName(64),
  optionalUserName: entityName(64, false),
  policyName: entityName(128),
  path: {
    type: "string",
    min: 1,
    max: 512,
    pattern: "\\u002F|\\u002F[\\u0021-\\u007F]+\\u002F",
    invalid: invalidPath,
  },
  pathPrefix: {
    type: "string",
    min: 1,
    max: 512,
    pattern: "\\u002F[\\u0021-\\u007F]*",
    invalid: invalidPathPrefix,
  },
  policyDocument: { type: "string", required: true, min: 1, max: 131_072 },
  policyArn: { type: "string", required: true, min: 20, max: 2048 },
  boundaryArn: { type: "string", min: 20, max: 2048 },
  description: { type: "string", max: 1000 },
  maxSessionDuration: { type: "integer", min: 3600, max: 43_200 },
  tags: { type: "tags", max: IAM_LIMITS.tagsPerResource },
  tagKeys: { type: "list", required: true, max: IAM_LIMITS.tagsPerResource, member: TAG_KEY },
  marker: { type: "string", min: 1, max: 320 },
  maxItems: { type: "integer", min: 1, max: 1000 },
  accessKeyId: { type: "string", required: true, min: 16, max: 128, pattern: "[\\w]+" },
  status: { type: "string", required: true, values: ["Active", "Inactive"] },
} satisfies Record<string, Field>;

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
const codePoints = (text: string) => [...text].length;
const fullMatch = (pattern: string, text: string) => new RegExp(`^(?:${pattern})$`, "u").test(text);

class Input {
  readonly #values = new Map<string, InputValue>();

  constructor(params: QueryParams, fields: Record<string, Field>) {
    for (const [name, field] of Object.entries(fields)) {
      const value = readValue(params, name, field.type);
      if (value !== undefined) this.#values.set(name, value);
    }
  }

  raw(name: string): InputValue | undefined {
    return this.#values.get(name);
  }

  string(name: string): string | undefined {
    const value = this.#values.get(name);
    return typeof value === "string" ? value : undefined;
  }

  /** A member the validation has proved present. */
  required(name: string): string {
    const value = this.string(name);
    if (value === undefined) throw new Error(`${name} is required by its operation's input shape`);
    return value;
  }

  integer(name: string): number | undefined {
    const value = this.#values.get(name);
    return typeof value === "number" ? value : undefined;
  }

  boolean(name: string): boolean | undefined {
    const value = this.#values.get(name);
    return typeof value === "boolean" ? value : undefined;
  }

  list(name: string): string[] | undefined {
    const value = this.#values.get(name);
    return Array.isArray(value) ? value.filter((item) => typeof item === "string") : undefined;
  }

  /** Tags the validation has proved complete. */
  tags(name: string): Tag[] | undefined {
    const value = this.#values.get(name);
    if (!Array.isArray(value)) return undefined;
    return value.map((tag) =>
      typeof tag === "object" ? { Key: tag.Key ?? "", Value: tag.Value ?? "" } : { Key: tag, Value: "" },
    );
  }

  /** CloudTrail's requestParameters: lowerCamelCase member names, documents as sent, tags as `{key, value}`. */
  cloudTrailParameters(): Record<string, unknown> | null {
    if (this.#values.size === 0) return null;
    const parameters: Record<string, unknown> = {};
    for (const [name, value] of this.#values) {
      parameters[lowerFirst(name)] = Array.isArray(value)
        ? value.map((item) => (typeof item === "object" ? { key: item.Key, value: item.Value } : item))
        : value;
    }
    return parameters;
  }
}

function readValue(params: QueryParams, name: string, type: FieldType): InputValue | undefined {
  switch (type) {
    case "list":
      return readList(params, name);
    case "tags":
      return readStructList(params, name);
    default: {
      const raw = params.get(name);
      if (raw === undefined) return undefined;
      if (type === "integer") return /^-?\d+$/.test(raw) ? Number(raw) : raw;
      if (type === "boolean") return raw === "true" ? true : raw === "false" ? false : raw;
      return raw;
    }
  }
}

function validateInput(fields: Record<string, Field>, input: Input): void {
  const violations: string[] = [];
  for (const [name, field] of Object.entries(fields)) {
    violations.push(...memberViolations(lowerFirst(name), input.raw(name), field));
  }
  if (violations.length > 0) {
    const count = violations.length;
    throw validationError(
      `${count} validation error${count > 1 ? "s" : ""} detected: ${violations.join("; ")}`,
    );
  }
  for (const [name, field] of Object.entries(fields)) {
    const value = input.raw(name);
    if (field.invalid && field.pattern && typeof value === "string" && !fullMatch(field.pattern, value)) {
      throw validationError(field.invalid(lowerFirst(name)));
    }
  }
}

function constraintViolations(member: string, field: Field, value: InputValue): string[] {
  const violation = (shown: string, constraint: string) =>
    `Value ${shown} at '${member}' failed to satisfy constraint: Member must ${constraint}`;
  const shown = `'${Array.isArray(value) ? `[${value.map(showListItem).join(", ")}]` : String(value)}'`;
  const out: string[] = [];
  if (field.type === "integer" || field.type === "boolean") {
    if (typeof value !== (field.type === "integer" ? "number" : "boolean")) {
      return [violation(shown, `be ${field.type === "integer" ? "an integer" : "a boolean"}`)];
    }
    if (field.min !== undefined && (value as number) < field.min)
      out.push(violation(shown, `have value greater than or equal to ${field.min}`));
    if (field.max !== undefined && (value as number) > field.max)
      out.push(violation(shown, `have value less than or equal to ${field.max}`));
    return out;
  }
  const length = Array.isArray(value) ? value.length : codePoints(String(value));
  if (field.min !== undefined && length < field.min)
    out.push(violation(shown, `have length greater than or equal to ${field.min}`));
  if (field.max !== undefined && length > field.max)
    out.push(violation(shown, `have length less than or equal to ${field.max}`));
  if (typeof value === "string") {
    if (field.pattern && !field.invalid && !fullMatch(field.pattern, value)) {
      out.push(violation(shown, `satisfy regular expression pattern: ${field.pattern}`));
    }
    if (field.values && !field.values.includes(value)) {
      out.push(violation(shown, `satisfy enum value set: [${field.values.join(", ")}]`));
    }
  }
  if (field.type === "tags" && Array.isArray(value)) {
    value.forEach((tag, index) => {
      const item = typeof tag === "object" ? tag : { Key: tag };
      out.push(
        ...memberViolations(`${member}.${index + 1}.member.key`, item.Key, TAG_KEY),
        ...memberViolations(`${member}.${index + 1}.member.value`, item.Value, TAG_VALUE),
      );
    });
  }
  const itemField = field.member;
  if (itemField && Array.isArray(value)) {
    value.forEach((item, index) => {
      out.push(...memberViolations(`${member}.${index + 1}.member`, item as InputValue, itemField));
    });
  }
  return out;
}

function memberViolations(member: string, value: InputValue | undefined, field: Field): string[] {
  if (value === undefined) {
    return field.required
      ? [`Value null at '${member}' failed to satisfy constraint: Member must not be null`]
      : [];
  }
  return constraintViolations(member, field, value);
}

function showListItem(item: string | RawTag): string {
  return typeof item === "object" ? `{Key: ${item.Key},Value: ${item.Value}}` : item;
}

// ---------------------------------------------------------------------------------------------
// Policy documents. IAM keeps them as sent and checks their grammar; the messages are the ones it
// answers with (e.g. "Policy document should not specify a principal." for a Principal in a
// permissions policy, "Has prohibited field Resource" for a Resource in a trust policy).

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const SYNTAX_ERROR = "Syntax errors in policy.";
const POLICY_VERSIONS = ["2008-10-17", "2012-10-17"];
const STATEMENT_ELEMENTS = new Set([
  "Sid",
  "Effect",
  "Principal",
  "NotPrincipal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
]);
const PRINCIPAL_TYPES = new Set(["AWS", "Service", "Federated", "CanonicalUser"]);

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isStringOrStrings = (value: Json | undefined) =>
  typeof value === "string" || (Array.isArray(value) && value.every((item) => typeof item === "string"));
const asStrings = (value: Json | undefined): string[] =>
  typeof value === "string"
    ? [value]
    : Array.isArray(value)
      ? value.filter((v) => typeof v === "string")
      : [];

/** IAM counts policy size without white space. */
export function policySize(document: string): number {
  return document.replace(/\s/g, "").length;
}

function parseStatements(document: string): JsonObject[] {
  let parsed: Json;
  try {
    parsed = JSON.parse(document) as Json;
  } catch {
    throw malformed("This policy contains invalid Json");
  }
  if (!isObject(parsed)) throw malformed("This policy contains invalid Json");
  if (Object.keys(parsed).some((key) => !["Version", "Id", "Statement"].includes(key)))
    throw malformed(SYNTAX_ERROR);
  // A missing Version is accepted (IAM applies 2008-10-17); an unknown one is not.
  if ("Version" in parsed && !POLICY_VERSIONS.includes(parsed.Version as string))
    throw malformed(SYNTAX_ERROR);
  const statement = parsed.Statement;
  const statements = Array.isArray(statement) ? statement : statement === undefined ? [] : [statement];
  if (statements.length === 0) throw malformed(SYNTAX_ERROR);
  const sids = new Set<string>();
  const checked: JsonObject[] = [];
  for (const item of statements) {
    if (!isObject(item) || Object.keys(item).some((key) => !STATEMENT_ELEMENTS.has(key)))
      throw malformed(SYNTAX_ERROR);
    const wellFormed =
      (item.Effect === "Allow" || item.Effect === "Deny") &&
      ["Action", "NotAction", "Resource", "NotResource"].every(
        (key) => !(key in item) || isStringOrStrings(item[key]),
      ) &&
      !("Action" in item && "NotAction" in item) &&
      !("Resource" in item && "NotResource" in item) &&
      (!("Sid" in item) || typeof item.Sid === "string") &&
      (!("Condition" in item) || (isObject(item.Condition) && Object.values(item.Condition).every(isObject)));
    if (!wellFormed) throw malformed(SYNTAX_ERROR);
    if (typeof item.Sid === "string" && item.Sid !== "") {
      if (sids.has(item.Sid)) throw malformed("Statement IDs (SID) in a single policy must be unique.");
      sids.add(item.Sid);
    }
    checked.push(item);
  }
  return checked;
}

/** A permissions policy (inline or managed, or a permissions boundary). */
function checkIdentityPolicy(document: string): void {
  for (const statement of parseStatements(document)) {
    if ("Principal" in statement || "NotPrincipal" in statement) {
      throw malformed("Policy document should not specify a principal.");
    }
    if (!("Action" in statement || "NotAction" in statement))
      throw malformed("Policy statement must contain actions.");
    if (!("Resource" in statement || "NotResource" in statement))
      throw malformed("Policy statement must contain resources.");
    const actions = asStrings(statement.Action ?? statement.NotAction);
    if (actions.some((action) => action !== "*" && !action.includes(":"))) {
      throw malformed("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
    }
  }
}

/**
 * A role trust policy. IAM resolves AWS principals when it stores the policy, so a role or user
 * ARN of this account that does not exist is an invalid principal (the trust policy of a role
 * whose principal was deleted shows the principal's former unique id instead).
 */
function checkTrustPolicy(document: string, principalExists: (arn: string) => boolean): void {
  for (const statement of parseStatements(document)) {
    for (const field of ["Resource", "NotResource"]) {
      if (field in statement) throw malformed(`Has prohibited field ${field}`);
    }
    const principal = statement.Principal ?? statement.NotPrincipal;
    if (principal === undefined) {
      throw malformed(
        "Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!",
      );
    }
    checkPrincipal(principal, principalExists);
    if (!("Action" in statement || "NotAction" in statement))
      throw malformed("Policy statement must contain actions.");
    if (
      asStrings(statement.Action ?? statement.NotAction).some(
        (action) => !action.toLowerCase().startsWith("sts:"),
      )
    ) {
      throw malformed("AssumeRole policy may only specify STS AssumeRole actions.");
    }
  }
}

const ACCOUNT_PRINCIPAL = /^(\d{12}|arn:aws:iam::\d{12}:root)$/;
const ENTITY_PRINCIPAL = /^arn:aws:iam::(\d{12}):(role|user)\/(.+)$/;
const SESSION_PRINCIPAL = /^arn:aws:sts::\d{12}:(assumed-role|federated-user)\/.+$/;
const UNIQUE_ID_PRINCIPAL = /^A[A-Z0-9]{15,127}$/;
const SERVICE_PRINCIPAL = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/;

function checkPrincipal(principal: Json, principalExists: (arn: string) => boolean): void {
  if (principal === "*") return;
  if (!isObject(principal)) throw malformed(SYNTAX_ERROR);
  for (const [type, values] of Object.entries(principal)) {
    if (!PRINCIPAL_TYPES.has(type)) throw malformed(`Invalid principal in policy: "${type}"`);
    if (!isStringOrStrings(values)) throw malformed(SYNTAX_ERROR);
    for (const value of asStrings(values)) {
      const valid =
        type === "AWS"
          ? value === "*" ||
            ACCOUNT_PRINCIPAL.test(value) ||
            SESSION_PRINCIPAL.test(value) ||
            UNIQUE_ID_PRINCIPAL.test(value) ||
            (ENTITY_PRINCIPAL.test(value) && principalExists(value))
          : type === "Service"
            ? SERVICE_PRINCIPAL.test(value)
            : value.length > 0;
      if (!valid) throw malformed(`Invalid principal in policy: "${type.toUpperCase()}":"${value}"`);
    }
  }
}

// ---------------------------------------------------------------------------------------------

interface Outcome {
  /** The `<{Action}Result>` members; none for operations that return nothing. */
  result?: Record<string, XmlValue>;
  /** CloudTrail responseElements of a mutating call (read calls log none). */
  responseElements?: Record<string, unknown>;
}

interface Operation {
  input: Record<string, Field>;
  run(input: Input, request: ServiceRequest): Outcome | undefined;
}

interface IamState {
  /** By lower-case name: IAM role and user names are unique regardless of case. */
  roles: Map<string, IamRole>;
  users: Map<string, IamUser>;
  /** By ARN. */
  policies: Map<string, IamPolicy>;
  accessKeys: Map<string, IamAccessKey>;
  /** Creations per entity name, so that a re-created entity gets a new unique id, as in IAM. */
  creations: Map<string, number>;
}

const emptyState = (): IamState => ({
  roles: new Map(),
  users: new Map(),
  policies: new Map(),
  accessKeys: new Map(),
  creations: new Map(),
});

const AWS_MANAGED_POLICY = /^arn:aws:iam::aws:policy\/(.+\/)?([\w+=,.@-]+)$/;
const POLICY_ARN = /^arn:aws:iam::(\d{12}|aws):policy\/(.+\/)?([\w+=,.@-]+)$/;
/** The CreateDate IAM reports for the original AWS managed policies (e.g. AdministratorAccess). */
const AWS_MANAGED_POLICY_DATE = "2015-02-06T18:39:46Z";
const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** ISO-8601 to the second: IAM's timestamps carry no milliseconds. */
function isoSeconds(date: Date): string {
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** CloudTrail writes IAM dates in responseElements as Java's default format, in UTC: "Jul 30, 2024 9:53:13 PM". */
export function cloudTrailDate(iso: string): string {
  const date = new Date(iso);
  const hours = date.getUTCHours();
  const two = (n: number) => String(n).padStart(2, "0");
  return (
    `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()} ` +
    `${hours % 12 || 12}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} ${hours < 12 ? "AM" : "PM"}`
  );
}

/** `{ [name]: value }`, or nothing when the value is undefined: for optional members of stored records. */
const optional = <K extends string, V>(name: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [name]: value }) as { [P in K]?: V };

const byKey =
  <T>(keyOf: (item: T) => string) =>
  (a: T, b: T) => {
    const [ka, kb] = [keyOf(a), keyOf(b)];
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };

/** Marker/MaxItems pagination over items sorted by key; the marker is the opaque key of the next page's first item. */
function paginate<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  input: Input,
): { page: T[]; IsTruncated: boolean; Marker?: string } {
  const sorted = [...items].sort(byKey(keyOf));
  const marker = input.string("Marker");
  const from = marker === undefined ? "" : Buffer.from(marker, "base64url").toString("utf8");
  const start = sorted.findIndex((item) => keyOf(item) >= from);
  const rest = start < 0 ? [] : sorted.slice(start);
  const maxItems = input.integer("MaxItems") ?? 100;
  const next = rest[maxItems];
  return {
    page: rest.slice(0, maxItems),
    IsTruncated: next !== undefined,
    Marker: next === undefined ? undefined : Buffer.from(keyOf(next), "utf8").toString("base64url"),
  };
}

const tagsXml = (tags: readonly Tag[]): XmlValue =>
  tags.length === 0 ? undefined : tags.map((tag) => ({ Key: tag.Key, Value: tag.Value }));

const boundaryXml = (arn: string | undefined): XmlValue =>
  arn === undefined ? undefined : { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: arn };

/** Tags merged by key, case-insensitively (IAM: "Tag keys are case insensitive"), keeping each key's place. */
function mergeTags(existing: readonly Tag[], added: readonly Tag[]): Tag[] {
  const merged = existing.map((tag) => ({ ...tag }));
  for (const tag of added) {
    const same = merged.find((t) => t.Key.toLowerCase() === tag.Key.toLowerCase());
    if (same) Object.assign(same, tag);
    else merged.push({ ...tag });
  }
  return merged;
}

function checkDuplicateTagKeys(tags: readonly Tag[]): void {
  const keys = new Set(tags.map((tag) => tag.Key.toLowerCase()));
  if (keys.size !== tags.length) {
    throw new AwsError(
      "InvalidInput",
      "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
      400,
    );
  }
}

export class IamService implements EmulatedService {
  readonly signingName = "iam";
  readonly #ctx: EmulatorContext;
  readonly #roleQuota: number;
  #propagationDelayMs: number;
  #state: IamState = emptyState();
  readonly #operations: Record<string, Operation>;

  constructor(ctx: EmulatorContext, options: IamServiceOptions = {}) {
    this.#ctx = ctx;
    this.#propagationDelayMs = options.propagationDelayMs ?? 0;
    this.#roleQuota = options.roleQuota ?? IAM_LIMITS.rolesPerAccount;
    this.#operations = this.#operationTable();
  }

  handle(request: ServiceRequest): ServiceResponse {
    const params = parseQueryRequest(request);
    const action = params.get("Action") ?? "";
    const operation = Object.hasOwn(this.#operations, action) ? this.#operations[action] : undefined;
    if (!operation) {
      throw new AwsError(
        "InvalidAction",
        `Could not find operation ${action} for version ${params.get("Version") ?? ""}`,
      );
    }
    const input = new Input(params, operation.input);
    const readOnly = /^(Get|List)/.test(action);
    const record = (outcome: { responseElements: Record<string, unknown> | null; error?: AwsError }) =>
      this.#ctx.recordApiCall({
        eventSource: "iam.amazonaws.com",
        eventName: action,
        awsRegion: "us-east-1",
        caller: request.caller,
        requestParameters: input.cloudTrailParameters(),
        responseElements: outcome.responseElements,
        ...(outcome.error && {
          errorCode: cloudTrailErrorCode(outcome.error.code),
          errorMessage: outcome.error.message,
        }),
        readOnly,
        requestId: request.requestId,
        eventTime: this.#ctx.now(),
        userAgent: request.headers["user-agent"],
      });
    try {
      validateInput(operation.input, input);
      const outcome = operation.run(input, request) ?? {};
      record({ responseElements: readOnly ? null : (outcome.responseElements ?? null) });
      return renderQueryResponse({
        action,
        xmlns: IAM_XMLNS,
        requestId: request.requestId,
        result: outcome.result,
      });
    } catch (error) {
      // The front door answers anything but an AwsError as InternalFailure (500).
      const awsError =
        error instanceof AwsError ? error : new AwsError("InternalFailure", String(error), 500, "Receiver");
      record({ responseElements: null, error: awsError });
      throw error;
    }
  }

  renderError(error: AwsError, request: ServiceRequest): ServiceResponse {
    return renderQueryError(error, IAM_XMLNS, request.requestId);
  }

  // --- For other emulated services and tests -------------------------------------------------

  setPropagationDelay(ms: number): void {
    this.#propagationDelayMs = ms;
  }

  /** Whether other services can see the role yet: it exists and was created at least the propagation delay ago. */
  isRoleVisible(roleArn: string): boolean {
    const role = this.#roleByArn(roleArn);
    return role !== undefined && this.#ctx.now().getTime() - role.createdAtMs >= this.#propagationDelayMs;
  }

  getRoleByArn(arn: string): IamRole | undefined {
    const role = this.#roleByArn(arn);
    return role && structuredClone(role);
  }

  getRoleByName(name: string): IamRole | undefined {
    const role = this.#state.roles.get(name.toLowerCase());
    return role && structuredClone(role);
  }

  snapshot(): IamSnapshot {
    return structuredClone({
      format: "iam-emulator/1",
      roles: [...this.#state.roles.values()],
      policies: [...this.#state.policies.values()],
      users: [...this.#state.users.values()],
      accessKeys: [...this.#state.accessKeys.values()],
      creations: Object.fromEntries(this.#state.creations),
    });
  }

  /** Replaces the state with a snapshot's, and the access keys that sign requests with its active ones. */
  restore(snapshot: unknown): void {
    if (!isIamSnapshot(snapshot)) throw new Error("Not an IAM emulator snapshot (format iam-emulator/1)");
    const copy = structuredClone(snapshot);
    for (const key of this.#state.accessKeys.keys()) this.#ctx.identities.remove(key);
    this.#state = {
      roles: new Map(copy.roles.map((role) => [role.roleName.toLowerCase(), role])),
      users: new Map(copy.users.map((user) => [user.userName.toLowerCase(), user])),
      policies: new Map(copy.policies.map((policy) => [policy.arn, policy])),
      accessKeys: new Map(copy.accessKeys.map((key) => [key.accessKeyId, key])),
      creations: new Map(Object.entries(copy.creations)),
    };
    for (const key of this.#state.accessKeys.values()) {
      if (key.status === "Active") this.#registerKey(key);
    }
  }

  // --- Operations ----------------------------------------------------------------------------

  #operationTable(): Record<string, Operation> {
    const role = { RoleName: F.roleName };
    const page = { Marker: F.marker, MaxItems: F.maxItems };
    return {
      CreateRole: {
        input: {
          Path: F.path,
          RoleName: F.roleName,
          AssumeRolePolicyDocument: F.policyDocument,
          Description: F.description,
          MaxSessionDuration: F.maxSessionDuration,
          PermissionsBoundary: F.boundaryArn,
          Tags: F.tags,
        },
        run: (input) => this.#createRole(input),
      },
      GetRole: { input: role, run: (input) => ({ result: { Role: this.#roleXml(this.#role(input)) } }) },
      DeleteRole: { input: role, run: (input) => this.#deleteRole(input) },
      UpdateAssumeRolePolicy: {
        input: { ...role, PolicyDocument: F.policyDocument },
        run: (input) => {
          const target = this.#role(input);
          target.assumeRolePolicyDocument = this.#checkedTrustPolicy(input.required("PolicyDocument"));
          return undefined;
        },
      },
      UpdateRole: {
        input: { ...role, Description: F.description, MaxSessionDuration: F.maxSessionDuration },
        run: (input) => {
          const target = this.#role(input);
          const description = input.string("Description");
          if (description !== undefined) target.description = description || undefined;
          target.maxSessionDuration = input.integer("MaxSessionDuration") ?? target.maxSessionDuration;
          return undefined;
        },
      },
      UpdateRoleDescription: {
        input: { ...role, Description: { ...F.description, required: true } },
        run: (input) => {
          const target = this.#role(input);
          target.description = input.required("Description");
          return {
            result: { Role: this.#roleXml(target) },
            responseElements: { role: this.#roleCloudTrail(target) },
          };
        },
      },
      PutRolePolicy: {
        input: { ...role, PolicyName: F.policyName, PolicyDocument: F.policyDocument },
        run: (input) => this.#putRolePolicy(input),
      },
      GetRolePolicy: {
        input: { ...role, PolicyName: F.policyName },
        run: (input) => {
          const target = this.#role(input);
          const name = input.required("PolicyName");
          const document = this.#inlinePolicy(target, name);
          return {
            result: {
              RoleName: target.roleName,
              PolicyName: name,
              PolicyDocument: encodeURIComponent(document),
            },
          };
        },
      },
      DeleteRolePolicy: {
        input: { ...role, PolicyName: F.policyName },
        run: (input) => {
          const target = this.#role(input);
          const name = input.required("PolicyName");
          this.#inlinePolicy(target, name);
          delete target.inlinePolicies[name];
          return undefined;
        },
      },
      ListRolePolicies: {
        input: { ...role, ...page },
        run: (input) => {
          const { page: names, ...more } = paginate(
            Object.keys(this.#role(input).inlinePolicies),
            (n) => n,
            input,
          );
          return { result: { PolicyNames: names, ...more } };
        },
      },
      AttachRolePolicy: {
        input: { ...role, PolicyArn: F.policyArn },
        run: (input) => this.#attachRolePolicy(input),
      },
      DetachRolePolicy: {
        input: { ...role, PolicyArn: F.policyArn },
        run: (input) => {
          const target = this.#role(input);
          const arn = this.#validPolicyArn(input.required("PolicyArn"));
          if (!target.attachedPolicyArns.includes(arn)) throw noSuchEntity(`Policy ${arn} was not found.`);
          target.attachedPolicyArns = target.attachedPolicyArns.filter((attached) => attached !== arn);
          return undefined;
        },
      },
      ListAttachedRolePolicies: {
        input: { ...role, PathPrefix: F.pathPrefix, ...page },
        run: (input) => {
          const prefix = input.string("PathPrefix") ?? "/";
          const attached = this.#role(input)
            .attachedPolicyArns.map((arn) => this.#policyOrAwsManaged(arn))
            .filter((policy): policy is IamPolicy => policy?.path.startsWith(prefix) === true);
          const { page: policies, ...more } = paginate(attached, (p) => p.policyName.toLowerCase(), input);
          return {
            result: {
              AttachedPolicies: policies.map((p) => ({ PolicyName: p.policyName, PolicyArn: p.arn })),
              ...more,
            },
          };
        },
      },
      PutRolePermissionsBoundary: {
        input: { ...role, PermissionsBoundary: { ...F.boundaryArn, required: true } },
        run: (input) => {
          const target = this.#role(input);
          target.permissionsBoundaryArn = this.#existingBoundary(input.required("PermissionsBoundary"));
          return undefined;
        },
      },
      DeleteRolePermissionsBoundary: {
        input: role,
        run: (input) => {
          delete this.#role(input).permissionsBoundaryArn;
          return undefined;
        },
      },
      TagRole: {
        input: { ...role, Tags: { ...F.tags, required: true } },
        run: (input) => {
          const target = this.#role(input);
          target.tags = this.#mergedTags(target.tags, input.tags("Tags") ?? [], "TagsPerRole");
          return undefined;
        },
      },
      UntagRole: {
        input: { ...role, TagKeys: F.tagKeys },
        run: (input) => {
          const target = this.#role(input);
          const removed = new Set((input.list("TagKeys") ?? []).map((key) => key.toLowerCase()));
          target.tags = target.tags.filter((tag) => !removed.has(tag.Key.toLowerCase()));
          return undefined;
        },
      },
      ListRoleTags: {
        input: { ...role, ...page },
        run: (input) => {
          const { page: tags, ...more } = paginate(this.#role(input).tags, (t) => t.Key.toLowerCase(), input);
          return { result: { Tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })), ...more } };
        },
      },
      ListRoles: {
        input: { PathPrefix: F.pathPrefix, ...page },
        run: (input) => {
          const prefix = input.string("PathPrefix") ?? "/";
          const roles = [...this.#state.roles.values()].filter((r) => r.path.startsWith(prefix));
          const { page: listed, ...more } = paginate(roles, (r) => r.roleName.toLowerCase(), input);
          // ListRoles leaves out PermissionsBoundary, Tags and RoleLastUsed: only GetRole returns them.
          return { result: { Roles: listed.map((r) => this.#roleXml(r, { summary: true })), ...more } };
        },
      },
      CreatePolicy: {
        input: {
          PolicyName: F.policyName,
          Path: F.path,
          PolicyDocument: F.policyDocument,
          Description: F.description,
          Tags: F.tags,
        },
        run: (input) => this.#createPolicy(input),
      },
      GetPolicy: {
        input: { PolicyArn: F.policyArn },
        run: (input) => {
          const arn = this.#validPolicyArn(input.required("PolicyArn"));
          const policy = this.#policyOrAwsManaged(arn);
          if (!policy) throw noSuchEntity(`Policy ${arn} was not found.`);
          return { result: { Policy: this.#policyXml(policy, { description: true }) } };
        },
      },
      DeletePolicy: {
        input: { PolicyArn: F.policyArn },
        run: (input) => {
          const arn = this.#validPolicyArn(input.required("PolicyArn"));
          if (!this.#state.policies.has(arn)) throw noSuchEntity(`Policy ${arn} was not found.`);
          const usage = this.#policyUsage(arn);
          if (usage.attachments + usage.boundaries > 0)
            throw deleteConflict("Cannot delete a policy attached to entities.");
          this.#state.policies.delete(arn);
          return undefined;
        },
      },
      ListPolicies: {
        input: {
          Scope: { type: "string", values: ["All", "AWS", "Local"] },
          OnlyAttached: { type: "boolean" },
          PathPrefix: F.pathPrefix,
          ...page,
        },
        run: (input) => this.#listPolicies(input),
      },
      CreateUser: {
        input: { Path: F.path, UserName: F.userName, PermissionsBoundary: F.boundaryArn, Tags: F.tags },
        run: (input) => this.#createUser(input),
      },
      GetUser: {
        input: { UserName: F.optionalUserName },
        run: (input, request) => ({ result: { User: this.#userXml(this.#user(input, request)) } }),
      },
      DeleteUser: {
        input: { UserName: F.userName },
        run: (input, request) => {
          const user = this.#user(input, request);
          if (this.#keysOf(user).length > 0)
            throw deleteConflict("Cannot delete entity, must delete access keys first.");
          this.#state.users.delete(user.userName.toLowerCase());
          return undefined;
        },
      },
      CreateAccessKey: {
        input: { UserName: F.optionalUserName },
        run: (input, request) => this.#createAccessKey(input, request),
      },
      UpdateAccessKey: {
        input: { UserName: F.optionalUserName, AccessKeyId: F.accessKeyId, Status: F.status },
        run: (input, request) => {
          const key = this.#accessKey(input, request);
          key.status = input.required("Status") === "Active" ? "Active" : "Inactive";
          // An inactive key no longer signs: AWS answers it with InvalidClientTokenId.
          if (key.status === "Active") this.#registerKey(key);
          else this.#ctx.identities.remove(key.accessKeyId);
          return undefined;
        },
      },
      DeleteAccessKey: {
        input: { UserName: F.optionalUserName, AccessKeyId: F.accessKeyId },
        run: (input, request) => {
          const key = this.#accessKey(input, request);
          this.#state.accessKeys.delete(key.accessKeyId);
          this.#ctx.identities.remove(key.accessKeyId);
          return undefined;
        },
      },
      ListAccessKeys: {
        input: { UserName: F.optionalUserName, ...page },
        run: (input, request) => {
          const { page: keys, ...more } = paginate(
            this.#keysOf(this.#user(input, request)),
            (k) => k.accessKeyId,
            input,
          );
          return {
            result: {
              AccessKeyMetadata: keys.map((k) => ({
                UserName: k.userName,
                AccessKeyId: k.accessKeyId,
                Status: k.status,
                CreateDate: k.createDate,
              })),
              ...more,
            },
          };
        },
      },
    };
  }

  #createRole(input: Input): Outcome {
    const roleName = input.required("RoleName");
    const path = input.string("Path") ?? "/";
    const tags = input.tags("Tags") ?? [];
    checkDuplicateTagKeys(tags);
    const document = this.#checkedTrustPolicy(input.required("AssumeRolePolicyDocument"));
    if (this.#state.roles.has(roleName.toLowerCase()))
      throw alreadyExists(`Role with name ${roleName} already exists.`);
    if (this.#state.roles.size >= this.#roleQuota) throw quotaExceeded("RolesPerAccount", this.#roleQuota);
    const boundary = input.string("PermissionsBoundary");
    const boundaryArn = boundary === undefined ? undefined : this.#existingBoundary(boundary);
    const now = this.#ctx.now();
    const role: IamRole = {
      path,
      roleName,
      roleId: this.#uniqueId("AROA", roleName),
      arn: `arn:aws:iam::${this.#ctx.accountId}:role${path}${roleName}`,
      createDate: isoSeconds(now),
      createdAtMs: now.getTime(),
      assumeRolePolicyDocument: document,
      ...optional("description", input.string("Description") || undefined),
      maxSessionDuration: input.integer("MaxSessionDuration") ?? 3600,
      ...optional("permissionsBoundaryArn", boundaryArn),
      tags,
      inlinePolicies: {},
      attachedPolicyArns: [],
    };
    this.#state.roles.set(roleName.toLowerCase(), role);
    return { result: { Role: this.#roleXml(role) }, responseElements: { role: this.#roleCloudTrail(role) } };
  }

  #deleteRole(input: Input): Outcome | undefined {
    const role = this.#role(input);
    if (role.attachedPolicyArns.length > 0)
      throw deleteConflict("Cannot delete entity, must detach all policies first.");
    if (Object.keys(role.inlinePolicies).length > 0)
      throw deleteConflict("Cannot delete entity, must delete policies first.");
    this.#state.roles.delete(role.roleName.toLowerCase());
    return undefined;
  }

  #putRolePolicy(input: Input): Outcome | undefined {
    const role = this.#role(input);
    const name = input.required("PolicyName");
    const document = input.required("PolicyDocument");
    checkIdentityPolicy(document);
    // The quota is on the sum of all inline policies of the role, the replaced one excluded.
    const others = Object.entries(role.inlinePolicies).filter(([other]) => other !== name);
    const total = others.reduce((sum, [, doc]) => sum + policySize(doc), policySize(document));
    if (total > IAM_LIMITS.inlinePolicyCharactersPerRole) {
      throw new AwsError(
        "LimitExceeded",
        `Maximum policy size of ${IAM_LIMITS.inlinePolicyCharactersPerRole} bytes exceeded for role ${role.roleName}`,
        409,
      );
    }
    role.inlinePolicies[name] = document;
    return undefined;
  }

  #attachRolePolicy(input: Input): Outcome | undefined {
    const role = this.#role(input);
    const arn = this.#validPolicyArn(input.required("PolicyArn"));
    if (!this.#policyOrAwsManaged(arn))
      throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
    if (role.attachedPolicyArns.includes(arn)) return undefined;
    if (role.attachedPolicyArns.length >= IAM_LIMITS.managedPoliciesPerRole) {
      throw quotaExceeded("PoliciesPerRole", IAM_LIMITS.managedPoliciesPerRole);
    }
    role.attachedPolicyArns.push(arn);
    return undefined;
  }

  #createPolicy(input: Input): Outcome {
    const name = input.required("PolicyName");
    const path = input.string("Path") ?? "/";
    const tags = input.tags("Tags") ?? [];
    checkDuplicateTagKeys(tags);
    const document = input.required("PolicyDocument");
    checkIdentityPolicy(document);
    if (policySize(document) > IAM_LIMITS.managedPolicyCharacters) {
      throw quotaExceeded("PolicySize", IAM_LIMITS.managedPolicyCharacters);
    }
    if ([...this.#state.policies.values()].some((p) => p.policyName.toLowerCase() === name.toLowerCase())) {
      throw alreadyExists(`A policy called ${name} already exists. Duplicate names are not allowed.`);
    }
    const now = isoSeconds(this.#ctx.now());
    const policy: IamPolicy = {
      policyName: name,
      policyId: this.#uniqueId("ANPA", name),
      arn: `arn:aws:iam::${this.#ctx.accountId}:policy${path}${name}`,
      path,
      ...optional("description", input.string("Description") || undefined),
      document,
      createDate: now,
      updateDate: now,
      tags,
    };
    this.#state.policies.set(policy.arn, policy);
    const usage = { attachmentCount: 0, permissionsBoundaryUsageCount: 0 };
    return {
      result: { Policy: this.#policyXml(policy) },
      responseElements: {
        policy: {
          policyName: policy.policyName,
          policyId: policy.policyId,
          arn: policy.arn,
          path: policy.path,
          defaultVersionId: "v1",
          ...usage,
          isAttachable: true,
          createDate: cloudTrailDate(policy.createDate),
          updateDate: cloudTrailDate(policy.updateDate),
        },
      },
    };
  }

  #listPolicies(input: Input): Outcome {
    const scope = input.string("Scope") ?? "All";
    const prefix = input.string("PathPrefix") ?? "/";
    // AWS managed policies are not catalogued here: those that roles reference are listed.
    const awsManaged = [
      ...new Set(
        [...this.#state.roles.values()].flatMap((r) => [
          ...r.attachedPolicyArns,
          r.permissionsBoundaryArn ?? "",
        ]),
      ),
    ]
      .map((arn) => (AWS_MANAGED_POLICY.test(arn) ? this.#policyOrAwsManaged(arn) : undefined))
      .filter((p): p is IamPolicy => p !== undefined);
    const candidates = [
      ...(scope === "AWS" ? [] : this.#state.policies.values()),
      ...(scope === "Local" ? [] : awsManaged),
    ].filter(
      (p) =>
        p.path.startsWith(prefix) &&
        (!input.boolean("OnlyAttached") || this.#policyUsage(p.arn).attachments > 0),
    );
    const { page: policies, ...more } = paginate(candidates, (p) => p.policyName.toLowerCase(), input);
    return { result: { Policies: policies.map((p) => this.#policyXml(p)), ...more } };
  }

  #createUser(input: Input): Outcome {
    const userName = input.required("UserName");
    const path = input.string("Path") ?? "/";
    const tags = input.tags("Tags") ?? [];
    checkDuplicateTagKeys(tags);
    if (this.#state.users.has(userName.toLowerCase()))
      throw alreadyExists(`User with name ${userName} already exists.`);
    const boundary = input.string("PermissionsBoundary");
    const boundaryArn = boundary === undefined ? undefined : this.#existingBoundary(boundary);
    const user: IamUser = {
      path,
      userName,
      userId: this.#uniqueId("AIDA", userName),
      arn: `arn:aws:iam::${this.#ctx.accountId}:user${path}${userName}`,
      createDate: isoSeconds(this.#ctx.now()),
      ...optional("permissionsBoundaryArn", boundaryArn),
      tags,
    };
    this.#state.users.set(userName.toLowerCase(), user);
    return {
      result: { User: this.#userXml(user) },
      responseElements: {
        user: {
          path: user.path,
          userName: user.userName,
          userId: user.userId,
          arn: user.arn,
          createDate: cloudTrailDate(user.createDate),
        },
      },
    };
  }

  #createAccessKey(input: Input, request: ServiceRequest): Outcome {
    const user = this.#user(input, request);
    if (this.#keysOf(user).length >= IAM_LIMITS.accessKeysPerUser) {
      throw quotaExceeded("AccessKeysPerUser", IAM_LIMITS.accessKeysPerUser);
    }
    const key: IamAccessKey = {
      accessKeyId: `AKIA${this.#randomString(ID_ALPHABET, 16)}`,
      userName: user.userName,
      status: "Active",
      createDate: isoSeconds(this.#ctx.now()),
    };
    // The secret is returned once, here, and kept nowhere: the sandbox does not verify signatures.
    const secretAccessKey = this.#randomString(SECRET_ALPHABET, 40);
    this.#state.accessKeys.set(key.accessKeyId, key);
    this.#registerKey(key);
    return {
      result: {
        AccessKey: {
          UserName: key.userName,
          AccessKeyId: key.accessKeyId,
          Status: key.status,
          SecretAccessKey: secretAccessKey,
          CreateDate: key.createDate,
        },
      },
      // CloudTrail logs no secretAccessKey.
      responseElements: {
        accessKey: {
          accessKeyId: key.accessKeyId,
          createDate: cloudTrailDate(key.createDate),
          status: key.status,
          userName: key.userName,
        },
      },
    };
  }

  // --- Lookups and checks --------------------------------------------------------------------

  #role(input: Input): IamRole {
    const name = input.required("RoleName");
    const role = this.#state.roles.get(name.toLowerCase());
    if (!role) throw noSuchRole(name);
    return role;
  }

  #roleByArn(arn: string): IamRole | undefined {
    const name = arn.slice(arn.lastIndexOf("/") + 1);
    const role = this.#state.roles.get(name.toLowerCase());
    return role?.arn === arn ? role : undefined;
  }

  #inlinePolicy(role: IamRole, name: string): string {
    const document = Object.hasOwn(role.inlinePolicies, name) ? role.inlinePolicies[name] : undefined;
    if (document === undefined) throw noSuchEntity(`The role policy with name ${name} cannot be found.`);
    return document;
  }

  /** The named user, or the calling IAM user when the name is left out (as IAM does). */
  #user(input: Input, request: ServiceRequest): IamUser {
    const name = input.string("UserName") ?? this.#callerUserName(request.caller);
    const user = this.#state.users.get(name.toLowerCase());
    if (!user) throw noSuchUser(name);
    return user;
  }

  #callerUserName(caller: Identity): string {
    if (caller.type === "IAMUser" && caller.userName) return caller.userName;
    throw validationError("Must specify userName when calling with non-User credentials");
  }

  #keysOf(user: IamUser): IamAccessKey[] {
    return [...this.#state.accessKeys.values()].filter(
      (key) => key.userName.toLowerCase() === user.userName.toLowerCase(),
    );
  }

  #accessKey(input: Input, request: ServiceRequest): IamAccessKey {
    const user = this.#user(input, request);
    const id = input.required("AccessKeyId");
    const key = this.#state.accessKeys.get(id);
    if (!key || key.userName.toLowerCase() !== user.userName.toLowerCase()) {
      throw noSuchEntity(`The Access Key with id ${id} cannot be found.`);
    }
    return key;
  }

  #registerKey(key: IamAccessKey): void {
    const user = this.#state.users.get(key.userName.toLowerCase());
    if (!user) return;
    this.#ctx.identities.register({
      ...iamUserIdentity(this.#ctx.accountId, key.accessKeyId, user.userName, user.path),
      principalId: user.userId,
    });
  }

  #checkedTrustPolicy(document: string): string {
    checkTrustPolicy(document, (arn) => this.#principalExists(arn));
    if (policySize(document) > IAM_LIMITS.trustPolicyCharacters) {
      throw quotaExceeded("ACLSizePerRole", IAM_LIMITS.trustPolicyCharacters);
    }
    return document;
  }

  #principalExists(arn: string): boolean {
    const match = ENTITY_PRINCIPAL.exec(arn);
    if (!match || match[1] !== this.#ctx.accountId) return true;
    const name = arn.slice(arn.lastIndexOf("/") + 1).toLowerCase();
    const entity = match[2] === "role" ? this.#state.roles.get(name) : this.#state.users.get(name);
    return entity?.arn === arn;
  }

  #validPolicyArn(arn: string): string {
    if (!POLICY_ARN.test(arn)) throw invalidArn(arn);
    return arn;
  }

  #existingBoundary(arn: string): string {
    if (!this.#policyOrAwsManaged(this.#validPolicyArn(arn))) {
      throw noSuchEntity(`Scope ARN: ${arn} does not exist or is not attachable.`);
    }
    return arn;
  }

  /** A customer managed policy of this account, or an AWS managed one (`arn:aws:iam::aws:policy/…`), all taken as existing. */
  #policyOrAwsManaged(arn: string): IamPolicy | undefined {
    const local = this.#state.policies.get(arn);
    if (local) return local;
    const match = AWS_MANAGED_POLICY.exec(arn);
    if (!match) return undefined;
    const name = match[2] ?? "";
    return {
      policyName: name,
      policyId: `ANPA${hashId(arn)}`,
      arn,
      path: `/${match[1] ?? ""}`,
      document: "",
      createDate: AWS_MANAGED_POLICY_DATE,
      updateDate: AWS_MANAGED_POLICY_DATE,
      tags: [],
    };
  }

  #policyUsage(arn: string): { attachments: number; boundaries: number } {
    const roles = [...this.#state.roles.values()];
    const users = [...this.#state.users.values()];
    return {
      attachments: roles.filter((r) => r.attachedPolicyArns.includes(arn)).length,
      boundaries: [...roles, ...users].filter((e) => e.permissionsBoundaryArn === arn).length,
    };
  }

  #mergedTags(existing: readonly Tag[], added: readonly Tag[], quota: string): Tag[] {
    checkDuplicateTagKeys(added);
    const merged = mergeTags(existing, added);
    if (merged.length > IAM_LIMITS.tagsPerResource) throw quotaExceeded(quota, IAM_LIMITS.tagsPerResource);
    return merged;
  }

  /**
   * "AROA"/"AIDA"/"ANPA" + 17 characters. A name's first incarnation gets the id identities.ts
   * derives (`hashId("<account>:<name>")`), so seeded sessions carry the id IAM reports; a
   * re-created entity gets a new one, as in IAM.
   */
  #uniqueId(prefix: string, name: string): string {
    const key = `${prefix}:${name.toLowerCase()}`;
    const generation = this.#state.creations.get(key) ?? 0;
    this.#state.creations.set(key, generation + 1);
    const seed = `${this.#ctx.accountId}:${name}`;
    return prefix + hashId(generation === 0 ? seed : `${seed}#${generation}`);
  }

  #randomString(alphabet: string, length: number): string {
    return randomString(this.#ctx.random, alphabet, length);
  }

  // --- Response shapes -----------------------------------------------------------------------

  #roleXml(role: IamRole, options: { summary?: boolean } = {}): Record<string, XmlValue> {
    return {
      Path: role.path,
      RoleName: role.roleName,
      RoleId: role.roleId,
      Arn: role.arn,
      CreateDate: role.createDate,
      // IAM returns policy documents URL-encoded; the SDKs do not decode them.
      AssumeRolePolicyDocument: encodeURIComponent(role.assumeRolePolicyDocument),
      Description: role.description,
      MaxSessionDuration: role.maxSessionDuration,
      PermissionsBoundary: options.summary ? undefined : boundaryXml(role.permissionsBoundaryArn),
      Tags: options.summary ? undefined : tagsXml(role.tags),
    };
  }

  /** CreateRole's responseElements.role, with the fields real records carry. */
  #roleCloudTrail(role: IamRole): Record<string, unknown> {
    return {
      path: role.path,
      roleName: role.roleName,
      roleId: role.roleId,
      arn: role.arn,
      createDate: cloudTrailDate(role.createDate),
      assumeRolePolicyDocument: encodeURIComponent(role.assumeRolePolicyDocument),
      ...(role.permissionsBoundaryArn !== undefined && {
        permissionsBoundary: {
          permissionsBoundaryArn: role.permissionsBoundaryArn,
          permissionsBoundaryType: "Policy",
        },
      }),
    };
  }

  #policyXml(policy: IamPolicy, options: { description?: boolean } = {}): Record<string, XmlValue> {
    const usage = this.#policyUsage(policy.arn);
    return {
      PolicyName: policy.policyName,
      PolicyId: policy.policyId,
      Arn: policy.arn,
      Path: policy.path,
      DefaultVersionId: "v1",
      AttachmentCount: usage.attachments,
      PermissionsBoundaryUsageCount: usage.boundaries,
      IsAttachable: true,
      // Only GetPolicy returns the description (IAM API Reference, Policy data type).
      Description: options.description ? policy.description : undefined,
      CreateDate: policy.createDate,
      UpdateDate: policy.updateDate,
      Tags: tagsXml(policy.tags),
    };
  }

  #userXml(user: IamUser): Record<string, XmlValue> {
    return {
      Path: user.path,
      UserName: user.userName,
      UserId: user.userId,
      Arn: user.arn,
      CreateDate: user.createDate,
      PermissionsBoundary: boundaryXml(user.permissionsBoundaryArn),
      Tags: tagsXml(user.tags),
    };
  }
}

function isIamSnapshot(value: unknown): value is IamSnapshot {
  if (typeof value !== "object" || value === null) return false;
  const snapshot = value as Partial<IamSnapshot>;
  return (
    snapshot.format === "iam-emulator/1" &&
    [snapshot.roles, snapshot.policies, snapshot.users, snapshot.accessKeys].every(Array.isArray) &&
    typeof snapshot.creations === "object"
  );
}
