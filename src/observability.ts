import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type { MiddlewareObj } from "@middy/core";

/** One logger per function process: JSON, one line per event, service name from Powertools' env or ours. */
export const logger = new Logger({ serviceName: "pod-identity-provisioner" });

/** Grant outcomes as CloudWatch metrics, through the embedded metric format (log lines, no API call). */
export const metrics = new Metrics({
  namespace: "PodIdentityProvisioner",
  serviceName: "pod-identity-provisioner",
});

/** What the steps need of metrics: a count of an outcome. */
export interface OutcomeCounter {
  count(outcome: string): void;
}

export const outcomeCounter: OutcomeCounter = {
  count: (outcome) => metrics.addMetric(outcome, MetricUnit.Count, 1),
};

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
export function grantLogContext(log: Logger = logger): MiddlewareObj<StepEvent> {
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
