import type { ErrorObject } from "ajv";
import type { FromSchema } from "json-schema-to-ts";
import { ConfigurationError } from "../errors.ts";
import type { tenancySchema } from "../generated/tenancy.schema.ts";
// Compiled at build time (AJV standalone code, scripts/generate.ts), not at every cold start.
import { validateTenancy as validateSchema } from "../generated/tenancy.validate.js";

/** The tenancy file's type, derived from `schemas/tenancy.schema.json` (never written twice). */
export type Tenancy = FromSchema<typeof tenancySchema>;
export type Tenant = Tenancy["tenants"][number];

function describe(error: ErrorObject): string {
  const where = error.instancePath || "(file)";
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "additionalProperties")
    return `${where}: '${String(params.additionalProperty)}' is not a known field`;
  if (error.keyword === "required") return `${where}: '${String(params.missingProperty)}' is required`;
  return `${where}: ${error.message ?? error.keyword}`;
}

/** Problems the schema cannot express: tenant names are unique, and a caller acts for one tenant only. */
function crossTenantProblems(tenancy: Tenancy): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const label = (index: number) => `${tenancy.tenants[index]?.name} (#${index})`;
  const claim = (what: string, index: number) => {
    const other = seen.get(what);
    if (other !== undefined && other !== index)
      problems.push(
        `${what} is listed by tenants ${label(other)} and ${label(index)}: each must belong to one tenant`,
      );
    seen.set(what, index);
  };
  tenancy.tenants.forEach((tenant, index) => {
    claim(`tenant name '${tenant.name}'`, index);
    for (const principal of tenant.principals ?? []) claim(`principal '${principal}'`, index);
    for (const { source } of tenant.ticketSources ?? []) claim(`ticket source '${source}'`, index);
  });
  return problems;
}

/**
 * Validates a tenancy file's content. Throws a `ConfigurationError` naming every problem (the
 * functions fail at cold start, `serverless package` and `npm start` refuse to run).
 */
export function parseTenancy(input: unknown, source = "tenancy"): Tenancy {
  const problems = validateSchema(input)
    ? crossTenantProblems(input)
    : (validateSchema.errors ?? [])
        // A failed `anyOf` also reports each branch's own error; its `errorMessage` says it once.
        .filter((error) => !/\/anyOf\/\d+\//.test(error.schemaPath))
        .map(describe);
  if (problems.length > 0) throw new ConfigurationError(`${source} is invalid: ${problems.join("; ")}`);
  return input as Tenancy;
}
