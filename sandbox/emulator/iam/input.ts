import { type QueryParams, readList, readStructList } from "../query-protocol.ts";
import { validationError } from "./errors.ts";
import { IAM_LIMITS } from "./limits.ts";
import type { Tag } from "./state.ts";

/**
 * Operation inputs: read from the query parameters by a declared shape, and validated as IAM's
 * (Coral) front end does: every length, range, null, enum and pattern violation collected into one
 * "N validation error(s) detected: …" message; then IAM's own name and path checks.
 *
 * The message names the member and the constraint, never the value (recorded AWS answers, 2026:
 * "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have
 * length less than or equal to 50"), so a 1 MB document is not echoed back.
 */

type FieldType = "string" | "integer" | "boolean" | "list" | "tags";

export interface Field {
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

/** The members IAM's operations take, with the model's constraints (botocore `iam/2010-05-08` shapes). */
export const FIELDS = {
  roleName: entityName(64),
  userName: entityName(64),
  optionalUserName: entityName(64, false),
  policyName: entityName(128),
  /** pathType */
  path: {
    type: "string",
    min: 1,
    max: 512,
    pattern: "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)",
    invalid: invalidPath,
  },
  /** policyPathType */
  policyPath: {
    type: "string",
    min: 1,
    max: 512,
    pattern: "((/[A-Za-z0-9\\.,\\+@=_-]+)*)/",
    invalid: invalidPath,
  },
  /** pathPrefixType */
  pathPrefix: {
    type: "string",
    min: 1,
    max: 512,
    pattern: "\\u002F[\\u0021-\\u007F]*",
    invalid: invalidPathPrefix,
  },
  /** policyDocumentType: printable Basic Latin and Latin-1, tab, line feed and carriage return. */
  policyDocument: {
    type: "string",
    required: true,
    min: 1,
    max: 131_072,
    pattern: "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+",
  },
  policyArn: { type: "string", required: true, min: 20, max: 2048 },
  boundaryArn: { type: "string", min: 20, max: 2048 },
  /** roleDescriptionType: as policyDocumentType, without the C1 controls and the no-break space. */
  roleDescription: {
    type: "string",
    max: 1000,
    pattern: "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*",
  },
  /** policyDescriptionType: no pattern in the model. */
  policyDescription: { type: "string", max: 1000 },
  maxSessionDuration: { type: "integer", min: 3600, max: 43_200 },
  tags: { type: "tags", max: IAM_LIMITS.tagsPerResource },
  tagKeys: { type: "list", required: true, max: IAM_LIMITS.tagsPerResource, member: TAG_KEY },
  marker: { type: "string", min: 1, max: 320, pattern: "[\\u0020-\\u00FF]+" },
  maxItems: { type: "integer", min: 1, max: 1000 },
  accessKeyId: { type: "string", required: true, min: 16, max: 128, pattern: "[\\w]+" },
  status: { type: "string", required: true, values: ["Active", "Inactive"] },
  policyVersionId: { type: "string", required: true, pattern: "v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?" },
  policyScope: { type: "string", values: ["All", "AWS", "Local"] },
  boolean: { type: "boolean" },
} satisfies Record<string, Field>;

/** Marker and MaxItems, as every IAM List operation takes them. */
export const PAGE = { Marker: FIELDS.marker, MaxItems: FIELDS.maxItems } satisfies Record<string, Field>;

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
const codePoints = (text: string) => [...text].length;
const fullMatch = (pattern: string, text: string) => new RegExp(`^(?:${pattern})$`, "u").test(text);

/** An operation's input, read from the request's parameters by its declared fields. */
export class Input {
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

/** Throws IAM's ValidationError for the first kind of violation the input has (constraints, then names and paths). */
export function validateInput(fields: Record<string, Field>, input: Input): void {
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

const violation = (member: string, constraint: string) =>
  `Value at '${member}' failed to satisfy constraint: Member must ${constraint}`;

function memberViolations(member: string, value: InputValue | undefined, field: Field): string[] {
  if (value === undefined) return field.required ? [violation(member, "not be null")] : [];
  return constraintViolations(member, field, value);
}

function constraintViolations(member: string, field: Field, value: InputValue): string[] {
  const out: string[] = [];
  if (field.type === "integer" || field.type === "boolean") {
    if (typeof value !== (field.type === "integer" ? "number" : "boolean")) {
      return [violation(member, `be ${field.type === "integer" ? "an integer" : "a boolean"}`)];
    }
    if (field.min !== undefined && (value as number) < field.min)
      out.push(violation(member, `have value greater than or equal to ${field.min}`));
    if (field.max !== undefined && (value as number) > field.max)
      out.push(violation(member, `have value less than or equal to ${field.max}`));
    return out;
  }
  const length = Array.isArray(value) ? value.length : codePoints(String(value));
  if (field.min !== undefined && length < field.min)
    out.push(violation(member, `have length greater than or equal to ${field.min}`));
  if (field.max !== undefined && length > field.max)
    out.push(violation(member, `have length less than or equal to ${field.max}`));
  if (typeof value === "string") {
    if (field.pattern && !field.invalid && !fullMatch(field.pattern, value)) {
      out.push(violation(member, `satisfy regular expression pattern: ${field.pattern}`));
    }
    // Recorded AWS answers name no value set: "Member must satisfy enum value set".
    if (field.values && !field.values.includes(value)) out.push(violation(member, "satisfy enum value set"));
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
    // A list of strings is reported once, with every constraint of its members (recorded AWS
    // answer for UntagRole: "Value at 'tagKeys' failed to satisfy constraint: Member must satisfy
    // constraint: [Member must have length less than or equal to 128, …, Member must not be null]").
    const bad = value.some(
      (item) => memberViolations(member, item as InputValue, { ...itemField, required: true }).length > 0,
    );
    if (bad) out.push(violation(member, `satisfy constraint: [${memberConstraints(itemField).join(", ")}]`));
  }
  return out;
}

/** Every constraint of a list's members, in the order IAM lists them. */
function memberConstraints(field: Field): string[] {
  return [
    field.max !== undefined && `Member must have length less than or equal to ${field.max}`,
    field.min !== undefined && `Member must have length greater than or equal to ${field.min}`,
    field.pattern !== undefined && `Member must satisfy regular expression pattern: ${field.pattern}`,
    "Member must not be null",
  ].filter((text): text is string => typeof text === "string");
}
