import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { countLiveGrants, transitionGrant } from "../aws/registry.ts";
import { PermanentError, ProvisionerError } from "../errors.ts";
import { announceRecord, announceRejection, type GrantAnnouncement } from "../grant/announcement.ts";
import {
  type DesiredState,
  type DesiredStateOptions,
  desiredState,
  type GrantIdentity,
  grantIdentity,
} from "../grant/desired-state.ts";
import * as lifecycle from "../grant/lifecycle.ts";
import { type GrantKey, keyOf } from "../grant/naming.ts";
import { assertNotOwnResources } from "../grant/own-resources.ts";
import { type GrantRequest, parseGrantKey, parseGrantRequest } from "../grant/request.ts";
import { type AuthorizationInput, authorize } from "../tenancy/authorize.ts";
import { type Caller, describeCaller, parseCaller, tenantOf } from "../tenancy/caller.ts";
import type { Tenancy, Tenant } from "../tenancy/tenancy.ts";
import type { DecisionLog } from "./types.ts";

/** The `record` step: every registry transition of both workflows, behind one action field. */
export interface RecordDependencies {
  db: DynamoDBDocumentClient;
  table: string;
  now: () => Date;
  options: DesiredStateOptions;
  tenancy: Tenancy;
  log: DecisionLog;
  /**
   * Counts outcomes (GrantProvisioned, GrantFailed, RollbackIncomplete, GrantDeleted,
   * GrantDeleteFailed, RegistryRecordRefused), each once: after the write that records it.
   */
  outcomes?: { count(outcome: string): void };
  /**
   * Puts a workflow's outcome on the project's bus (`Grant Provisioned`, … — src/grant/announcement.ts),
   * after the registry write that records it; a failure to announce fails the step, whose retry
   * writes nothing new and announces again (at least once).
   */
  announce?: (announcement: GrantAnnouncement) => Promise<void>;
}

/** What a Step Functions `Catch` puts at `ResultPath`. */
export interface CaughtError {
  Error: string;
  Cause?: string;
}

/** The workflow's own input, as whoever started it gave it: `{request, caller}` or `{cluster, namespace, serviceAccount, caller}`. */
type WorkflowInput = Record<string, unknown> | null | undefined;

export type RecordInput =
  | { action: "begin-provision"; input: WorkflowInput; executionId: string }
  | {
      action: "complete-provision";
      grantId: string;
      executionId: string;
      roleArn: string;
      associationId: string;
      /** The grant existed before (an update): announced as `Grant Updated`. */
      update?: boolean;
      /** What the association step did (`created`, `updated`, `unchanged`): pods restart for the first two. */
      associationAction?: string;
      /** The record `begin-provision` wrote (its output's `record`): saves the read when nothing changed since. */
      assumed?: lifecycle.GrantRecord;
    }
  | {
      action: "fail-provision";
      grantId: string;
      executionId: string;
      error: CaughtError;
      rollbackError?: CaughtError;
    }
  | { action: "begin-deprovision"; input: WorkflowInput; executionId: string }
  | { action: "complete-deprovision"; grantId: string; executionId: string }
  | { action: "fail-deprovision"; grantId: string; executionId: string; error: CaughtError }
  /** The first step refused the request (nothing was written): announce it as `Grant Failed`. */
  | {
      action: "reject-provision" | "reject-deprovision";
      input: WorkflowInput;
      executionId: string;
      error: CaughtError;
    };

export interface BeginProvisionOutput {
  grantId: string;
  /** The record as this step wrote it: the completion assumes it (and checks its version). */
  record: lifecycle.GrantRecord;
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

/**
 * Re-validates, re-authorizes (for the caller's tenant, which may hold this key) and re-renders a
 * stored state: what the registry says is never applied as it is stored.
 */
function rederive(
  deps: RecordDependencies,
  stored: DesiredState,
  caller: Caller,
  tenant: Tenant,
  key: GrantKey,
): DesiredState {
  try {
    const request = validRequest(deps, stored.request);
    authorize({ tenancy: deps.tenancy, caller, key, request, existing: { live: true, tenant: tenant.name } });
    return desiredState(request, deps.options, tenant.name);
  } catch (error) {
    if (!(error instanceof ProvisionerError) || error instanceof PermanentError) throw error;
    throw new PermanentError(
      `The state grant ${key.cluster}/${key.namespace}/${key.serviceAccount} would restore if this update failed is not one tenant ${tenant.name} may hold (${error.message}). ` +
        "The update was refused before anything changed: deprovision the grant and ask for it again.",
      { cause: error },
    );
  }
}

/** A refused record is evidence: logged with what disagrees and counted, then the step fails. */
function reportRefusedRecord(deps: RecordDependencies, error: unknown): never {
  deps.log.warn("Registry record refused", { cause: (error as Error).message });
  deps.outcomes?.count("RegistryRecordRefused");
  throw error;
}

/**
 * What every `begin` checks of the record it read, before deciding: the record matches its key
 * (else it is refused and reported), and the caller may act on this grant as it stands.
 */
function admit(
  deps: RecordDependencies,
  current: lifecycle.GrantRecord | undefined,
  identity: GrantIdentity,
  authorization: Omit<AuthorizationInput, "tenancy" | "existing">,
): void {
  try {
    lifecycle.assertRecordMatchesKey(current, identity);
  } catch (error) {
    reportRefusedRecord(deps, error);
  }
  authorize({
    tenancy: deps.tenancy,
    ...authorization,
    ...(current ? { existing: lifecycle.existingGrantOf(current) } : {}),
  });
}

/** Request → validated, not naming the provisioner's own resources. */
function validRequest(deps: RecordDependencies, value: unknown): GrantRequest {
  const request = parseGrantRequest(value, { partition: deps.options.partition });
  assertNotOwnResources(request, deps.options.stackPrefix);
  return request;
}

async function beginProvision(
  deps: RecordDependencies,
  input: WorkflowInput,
  executionId: string,
): Promise<BeginProvisionOutput> {
  const request = validRequest(deps, input?.request);
  const caller = parseCaller(input?.caller);
  const key = keyOf(request);
  const identity = grantIdentity(key, deps.options);
  const tenant = tenantOf(deps.tenancy, caller);
  const liveGrantsOfTenant =
    tenant.maxGrants !== undefined ? await countLiveGrants(deps.db, deps.table, tenant.name) : undefined;
  const desired = desiredState(request, deps.options, tenant.name);
  let previous: DesiredState | undefined;
  const { record, written } = await transitionGrant(
    deps.db,
    deps.table,
    identity.grantId,
    (current) => {
      admit(deps, current, identity, {
        caller,
        key,
        request,
        ...(liveGrantsOfTenant !== undefined ? { liveGrantsOfTenant } : {}),
      });
      previous = storedPrevious(deps, current, executionId, caller, tenant, key);
      const decision = lifecycle.beginProvision(
        current,
        desired,
        previous,
        executionId,
        describeCaller(caller),
        deps.now(),
      );
      if ("unchanged" in decision && !lifecycle.sameRequest(current?.desired, request)) {
        reportRefusedRecord(
          deps,
          new PermanentError(
            `Registry record ${identity.grantId} says execution ${executionId} began it with another request: it was changed outside the provisioner. Nothing was applied from it.`,
          ),
        );
      }
      return decision;
    },
    null,
  );
  deps.log.info(previous ? "Update begun" : "Provisioning begun", { version: record.version, written });
  return {
    grantId: record.grantId,
    record,
    desired,
    ...(previous ? { previous } : {}),
    roleExpected: previous !== undefined,
  };
}

/**
 * The state a failed update restores: for a retry of this same begin, the one it stored (re-derived);
 * otherwise the last ACTIVE one (re-derived). Undefined for a new grant.
 */
function storedPrevious(
  deps: RecordDependencies,
  current: lifecycle.GrantRecord | undefined,
  executionId: string,
  caller: Caller,
  tenant: Tenant,
  key: GrantKey,
): DesiredState | undefined {
  const retry = current?.status === "PROVISIONING" && current.executionId === executionId;
  const stored = retry ? current.previous : lifecycle.lastActiveState(current);
  return stored ? rederive(deps, stored, caller, tenant, key) : undefined;
}

async function beginDeprovision(
  deps: RecordDependencies,
  input: WorkflowInput,
  executionId: string,
): Promise<{ identity: GrantIdentity }> {
  const caller = parseCaller(input?.caller);
  const key = parseGrantKey(input);
  const identity = grantIdentity(key, deps.options);
  await transitionGrant(deps.db, deps.table, identity.grantId, (current) => {
    admit(deps, current, identity, { caller, key });
    return lifecycle.beginDeprovision(current, identity.grantId, executionId, deps.now());
  });
  // Always the identity derived from the key: a record cannot point a deprovision elsewhere.
  return { identity };
}

/** Runs one transition and counts its outcome once, after the write that recorded it. */
async function recordOutcome(
  deps: RecordDependencies,
  grantId: string,
  outcome: string,
  decide: (current: lifecycle.GrantRecord | undefined) => lifecycle.Decision,
  announce: (record: lifecycle.GrantRecord) => GrantAnnouncement,
  assumed?: lifecycle.GrantRecord,
): Promise<RecordSummary> {
  const { record, written } = await transitionGrant(deps.db, deps.table, grantId, decide, assumed);
  if (written) deps.outcomes?.count(outcome);
  await deps.announce?.(announce(record));
  return summary(record);
}

const failureOf = (error: CaughtError, rollbackError?: CaughtError) => ({
  code: error.Error,
  message: describeFailure(error, rollbackError),
});

async function reject(
  deps: RecordDependencies,
  operation: "provision" | "deprovision",
  input: WorkflowInput,
  executionId: string,
  error: CaughtError,
): Promise<{ rejected: true }> {
  let caller: string | undefined;
  try {
    caller = describeCaller(parseCaller(input?.caller));
  } catch {
    caller = undefined;
  }
  await deps.announce?.(announceRejection(operation, input, executionId, failureOf(error), caller));
  return { rejected: true };
}

export async function record(
  deps: RecordDependencies,
  input: RecordInput,
): Promise<BeginProvisionOutput | RecordSummary | { identity: GrantIdentity } | { rejected: true }> {
  const { now } = deps;
  switch (input.action) {
    case "begin-provision":
      return beginProvision(deps, input.input, input.executionId);
    case "complete-provision": {
      const restartRequired = input.associationAction === "created" || input.associationAction === "updated";
      return recordOutcome(
        deps,
        input.grantId,
        "GrantProvisioned",
        (current) =>
          lifecycle.completeProvision(
            current,
            input.grantId,
            input.executionId,
            { ...input, restartRequired },
            now(),
          ),
        (record) =>
          announceRecord(input.update ? "Grant Updated" : "Grant Provisioned", record, {
            operation: "provision",
            executionArn: input.executionId,
            restartRequired,
          }),
        input.assumed,
      );
    }
    case "fail-provision": {
      const cause = describeFailure(input.error, input.rollbackError);
      deps.log.warn("Provisioning failed", { cause });
      return recordOutcome(
        deps,
        input.grantId,
        input.rollbackError ? "RollbackIncomplete" : "GrantFailed",
        (current) =>
          lifecycle.failProvision(current, input.grantId, input.executionId, cause, now(), {
            rollbackIncomplete: input.rollbackError !== undefined,
          }),
        (record) =>
          announceRecord("Grant Failed", record, {
            operation: "provision",
            executionArn: input.executionId,
            restartRequired: false,
            error: failureOf(input.error, input.rollbackError),
          }),
      );
    }
    case "begin-deprovision":
      return beginDeprovision(deps, input.input, input.executionId);
    case "complete-deprovision":
      return recordOutcome(
        deps,
        input.grantId,
        "GrantDeleted",
        (current) => lifecycle.completeDeprovision(current, input.grantId, input.executionId, now()),
        // Running pods keep the credentials the agent cached until they expire: restart them to drop them now.
        (record) =>
          announceRecord("Grant Deleted", record, {
            operation: "deprovision",
            executionArn: input.executionId,
            restartRequired: true,
          }),
      );
    case "fail-deprovision": {
      const cause = describeFailure(input.error);
      deps.log.warn("Deprovisioning failed", { cause });
      return recordOutcome(
        deps,
        input.grantId,
        "GrantDeleteFailed",
        (current) => lifecycle.failDeprovision(current, input.grantId, input.executionId, cause, now()),
        (record) =>
          announceRecord("Grant Failed", record, {
            operation: "deprovision",
            executionArn: input.executionId,
            restartRequired: false,
            error: failureOf(input.error),
          }),
      );
    }
    case "reject-provision":
      return reject(deps, "provision", input.input, input.executionId, input.error);
    case "reject-deprovision":
      return reject(deps, "deprovision", input.input, input.executionId, input.error);
  }
}
