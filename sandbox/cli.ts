/**
 * Talks to a running sandbox (`npm start`) over HTTP with the unmodified AWS SDK, as a platform
 * engineer would talk to AWS.
 *
 * `grant` and `revoke` start the workflows directly, an administrator's act: they name the caller
 * the workflow authorizes (`--as`, default the demo tenancy's payments team role), as the HTTP API
 * will for a signed request.
 *
 *   npm run sandbox -- grant <request.json> [--name <idempotency key>] [--as <principal ARN>]
 *   npm run sandbox -- revoke <cluster/namespace/serviceAccount> [--as <principal ARN>]
 *   npm run sandbox -- status <cluster/namespace/serviceAccount>
 *   npm run sandbox -- tamper <cluster/namespace/serviceAccount>
 *   npm run sandbox -- events [--limit 20]
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { CloudTrailClient, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EKSClient } from "@aws-sdk/client-eks";
import { IAMClient, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { compareGrant } from "../src/drift/compare.ts";
import type { GrantRecord } from "../src/grant/lifecycle.ts";
import { parseGrantId } from "../src/grant/naming.ts";
import { observeGrant } from "../src/provision/observe.ts";
import { describeError } from "../src/provision/record.ts";
import { PROJECT_ROOT } from "./template.ts";

const endpointFile = join(
  process.env.POD_IDENTITY_SANDBOX_DIR ?? join(PROJECT_ROOT, ".sandbox"),
  "endpoint.json",
);
if (!existsSync(endpointFile)) {
  console.error("No sandbox is running: start one with `npm start` in another terminal.");
  process.exit(2);
}
const sandbox = JSON.parse(readFileSync(endpointFile, "utf8")) as {
  url: string;
  region: string;
  admin: { accessKeyId: string; secretAccessKey: string };
  stateMachines: { provision: string; deprovision: string };
  registryTable: string;
  accountId: string;
};
const config = { endpoint: sandbox.url, region: sandbox.region, credentials: sandbox.admin, maxAttempts: 1 };
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: "string" },
    limit: { type: "string", default: "20" },
    as: { type: "string" },
  },
});
const caller = { principalArn: values.as ?? `arn:aws:iam::${sandbox.accountId}:role/team-payments` };
const [command, argument] = positionals;

function key(text: string | undefined) {
  const parsed = text ? parseGrantId(text) : undefined;
  if (!parsed) {
    console.error(`Expected a grant id <cluster>/<namespace>/<serviceAccount>, got '${text ?? ""}'`);
    process.exit(2);
  }
  return parsed;
}

async function runWorkflow(stateMachineArn: string, input: unknown, name?: string) {
  const sfn = new SFNClient(config);
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input), ...(name ? { name } : {}) }),
  );
  console.log(`execution ${executionArn}`);
  for (;;) {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (execution.status !== "RUNNING") {
      console.log(`${execution.status}`);
      if (execution.output) console.log(JSON.stringify(JSON.parse(execution.output), null, 2));
      if (execution.error) console.log(describeError({ Error: execution.error, Cause: execution.cause }));
      process.exitCode = execution.status === "SUCCEEDED" ? 0 : 1;
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

switch (command) {
  case "grant": {
    if (!argument) throw new Error("grant needs a request file, e.g. examples/grant-request.json");
    const request = JSON.parse(readFileSync(argument, "utf8"));
    await runWorkflow(sandbox.stateMachines.provision, { request, caller }, values.name);
    break;
  }
  case "revoke":
    await runWorkflow(sandbox.stateMachines.deprovision, { ...key(argument), caller });
    break;
  case "tamper": {
    const { Item } = await DynamoDBDocumentClient.from(new DynamoDBClient(config)).send(
      new GetCommand({ TableName: sandbox.registryTable, Key: { grantId: argument } }),
    );
    const record = Item as GrantRecord | undefined;
    if (!record) throw new Error(`No grant ${argument}`);
    const document = {
      Version: "2012-10-17",
      Statement: [
        ...(record.desired?.policy.document.Statement ?? []),
        { Sid: "Hotfix", Effect: "Allow", Action: "s3:*", Resource: "*" },
      ],
    };
    await new IAMClient(config).send(
      new PutRolePolicyCommand({
        RoleName: record.identity.roleName,
        PolicyName: "pod-identity-grant",
        PolicyDocument: JSON.stringify(document),
      }),
    );
    console.log(
      `As platform-admin: added "s3:* on *" to ${record.identity.roleName}'s policy (the tenant's permissions boundary still caps it to the tenant's resources).`,
    );
    break;
  }
  case "status": {
    const grantKey = key(argument);
    const { Item } = await DynamoDBDocumentClient.from(new DynamoDBClient(config)).send(
      new GetCommand({ TableName: sandbox.registryTable, Key: { grantId: argument } }),
    );
    const record = Item as GrantRecord | undefined;
    if (!record) {
      console.log(`No grant ${argument} in the registry.`);
      process.exitCode = 1;
      break;
    }
    const { desired, previous: _previous, ...summary } = record;
    console.log(JSON.stringify({ ...summary, identity: undefined }, null, 2));
    if (record.status !== "ACTIVE" || !desired) break;
    const observed = await observeGrant(new IAMClient(config), new EKSClient(config), record.identity);
    const findings = compareGrant(desired, observed);
    if (findings.length === 0) {
      console.log(`\nIn sync: AWS has exactly what ${grantKey.serviceAccount}'s grant defines.`);
      break;
    }
    console.log("\nDrift:");
    for (const finding of findings) console.log(`  ${finding.kind}: ${finding.detail}`);
    const { Events } = await new CloudTrailClient(config).send(
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: "ResourceName", AttributeValue: record.identity.roleName }],
        MaxResults: 10,
      }),
    );
    console.log("\nRecent changes to the role (CloudTrail):");
    for (const event of (Events ?? []).filter((e) => e.ReadOnly === "false")) {
      const detail = JSON.parse(event.CloudTrailEvent ?? "{}") as { userIdentity?: { arn?: string } };
      console.log(`  ${event.EventTime?.toISOString()}  ${event.EventName}  by ${detail.userIdentity?.arn}`);
    }
    process.exitCode = 3;
    break;
  }
  case "events": {
    const { Events } = await new CloudTrailClient(config).send(
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: "ReadOnly", AttributeValue: "false" }],
        MaxResults: Number(values.limit),
      }),
    );
    for (const event of Events ?? []) {
      const detail = JSON.parse(event.CloudTrailEvent ?? "{}") as {
        userIdentity?: { arn?: string };
        errorCode?: string;
      };
      console.log(
        `${event.EventTime?.toISOString()}  ${event.EventSource?.padEnd(18)} ${event.EventName?.padEnd(30)} ${detail.errorCode ? `(${detail.errorCode}) ` : ""}${detail.userIdentity?.arn}`,
      );
    }
    break;
  }
  default:
    console.error(
      "Usage: npm run sandbox -- grant <file> | revoke <grant id> | status <grant id> | tamper <grant id> | events",
    );
    process.exit(2);
}
