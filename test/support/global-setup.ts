import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { packageTemplate } from "../../sandbox/template.ts";

/** `serverless package` once per test run (offline, ~5 s); tests read the template it writes. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "pip-package-"));
  await packageTemplate(dir);
  project.provide("packageDir", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    packageDir: string;
  }
}
