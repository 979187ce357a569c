/**
 * Sandbox memory before and after a create/delete cycle of many grants: what the emulation keeps
 * must be bounded, so a long `npm start` or soak does not grow without end.
 *
 *   node --expose-gc bench/memory.ts [--grants 1000] [--warmup 100] [--concurrency 50]
 *
 * Heap, Buffer memory outside the heap (the registry's items live there) and RSS after a full GC,
 * three times: cold (after one grant), started (after a warm-up cycle of `--warmup` grants, which
 * fills what the sandbox keeps on purpose up to its bounds — the newest 1,000 API calls, events and
 * CloudTrail records, 50 finished executions — and compiles the hot paths), and after the cycle.
 * "after / started" is the growth a long run sees; "after / cold" includes the bounded buffers
 * filling once. Exits 1 only if a grant is lost or left behind.
 */
import { parseArgs } from "node:util";
import { deprovisionAll } from "../sandbox/cleanup.ts";
import { inventory } from "../sandbox/inventory.ts";
import type { Sandbox } from "../sandbox/sandbox.ts";
import { benchSandbox, grantRequest, invariant, printTable, runWorkflow } from "./support.ts";

const { values } = parseArgs({
  options: {
    grants: { type: "string", default: "1000" },
    warmup: { type: "string", default: "100" },
    concurrency: { type: "string", default: "50" },
  },
});
const grants = Number(values.grants);
const warmup = Number(values.warmup);
const concurrency = Number(values.concurrency);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) console.warn("Run with --expose-gc for figures after a full GC (npm run bench does).");

interface Memory {
  heapMiB: number;
  buffersMiB: number;
  rssMiB: number;
}

function measure(): Memory {
  gc?.();
  gc?.();
  const { heapUsed, arrayBuffers, rss } = process.memoryUsage();
  return { heapMiB: heapUsed / 2 ** 20, buffersMiB: arrayBuffers / 2 ** 20, rssMiB: rss / 2 ** 20 };
}

/** Creates then deletes `count` grants in `namespace`, `concurrency` at a time; every one must succeed. */
async function cycle(sandbox: Sandbox, namespace: string, count: number): Promise<void> {
  for (let start = 0; start < count; start += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, count - start) }, (_, i) => `sa-${start + i}`);
    const created = await Promise.all(
      batch.map((sa) => runWorkflow(sandbox, "provision", { request: grantRequest(namespace, sa) })),
    );
    invariant(
      created.every((r) => r.status === "SUCCEEDED"),
      `a provisioning failed in ${namespace} batch ${start}`,
    );
    const removed = await Promise.all(
      batch.map((sa) =>
        runWorkflow(sandbox, "deprovision", { cluster: "demo", namespace, serviceAccount: sa }),
      ),
    );
    invariant(
      removed.every((r) => r.status === "SUCCEEDED"),
      `a deprovisioning failed in ${namespace} batch ${start}`,
    );
  }
  const left = await inventory(sandbox, { clusters: ["demo"], namespace });
  invariant(
    left.roles.length === 0 && left.associations.length === 0,
    `${namespace}: the cycle left roles or associations`,
  );
}

const sandbox = await benchSandbox();
await cycle(sandbox, "memory-cold", 1);
const cold = measure();
await cycle(sandbox, "memory-warmup", warmup);
// The registry keeps a DELETED record per grant on purpose (the inventory): the warm-up's go, so
// that "started" holds the same records as "cold".
await deprovisionAll(sandbox, { cluster: "demo", namespace: "memory-warmup", name: "warmup-cleanup" });
const started = measure();
await cycle(sandbox, "memory", grants);
const after = measure();
await deprovisionAll(sandbox, { cluster: "demo", namespace: "memory", name: "memory-cleanup" });
const withoutRecords = measure();
await sandbox.close();

const row = (when: string, m: Memory) => ({
  when,
  "heap MiB": m.heapMiB,
  "buffers MiB": m.buffersMiB,
  "heap+buffers MiB": m.heapMiB + m.buffersMiB,
  "RSS MiB": m.rssMiB,
});
const ratio = (when: string, a: Memory, b: Memory) => ({
  when,
  "heap MiB": a.heapMiB / b.heapMiB,
  "buffers MiB": a.buffersMiB / b.buffersMiB,
  "heap+buffers MiB": (a.heapMiB + a.buffersMiB) / (b.heapMiB + b.buffersMiB),
  "RSS MiB": a.rssMiB / b.rssMiB,
});
console.log(
  `Sandbox memory around ${grants} grants created and deleted (${concurrency} at a time), after GC; started = after a ${warmup}-grant warm-up cycle:`,
);
printTable([
  row("cold (1 grant)", cold),
  row("started", started),
  row(`after ${grants}`, after),
  ratio("after / started", after, started),
  ratio("after / cold", after, cold),
  row("after, DELETED records removed", withoutRecords),
  ratio("that / started", withoutRecords, started),
]);
