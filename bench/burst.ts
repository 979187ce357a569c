/**
 * Bursts under the account's IAM rate: N grants started at once against an emulated IAM rate limit
 * (a token bucket, IAM and STS sharing it). Every grant must end ACTIVE, none duplicated or orphaned
 * (the invariant: exit 1 otherwise). Prints throughput as a fraction of what the limit allows
 * (limit ÷ IAM calls per grant), throttles absorbed, and time to ACTIVE.
 *
 *   node bench/burst.ts [--grants 200,1000] [--rates 10,20] [--scale 0.5]
 *
 * Time is compressed by `--scale`: the workflows' retry waits are multiplied by it and the bucket
 * refills 1/scale times faster, so "10 calls/s" takes scale × the real time. Figures are in
 * emulated seconds. The sandbox itself (one process, one CPU) caps how fast it can go: at too small
 * a scale the bench measures the sandbox, not the limit.
 */
import { parseArgs } from "node:util";
import { deprovisionAll } from "../sandbox/cleanup.ts";
import { inconsistencies, inventory } from "../sandbox/inventory.ts";
import { benchSandbox, grantRequest, invariant, percentile, printTable, runWorkflow } from "./support.ts";

const { values } = parseArgs({
  options: {
    grants: { type: "string", default: "200,1000" },
    rates: { type: "string", default: "10,20" },
    scale: { type: "string", default: "0.5" },
  },
});
const sizes = values.grants.split(",").map(Number);
const rates = values.rates.split(",").map(Number);
const scale = Number(values.scale);

const sandbox = await benchSandbox({ retryTimeScale: scale });
const rows: Array<Record<string, string | number>> = [];
let round = 0;
for (const rate of rates) {
  for (const size of sizes) {
    round++;
    const namespace = `burst-${round}`;
    sandbox.faults.configure({ throttleRatePerSecond: rate / scale, throttleBurst: Math.max(1, rate / 2) });
    const before = { ...sandbox.faults.injected };
    const iamBefore = [...sandbox.faults.calls].filter(([k]) => k.startsWith("iam:"));
    const started = performance.now();
    const runs = await Promise.all(
      Array.from({ length: size }, (_, i) =>
        runWorkflow(sandbox, "provision", { request: grantRequest(namespace, `sa-${i}`) }),
      ),
    );
    const emulated = (performance.now() - started) / 1000 / scale;
    sandbox.faults.configure({});
    const iamCalls =
      [...sandbox.faults.calls].filter(([k]) => k.startsWith("iam:")).reduce((n, [, v]) => n + v, 0) -
      iamBefore.reduce((n, [, v]) => n + v, 0);
    const throttled = sandbox.faults.injected.throttled - before.throttled;
    const accepted = iamCalls - throttled;
    const perGrant = accepted / size;
    const active = runs.filter((r) => r.status === "SUCCEEDED").length;
    const state = await inventory(sandbox, { clusters: ["demo"], namespace });
    const problems = inconsistencies(state);
    invariant(active === size, `${size} grants at ${rate}/s: ${size - active} did not end ACTIVE`);
    invariant(
      state.roles.length === size && state.associations.length === size,
      `${size} grants at ${rate}/s: ${state.roles.length} roles, ${state.associations.length} associations`,
    );
    invariant(problems.length === 0, `${size} grants at ${rate}/s: ${problems.slice(0, 3).join("; ")}`);
    const allowed = rate / perGrant; // grants per emulated second the limit allows
    const times = runs.map((r) => r.ms / 1000 / scale);
    rows.push({
      "IAM limit /s": rate,
      grants: size,
      ACTIVE: active,
      "IAM calls/grant": perGrant,
      "throttles absorbed": throttled,
      "emulated s": emulated,
      "grants/s": size / emulated,
      "of limit": size / emulated / allowed,
      "p50 to ACTIVE s": percentile(times, 50),
      "p95 to ACTIVE s": percentile(times, 95),
    });
    const cleanup = await deprovisionAll(sandbox, {
      cluster: "demo",
      namespace,
      name: `${namespace}-cleanup`,
    });
    invariant(cleanup.length === 0, `cleanup of ${namespace}: ${cleanup.slice(0, 3).join("; ")}`);
  }
}
await sandbox.close();
console.log(`Bursts under an emulated IAM rate limit (time scale ${scale}; figures in emulated seconds):`);
printTable(rows);
console.log(
  `"of limit": grants per second ÷ (limit ÷ accepted IAM calls per grant). Throttled calls are retried by the workflows (ThrottledError), not counted as accepted.`,
);
