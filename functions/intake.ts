import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import { createEventsClient } from "#aws/clients/events.ts";
import { createSfnClient } from "#aws/clients/sfn.ts";
import { putGrantEvent } from "#aws/events.ts";
import { config } from "#src/config.ts";
import { intake, type TicketEvent } from "#src/intake/ticket.ts";
import { logger } from "#src/observability.ts";

const settings = config();
const events = createEventsClient();
const dependencies = {
  sfn: createSfnClient(),
  scope: {
    partition: settings.partition,
    region: settings.region,
    account: settings.accountId,
    stackPrefix: settings.stackPrefix,
  },
  announce: (announcement: Parameters<typeof putGrantEvent>[2]) =>
    putGrantEvent(events, settings.stackPrefix, announcement),
};

/** The Grant Requested / Grant Deletion Requested rule's target (src/intake/ticket.ts). */
export const handler = middy(async (event: TicketEvent) => {
  const result = await intake(dependencies, event);
  logger.info("Ticket event taken in", { eventId: event.id, source: event.source, ...result });
  return result;
}).use(injectLambdaContext(logger, { resetKeys: true }));
