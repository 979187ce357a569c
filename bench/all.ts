/**
 * `npm run bench`: every benchmark, one after the other, each in its own process (so memory and
 * cold-start figures are its own), sharing one `serverless package`. Prints each table; exits
 * non-zero only if a benchmark found a broken invariant (a lost, duplicated or orphaned grant) or
 * could not run.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageTemplate } from "../sandbox/template.ts";

const packageDir = mkdtempSync(join(tmpdir(), "pip-bench-"));
console.log(`Packaging once (serverless package, offline) into ${packageDir} …`);
await packageTemplate(packageDir, "dev", "test/fixtures/tenancy.json");

const benches: Array<{ title: string; args: string[] }> = [
  { title: "1. Calls, transitions and cost per grant", args: ["bench/calls-per-grant.ts", "--grants", "50"] },
  { title: "2. Own overhead", args: ["bench/overhead.ts", "--grants", "200", "--concurrency", "200"] },
  {
    title: "3. Bursts under an IAM rate limit",
    args: ["bench/burst.ts", "--grants", "200,1000", "--rates", "10,20"],
  },
  {
    title: "4. Cold module load per bundle",
    args: ["bench/cold-start.ts", "--runs", "15", "--package-dir", packageDir],
  },
  { title: "5. Sandbox memory", args: ["--expose-gc", "bench/memory.ts", "--grants", "1000"] },
];

let failed = 0;
for (const bench of benches) {
  console.log(`\n=== ${bench.title} (node ${bench.args.join(" ")})`);
  const started = Date.now();
  const result = spawnSync(process.execPath, bench.args, {
    stdio: "inherit",
    env: { ...process.env, BENCH_PACKAGE_DIR: packageDir },
  });
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s, exit ${result.status})`);
  if (result.status !== 0) failed++;
}
if (failed > 0) {
  console.error(`\n${failed} benchmark(s) reported a broken invariant or could not run.`);
  process.exit(1);
}
