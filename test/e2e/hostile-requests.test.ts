/**
 * The hostile-input corpus (test/fixtures/hostile-requests.json) through the real workflow: every
 * request fails the execution at its first step with a ValidationError naming the field, and
 * nothing is created or recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../../sandbox/sandbox.ts";
import { scanGrants } from "../../src/aws/registry.ts";
import { describeError } from "../../src/provision/record.ts";
import { hostileCases, toJsonText } from "../support/hostile-corpus.ts";
import { CALLERS, person, startTestSandbox } from "../support/sandbox.ts";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

/** Nesting depth, measured without recursion. */
function depthOf(root: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    deepest = Math.max(deepest, depth);
    if (value !== null && typeof value === "object")
      for (const member of Object.values(value)) stack.push([member, depth + 1]);
  }
  return deepest;
}

describe("the workflow refuses every hostile request", () => {
  it("fails each at its first step with a ValidationError naming the field, creating and recording nothing", async () => {
    // Prepare
    // The local interpreter (aws-local-stepfunctions) recurses through its input: the cases nested
    // thousands deep stop there, before any handler runs. parseGrantRequest refuses them in the unit
    // corpus test; here, every case the interpreter can carry.
    const cases = hostileCases().filter((hostile) => depthOf(hostile.request) <= 100);
    const callsBefore = sandbox.apiCalls.length;

    // Act: started in process (a request over Step Functions' 256 KiB input limit would not reach the workflow over HTTP).
    const executions = await Promise.all(
      cases.map(async (hostile) => {
        const { executionArn } = sandbox.sfn.startExecution({
          stateMachineArn: sandbox.stateMachines.provision,
          input: toJsonText({ request: hostile.request, caller: CALLERS.platform }),
        });
        return { hostile, execution: await sandbox.sfn.waitForExecution(executionArn) };
      }),
    );

    // Assess
    const wrong = executions.filter(
      ({ hostile, execution }) =>
        execution.status !== "FAILED" ||
        execution.error !== "ValidationError" ||
        !describeError({ Error: "", Cause: execution.cause ?? "" }).includes(`${hostile.field}: `),
    );
    expect(
      wrong.map(({ hostile, execution }) => `${hostile.name}: ${execution.status} ${execution.error}`),
    ).toEqual([]);
    expect(executions.length).toBeGreaterThanOrEqual(150);
    const writes = sandbox.apiCalls.slice(callsBefore).filter((call) => !call.readOnly);
    expect(writes.map((call) => call.eventName)).toEqual([]);
    expect(await scanGrants(person(sandbox).registry, sandbox.registryTable)).toEqual([]);
  });
});
