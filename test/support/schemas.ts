import { readdirSync, readFileSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import ajvErrors from "ajv-errors";

/**
 * Every JSON Schema of `schemas/` (the grant request, the tenancy file, the API's bodies and the
 * events) in one AJV instance, so that their cross-file `$ref`s (by `$id`) resolve: tests validate
 * every API response and event they see with `expectValid`.
 */
export const SCHEMAS_DIR = resolve(import.meta.dirname, "../../schemas");

/** A schema's `$id` is this followed by its path under `schemas/`. */
export const SCHEMA_ID_BASE = "https://pod-identity-provisioner/schemas/";

/** The paths, relative to `schemas/` with '/' separators, of every `*.schema.json` file, sorted. */
export function schemaFiles(): string[] {
  return readdirSync(SCHEMAS_DIR, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".schema.json"))
    .map((file) => file.split(sep).join("/"))
    .sort();
}

export function readSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SCHEMAS_DIR, name), "utf8")) as Record<string, unknown>;
}

let instance: Ajv | undefined;

/**
 * The AJV instance holding every schema of `schemas/` (by `$id`), with the options scripts/generate.ts
 * compiles them with (`discriminator` for the grant request, `strictRequired` off for the tenancy
 * file's `anyOf` of `required`s, and for the event and error schemas' per-case `required`s) and
 * ajv-errors.
 */
export function ajv(): Ajv {
  if (instance) return instance;
  const created = new Ajv({
    allErrors: true,
    discriminator: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
  });
  // ajv-errors' CJS default export is the plugin function; under NodeNext it arrives as the module namespace.
  (ajvErrors as unknown as (a: Ajv) => Ajv)(created);
  for (const name of schemaFiles()) {
    const schema = readSchema(name);
    if (schema.$id !== `${SCHEMA_ID_BASE}${name}`)
      throw new Error(`schemas/${name}: its $id must be ${SCHEMA_ID_BASE}${name}, not ${String(schema.$id)}`);
    created.addSchema(schema);
  }
  instance = created;
  return created;
}

/** The validator of `schemas/<name>` (e.g. "api/grant-view.schema.json"), compiled once. */
export function validatorFor(name: string): ValidateFunction {
  const validate = ajv().getSchema(`${SCHEMA_ID_BASE}${name}`);
  if (!validate) throw new Error(`No schema schemas/${name} (known: ${schemaFiles().join(", ")})`);
  return validate;
}

/** AJV's errors, one a line: where, what, and the schema rule that said so. */
export function formatErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map(
      (e) =>
        `  ${e.instancePath || "(root)"} ${e.message ?? e.keyword} [${e.schemaPath}] ${JSON.stringify(e.params)}`,
    )
    .join("\n");
}

/** Throws an Error listing AJV's errors when `value` does not validate against `schemas/<name>`. */
export function expectValid(name: string, value: unknown): void {
  const validate = validatorFor(name);
  if (validate(value)) return;
  const shown = JSON.stringify(value);
  throw new Error(
    `Not valid against schemas/${name}:\n${formatErrors(validate.errors)}\nvalue: ${
      shown !== undefined && shown.length > 2000 ? `${shown.slice(0, 2000)}…` : shown
    }`,
  );
}
