/**
 * What the benchmarks share: one packaging per run (`BENCH_PACKAGE_DIR`, set by `bench/all.ts`, or a
 * fresh one), a sandbox acting as the platform tenant of test/fixtures/tenancy.json, workflow runs,
 * percentiles and tables. Benchmarks print figures; they exit non-zero only when a correctness
 * invariant breaks (a lost, duplicated or orphaned grant), never for a missed speed target.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAsPlatform } from "../sandbox/platform-caller.ts";
import { type Sandbox, type SandboxOptions, startSandbox } from "../sandbox/sandbox.ts";
import { packageTemplate, readTemplate } from "../sandbox/template.ts";

export async function benchSandbox(options: Partial<SandboxOptions> = {}): Promise<Sandbox> {
  process.env.AWS_MAX_ATTEMPTS = "1";
  const given = process.env.BENCH_PACKAGE_DIR;
  const template = given
    ? readTemplate(given)
    : await packageTemplate(mkdtempSync(join(tmpdir(), "pip-bench-")), "dev", "test/fixtures/tenancy.json");
  return startSandbox({
    template,
    logLevel: "SILENT",
    retryTimeScale: 0.001,
    clusters: ["demo"],
    tenancyFile: "test/fixtures/tenancy.json",
    ...options,
  });
}

/** A grant request of the platform tenant (every cluster, namespace and resource). */
export function grantRequest(namespace: string, serviceAccount: string, permissions?: unknown[]) {
  return {
    cluster: "demo",
    namespace,
    serviceAccount,
    permissions: permissions ?? [{ template: "s3-read", bucket: `bucket-${serviceAccount}` }],
  };
}

export interface Run {
  executionArn: string;
  status: string;
  error?: string;
  ms: number;
}

/** Starts a workflow in process, as the platform tenant, and waits for its end. */
export async function runWorkflow(
  sandbox: Sandbox,
  machine: "provision" | "deprovision",
  input: Record<string, unknown>,
): Promise<Run> {
  const started = performance.now();
  const done = await runAsPlatform(sandbox, machine, input);
  return {
    executionArn: done.executionArn,
    status: done.status,
    ...(done.error ? { error: done.error } : {}),
    ms: performance.now() - started,
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export const median = (values: number[]) => percentile(values, 50);

/** Prints rows as an aligned table (first row's keys as the header). */
export function printTable(rows: Array<Record<string, string | number>>): void {
  const [first] = rows;
  if (!first) return;
  const columns = Object.keys(first);
  const cell = (value: string | number | undefined) =>
    typeof value === "number" ? (Number.isInteger(value) ? String(value) : value.toFixed(2)) : (value ?? "");
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padStart(widths[i] ?? 0)).join("  ");
  console.log(line(columns));
  for (const row of rows) console.log(line(columns.map((c) => cell(row[c]))));
}

/** A snapshot of the calls the endpoint counted (`service:Operation` → n), to diff around a phase. */
export function callCounts(sandbox: Sandbox): Map<string, number> {
  return new Map(sandbox.faults.calls);
}

export function callsSince(sandbox: Sandbox, before: Map<string, number>): Map<string, number> {
  const since = new Map<string, number>();
  for (const [name, n] of sandbox.faults.calls) {
    const delta = n - (before.get(name) ?? 0);
    if (delta > 0) since.set(name, delta);
  }
  return since;
}

/** Fails the process (after printing) when a correctness invariant broke. */
export function invariant(holds: boolean, what: string): void {
  if (!holds) {
    console.error(`INVARIANT BROKEN: ${what}`);
    process.exitCode = 1;
  }
}
