import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import { createRegistryClient } from "#aws/clients.ts";
import { config } from "#src/config.ts";
import { outcomeCounter } from "#src/metrics.ts";
import { grantLogContext, logger } from "#src/observability.ts";
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

export const handler = middy(async (input: RecordInput) => record(dependencies, input))
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(grantLogContext());
