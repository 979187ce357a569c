/**
 * What a grant costs, per phase (new grant, update, repeated request, deprovision): AWS calls by
 * service and operation — DynamoDB included — state transitions and Lambda invocations, and the
 * cost at list prices (assumptions printed). Counts are medians over `--grants` grants.
 *
 *   node bench/calls-per-grant.ts [--grants 50]
 */
import { parseArgs } from "node:util";
import {
  benchSandbox,
  callCounts,
  callsSince,
  grantRequest,
  invariant,
  median,
  printTable,
  runWorkflow,
} from "./support.ts";

const { values } = parseArgs({ options: { grants: { type: "string", default: "50" } } });
const grants = Number(values.grants);

/** List prices (us-east-1, on-demand), stated as assumptions: change them here. */
const PRICES = {
  transition: 0.025 / 1000, // Step Functions Standard, per state transition
  lambdaRequest: 0.2 / 1_000_000,
  lambdaGbSecond: 0.0000133334, // arm64
  lambdaGb: 0.25, // 256 MB, serverless.yml memorySize
  lambdaSeconds: 0.1, // assumed billed duration per invocation
  dynamoWriteUnit: 0.625 / 1_000_000, // on-demand WRU (1 KB)
  dynamoReadUnit: 0.125 / 1_000_000, // on-demand RRU (4 KB strongly consistent)
};
const ITEM_KIB = 4; // a registry record with its request and rendered desired state, rounded up

type Phase = "new grant" | "update" | "repeat" | "deprovision";
const phases: Record<Phase, { calls: Map<string, number[]>; transitions: number[]; invocations: number[] }> =
  {
    "new grant": { calls: new Map(), transitions: [], invocations: [] },
    update: { calls: new Map(), transitions: [], invocations: [] },
    repeat: { calls: new Map(), transitions: [], invocations: [] },
    deprovision: { calls: new Map(), transitions: [], invocations: [] },
  };

const sandbox = await benchSandbox();

async function measure(phase: Phase, machine: "provision" | "deprovision", input: Record<string, unknown>) {
  const before = callCounts(sandbox);
  const run = await runWorkflow(sandbox, machine, input);
  invariant(run.status === "SUCCEEDED", `${phase} failed: ${run.error}`);
  await sandbox.idle();
  const record = phases[phase];
  const since = callsSince(sandbox, before);
  for (const name of new Set([...record.calls.keys(), ...since.keys()])) {
    const list = record.calls.get(name) ?? [];
    list.push(since.get(name) ?? 0);
    record.calls.set(name, list);
  }
  const history = sandbox.sfn.executionHistory(run.executionArn);
  record.transitions.push(history.filter((e) => e.type.endsWith("StateEntered")).length);
  const scheduled = history.filter((e) => /^(Task|LambdaFunction)Scheduled$/.test(e.type)).length;
  record.invocations.push(scheduled || history.filter((e) => e.type === "TaskStateEntered").length);
}

for (let i = 0; i < grants; i++) {
  const request = (permissions: unknown[]) => grantRequest("bench", `sa-${i}`, permissions);
  const two = [
    { template: "s3-read", bucket: "invoices" },
    { template: "sqs-consume", queue: "jobs" },
  ];
  await measure("new grant", "provision", {
    request: request([{ template: "s3-read", bucket: "invoices" }]),
  });
  await measure("update", "provision", { request: request(two) });
  await measure("repeat", "provision", { request: request(two) });
  await measure("deprovision", "deprovision", {
    cluster: "demo",
    namespace: "bench",
    serviceAccount: `sa-${i}`,
  });
}
await sandbox.close();

const rows = Object.entries(phases).map(([phase, r]) => {
  const per = (prefix: string) =>
    [...r.calls].filter(([name]) => name.startsWith(prefix)).reduce((n, [, list]) => n + median(list), 0);
  const dynamoWrites =
    median(r.calls.get("dynamodb:PutItem") ?? []) + median(r.calls.get("dynamodb:UpdateItem") ?? []);
  const dynamoReads =
    median(r.calls.get("dynamodb:GetItem") ?? []) + median(r.calls.get("dynamodb:Query") ?? []);
  const transitions = median(r.transitions);
  const invocations = median(r.invocations);
  const cost =
    transitions * PRICES.transition +
    invocations * (PRICES.lambdaRequest + PRICES.lambdaGb * PRICES.lambdaSeconds * PRICES.lambdaGbSecond) +
    dynamoWrites * ITEM_KIB * PRICES.dynamoWriteUnit +
    dynamoReads * PRICES.dynamoReadUnit;
  return {
    phase,
    "IAM+EKS": per("iam:") + per("eks:"),
    DynamoDB: per("dynamodb:"),
    "AWS calls": per("iam:") + per("eks:") + per("dynamodb:"),
    transitions,
    "Lambda invocations": invocations,
    "USD per grant": cost.toFixed(6),
    operations: [...r.calls]
      .map(([name, list]) => [name, median(list)] as const)
      .filter(([, n]) => n > 0)
      .map(([name, n]) => `${name.split(":")[1]}×${n}`)
      .join(" "),
  };
});
console.log(
  `Per workflow, median of ${grants} grants, every AWS call the endpoint served (DynamoDB included):`,
);
printTable(rows);
console.log(
  `Cost assumptions: Step Functions Standard $0.025/1k transitions; Lambda $0.20/1M requests + ${PRICES.lambdaGb * 1024} MB × ${PRICES.lambdaSeconds * 1000} ms at $0.0000133334/GB-s (arm64); DynamoDB on-demand $0.625/1M WRU (a record ≈ ${ITEM_KIB} KB: ${ITEM_KIB} WRU a write) and $0.125/1M RRU; IAM and EKS API calls free. List prices of us-east-1; check yours.`,
);
