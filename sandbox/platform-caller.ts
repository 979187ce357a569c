import type { Sandbox } from "./sandbox.ts";
import type { ExecutionDescription } from "./stepfunctions/local-sfn.ts";

/**
 * The `platform` tenant of test/fixtures/tenancy.json (every cluster, namespace and resource): who
 * the fault schedules, their cleanup and the benchmarks act as. Start the sandbox with that tenancy.
 */
export function platformCaller(sandbox: Pick<Sandbox, "accountId">): { principalArn: string } {
  return { principalArn: `arn:aws:iam::${sandbox.accountId}:role/platform` };
}

/** Starts a workflow in process as the platform tenant (named, if given) and waits for its end. */
export async function runAsPlatform(
  sandbox: Sandbox,
  machine: "provision" | "deprovision",
  input: Record<string, unknown>,
  name?: string,
): Promise<ExecutionDescription> {
  const { executionArn } = sandbox.sfn.startExecution({
    stateMachineArn: sandbox.stateMachines[machine],
    ...(name ? { name } : {}),
    input: JSON.stringify({ ...input, caller: platformCaller(sandbox) }),
  });
  return sandbox.sfn.waitForExecution(executionArn);
}
