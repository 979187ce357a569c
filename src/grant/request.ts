import type { ErrorObject } from "ajv";
import type { FromSchema } from "json-schema-to-ts";
import { EKS_LIMITS, RESERVED_TAG_KEYS, RESERVED_TAG_PREFIXES } from "../constants.ts";
import { type FieldProblem, ValidationError } from "../errors.ts";
import { grantRequestSchema } from "../generated/grant-request.schema.ts";
// Compiled at build time (AJV standalone code, scripts/generate.ts): the request's validator, and a
// grant's key alone (a deprovision's input) with the request schema's own rules for its three fields.
import {
  validateGrantKey as validateKey,
  validateGrantRequest as validateSchema,
} from "../generated/grant-request.validate.js";
import type { GrantKey } from "./naming.ts";

/** The request type, derived from `schemas/grant-request.schema.json` (never written twice). */
export type GrantRequest = FromSchema<typeof grantRequestSchema>;
export type Permission = GrantRequest["permissions"][number];
export type TemplateName = Permission["template"];

export interface ParseOptions {
  /** The partition the provisioner is deployed in (`aws`, `aws-cn`, …): `targetRoleArn` must be in it. */
  partition?: string;
}

/**
 * Bounds on the size and shape of a request, checked before the schema: AJV and `JSON.stringify`
 * recurse, so an input nested thousands of levels deep would otherwise end in a `RangeError`
 * instead of a `ValidationError`. A valid request nests 6 levels at most (a list of condition values
 * in its session policy) and is a few KiB: the bounds leave room and stop abuse.
 */
export const REQUEST_LIMITS = {
  /** Levels of objects and arrays below the request object. */
  depth: 32,
  /** UTF-8 bytes of the request as JSON. */
  jsonBytes: 64 * 1024,
  /** Values of any kind (objects, arrays, strings, numbers, booleans, nulls), the request included. */
  values: 10_000,
  /** Problems listed in a `ValidationError` (its message becomes a Step Functions error cause). */
  problems: 100,
} as const;

const REQUEST = "(request)";
const count = (n: number): string => n.toLocaleString("en-US");

const targetRoleArnPattern = new RegExp(grantRequestSchema.properties.targetRoleArn.pattern, "u");
const prefixMaxLength = grantRequestSchema.definitions.prefix.maxLength;

/**
 * A field's name as problems report it: `["permissions", 0, "bucket"]` → `permissions[0].bucket`.
 * An empty key shows as `[""]`, so that no field is ever named by the empty string.
 */
function formatField(parts: ReadonlyArray<string | number>): string {
  return parts.reduce<string>((acc, part) => {
    if (typeof part === "number") return `${acc}[${part}]`;
    if (part === "") return `${acc}[""]`;
    return acc ? `${acc}.${part}` : part;
  }, "");
}

/** `/permissions/0/bucket` (an AJV instance path) → `permissions[0].bucket`. */
function fieldName(pointer: string, child?: string): string {
  const parts: Array<string | number> = pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((p) => (/^\d{1,15}$/.test(p) ? Number(p) : p)); // an array index (or a key of digits)
  if (child !== undefined) parts.push(child);
  return formatField(parts) || REQUEST;
}

function describe(error: ErrorObject): FieldProblem | undefined {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return { field: fieldName(error.instancePath, String(params.missingProperty)), reason: "is required" };
    case "additionalProperties":
      return {
        field: fieldName(error.instancePath, String(params.additionalProperty)),
        reason: "is not a known field",
      };
    case "discriminator":
      return {
        field: fieldName(error.instancePath, "template"),
        reason: `must be one of the catalog templates: ${templateNames().join(", ")}`,
      };
    case "propertyNames":
      // AJV follows the errors of the offending key (which carry `propertyName`) with this summary.
      return undefined;
    default:
      return {
        // An error about an object's key (`propertyNames`) names that key.
        field: fieldName(error.instancePath, error.propertyName),
        reason: error.message ?? error.keyword,
      };
  }
}

function templateNames(): string[] {
  return grantRequestSchema.definitions.permission.oneOf.map((branch) => {
    const name = branch.$ref.split("/").pop() as keyof typeof grantRequestSchema.definitions;
    const definition = grantRequestSchema.definitions[name] as {
      properties: { template: { const: string } };
    };
    return definition.properties.template.const;
  });
}

/** What JSON calls a value's type, for messages. */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

/** UTF-8 bytes of `text` written as a JSON string. */
function jsonStringBytes(text: string): number {
  // Every UTF-16 unit is at least one byte: a string longer than the limit is over it already.
  if (text.length > REQUEST_LIMITS.jsonBytes) return text.length;
  const json = JSON.stringify(text); // escapes quotes, controls and lone surrogates
  let bytes = 0;
  for (let i = 0; i < json.length; i++) {
    const code = json.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // a surrogate pair (JSON.stringify leaves no lone surrogate)
      i++;
    } else bytes += 3;
  }
  return bytes;
}

interface Visit {
  value: unknown;
  depth: number;
  key: string | number;
  parent: Visit | undefined;
}

function pathOf(visit: Visit): string {
  const parts: Array<string | number> = [];
  for (let at: Visit | undefined = visit; at?.parent !== undefined; at = at.parent) parts.unshift(at.key);
  return formatField(parts) || REQUEST;
}

/**
 * Measures `input` without recursion and reports the first bound of `REQUEST_LIMITS` it passes, or
 * a value JSON cannot carry (a bigint, a function, a `Date`…). Only a request that passes is given
 * to AJV and the semantic checks, which may then recurse and serialise safely.
 */
function shapeProblem(input: object): FieldProblem | undefined {
  let values = 0;
  let bytes = 0;
  const tooMany = (): FieldProblem => ({
    field: REQUEST,
    reason: `has more than ${count(REQUEST_LIMITS.values)} values (objects, arrays, strings, numbers, booleans, nulls); a grant request needs a few dozen`,
  });
  const stack: Visit[] = [{ value: input, depth: 0, key: "", parent: undefined }];
  for (let visit = stack.pop(); visit !== undefined; visit = stack.pop()) {
    values += 1;
    if (values > REQUEST_LIMITS.values) return tooMany();
    const { value, depth } = visit;
    if (typeof value === "string") bytes += jsonStringBytes(value);
    else if (typeof value === "number") bytes += Number.isFinite(value) ? String(value).length : 4;
    else if (typeof value === "boolean") bytes += value ? 4 : 5;
    // `undefined` is met only in arrays (object members set to it are skipped): JSON writes `null`.
    else if (value === null || value === undefined) bytes += 4;
    else if (typeof value === "object") {
      if (depth > REQUEST_LIMITS.depth) {
        return {
          field: pathOf(visit),
          reason: `is nested more than ${REQUEST_LIMITS.depth} levels deep; a grant request needs at most 6`,
        };
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      if (Array.isArray(value)) {
        if (values + stack.length + value.length > REQUEST_LIMITS.values) return tooMany();
        bytes += 2 + Math.max(0, value.length - 1);
        for (let index = value.length - 1; index >= 0; index--) {
          stack.push({ value: value[index], depth: depth + 1, key: index, parent: visit });
        }
      } else if (prototype === Object.prototype || prototype === null) {
        // What JSON.stringify writes: own enumerable string keys, without those set to undefined.
        const entries = Object.entries(value).filter(([, member]) => member !== undefined);
        if (values + stack.length + entries.length > REQUEST_LIMITS.values) return tooMany();
        bytes += 2 + Math.max(0, entries.length - 1);
        for (let index = entries.length - 1; index >= 0; index--) {
          const [key, member] = entries[index] as [string, unknown];
          bytes += jsonStringBytes(key) + 1;
          stack.push({ value: member, depth: depth + 1, key, parent: visit });
        }
      } else {
        const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
        const what =
          typeof name === "string" && name !== "" && name !== "Object"
            ? `a ${name}`
            : "an object with another prototype than Object's";
        return { field: pathOf(visit), reason: `is not JSON data (${what})` };
      }
    } else {
      return { field: pathOf(visit), reason: `is not JSON data (${kindOf(value)})` };
    }
    if (bytes > REQUEST_LIMITS.jsonBytes) {
      return {
        field: REQUEST,
        reason: `is more than ${REQUEST_LIMITS.jsonBytes / 1024} KiB (${count(REQUEST_LIMITS.jsonBytes)} bytes) of JSON; a grant request needs a few KiB`,
      };
    }
  }
  return undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Why a tag key is reserved, or undefined if it is not. Case-insensitive, as IAM tag keys are. */
function reservedTagReason(key: string): string | undefined {
  const lower = key.toLowerCase();
  if ((RESERVED_TAG_KEYS as readonly string[]).includes(lower)) {
    return "is reserved: the provisioner sets it itself";
  }
  if (lower === "__proto__") {
    return "is reserved: '__proto__' names no tag, and would replace the prototype of any object the tags are copied into by assignment";
  }
  const prefix = RESERVED_TAG_PREFIXES.find((p) => lower.startsWith(p));
  switch (prefix) {
    case undefined:
      return undefined;
    case "aws:":
      return "is reserved: keys starting with 'aws:' are AWS's own";
    case "eks-":
    case "kubernetes-":
      return `is reserved: keys starting with '${prefix}' are the session tags EKS Pod Identity adds (eks-cluster-arn, eks-cluster-name, kubernetes-namespace, kubernetes-service-account, kubernetes-pod-name, kubernetes-pod-uid); a role tag with such a key could impersonate them in aws:PrincipalTag conditions when session tags are disabled`;
    default:
      return `is reserved: keys starting with '${prefix}' are the provisioner's own (the stage that owns the role, the tenant)`;
  }
}

/**
 * Checks the schema cannot express. They read only what they need, defensively, so that they also
 * run on a request the schema rejected and every problem is reported at once.
 */
function semanticProblems(request: Record<string, unknown>, partition: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (request.sessionPolicy !== undefined) {
    if (request.disableSessionTags !== true) {
      problems.push({
        field: "sessionPolicy",
        reason:
          "requires disableSessionTags: true (EKS accepts a session policy only when session tags are disabled)",
      });
    }
    const length = JSON.stringify(request.sessionPolicy).length;
    if (length > EKS_LIMITS.sessionPolicyCharacters) {
      problems.push({
        field: "sessionPolicy",
        reason: `is ${length} characters; EKS accepts at most ${EKS_LIMITS.sessionPolicyCharacters}`,
      });
    }
  }

  const { targetRoleArn } = request;
  if (typeof targetRoleArn === "string" && targetRoleArnPattern.test(targetRoleArn)) {
    const arnPartition = targetRoleArn.split(":")[1];
    if (arnPartition !== partition) {
      problems.push({
        field: "targetRoleArn",
        reason: `is in partition '${arnPartition}', but the provisioner is deployed in '${partition}': a role cannot be assumed across partitions`,
      });
    }
  }

  if (Array.isArray(request.permissions)) {
    request.permissions.forEach((permission: unknown, index) => {
      const prefix = isObject(permission) ? permission.prefix : undefined;
      if (typeof prefix === "string" && !prefix.endsWith("/") && prefix.length === prefixMaxLength) {
        problems.push({
          field: `permissions[${index}].prefix`,
          reason: `is ${prefix.length} characters; with the '/' that makes it a folder it would be ${prefix.length + 1}, over the ${prefixMaxLength} allowed`,
        });
      }
    });
  }

  const tags = isObject(request.tags) ? request.tags : {};
  const seen = new Map<string, string>();
  for (const key of Object.keys(tags)) {
    const reason = reservedTagReason(key);
    const field = formatField(["tags", key]);
    if (reason !== undefined) problems.push({ field, reason });
    // IAM tag keys are unique regardless of case: `Team` and `team` cannot both be set.
    const lower = key.toLowerCase();
    const other = seen.get(lower);
    if (other !== undefined) {
      problems.push({
        field,
        reason: `differs from the tag key '${other}' only in case; IAM tag keys are unique regardless of case`,
      });
    } else seen.set(lower, key);
  }
  return problems;
}

/** The request as plain JSON data, each S3 prefix ending in '/': it names a folder, not a name's start. */
function normalise(request: GrantRequest): GrantRequest {
  // The shape checks bound the depth and admit JSON data only: this copy can neither recurse too
  // deep nor lose anything.
  const copy = JSON.parse(JSON.stringify(request)) as GrantRequest;
  for (const permission of copy.permissions) {
    if ("prefix" in permission && permission.prefix !== undefined && !permission.prefix.endsWith("/")) {
      permission.prefix = `${permission.prefix}/`;
    }
  }
  return copy;
}

function reject(problems: FieldProblem[]): never {
  // With `discriminator`, AJV reports the chosen branch only; drop exact duplicates.
  const unique = [...new Map(problems.map((p) => [`${p.field}|${p.reason}`, p])).values()];
  const { problems: limit } = REQUEST_LIMITS;
  if (unique.length <= limit) throw new ValidationError(unique);
  throw new ValidationError([
    ...unique.slice(0, limit),
    { field: REQUEST, reason: `has ${count(unique.length - limit)} more problems, not listed` },
  ]);
}

/**
 * Validates an untrusted request. Throws a `ValidationError` that names every offending field and
 * why (for any input: no depth or size of it ends in another error); returns otherwise a normalised
 * copy of it, typed (`input` is left as it is). Pure: no AWS call is made for a rejected request.
 *
 * Normalised: every S3 `prefix` ends in '/', so that `2026` grants `2026/…` only, never
 * `2026-secret/…`. Parsing a returned request again returns an equal one.
 *
 * `options.partition` (default `aws`) is the partition the provisioner is deployed in: a
 * `targetRoleArn` in another one is refused.
 */
export function parseGrantRequest(input: unknown, options: ParseOptions = {}): GrantRequest {
  const { partition = "aws" } = options;
  if (!isObject(input)) {
    reject([{ field: REQUEST, reason: `must be a JSON object (a grant request), not ${kindOf(input)}` }]);
  }
  const shape = shapeProblem(input);
  if (shape !== undefined) reject([shape]);
  const valid = validateSchema(input);
  const problems = [
    ...(valid ? [] : (validateSchema.errors ?? [])).flatMap((error) => describe(error) ?? []),
    ...semanticProblems(input, partition),
  ];
  if (!valid && problems.length === 0) problems.push({ field: REQUEST, reason: "does not match the schema" });
  if (problems.length > 0) reject(problems);
  return normalise(input as GrantRequest);
}

/**
 * Validates the key of a grant, e.g. a deprovision's input (other fields are not looked at): a
 * `ValidationError` naming each bad field, or the three fields alone.
 */
export function parseGrantKey(input: unknown): GrantKey {
  if (!isObject(input)) {
    reject([{ field: REQUEST, reason: `must be a JSON object (a grant's key), not ${kindOf(input)}` }]);
  }
  if (!validateKey(input)) reject((validateKey.errors ?? []).flatMap((error) => describe(error) ?? []));
  const { cluster, namespace, serviceAccount } = input as unknown as GrantKey;
  return { cluster, namespace, serviceAccount };
}
