import { Ajv, type ErrorObject } from "ajv";
import ajvErrors from "ajv-errors";
import type { FromSchema } from "json-schema-to-ts";
import { ConfigurationError } from "../errors.ts";
import { tenancySchema } from "../generated/tenancy.schema.ts";

/** The tenancy file's type, derived from `schemas/tenancy.schema.json` (never written twice). */
export type Tenancy = FromSchema<typeof tenancySchema>;
export type Tenant = Tenancy["tenants"][number];

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
// ajv-errors' CJS default export is the plugin function; under NodeNext it arrives as the module namespace.
(ajvErrors as unknown as (a: Ajv) => Ajv)(ajv);
const validateSchema = ajv.compile<Tenancy>(tenancySchema);

function describe(error: ErrorObject): string {
  const where = error.instancePath || "(file)";
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "additionalProperties")
    return `${where}: '${String(params.additionalProperty)}' is not a known field`;
  if (error.keyword === "required") return `${where}: '${String(params.missingProperty)}' is required`;
  return `${where}: ${error.message ?? error.keyword}`;
}

/** Problems the schema cannot express: a caller must act for one tenant only. */
function crossTenantProblems(tenancy: Tenancy): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const claim = (what: string, tenant: string) => {
    const other = seen.get(what);
    if (other !== undefined && other !== tenant)
      problems.push(`${what} is listed by tenants ${other} and ${tenant}: a caller must act for one tenant`);
    seen.set(what, tenant);
  };
  for (const tenant of tenancy.tenants) {
    claim(`tenant name '${tenant.name}'`, `#${tenancy.tenants.indexOf(tenant)}`);
    for (const principal of tenant.principals ?? []) claim(`principal '${principal}'`, tenant.name);
    for (const { source } of tenant.ticketSources ?? []) claim(`ticket source '${source}'`, tenant.name);
  }
  return problems;
}

/**
 * Validates a tenancy file's content. Throws a `ConfigurationError` naming every problem (the
 * functions fail at cold start, `serverless package` and `npm start` refuse to run).
 */
export function parseTenancy(input: unknown, source = "tenancy"): Tenancy {
  const problems = validateSchema(input)
    ? crossTenantProblems(input)
    : (validateSchema.errors ?? []).map(describe);
  if (problems.length > 0) throw new ConfigurationError(`${source} is invalid: ${problems.join("; ")}`);
  return input as Tenancy;
}
