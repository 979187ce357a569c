// Generated from schemas/grant-request.schema.json by scripts/generate.ts. Do not edit: edit the schema and run `npm run generate`.
import type { ValidateFunction } from "ajv";
import type { FromSchema } from "json-schema-to-ts";
import type { GrantKey } from "../grant/naming.ts";
import type { grantRequestSchema } from "./grant-request.schema.ts";

/** A grant request (`allErrors`, `discriminator`, ajv-errors). */
export declare const validateGrantRequest: ValidateFunction<FromSchema<typeof grantRequestSchema>>;
/** A grant's key alone: `cluster`, `namespace`, `serviceAccount` with the request's rules. */
export declare const validateGrantKey: ValidateFunction<GrantKey>;
