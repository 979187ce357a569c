import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EKSClient } from "@aws-sdk/client-eks";
import { IAMClient } from "@aws-sdk/client-iam";
import { SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { inject } from "vitest";
import { UNBOUNDED } from "../../sandbox/emulator/retention.ts";
import { type Sandbox, type SandboxOptions, startSandbox } from "../../sandbox/sandbox.ts";
import type { ExecutionDescription } from "../../sandbox/stepfunctions/local-sfn.ts";
import { readTemplate } from "../../sandbox/template.ts";

/** The tests' tenancy (test/fixtures/tenancy.json) and callers acting for its tenants. */
export const TEST_TENANCY = "test/fixtures/tenancy.json";
export const CALLERS = {
  platform: { principalArn: "arn:aws:iam::111122223333:role/platform" },
  teamA: { principalArn: "arn:aws:iam::111122223333:role/team-a" },
  teamB: { principalArn: "arn:aws:iam::111122223333:role/team-b" },
} as const;
export type Caller = { principalArn: string } | { ticketSource: string };

/**
 * A sandbox for end-to-end tests: the packaged template, silent handlers, fast retries. The
 * functions' SDK clients are bound to the first sandbox of a test file (they read the endpoint
 * when first used), so each file starts one sandbox and each test uses its own service accounts.
 */
export async function startTestSandbox(options: Partial<SandboxOptions> = {}): Promise<Sandbox> {
  // One attempt per SDK call: the workflow's own (fast, in tests) retries do the retrying.
  process.env.AWS_MAX_ATTEMPTS = "1";
  return startSandbox({
    template: readTemplate(inject("packageDir")),
    logLevel: "SILENT",
    retryTimeScale: 0.001,
    clusters: ["demo", "other"],
    tenancyFile: TEST_TENANCY,
    // Tests index into the sandbox's call and event lists: keep all (a test file is short).
    retention: UNBOUNDED,
    ...options,
  });
}

export interface Person {
  iam: IAMClient;
  eks: EKSClient;
  sfn: SFNClient;
  registry: DynamoDBDocumentClient;
}

/** SDK clients signing as the sandbox's platform engineer (a person, not the provisioner). */
export function person(sandbox: Sandbox): Person {
  const config = sandbox.clientConfig();
  return {
    iam: new IAMClient(config),
    eks: new EKSClient(config),
    sfn: new SFNClient(config),
    registry: DynamoDBDocumentClient.from(new DynamoDBClient(config)),
  };
}

/** Starts `provision` as a front door would: the request and the authenticated caller (the platform tenant unless given). */
export async function provision(
  sandbox: Sandbox,
  request: unknown,
  name?: string,
  caller: Caller = CALLERS.platform,
): Promise<ExecutionDescription> {
  const { executionArn } = await person(sandbox).sfn.send(
    new StartExecutionCommand({
      stateMachineArn: sandbox.stateMachines.provision,
      ...(name ? { name } : {}),
      input: JSON.stringify({ request, caller }),
    }),
  );
  return sandbox.sfn.waitForExecution(executionArn ?? "");
}

export async function deprovision(
  sandbox: Sandbox,
  key: { cluster: string; namespace: string; serviceAccount: string },
  caller: Caller = CALLERS.platform,
): Promise<ExecutionDescription> {
  const { executionArn } = await person(sandbox).sfn.send(
    new StartExecutionCommand({
      stateMachineArn: sandbox.stateMachines.deprovision,
      input: JSON.stringify({ ...key, caller }),
    }),
  );
  return sandbox.sfn.waitForExecution(executionArn ?? "");
}

export { inconsistencies, inventory } from "../../sandbox/inventory.ts";
