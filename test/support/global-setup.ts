import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { packageTemplate } from "../../sandbox/template.ts";

/**
 * The tenancy the run's package is built for: the tests' own (tenants `platform`, `team-a`,
 * `team-b`), so the packaged Grant Requested rule, bus policy and boundaries are the ones the
 * end-to-end sandbox, which authorizes with the same file, needs.
 */
const TENANCY_FILE = "test/fixtures/tenancy.json";

/**
 * `serverless package --stage dev --param=tenancyFile=test/fixtures/tenancy.json` once per test run
 * (offline, ~5 s); tests read the template it writes. Once, because two packagings in one folder
 * share serverless-esbuild's work folder.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "pip-package-"));
  await packageTemplate(dir, "dev", TENANCY_FILE);
  project.provide("packageDir", dir);
  project.provide("packageTenancyFile", TENANCY_FILE);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    packageDir: string;
    /** The `tenancyFile` the package was built with, relative to the project root. */
    packageTenancyFile: string;
  }
}
