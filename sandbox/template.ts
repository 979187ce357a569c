import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

/**
 * The sandbox runs what `serverless.yml` deploys, read from the CloudFormation that
 * `serverless package` generates offline: the registry table's definition and the EventBridge
 * rules with their real patterns. Nothing about them is restated here.
 */
export const PROJECT_ROOT = resolve(import.meta.dirname, "..");

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
}

export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
}

const run = promisify(execFile);

/**
 * Runs `serverless package` into `outDir` (no AWS credentials needed) and returns the template.
 * `tenancyFile` (relative to the project root) is the tenancy the package is built for: its
 * boundaries, ticket sources and the file the record function reads.
 */
export async function packageTemplate(
  outDir: string,
  stage = "sandbox",
  tenancyFile?: string,
): Promise<CfnTemplate> {
  const binary = join(PROJECT_ROOT, "node_modules", ".bin", "serverless");
  const params = tenancyFile ? [`--param=tenancyFile=${tenancyFile}`] : [];
  await run(binary, ["package", "--stage", stage, "--package", outDir, ...params], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: "AKIASANDBOXPACKAGE00",
      AWS_SECRET_ACCESS_KEY: "sandbox",
      SLS_TELEMETRY_DISABLED: "1",
      SLS_NOTIFICATIONS_MODE: "off",
    },
    timeout: 180_000,
  });
  return readTemplate(outDir);
}

export function readTemplate(outDir: string): CfnTemplate {
  const file = join(outDir, "cloudformation-template-update-stack.json");
  if (!existsSync(file)) throw new Error(`No packaged template at ${file}: run serverless package first`);
  return JSON.parse(readFileSync(file, "utf8")) as CfnTemplate;
}

/** The registry table's CreateTable input, from its CloudFormation properties. */
export function registryTableDefinition(template: CfnTemplate, tableName: string) {
  const resource = template.Resources.RegistryTable;
  if (!resource?.Properties) throw new Error("The packaged template has no RegistryTable");
  const p = resource.Properties as {
    AttributeDefinitions: Array<{ AttributeName: string; AttributeType: "S" | "N" | "B" }>;
    KeySchema: Array<{ AttributeName: string; KeyType: "HASH" | "RANGE" }>;
    GlobalSecondaryIndexes?: Array<{
      IndexName: string;
      KeySchema: Array<{ AttributeName: string; KeyType: "HASH" | "RANGE" }>;
      Projection: { ProjectionType: "ALL" | "KEYS_ONLY" | "INCLUDE"; NonKeyAttributes?: string[] };
    }>;
  };
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST" as const,
    AttributeDefinitions: p.AttributeDefinitions,
    KeySchema: p.KeySchema,
    ...(p.GlobalSecondaryIndexes ? { GlobalSecondaryIndexes: p.GlobalSecondaryIndexes } : {}),
  };
}
