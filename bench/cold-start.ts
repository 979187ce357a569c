/**
 * Cold module load of each function bundle, as deployed: process start to handler ready (the
 * bundle imported, its top-level code run, `handler` exported), the median of N fresh processes
 * minus an empty process's median measured in the same run; and, as the yardstick, the same for
 * importing only the AWS SDK client(s) the function needs. Also each bundle's size and the
 * `@aws-sdk/*` modules it imports (they are external: the nodejs22.x runtime ships them).
 *
 *   node bench/cold-start.ts [--runs 15] [--package-dir <a `serverless package` output>]
 *
 * Without `--package-dir` it runs `serverless package --stage dev` into a temporary directory. Each
 * function's zip is unpacked into a directory of its own (its task root: the record function reads
 * its tenancy file from there) beside a link to the project's `node_modules`, where the bundle's
 * `@aws-sdk/*` imports resolve. Each process gets the function's environment from the template
 * (NODE_OPTIONS=--enable-source-maps included, as deployed), the empty and client-only processes
 * too. Prints a table, with issue 13's target (a bundle within 1.5× of its client) met or not;
 * exits non-zero only if a bundle fails to load, never for a speed.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { inflateRawSync } from "node:zlib";
import { type CfnTemplate, PROJECT_ROOT, packageTemplate, readTemplate } from "../sandbox/template.ts";

/** The SDK modules each function needs, by its key in serverless.yml: what its own bundle is compared with. */
const NEEDED_CLIENTS: Record<string, string[]> = {
  record: ["@aws-sdk/client-dynamodb", "@aws-sdk/lib-dynamodb", "@aws-sdk/client-eventbridge"],
  api: ["@aws-sdk/client-dynamodb", "@aws-sdk/lib-dynamodb", "@aws-sdk/client-sfn"],
  intake: ["@aws-sdk/client-sfn", "@aws-sdk/client-eventbridge"],
  ensureRole: ["@aws-sdk/client-iam"],
  ensurePolicy: ["@aws-sdk/client-iam"],
  removePolicy: ["@aws-sdk/client-iam"],
  removeRole: ["@aws-sdk/client-iam"],
  ensureAssociation: ["@aws-sdk/client-eks"],
  removeAssociation: ["@aws-sdk/client-eks"],
};
/** Issue 13's target: a bundle loads within this many times the time of the SDK client(s) it needs. */
const TARGET_RATIO = 1.5;
/** Values for CloudFormation's pseudo parameters in the functions' environment. */
const PSEUDO: Record<string, string> = {
  "AWS::AccountId": "111122223333",
  "AWS::Partition": "aws",
  "AWS::Region": "eu-west-1",
};

const { values } = parseArgs({
  options: { runs: { type: "string", default: "15" }, "package-dir": { type: "string" } },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs must be a positive integer, got ${values.runs}`);

const work = mkdtempSync(join(tmpdir(), "pip-cold-start-"));
process.on("exit", () => rmSync(work, { recursive: true, force: true }));
const packageDir = values["package-dir"] ?? join(work, "package");
if (values["package-dir"] === undefined) {
  process.stderr.write("serverless package --stage dev …\n");
  await packageTemplate(packageDir, "dev");
}
const template = readTemplate(packageDir);
symlinkSync(join(PROJECT_ROOT, "node_modules"), join(work, "node_modules"), "dir");

// ---------------------------------------------------------------------------------------------
// The zips: entries read from the central directory, stored or deflated.
// ---------------------------------------------------------------------------------------------

interface ZipEntry {
  name: string;
  compressed: number;
  size: number;
  data: () => Buffer;
}

function readZip(file: string): ZipEntry[] {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error(`${file} is not a zip file`);
  const entries: ZipEntry[] = [];
  let offset = zip.readUInt32LE(end + 16);
  for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${file}: bad central directory entry`);
    const method = zip.readUInt16LE(offset + 10);
    const compressed = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const local = zip.readUInt32LE(offset + 42);
    const name = zip.toString("utf8", offset + 46, offset + 46 + nameLength);
    const data = () => {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const raw = zip.subarray(start, start + compressed);
      if (method === 0) return raw;
      if (method === 8) return inflateRawSync(raw);
      throw new Error(`${file}: ${name} uses compression method ${method}`);
    };
    entries.push({ name, compressed, size, data });
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return entries;
}

/** A function's environment variable as CloudFormation would set it (Ref and Fn::GetAtt resolved enough). */
function resolveValue(value: unknown, cfn: CfnTemplate): string {
  if (typeof value === "string") return value;
  const object = (value ?? {}) as Record<string, unknown>;
  if (typeof object.Ref === "string") {
    const pseudo = PSEUDO[object.Ref];
    if (pseudo !== undefined) return pseudo;
    const props = (cfn.Resources[object.Ref]?.Properties ?? {}) as Record<string, unknown>;
    const name = Object.entries(props).find(([k, v]) => k.endsWith("Name") && typeof v === "string")?.[1];
    return typeof name === "string" ? name : object.Ref;
  }
  return JSON.stringify(value);
}

interface Bundle {
  key: string;
  root: string;
  file: string;
  env: Record<string, string>;
  raw: number;
  zipped: number;
  zipBytes: number;
  sdkImports: string[];
}

const bundles: Bundle[] = [];
for (const [id, resource] of Object.entries(template.Resources)) {
  if (resource.Type !== "AWS::Lambda::Function" || !id.endsWith("LambdaFunction")) continue;
  const props = resource.Properties as {
    Handler: string;
    Code: { S3Key: string };
    Environment?: { Variables?: Record<string, unknown> };
  };
  const key = `${id.charAt(0).toLowerCase()}${id.slice(1, -"LambdaFunction".length)}`;
  const zipFile = join(packageDir, basename(props.Code.S3Key));
  const root = join(work, key);
  const entries = readZip(zipFile);
  for (const entry of entries) {
    if (entry.name.endsWith("/")) continue;
    mkdirSync(dirname(join(root, entry.name)), { recursive: true });
    writeFileSync(join(root, entry.name), entry.data());
  }
  const handlerFile = `${props.Handler.replace(/\.[^.]+$/, "")}.mjs`;
  const handler = entries.find((e) => e.name === handlerFile);
  if (!handler) throw new Error(`${zipFile} holds no ${handlerFile}`);
  const code = readFileSync(join(root, handlerFile), "utf8");
  const env = Object.fromEntries(
    Object.entries(props.Environment?.Variables ?? {}).map(([name, v]) => [name, resolveValue(v, template)]),
  );
  bundles.push({
    key,
    root,
    file: join(root, handlerFile),
    env: {
      PATH: process.env.PATH ?? "",
      AWS_REGION: PSEUDO["AWS::Region"] as string,
      AWS_LAMBDA_FUNCTION_NAME: key,
      ...env,
    },
    raw: handler.size,
    zipped: handler.compressed,
    zipBytes: statSync(zipFile).size,
    sdkImports: [
      ...new Set([...code.matchAll(/["'](@aws-sdk\/[a-z0-9-]+)["']/g)].map((m) => m[1] ?? "")),
    ].sort(),
  });
}
bundles.sort((a, b) => a.key.localeCompare(b.key));
if (bundles.length === 0) throw new Error(`No function in ${packageDir}`);

// ---------------------------------------------------------------------------------------------
// Fresh processes: each prints the ms from its start (performance.timeOrigin) to the point measured.
// ---------------------------------------------------------------------------------------------

interface Target {
  label: string;
  code: string;
  cwd: string;
  env: Record<string, string>;
  samples: number[];
}

const report = "process.stdout.write(String(performance.now()));";
function run(target: Target): { ms?: number; error?: string } {
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", target.code], {
    cwd: target.cwd,
    env: target.env,
    encoding: "utf8",
    timeout: 60_000,
  });
  const ms = Number(child.stdout);
  if (child.status !== 0 || !Number.isFinite(ms)) {
    const output = (child.stderr.trim() || child.stdout.trim())
      .split("\n")
      .filter((l) => !/^\s+at /.test(l))
      .join("\n    ");
    return { error: `exit ${child.status ?? child.signal}: ${output}` };
  }
  return { ms };
}

const [first] = bundles as [Bundle, ...Bundle[]];
const baseline: Target = {
  label: "(empty process)",
  code: report,
  cwd: first.root,
  env: first.env,
  samples: [],
};
const bundleTargets = new Map<Bundle, Target>();
const clientTargets = new Map<string, Target>();
for (const bundle of bundles) {
  const url = pathToFileURL(bundle.file).href;
  bundleTargets.set(bundle, {
    label: bundle.key,
    code: `const m = await import(${JSON.stringify(url)}); if (typeof m.handler !== "function") throw new Error("no handler exported"); ${report}`,
    cwd: bundle.root,
    env: bundle.env,
    samples: [],
  });
  const clients = NEEDED_CLIENTS[bundle.key];
  if (!clients) throw new Error(`bench/cold-start.ts does not know which SDK client ${bundle.key} needs`);
  const label = clients.join(" + ");
  if (!clientTargets.has(label)) {
    clientTargets.set(label, {
      label,
      code: `${clients.map((c) => `await import(${JSON.stringify(c)});`).join(" ")} ${report}`,
      cwd: bundle.root,
      env: bundle.env,
      samples: [],
    });
  }
}

// Every target once, untimed: a bundle that does not load fails the run here, with its error.
const failures: string[] = [];
const failed = new Set<string>();
for (const target of [baseline, ...bundleTargets.values(), ...clientTargets.values()]) {
  const { error } = run(target);
  if (error !== undefined) {
    failures.push(`${target.label}: ${error}`);
    failed.add(target.label);
  }
}
// Interleaved rounds, so that a slow spell of the machine weighs on every target alike.
const timed = [baseline, ...bundleTargets.values(), ...clientTargets.values()].filter(
  (t) => !failed.has(t.label),
);
for (let round = 0; round < runs; round++) {
  process.stderr.write(`\rround ${round + 1}/${runs}`);
  for (const target of timed) {
    const { ms, error } = run(target);
    if (error !== undefined) {
      failures.push(`${target.label}: ${error}`);
      failed.add(target.label);
    } else if (ms !== undefined) target.samples.push(ms);
  }
}
process.stderr.write("\n");

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => {
  const s = sorted(xs);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const base = median(baseline.samples);
const net = (t: Target) => {
  const s = sorted(t.samples);
  return { median: median(s) - base, min: (s[0] ?? Number.NaN) - base, max: (s.at(-1) ?? Number.NaN) - base };
};
const kib = (bytes: number) => (bytes / 1024).toFixed(1);
const ms = (n: number) => n.toFixed(0);

const rows = bundles.map((bundle) => {
  const load = net(bundleTargets.get(bundle) as Target);
  const clientLabel = (NEEDED_CLIENTS[bundle.key] ?? []).join(" + ");
  const client = net(clientTargets.get(clientLabel) as Target);
  return [
    bundle.key,
    kib(bundle.raw),
    kib(bundle.zipped),
    kib(bundle.zipBytes),
    failed.has(bundle.key) ? "FAILED" : `${ms(load.median)} (${ms(load.min)}–${ms(load.max)})`,
    clientLabel.replaceAll("@aws-sdk/", ""),
    `${ms(client.median)} (${ms(client.min)}–${ms(client.max)})`,
    failed.has(bundle.key) ? "—" : `${(load.median / client.median).toFixed(2)}×`,
    failed.has(bundle.key) ? "—" : load.median <= TARGET_RATIO * client.median ? "yes" : "no",
    bundle.sdkImports.map((m) => m.replace("@aws-sdk/", "")).join(" "),
  ];
});
const header = [
  "function",
  "bundle KiB",
  "zipped KiB",
  "zip KiB",
  "load ms (min–max)",
  "client it needs",
  "client ms (min–max)",
  "load/client",
  `≤ ${TARGET_RATIO}×`,
  "@aws-sdk/* the bundle imports",
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
const line = (cells: string[]) =>
  cells
    .map((c, i) => (i === 0 || i === 5 || i === 9 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
    .join("  ")
    .trimEnd();

console.log(
  `Cold module load, process start to handler ready: median of ${runs} fresh processes each, minus an empty process's median (${ms(base)} ms, min–max ${ms(Math.min(...baseline.samples))}–${ms(Math.max(...baseline.samples))}); node ${process.version}, ${availableParallelism()} CPUs, load average ${loadavg()[0]?.toFixed(1)}.`,
);
console.log(
  "bundle KiB: the handler .mjs unpacked; zipped KiB: its entry in the zip; zip KiB: the whole zip (source map and files included).\n",
);
console.log(line(header));
for (const row of rows) console.log(line(row));
if (failures.length > 0) {
  console.error(`\n${failures.length} load(s) failed:\n${failures.map((f) => `  ${f}`).join("\n")}`);
}
// A speed is never a failure; a bundle that does not load is.
if (bundles.some((bundle) => failed.has(bundle.key))) process.exitCode = 1;
