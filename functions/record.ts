import { createEventsClient } from "#aws/clients/events.ts";
import { createRegistryClient } from "#aws/clients/registry.ts";
import { announcer } from "#aws/events.ts";
import { config, stageScope } from "#src/config.ts";
import { outcomeCounter } from "#src/metrics.ts";
import { logger, stepHandler } from "#src/observability.ts";
import { type RecordInput, record } from "#src/provision/record.ts";
import { tenancy } from "#src/tenancy/read.ts";

const settings = config();
const db = createRegistryClient();
const dependencies = {
  db,
  table: settings.registryTable,
  now: () => new Date(),
  options: { ...stageScope(settings), trustSourceConditions: settings.trustSourceConditions },
  // Read and validated at cold start: a bad tenancy file fails here, naming the problem.
  tenancy: tenancy(),
  log: logger,
  outcomes: outcomeCounter,
  // The project's bus is named like the stage (serverless.yml, ProvisionerEventBus).
  announce: announcer(createEventsClient(), settings.stackPrefix),
};

export const handler = stepHandler(async (input: RecordInput) => record(dependencies, input));
