import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { transitionGrant } from "../aws/registry.ts";
import {
  type DesiredState,
  type DesiredStateOptions,
  desiredState,
  type GrantIdentity,
  grantIdentity,
} from "../grant/desired-state.ts";
import * as lifecycle from "../grant/lifecycle.ts";
import { grantId as toGrantId } from "../grant/naming.ts";
import { parseGrantRequest } from "../grant/request.ts";
import type { DecisionLog } from "./types.ts";

/** The `record` step: every registry transition of both workflows, behind one action field. */
export interface RecordDependencies {
  db: DynamoDBDocumentClient;
  table: string;
  now: () => Date;
  options: DesiredStateOptions;
  log: DecisionLog;
  /** Counts outcomes (GrantProvisioned, GrantFailed, RollbackIncomplete, GrantDeleted, GrantDeleteFailed). */
  outcomes?: { count(outcome: string): void };
}

/** What a Step Functions `Catch` puts at `ResultPath`. */
export interface CaughtError {
  Error: string;
  Cause?: string;
}

export type RecordInput =
  | { action: "begin-provision"; request: unknown; executionId: string }
  | {
      action: "complete-provision";
      grantId: string;
      executionId: string;
      roleArn: string;
      associationId: string;
    }
  | {
      action: "fail-provision";
      grantId: string;
      executionId: string;
      error: CaughtError;
      rollbackError?: CaughtError;
    }
  | {
      action: "begin-deprovision";
      cluster: string;
      namespace: string;
      serviceAccount: string;
      executionId: string;
    }
  | { action: "complete-deprovision"; grantId: string; executionId: string }
  | { action: "fail-deprovision"; grantId: string; executionId: string; error: CaughtError };

export interface BeginProvisionOutput {
  grantId: string;
  desired: DesiredState;
  /** Present for an update: what to restore if it fails. */
  previous?: DesiredState;
  /** An update: the role should exist, so ensure-role reads before it writes. */
  roleExpected: boolean;
}

export interface RecordSummary {
  grantId: string;
  status: lifecycle.GrantStatus;
  version: number;
}

/**
 * One caught error as `<type>: <message>`. Lambda errors reach a Catch as `{Error, Cause}` where
 * Cause is the JSON of the error (`errorMessage`, `errorType`, `trace`).
 */
export function describeError(error: CaughtError): string {
  try {
    const parsed = JSON.parse(error.Cause ?? "") as { errorMessage?: string };
    if (parsed.errorMessage) return `${error.Error}: ${parsed.errorMessage}`;
  } catch {
    // A plain-text cause.
  }
  return error.Cause ? `${error.Error}: ${error.Cause}` : error.Error;
}

/** What a person reads in the registry: the error, and whether rollback completed. */
export function describeFailure(error: CaughtError, rollbackError?: CaughtError): string {
  const cause = describeError(error);
  return rollbackError
    ? `${cause}. Rollback did not complete (${describeError(rollbackError)}): resources of this grant may remain; run deprovision to remove them.`
    : cause;
}

const summary = (r: lifecycle.GrantRecord): RecordSummary => ({
  grantId: r.grantId,
  status: r.status,
  version: r.version,
});

export async function record(
  deps: RecordDependencies,
  input: RecordInput,
): Promise<BeginProvisionOutput | RecordSummary | { identity: GrantIdentity }> {
  const { db, table, now } = deps;
  switch (input.action) {
    case "begin-provision": {
      const request = parseGrantRequest(input.request);
      const desired = desiredState(request, deps.options);
      const stored = await transitionGrant(db, table, desired.identity.grantId, (current) =>
        lifecycle.beginProvision(current, desired, input.executionId, now()),
      );
      deps.log.info(stored.previous ? "Update begun" : "Provisioning begun", { version: stored.version });
      return {
        grantId: stored.grantId,
        desired: stored.desired ?? desired,
        ...(stored.previous ? { previous: stored.previous } : {}),
        roleExpected: stored.previous !== undefined,
      };
    }
    case "complete-provision":
      deps.outcomes?.count("GrantProvisioned");
      return summary(
        await transitionGrant(db, table, input.grantId, (current) =>
          lifecycle.completeProvision(current, input.grantId, input.executionId, input, now()),
        ),
      );
    case "fail-provision": {
      const cause = describeFailure(input.error, input.rollbackError);
      deps.log.warn("Provisioning failed", { cause });
      deps.outcomes?.count(input.rollbackError ? "RollbackIncomplete" : "GrantFailed");
      return summary(
        await transitionGrant(db, table, input.grantId, (current) =>
          lifecycle.failProvision(current, input.grantId, input.executionId, cause, now()),
        ),
      );
    }
    case "begin-deprovision": {
      const key = {
        cluster: input.cluster,
        namespace: input.namespace,
        serviceAccount: input.serviceAccount,
      };
      const id = toGrantId(key);
      const stored = await transitionGrant(db, table, id, (current) =>
        lifecycle.beginDeprovision(current, id, input.executionId, now()),
      );
      return { identity: stored.identity ?? grantIdentity(key, deps.options) };
    }
    case "complete-deprovision":
      deps.outcomes?.count("GrantDeleted");
      return summary(
        await transitionGrant(db, table, input.grantId, (current) =>
          lifecycle.completeDeprovision(current, input.grantId, input.executionId, now()),
        ),
      );
    case "fail-deprovision": {
      const cause = describeFailure(input.error);
      deps.log.warn("Deprovisioning failed", { cause });
      deps.outcomes?.count("GrantDeleteFailed");
      return summary(
        await transitionGrant(db, table, input.grantId, (current) =>
          lifecycle.failDeprovision(current, input.grantId, input.executionId, cause, now()),
        ),
      );
    }
  }
}
