import { Logger } from "@aws-lambda-powertools/logger";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy, { type MiddlewareObj } from "@middy/core";

/** One logger per function process: JSON, one line per event, service name from Powertools' env or ours. */
export const logger = new Logger({ serviceName: "pod-identity-provisioner" });

interface StepEvent {
  executionId?: string;
  grantId?: string;
  desired?: { identity?: { grantId?: string } };
  identity?: { grantId?: string };
}

/**
 * Adds `grantId` and `executionId` to every log line of this invocation, from whichever shape the
 * step's input has. Register after `injectLambdaContext(logger, { resetKeys: true })`.
 */
function grantLogContext(log: Logger = logger): MiddlewareObj<StepEvent> {
  return {
    before: ({ event }) => {
      const grantId = event.grantId ?? event.desired?.identity?.grantId ?? event.identity?.grantId;
      log.appendKeys({
        ...(grantId ? { grantId } : {}),
        ...(event.executionId ? { executionArn: event.executionId } : {}),
      });
    },
  };
}

/**
 * A workflow step's handler: the step function, with the same middleware in every Lambda — the
 * Lambda context and the grant's keys on every log line.
 */
export function stepHandler<Input extends StepEvent, Output>(step: (input: Input) => Promise<Output>) {
  return middy(step)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(grantLogContext());
}
