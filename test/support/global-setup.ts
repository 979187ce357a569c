import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { packageTemplate } from "../../sandbox/template.ts";

/**
 * `serverless package --stage dev` once per test run (offline, ~5 s); tests read the template it
 * writes. Once, because two packagings in one folder share serverless-esbuild's work folder.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "pip-package-"));
  await packageTemplate(dir, "dev");
  project.provide("packageDir", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    packageDir: string;
  }
}
