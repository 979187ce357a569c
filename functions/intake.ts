import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import { createEventsClient } from "#aws/clients/events.ts";
import { createSfnClient } from "#aws/clients/sfn.ts";
import { announcer } from "#aws/events.ts";
import { config, stageScope } from "#src/config.ts";
import { intake, type TicketEvent } from "#src/intake/ticket.ts";
import { logger } from "#src/observability.ts";

const settings = config();
const dependencies = {
  sfn: createSfnClient(),
  scope: stageScope(settings),
  // The project's bus is named like the stage (serverless.yml, ProvisionerEventBus).
  announce: announcer(createEventsClient(), settings.stackPrefix),
};

/** The Grant Requested / Grant Deletion Requested rule's target (src/intake/ticket.ts). */
export const handler = middy(async (event: TicketEvent) => {
  const result = await intake(dependencies, event);
  logger.info("Ticket event taken in", { eventId: event.id, source: event.source, ...result });
  return result;
}).use(injectLambdaContext(logger, { resetKeys: true }));
