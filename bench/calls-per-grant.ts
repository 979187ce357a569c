/**
 * What a grant costs: AWS API calls (by operation) and Step Functions state transitions per
 * provision, update, no-op repeat and deprovision; wall time per workflow in the sandbox (median);
 * the size of each function bundle. Prints its figures; nothing here is a test.
 *
 *   node bench/calls-per-grant.ts [--grants 50]
 */
import { mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startSandbox } from "../sandbox/sandbox.ts";
import { packageTemplate } from "../sandbox/template.ts";

const { values } = parseArgs({ options: { grants: { type: "string", default: "50" } } });
const grants = Number(values.grants);
process.env.AWS_MAX_ATTEMPTS = "1";
const packageDir = mkdtempSync(join(tmpdir(), "pip-bench-"));
const template = await packageTemplate(packageDir, "dev");
const sandbox = await startSandbox({
  template,
  logLevel: "SILENT",
  retryTimeScale: 0.001,
  clusters: ["demo"],
  tenancyFile: "test/fixtures/tenancy.json",
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
type Phase = "provision" | "update" | "repeat" | "deprovision";
const results: Record<
  Phase,
  { calls: number[]; writes: number[]; transitions: number[]; ms: number[]; ops: Map<string, number> }
> = {
  provision: { calls: [], writes: [], transitions: [], ms: [], ops: new Map() },
  update: { calls: [], writes: [], transitions: [], ms: [], ops: new Map() },
  repeat: { calls: [], writes: [], transitions: [], ms: [], ops: new Map() },
  deprovision: { calls: [], writes: [], transitions: [], ms: [], ops: new Map() },
};

/** The platform tenant of test/fixtures/tenancy.json: every cluster, namespace and resource. */
const caller = { principalArn: `arn:aws:iam::${sandbox.accountId}:role/platform` };

async function measure(phase: Phase, machine: "provision" | "deprovision", input: Record<string, unknown>) {
  const before = sandbox.apiCalls.length;
  const started = performance.now();
  const { executionArn } = sandbox.sfn.startExecution({
    stateMachineArn: sandbox.stateMachines[machine],
    input: JSON.stringify({ ...input, caller }),
  });
  const done = await sandbox.sfn.waitForExecution(executionArn);
  const ms = performance.now() - started;
  if (done.status !== "SUCCEEDED") throw new Error(`${phase} failed: ${done.error} ${done.cause}`);
  await sandbox.idle();
  const calls = sandbox.apiCalls.slice(before);
  const r = results[phase];
  r.calls.push(calls.length);
  r.writes.push(calls.filter((c) => !c.readOnly).length);
  r.transitions.push(sandbox.sfn.history(executionArn).filter((e) => e.type === "StateEntered").length);
  r.ms.push(ms);
  for (const c of calls) r.ops.set(c.eventName, (r.ops.get(c.eventName) ?? 0) + 1);
}

for (let i = 0; i < grants; i++) {
  const request = (permissions: unknown[]) => ({
    cluster: "demo",
    namespace: "bench",
    serviceAccount: `sa-${i}`,
    permissions,
  });
  await measure("provision", "provision", {
    request: request([{ template: "s3-read", bucket: "invoices" }]),
  });
  await measure("update", "provision", {
    request: request([
      { template: "s3-read", bucket: "invoices" },
      { template: "sqs-consume", queue: "jobs" },
    ]),
  });
  await measure("repeat", "provision", {
    request: request([
      { template: "s3-read", bucket: "invoices" },
      { template: "sqs-consume", queue: "jobs" },
    ]),
  });
  await measure("deprovision", "deprovision", {
    cluster: "demo",
    namespace: "bench",
    serviceAccount: `sa-${i}`,
  });
}
await sandbox.close();

console.log(
  `Per workflow, median of ${grants} grants (IAM and EKS calls; the registry's DynamoDB calls are not counted):`,
);
console.log("phase        IAM+EKS calls  of which writes  state transitions  sandbox ms");
for (const [phase, r] of Object.entries(results)) {
  console.log(
    `${phase.padEnd(12)} ${String(median(r.calls)).padStart(13)}  ${String(median(r.writes)).padStart(15)}  ${String(median(r.transitions)).padStart(17)}  ${median(r.ms).toFixed(1).padStart(10)}`,
  );
  console.log(
    `             ${[...r.ops.entries()].map(([op, n]) => `${op}×${(n / grants).toFixed(0)}`).join(" ")}`,
  );
}
console.log("\nFunction bundles (zip, as deployed):");
for (const file of readdirSync(packageDir)
  .filter((f) => f.endsWith(".zip"))
  .sort()) {
  console.log(`  ${file.padEnd(24)} ${(statSync(join(packageDir, file)).size / 1024).toFixed(1)} KiB`);
}
