/**
 * The provisioner's own overhead: a grant through the real workflow and handlers with zero emulated
 * AWS latency and no faults, one at a time (N = 1) and all at once (N = concurrency), p50/p95 from
 * start to ACTIVE. What it measures is the sandbox's interpreter, handlers, SDK serialisation and
 * HTTP on one machine — an upper bound of what the code adds, not Lambda's or Step Functions' latency.
 *
 *   node bench/overhead.ts [--grants 200] [--concurrency 200]
 */
import { parseArgs } from "node:util";
import { deprovisionAll } from "../sandbox/cleanup.ts";
import { benchSandbox, grantRequest, invariant, percentile, printTable, runWorkflow } from "./support.ts";

const { values } = parseArgs({
  options: { grants: { type: "string", default: "200" }, concurrency: { type: "string", default: "200" } },
});
const grants = Number(values.grants);
const concurrency = Number(values.concurrency);

const sandbox = await benchSandbox();
const rows: Array<Record<string, string | number>> = [];

async function phase(label: string, namespace: string, atOnce: number): Promise<void> {
  const ms: number[] = [];
  const started = performance.now();
  for (let start = 0; start < grants; start += atOnce) {
    const batch = Array.from({ length: Math.min(atOnce, grants - start) }, (_, i) => start + i);
    const runs = await Promise.all(
      batch.map((i) => runWorkflow(sandbox, "provision", { request: grantRequest(namespace, `sa-${i}`) })),
    );
    invariant(
      runs.every((r) => r.status === "SUCCEEDED"),
      `${label}: a grant did not end ACTIVE`,
    );
    ms.push(...runs.map((r) => r.ms));
  }
  const seconds = (performance.now() - started) / 1000;
  rows.push({
    run: label,
    grants,
    "p50 ms": percentile(ms, 50),
    "p95 ms": percentile(ms, 95),
    "grants/s": grants / seconds,
  });
  const cleanup = await deprovisionAll(sandbox, { cluster: "demo", namespace, name: `${namespace}-cleanup` });
  invariant(cleanup.length === 0, `${label} cleanup: ${cleanup.slice(0, 3).join("; ")}`);
}

await runWorkflow(sandbox, "provision", { request: grantRequest("overhead-warmup", "sa") });
await phase("N = 1", "overhead-serial", 1);
await phase(`N = ${concurrency}`, "overhead-concurrent", concurrency);
await sandbox.close();
console.log("Own overhead: start to ACTIVE with zero emulated AWS latency, no faults (one process):");
printTable(rows);
