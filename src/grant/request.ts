import { Ajv, type ErrorObject } from "ajv";
import ajvErrors from "ajv-errors";
import type { FromSchema } from "json-schema-to-ts";
import { EKS_LIMITS, RESERVED_TAG_KEYS } from "../constants.ts";
import { type FieldProblem, ValidationError } from "../errors.ts";
import { grantRequestSchema } from "../generated/grant-request.schema.ts";

/** The request type, derived from `schemas/grant-request.schema.json` (never written twice). */
export type GrantRequest = FromSchema<typeof grantRequestSchema>;
export type Permission = GrantRequest["permissions"][number];
export type TemplateName = Permission["template"];

const ajv = new Ajv({ allErrors: true, discriminator: true, strict: true, allowUnionTypes: true });
// ajv-errors' CJS default export is the plugin function; under NodeNext it arrives as the module namespace.
(ajvErrors as unknown as (a: Ajv) => Ajv)(ajv);
const validateSchema = ajv.compile<GrantRequest>(grantRequestSchema);

/** `/permissions/0/bucket` → `permissions[0].bucket`. */
function fieldName(pointer: string, child?: string): string {
  const parts = pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (child !== undefined) parts.push(child);
  return parts.reduce(
    (acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part),
    "",
  );
}

function describe(error: ErrorObject): FieldProblem {
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
    default:
      return { field: fieldName(error.instancePath) || "(request)", reason: error.message ?? error.keyword };
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

/**
 * Checks the schema cannot express. They read only what they need, defensively, so that they also
 * run on a request the schema rejected and every problem is reported at once.
 */
function semanticProblems(request: Partial<GrantRequest>): FieldProblem[] {
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
  const tags = request.tags !== null && typeof request.tags === "object" ? request.tags : {};
  for (const key of Object.keys(tags)) {
    // IAM tag keys are unique regardless of case: `Managed-By` would collide with `managed-by`.
    const lower = key.toLowerCase();
    if ((RESERVED_TAG_KEYS as readonly string[]).includes(lower) || lower.startsWith("aws:")) {
      problems.push({
        field: `tags.${key}`,
        reason: "is reserved: the provisioner sets it itself (keys starting with 'aws:' are reserved by AWS)",
      });
    }
  }
  return problems;
}

/**
 * Validates an untrusted request. Throws a `ValidationError` that names every offending field and
 * why; returns the request typed otherwise. Pure: no AWS call is made for a rejected request.
 */
export function parseGrantRequest(input: unknown): GrantRequest {
  const valid = validateSchema(input);
  const problems = [
    ...(valid ? [] : (validateSchema.errors ?? []).map(describe)),
    ...(input !== null && typeof input === "object" && !Array.isArray(input)
      ? semanticProblems(input as Partial<GrantRequest>)
      : []),
  ];
  // With `discriminator`, AJV reports the chosen branch only; drop exact duplicates.
  const unique = [...new Map(problems.map((p) => [`${p.field}|${p.reason}`, p])).values()];
  if (unique.length > 0) throw new ValidationError(unique);
  return input as GrantRequest;
}
