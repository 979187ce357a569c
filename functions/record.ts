import { createRegistryClient } from "#aws/clients.ts";
import { config } from "#src/config.ts";
import { outcomeCounter } from "#src/metrics.ts";
import { logger, stepHandler } from "#src/observability.ts";
import { type RecordInput, record } from "#src/provision/record.ts";

const settings = config();
const db = createRegistryClient();
const dependencies = {
  db,
  table: settings.registryTable,
  now: () => new Date(),
  options: {
    partition: settings.partition,
    account: settings.accountId,
    region: settings.region,
    boundaryPolicyArn: settings.boundaryPolicyArn,
    trustSourceConditions: settings.trustSourceConditions,
  },
  log: logger,
  outcomes: outcomeCounter,
};

export const handler = stepHandler(async (input: RecordInput) => record(dependencies, input));
