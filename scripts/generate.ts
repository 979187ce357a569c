/**
 * Files derived from a single source, committed so that reviews see them, and checked by `npm test`
 * (`--check` fails on a stale file; `npm run generate` rewrites them):
 * - `src/generated/<name>.ts`: each JSON Schema of `schemas/` as a const literal. TypeScript cannot
 *   import JSON `as const`, which `json-schema-to-ts` needs to derive a type from a schema.
 *
 * (The permissions boundaries are not generated here: there is one per tenant, and the tenancy file
 * is the deployment's, chosen at package time; `serverless.yml` renders them then, through
 * `scripts/serverless-tenancy.cjs`.)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const check = process.argv.includes("--check");
const outputs = new Map<string, string>();

const schemasDir = join(root, "schemas");
for (const file of readdirSync(schemasDir)
  .filter((f) => f.endsWith(".schema.json"))
  .sort()) {
  const name = file.replace(/\.json$/, "");
  const schema: unknown = JSON.parse(readFileSync(join(schemasDir, file), "utf8"));
  const exportName = `${name.replace(/\.schema$/, "").replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())}Schema`;
  outputs.set(
    `src/generated/${name}.ts`,
    `// Generated from schemas/${file} by scripts/generate.ts. Do not edit: edit the schema and run \`npm run generate\`.\nexport const ${exportName} = ${JSON.stringify(schema, null, 2)} as const;\n`,
  );
}

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
