/**
 * `npm start`: the whole system on this machine, no AWS account. Packages serverless.yml (offline),
 * starts the emulation on one endpoint, and prints what runs and what to try.
 *
 *   npm start -- [--port 4566] [--seed 1] [--throttle-rate 20] [--error-rate 0.05]
 *                [--propagation-delay-ms 3000] [--time-scale 0.1] [--state-file sandbox.json]
 *                [--tenancy sandbox/tenancy.demo.json]
 *
 * `--state-file` keeps IAM, EKS and the registry across restarts (read at start, written at stop).
 * POD_IDENTITY_SANDBOX_DIR (default `.sandbox/`) is where the endpoint file for the CLI goes.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startSandbox } from "./sandbox.ts";
import { PROJECT_ROOT, packageTemplate } from "./template.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4566" },
    seed: { type: "string", default: "1" },
    "throttle-rate": { type: "string" },
    "error-rate": { type: "string" },
    "propagation-delay-ms": { type: "string", default: "3000" },
    "time-scale": { type: "string" },
    "state-file": { type: "string" },
    tenancy: { type: "string", default: join("sandbox", "tenancy.demo.json") },
  },
});
const number = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) {
    console.error(`--${name} must be a non-negative number, got '${value}'`);
    process.exit(2);
  }
  return parsed;
};

const stateDir = process.env.POD_IDENTITY_SANDBOX_DIR ?? join(PROJECT_ROOT, ".sandbox");
mkdirSync(stateDir, { recursive: true });
console.log("Packaging serverless.yml (offline) …");
const template = await packageTemplate(join(stateDir, "package"), "sandbox", values.tenancy);
const throttle = number("throttle-rate", values["throttle-rate"]);
const errorRate = number("error-rate", values["error-rate"]);
const timeScale = number("time-scale", values["time-scale"]);
const sandbox = await startSandbox({
  template,
  port: number("port", values.port) ?? 4566,
  seed: number("seed", values.seed) ?? 1,
  propagationDelayMs: number("propagation-delay-ms", values["propagation-delay-ms"]) ?? 0,
  ...(timeScale !== undefined ? { retryTimeScale: timeScale } : {}),
  faults: {
    // --error-rate is decided call by call by the seed (the same seed, the same failing calls);
    // --throttle-rate is a rate limit, about time by nature.
    seed: number("seed", values.seed) ?? 1,
    ...(throttle !== undefined ? { throttleRatePerSecond: throttle } : {}),
    ...(errorRate !== undefined ? { serverErrorRate: errorRate } : {}),
  },
  clusters: ["demo"],
  tenancyFile: values.tenancy,
  logLevel: process.env.POWERTOOLS_LOG_LEVEL ?? "WARN",
});
const stateFile = values["state-file"];
if (stateFile && existsSync(stateFile)) {
  await sandbox.restore(JSON.parse(readFileSync(stateFile, "utf8")));
  console.log(`Restored IAM, EKS, the registry and finished executions from ${stateFile}`);
}
const endpointFile = join(stateDir, "endpoint.json");
writeFileSync(
  endpointFile,
  JSON.stringify(
    {
      url: sandbox.url,
      region: sandbox.region,
      accountId: sandbox.accountId,
      admin: { accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey },
      apiUrl: sandbox.apiUrl,
      apiUsers: Object.fromEntries(
        Object.entries(sandbox.apiUsers).map(([tenant, user]) => [
          tenant,
          { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey, arn: user.identity.arn },
        ]),
      ),
      stateMachines: sandbox.stateMachines,
      registryTable: sandbox.registryTable,
      eventBusName: sandbox.eventBusName,
      boundaryPolicyArns: sandbox.boundaryPolicyArns,
    },
    null,
    2,
  ),
);

console.log(`
pod-identity-provisioner sandbox — everything local, no AWS account

  endpoint        ${sandbox.url}   (IAM, STS, EKS, DynamoDB, Step Functions, EventBridge, CloudTrail)
  account/region  ${sandbox.accountId} / ${sandbox.region}        EKS cluster: demo
  provision       ${sandbox.stateMachines.provision}
  deprovision     ${sandbox.stateMachines.deprovision}
  HTTP API        ${sandbox.apiUrl}   (IAM-authorized: sign for execute-api with a demo user's key)
${Object.entries(sandbox.apiUsers)
  .map(
    ([tenant, user]) =>
      `    ${tenant.padEnd(12)} ${user.accessKeyId} / ${user.secretAccessKey}   (${user.identity.arn})`,
  )
  .join("\n")}
  event bus       ${sandbox.eventBusName}   (rule: "Grant Requested" / "Grant Deletion Requested" → intake → workflows)
  registry        ${sandbox.registryTable}
  tenancy         ${values.tenancy}   (tenants: ${Object.keys(sandbox.boundaryPolicyArns).join(", ")}; the CLI acts for team-payments unless --as)
  faults          throttle ${throttle ?? "off"} req/s, 5xx rate ${errorRate ?? 0}, new roles visible to EKS after ${values["propagation-delay-ms"]} ms

Try it (in another terminal):
  1. npm run sandbox -- grant examples/grant-request.json      # request a grant, watch the workflow
  2. npm run sandbox -- tamper demo/payments/payments-api      # a person widens the role's policy by hand
  3. npm run sandbox -- status demo/payments/payments-api      # the drift, and who made it (CloudTrail)

  The HTTP API, as a platform team calls it (the CLI, or curl):
    AWS_ACCESS_KEY_ID=${sandbox.apiUsers.payments?.accessKeyId ?? "<key>"} AWS_SECRET_ACCESS_KEY=${sandbox.apiUsers.payments?.secretAccessKey ?? "<secret>"} \\
      npm run cli -- --endpoint ${sandbox.apiUrl} --region ${sandbox.region} grant examples/grant-request.json
    curl --aws-sigv4 "aws:amz:${sandbox.region}:execute-api" --user "${sandbox.apiUsers.payments?.accessKeyId ?? "<key>"}:${sandbox.apiUsers.payments?.secretAccessKey ?? "<secret>"}" ${sandbox.apiUrl}/catalog

  AWS CLI works too: AWS_ACCESS_KEY_ID=${sandbox.admin.accessKeyId} AWS_SECRET_ACCESS_KEY=${sandbox.admin.secretAccessKey} \\
    aws iam list-roles --path-prefix /pod-identity/ --endpoint-url ${sandbox.url} --region us-east-1

Ctrl-C stops it.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping …");
  if (stateFile) {
    writeFileSync(stateFile, JSON.stringify(await sandbox.snapshot()));
    console.log(`Saved IAM, EKS, the registry and finished executions to ${stateFile}`);
  }
  await sandbox.close();
  rmSync(endpointFile, { force: true });
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
