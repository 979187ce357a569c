import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { inventory, mayHoldResources } from "./inventory.ts";
import { runAsPlatform } from "./platform-caller.ts";
import type { Sandbox } from "./sandbox.ts";

/**
 * Leaves a namespace as if nothing had happened: deprovisions its ACTIVE grants (and FAILED ones
 * whose resources may remain: a deprovisioning run again must remove them) through the real
 * workflow (as the platform tenant of test/fixtures/tenancy.json), then deletes its registry records,
 * so that long runs (the fault soak, benchmarks) start each round from a clean account instead of
 * filling the emulated role quota and the registry. Returns what could not be removed.
 */
export async function deprovisionAll(
  sandbox: Sandbox,
  scope: { cluster: string; namespace: string; name: string },
): Promise<string[]> {
  const { cluster, namespace } = scope;
  const before = await inventory(sandbox, { clusters: [cluster], namespace });
  const problems: string[] = [];
  await Promise.all(
    before.records
      .filter((record) => record.status === "ACTIVE" || mayHoldResources(record))
      .map(async (record) => {
        const done = await runAsPlatform(
          sandbox,
          "deprovision",
          { cluster, namespace, serviceAccount: record.serviceAccount },
          `${scope.name}-${record.serviceAccount}`.slice(0, 80),
        );
        if (done.status !== "SUCCEEDED")
          problems.push(`cleanup of ${record.grantId}: ${done.error} ${done.cause}`);
      }),
  );
  const after = await inventory(sandbox, { clusters: [cluster], namespace });
  for (const role of after.roles) problems.push(`cleanup left role ${role.name}`);
  for (const a of after.associations) problems.push(`cleanup left association ${a.associationId}`);
  const registry = DynamoDBDocumentClient.from(new DynamoDBClient(sandbox.clientConfig()));
  for (const record of after.records) {
    await registry.send(
      new DeleteCommand({ TableName: sandbox.registryTable, Key: { grantId: record.grantId } }),
    );
  }
  return problems;
}
