// Generated from schemas/tenancy.schema.json by scripts/generate.ts. Do not edit: edit the schema and run `npm run generate`.
import type { ValidateFunction } from "ajv";
import type { FromSchema } from "json-schema-to-ts";
import type { tenancySchema } from "./tenancy.schema.ts";

/** A tenancy file (`allErrors`, ajv-errors). */
export declare const validateTenancy: ValidateFunction<FromSchema<typeof tenancySchema>>;
