import { ConflictError, NotFoundError } from "../errors.ts";
import type { DesiredState, GrantIdentity } from "./desired-state.ts";

/**
 * The registry record and its state machine, as pure functions: given the stored record (or none),
 * each transition decides the next record, `unchanged` (an idempotent retry by the same execution),
 * or throws. The registry adapter applies the decision with a conditional write on `version`, so a
 * stale writer can never overwrite a newer state.
 */
export type GrantStatus = "PROVISIONING" | "ACTIVE" | "FAILED" | "DELETING" | "DELETED";

export interface GrantRecord {
  grantId: string;
  cluster: string;
  namespace: string;
  serviceAccount: string;
  status: GrantStatus;
  /** The grant's resources (stable for a key). */
  identity: GrantIdentity;
  /** What is (ACTIVE) or is being (PROVISIONING) provisioned. */
  desired?: DesiredState;
  /** While an update runs: the last ACTIVE state, restored if the update fails. */
  previous?: DesiredState;
  roleArn?: string;
  associationId?: string;
  policyHash?: string;
  /** False when session tags are disabled and the trust policy cannot be pinned to the grant. */
  pinned?: boolean;
  requestedBy?: string;
  ticket?: string;
  /** The execution that owns the record while PROVISIONING or DELETING, and the last one after. */
  executionId: string;
  /** An owner that died cannot block the grant forever: past this instant its lock may be taken over. */
  lockExpiresAt?: string;
  lastError?: { cause: string; at: string; executionId: string; operation: "provision" | "deprovision" };
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type Decision = { next: GrantRecord } | { unchanged: GrantRecord };

/** Longer than a workflow can run (state machines time out after 15 minutes). */
export const LOCK_TTL_MS = 60 * 60 * 1000;

const IN_PROGRESS: GrantStatus[] = ["PROVISIONING", "DELETING"];

function assertNotLockedByOther(record: GrantRecord, executionId: string, now: Date): void {
  const locked = IN_PROGRESS.includes(record.status) && record.executionId !== executionId;
  const expired = record.lockExpiresAt !== undefined && Date.parse(record.lockExpiresAt) <= now.getTime();
  if (locked && !expired) {
    const doing = record.status === "PROVISIONING" ? "being provisioned" : "being deleted";
    throw new ConflictError(
      `Grant ${record.grantId} is ${doing} by execution ${record.executionId}; retry when it has finished`,
    );
  }
}

function assertOwner(record: GrantRecord | undefined, grantId: string, executionId: string): GrantRecord {
  if (!record) throw new NotFoundError(`Grant ${grantId} has no registry record`);
  if (record.executionId !== executionId) {
    throw new ConflictError(
      `Grant ${grantId} is now owned by execution ${record.executionId}, not ${executionId}: a newer request took over`,
    );
  }
  return record;
}

/**
 * What AWS has that an update must be able to restore: the last ACTIVE state. Taking over an update
 * whose owner died keeps what that owner kept, so its failure still restores rather than deletes.
 */
function live(record: GrantRecord | undefined): Partial<GrantRecord> {
  const last =
    record?.status === "ACTIVE"
      ? record.desired
      : record?.status === "PROVISIONING"
        ? record.previous
        : undefined;
  if (!record || !last) return {};
  return {
    previous: last,
    roleArn: record.roleArn,
    associationId: record.associationId,
    policyHash: last.hash,
  };
}

export function beginProvision(
  record: GrantRecord | undefined,
  desired: DesiredState,
  executionId: string,
  now: Date,
): Decision {
  if (record?.status === "PROVISIONING" && record.executionId === executionId) return { unchanged: record };
  if (record) assertNotLockedByOther(record, executionId, now);
  const at = now.toISOString();
  const { identity } = desired;
  const next: GrantRecord = {
    grantId: identity.grantId,
    cluster: identity.cluster,
    namespace: identity.namespace,
    serviceAccount: identity.serviceAccount,
    status: "PROVISIONING",
    identity,
    desired,
    ...live(record),
    pinned: desired.pinned,
    requestedBy: desired.request.requestedBy,
    ticket: desired.request.ticket,
    executionId,
    lockExpiresAt: new Date(now.getTime() + LOCK_TTL_MS).toISOString(),
    createdAt: record?.createdAt ?? at,
    updatedAt: at,
    version: (record?.version ?? 0) + 1,
  };
  return { next: next };
}

export function completeProvision(
  record: GrantRecord | undefined,
  grantId: string,
  executionId: string,
  result: { roleArn: string; associationId: string },
  now: Date,
): Decision {
  const owned = assertOwner(record, grantId, executionId);
  if (owned.status === "ACTIVE") return { unchanged: owned };
  const { previous: _previous, lockExpiresAt: _lock, lastError: _error, ...rest } = owned;
  return {
    next: {
      ...rest,
      status: "ACTIVE",
      roleArn: result.roleArn,
      associationId: result.associationId,
      policyHash: owned.desired?.hash,
      updatedAt: now.toISOString(),
      version: owned.version + 1,
    },
  };
}

/**
 * After rollback. A failed update whose previous state was restored is ACTIVE again (with the
 * previous desired state and the error on record): the registry says what AWS has. A failed
 * first provisioning is FAILED with nothing left in AWS.
 */
export function failProvision(
  record: GrantRecord | undefined,
  grantId: string,
  executionId: string,
  cause: string,
  now: Date,
): Decision {
  const owned = assertOwner(record, grantId, executionId);
  if (owned.status !== "PROVISIONING") return { unchanged: owned };
  const at = now.toISOString();
  const { previous, lockExpiresAt: _lock, ...rest } = owned;
  const lastError = { cause, at, executionId, operation: "provision" as const };
  const next: GrantRecord = previous
    ? {
        ...rest,
        status: "ACTIVE",
        desired: previous,
        pinned: previous.pinned,
        policyHash: previous.hash,
        lastError,
      }
    : {
        ...rest,
        status: "FAILED",
        roleArn: undefined,
        associationId: undefined,
        policyHash: undefined,
        lastError,
      };
  return { next: { ...next, updatedAt: at, version: owned.version + 1 } };
}

export function beginDeprovision(
  record: GrantRecord | undefined,
  grantId: string,
  executionId: string,
  now: Date,
): Decision {
  if (!record) throw new NotFoundError(`Grant ${grantId} does not exist`);
  if (record.status === "DELETING" && record.executionId === executionId) return { unchanged: record };
  assertNotLockedByOther(record, executionId, now);
  const { previous: _previous, ...rest } = record;
  return {
    next: {
      ...rest,
      status: "DELETING",
      executionId,
      lockExpiresAt: new Date(now.getTime() + LOCK_TTL_MS).toISOString(),
      updatedAt: now.toISOString(),
      version: record.version + 1,
    },
  };
}

export function completeDeprovision(
  record: GrantRecord | undefined,
  grantId: string,
  executionId: string,
  now: Date,
): Decision {
  const owned = assertOwner(record, grantId, executionId);
  if (owned.status === "DELETED") return { unchanged: owned };
  const { lockExpiresAt: _lock, ...rest } = owned;
  return {
    next: {
      ...rest,
      status: "DELETED",
      roleArn: undefined,
      associationId: undefined,
      policyHash: undefined,
      updatedAt: now.toISOString(),
      version: owned.version + 1,
    },
  };
}

export function failDeprovision(
  record: GrantRecord | undefined,
  grantId: string,
  executionId: string,
  cause: string,
  now: Date,
): Decision {
  const owned = assertOwner(record, grantId, executionId);
  if (owned.status !== "DELETING") return { unchanged: owned };
  const at = now.toISOString();
  const { lockExpiresAt: _lock, ...rest } = owned;
  return {
    next: {
      ...rest,
      status: "FAILED",
      lastError: { cause, at, executionId, operation: "deprovision" },
      updatedAt: at,
      version: owned.version + 1,
    },
  };
}
