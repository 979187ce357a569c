import { createHash } from "node:crypto";
import { DescribeExecutionCommand, type SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { isSdkError, translate } from "./errors.ts";

/*
 * The workflows adapter (Step Functions): start an execution under a name, read one back. The
 * state machines' ARNs are derived from the stage's prefix (serverless.yml names them
 * `<prefix>-provision` and `<prefix>-deprovision`), not passed in: a function's environment cannot
 * reference a state machine whose definition references the function.
 */

export type Workflow = "provision" | "deprovision";

export interface WorkflowScope {
  partition: string;
  region: string;
  account: string;
  stackPrefix: string;
}

export const stateMachineArn = (scope: WorkflowScope, workflow: Workflow): string =>
  `arn:${scope.partition}:states:${scope.region}:${scope.account}:stateMachine:${scope.stackPrefix}-${workflow}`;

export const executionArn = (scope: WorkflowScope, workflow: Workflow, name: string): string =>
  `arn:${scope.partition}:states:${scope.region}:${scope.account}:execution:${scope.stackPrefix}-${workflow}:${name}`;

/**
 * A name derived from what identifies a request (`<prefix>-<the first hex digits of sha256 of the
 * parts, one per line>`): Step Functions keeps one execution per name and state machine, so the
 * same request, sent again, starts nothing new. The parts are hashed, so a name carries nothing a
 * caller wrote beyond `prefix`, and stays within Step Functions' 80 characters.
 */
export function derivedExecutionName(prefix: string, parts: string[], digestLength: number): string {
  const digest = createHash("sha256").update(parts.join("\n")).digest("hex");
  return `${prefix}-${digest.slice(0, digestLength)}`;
}

export interface ExecutionView {
  executionArn: string;
  status: string;
  input?: string;
  startDate: string;
  stopDate?: string;
  error?: string;
  cause?: string;
}

/**
 * Starts `name`. Step Functions itself makes a name idempotent: the same name and input while it
 * runs returns that execution; otherwise `ExecutionAlreadyExists`, reported as `{ exists: true }`
 * so the caller can read it back and compare.
 */
export async function startExecution(
  sfn: SFNClient,
  scope: WorkflowScope,
  workflow: Workflow,
  name: string,
  input: string,
): Promise<{ executionArn: string; exists: false } | { executionArn: string; exists: true }> {
  try {
    const out = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: stateMachineArn(scope, workflow), name, input }),
    );
    return { executionArn: out.executionArn ?? executionArn(scope, workflow, name), exists: false };
  } catch (error) {
    if (isSdkError(error, "ExecutionAlreadyExists"))
      return { executionArn: executionArn(scope, workflow, name), exists: true };
    throw translate(error, `Starting the ${workflow} workflow`);
  }
}

/** An execution, or `undefined` if Step Functions does not know it (or no longer keeps it). */
export async function describeExecution(sfn: SFNClient, arn: string): Promise<ExecutionView | undefined> {
  try {
    const out = await sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
    return {
      executionArn: out.executionArn ?? arn,
      status: out.status ?? "RUNNING",
      ...(out.input !== undefined ? { input: out.input } : {}),
      startDate: (out.startDate ?? new Date(0)).toISOString(),
      ...(out.stopDate ? { stopDate: out.stopDate.toISOString() } : {}),
      ...(out.error ? { error: out.error } : {}),
      ...(out.cause ? { cause: out.cause } : {}),
    };
  } catch (error) {
    if (isSdkError(error, "ExecutionDoesNotExist", "InvalidArn")) return undefined;
    throw translate(error, `Reading execution ${arn}`);
  }
}
