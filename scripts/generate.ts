/**
 * Files derived from a single source, committed so that reviews see them, and checked by `npm test`
 * (`--check` fails on a stale file; `npm run generate` rewrites them):
 * - `src/generated/<name>.ts`: each JSON Schema of `schemas/` as a const literal. TypeScript cannot
 *   import JSON `as const`, which `json-schema-to-ts` needs to derive a type from a schema.
 * - `src/generated/<name>.validate.js` (+ `.d.ts`): the AJV validators of the grant request (and of a
 *   grant's key alone) and of the tenancy file, compiled here as AJV standalone code, so that no
 *   function compiles a schema at cold start nor bundles AJV's compiler (`bench/cold-start.ts`).
 *   ESM that imports nothing: AJV's two runtime helpers they call (`ucs2length`, `equal`) inlined.
 *
 * (The permissions boundaries are not generated here: there is one per tenant, and the tenancy file
 * is the deployment's, chosen at package time; `serverless.yml` renders them then, through
 * `scripts/serverless-tenancy.cjs`.)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import { Ajv, type Options } from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";
import ajvErrors from "ajv-errors";

const root = resolve(import.meta.dirname, "..");
const require = createRequire(import.meta.url);
const check = process.argv.includes("--check");
const outputs = new Map<string, string>();

const generatedHeader = (source: string) =>
  `// Generated from ${source} by scripts/generate.ts. Do not edit: edit the schema and run \`npm run generate\`.\n`;

const schemasDir = join(root, "schemas");
for (const file of readdirSync(schemasDir)
  .filter((f) => f.endsWith(".schema.json"))
  .sort()) {
  const name = file.replace(/\.json$/, "");
  const schema: unknown = JSON.parse(readFileSync(join(schemasDir, file), "utf8"));
  const exportName = `${name.replace(/\.schema$/, "").replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())}Schema`;
  outputs.set(
    `src/generated/${name}.ts`,
    `${generatedHeader(`schemas/${file}`)}export const ${exportName} = ${JSON.stringify(schema, null, 2)} as const;\n`,
  );
}

/**
 * One ESM module of AJV standalone code exporting a validator per entry of `exports` (export name →
 * schema), all compiled by one AJV instance with `options` and ajv-errors (`errorMessage`).
 */
function standaloneModule(source: string, options: Options, exports: Record<string, object>): string {
  const ajv = new Ajv({ ...options, code: { source: true, esm: true, lines: true } });
  // ajv-errors' CJS default export is the plugin function; under NodeNext it arrives as the module namespace.
  (ajvErrors as unknown as (a: Ajv) => Ajv)(ajv);
  for (const [name, schema] of Object.entries(exports)) ajv.addSchema(schema, name);
  const names = Object.fromEntries(Object.keys(exports).map((name) => [name, name]));
  // ajv/dist/standalone is CommonJS; its module.exports is the function, and carries it as `default`,
  // the one member TypeScript (NodeNext) sees.
  const generate = standaloneCode.default;
  // AJV refers to its runtime helpers as `require("ajv/dist/runtime/<helper>").default`, even in ESM.
  // Each is inlined, from its source, as a constant: an `import` of that CommonJS module would give
  // the helper in vitest (its default-export interop) but `module.exports` in Node and esbuild. The
  // helpers used (`ucs2length`, `equal` = fast-deep-equal) refer to nothing but their arguments;
  // `--check` sees a new AJV change them.
  const helpers = new Map<string, string>();
  // ESM is strict already: AJV's leading "use strict" would follow the helpers, as a mere expression.
  const code = generate(ajv, names)
    .replace(/^"use strict";\n/, "")
    .replace(/require\("(ajv\/dist\/runtime\/[a-z0-9]+)"\)\.default/g, (_, path: string) => {
      const local = helpers.get(path) ?? `${basename(path)}Helper`;
      helpers.set(path, local);
      return local;
    });
  const other = /\brequire\([^)]*\)/.exec(code);
  if (other) throw new Error(`${source}: AJV's standalone code calls ${other[0]}, which ESM cannot`);
  const inlined = [...helpers]
    .map(([path, local]) => {
      const helper = require(path).default as (...args: never[]) => unknown;
      return `// ${path}, inlined (scripts/generate.ts says why).\nconst ${local} = ${helper.toString()};\n`;
    })
    .join("");
  return `${generatedHeader(source)}${inlined}${code}\n`;
}
const readSchema = (file: string) =>
  JSON.parse(readFileSync(join(schemasDir, file), "utf8")) as {
    properties: Record<string, object>;
  };

// The grant request: options as src/grant/request.ts reads its errors (every error, the permission's
// branch chosen by its `template`), and a grant's key alone (a deprovision's input), with the
// request schema's own rules for its three fields.
const grantRequest = readSchema("grant-request.schema.json");
outputs.set(
  "src/generated/grant-request.validate.js",
  standaloneModule(
    "schemas/grant-request.schema.json",
    { allErrors: true, discriminator: true, strict: true, allowUnionTypes: true },
    {
      validateGrantRequest: grantRequest,
      validateGrantKey: {
        type: "object",
        required: ["cluster", "namespace", "serviceAccount"],
        properties: {
          cluster: grantRequest.properties.cluster,
          namespace: grantRequest.properties.namespace,
          serviceAccount: grantRequest.properties.serviceAccount,
        },
      },
    },
  ),
);
outputs.set(
  "src/generated/grant-request.validate.d.ts",
  `${generatedHeader("schemas/grant-request.schema.json")}import type { ValidateFunction } from "ajv";
import type { FromSchema } from "json-schema-to-ts";
import type { GrantKey } from "../grant/naming.ts";
import type { grantRequestSchema } from "./grant-request.schema.ts";

/** A grant request (\`allErrors\`, \`discriminator\`, ajv-errors). */
export declare const validateGrantRequest: ValidateFunction<FromSchema<typeof grantRequestSchema>>;
/** A grant's key alone: \`cluster\`, \`namespace\`, \`serviceAccount\` with the request's rules. */
export declare const validateGrantKey: ValidateFunction<GrantKey>;
`,
);

// The tenancy file. `strictRequired` off: the tenant schema's
// `anyOf: [{required: [principals]}, {required: [ticketSources]}]` names properties its parent
// defines, which strict mode would reject.
outputs.set(
  "src/generated/tenancy.validate.js",
  standaloneModule(
    "schemas/tenancy.schema.json",
    { allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true },
    { validateTenancy: readSchema("tenancy.schema.json") },
  ),
);
outputs.set(
  "src/generated/tenancy.validate.d.ts",
  `${generatedHeader("schemas/tenancy.schema.json")}import type { ValidateFunction } from "ajv";
import type { FromSchema } from "json-schema-to-ts";
import type { tenancySchema } from "./tenancy.schema.ts";

/** A tenancy file (\`allErrors\`, ajv-errors). */
export declare const validateTenancy: ValidateFunction<FromSchema<typeof tenancySchema>>;
`,
);

const stale: string[] = [];
for (const [path, content] of outputs) {
  const target = join(root, path);
  if (existsSync(target) && readFileSync(target, "utf8") === content) continue;
  if (check) {
    stale.push(path);
    continue;
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
  console.log(`wrote ${path}`);
}
if (stale.length > 0) {
  console.error(`Stale generated files (run \`npm run generate\`): ${stale.join(", ")}`);
  process.exit(1);
}
