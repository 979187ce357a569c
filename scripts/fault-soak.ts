/**
 * The long fault run: thousands of seeded schedules against one sandbox (the test suite runs 200).
 *   npm run soak -- --runs 5000 [--from 1]
 * Prints one line per failing seed (replay it with --from SEED --runs 1) and a summary.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runSchedule } from "../sandbox/fault-schedule.ts";
import { startSandbox } from "../sandbox/sandbox.ts";
import { packageTemplate } from "../sandbox/template.ts";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "2000" }, from: { type: "string", default: "1" } },
});
const runs = Number(values.runs);
const from = Number(values.from);
process.env.AWS_MAX_ATTEMPTS = "1";
console.log("Packaging (serverless package, offline)…");
const template = await packageTemplate(mkdtempSync(join(tmpdir(), "pip-soak-")));
const sandbox = await startSandbox({
  template,
  logLevel: "SILENT",
  retryTimeScale: 0.001,
  clusters: ["demo"],
  tenancyFile: "test/fixtures/tenancy.json",
});
const outcomes: Record<string, number> = {};
const injected = { throttled: 0, serverErrors: 0, lostResponses: 0 };
let failing = 0;
const started = Date.now();
for (let seed = from; seed < from + runs; seed++) {
  const result = await runSchedule(sandbox, seed);
  for (const status of Object.values(result.statuses)) outcomes[status] = (outcomes[status] ?? 0) + 1;
  for (const kind of Object.keys(injected) as Array<keyof typeof injected>)
    injected[kind] += result.injected[kind];
  // A schedule that broke the invariant, left something behind or did not fire a configured fault fails.
  if (result.problems.length > 0) {
    failing++;
    console.log(`seed ${seed} ${JSON.stringify(result.schedule)}: ${result.problems.join("; ")}`);
  }
  if ((seed - from + 1) % 250 === 0) console.log(`… ${seed - from + 1} schedules, ${failing} failing`);
}
await sandbox.close();
console.log(
  `${runs} schedules in ${((Date.now() - started) / 1000).toFixed(1)} s: ${failing} failed; executions ${JSON.stringify(outcomes)}; faults injected ${JSON.stringify(injected)}; memory ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
);
process.exit(failing > 0 ? 1 : 0);
