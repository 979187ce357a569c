import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";

/**
 * Grant outcomes as CloudWatch metrics, through the embedded metric format (a log line; no API call,
 * no IAM permission). Only the record step counts outcomes, so only its bundle carries this.
 */
const metrics = new Metrics({ namespace: "PodIdentityProvisioner", serviceName: "pod-identity-provisioner" });

/** Publishes one count per outcome at once: most invocations have none, and an empty flush only warns. */
export const outcomeCounter = {
  count(outcome: string): void {
    metrics.addMetric(outcome, MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
  },
};
