import { ConflictError, NotFoundError, PermanentError } from "../errors.ts";
import { stableStringify } from "../policy/canonical.ts";
import type { DesiredState, GrantIdentity } from "./desired-state.ts";
import { type GrantKey, grantId as grantIdOf } from "./naming.ts";

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
  /**
   * Pods of the service account must restart to get (or to lose) credentials: set when the last
   * provisioning created or re-pointed the association (EKS injects Pod Identity into pods when they
   * start, and the Pod Identity Agent caches credentials).
   */
  restartRequired?: boolean;
  /** False when session tags are disabled and the trust policy cannot be pinned to the grant. */
  pinned?: boolean;
  /** The tenant that holds the grant (index `byTenant`). */
  tenant?: string;
  /** Who asked, as the front door authenticated them (a principal ARN or a ticket source). */
  caller?: string;
  /** What the requester wrote in the request (free text, for people). */
  requestedBy?: string;
  ticket?: string;
  /** The execution that owns the record while PROVISIONING or DELETING, and the last one after. */
  executionId: string;
  /** An owner that died cannot block the grant forever: past this instant its lock may be taken over. */
  lockExpiresAt?: string;
  lastError?: {
    cause: string;
    at: string;
    executionId: string;
    operation: "provision" | "deprovision";
    /** Some of the grant's resources may remain (a rollback or a deprovisioning did not complete): deprovision it again. */
    resourcesMayRemain?: boolean;
  };
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** A grant that holds (or is getting) resources: not DELETED, not FAILED. */
export const isLive = (record: GrantRecord | undefined): boolean =>
  record !== undefined && record.status !== "DELETED" && record.status !== "FAILED";

/** What authorization needs of the record at a key (see `ExistingGrant` in src/tenancy/authorize.ts). */
export const existingGrantOf = (
  record: GrantRecord | undefined,
): { live: boolean; tenant?: string } | undefined =>
  record ? { live: isLive(record), ...(record.tenant ? { tenant: record.tenant } : {}) } : undefined;

/** An execution holds the grant (PROVISIONING or DELETING) and its lock has not expired. */
export const isLocked = (record: GrantRecord | undefined, now: Date): boolean =>
  record !== undefined &&
  (record.status === "PROVISIONING" || record.status === "DELETING") &&
  (record.lockExpiresAt === undefined || Date.parse(record.lockExpiresAt) > now.getTime());

export type Decision = { next: GrantRecord } | { unchanged: GrantRecord };

/**
 * Longer than a workflow can run (`TimeoutSeconds: 1800` in statemachines/*.asl.json — a grant may
 * wait up to its deadline for IAM's rate, then roll back; a test holds the two together), and no
 * longer: an execution that died without recording its outcome blocks its grant for half an hour,
 * not longer, and whoever takes over records that it happened.
 */
export const LOCK_TTL_MS = 31 * 60 * 1000;

const IN_PROGRESS: GrantStatus[] = ["PROVISIONING", "DELETING"];

/**
 * Refuses while another live execution holds the grant. Taking over from one whose lock expired
 * returns what to record about it: it ended without recording its outcome.
 */
function takeOver(
  record: GrantRecord,
  executionId: string,
  now: Date,
): Pick<GrantRecord, "lastError"> | undefined {
  const locked = IN_PROGRESS.includes(record.status) && record.executionId !== executionId;
  if (!locked) return undefined;
  const expired = record.lockExpiresAt !== undefined && Date.parse(record.lockExpiresAt) <= now.getTime();
  if (!expired) {
    const doing = record.status === "PROVISIONING" ? "being provisioned" : "being deleted";
    throw new ConflictError(
      `Grant ${record.grantId} is ${doing} by execution ${record.executionId}; retry when it has finished`,
    );
  }
  return {
    lastError: {
      cause: `Execution ${record.executionId} ended without recording its outcome (its lock expired at ${record.lockExpiresAt}); its execution history has the cause. Execution ${executionId} took over.`,
      at: now.toISOString(),
      executionId: record.executionId,
      operation: record.status === "PROVISIONING" ? "provision" : "deprovision",
    },
  };
}

const sameKey = (a: GrantKey, b: GrantKey) =>
  a.cluster === b.cluster && a.namespace === b.namespace && a.serviceAccount === b.serviceAccount;

function identityProblems(
  identity: GrantIdentity | undefined,
  expected: GrantIdentity,
  where: string,
): string[] {
  if (!identity) return [];
  const fields = [
    "grantId",
    "cluster",
    "namespace",
    "serviceAccount",
    "roleName",
    "rolePath",
    "roleArn",
  ] as const;
  const differing: string[] = fields.filter((field) => identity[field] !== expected[field]);
  // Records written before stages were tagged carry no owner.
  if (identity.owner !== undefined && identity.owner !== expected.owner) differing.push("owner");
  return differing.length > 0 ? [`${where} names other resources (${differing.join(", ")})`] : [];
}

/**
 * The registry is a record, not an authority: a record whose content disagrees with its key (its
 * key fields, its identity, the requests it stores) was changed outside the provisioner. Nothing is
 * applied from it: the step refuses with a `PermanentError` that says what disagrees, and the
 * caller reports it. `expected` is the identity recomputed from the key.
 */
export function assertRecordMatchesKey(record: GrantRecord | undefined, expected: GrantIdentity): void {
  if (!record) return;
  const problems: string[] = [];
  if (record.grantId !== grantIdOf(expected) || !sameKey(record, expected)) problems.push("key fields");
  problems.push(...identityProblems(record.identity, expected, "identity"));
  for (const part of ["desired", "previous"] as const) {
    const state = record[part];
    if (!state) continue;
    problems.push(...identityProblems(state.identity, expected, `${part}.identity`));
    const request = state.request as Partial<GrantKey> | undefined;
    if (!request || typeof request !== "object" || !sameKey(request as GrantKey, expected))
      problems.push(`${part}.request is for another service account`);
  }
  if (problems.length > 0) {
    throw new PermanentError(
      `Registry record ${expected.grantId} disagrees with its key (${problems.join("; ")}): it was changed outside the provisioner. ` +
        "Nothing was applied from it and it is kept as evidence: an administrator must inspect who wrote it, then correct or delete it.",
    );
  }
}

/** True when a retry of `begin-provision` carries the request its record was begun with. */
export function sameRequest(stored: DesiredState | undefined, request: unknown): boolean {
  return stored !== undefined && stableStringify(stored.request) === stableStringify(request);
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
 * The stored state an update must be able to restore — the last ACTIVE one (taking over an update
 * whose owner died: what that owner kept) — or undefined for a new grant. Only its `request` and
 * `tenant` are used: the caller re-validates, re-authorizes and re-renders it (`previous` below).
 */
export function lastActiveState(record: GrantRecord | undefined): DesiredState | undefined {
  if (record?.status === "ACTIVE") return record.desired;
  if (record?.status === "PROVISIONING") return record.previous;
  return undefined;
}

/**
 * `previous` is the re-derived form of `lastActiveState(record)`; `caller` the authenticated caller.
 */
export function beginProvision(
  record: GrantRecord | undefined,
  desired: DesiredState,
  previous: DesiredState | undefined,
  executionId: string,
  caller: string,
  now: Date,
): Decision {
  if (record?.status === "PROVISIONING" && record.executionId === executionId) return { unchanged: record };
  const abandoned = record ? takeOver(record, executionId, now) : undefined;
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
    ...(record && previous
      ? { previous, roleArn: record.roleArn, associationId: record.associationId, policyHash: previous.hash }
      : {}),
    ...abandoned,
    pinned: desired.pinned,
    tenant: desired.tenant,
    caller,
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
  result: { roleArn: string; associationId: string; restartRequired?: boolean },
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
      restartRequired: result.restartRequired === true,
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
  options: { rollbackIncomplete?: boolean } = {},
): Decision {
  const owned = assertOwner(record, grantId, executionId);
  if (owned.status !== "PROVISIONING") return { unchanged: owned };
  const at = now.toISOString();
  const { previous, lockExpiresAt: _lock, ...rest } = owned;
  const lastError = {
    cause,
    at,
    executionId,
    operation: "provision" as const,
    ...(options.rollbackIncomplete ? { resourcesMayRemain: true } : {}),
  };
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
  const abandoned = takeOver(record, executionId, now);
  const { previous: _previous, ...rest } = record;
  return {
    next: {
      ...rest,
      ...abandoned,
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
      lastError: { cause, at, executionId, operation: "deprovision", resourcesMayRemain: true },
      updatedAt: at,
      version: owned.version + 1,
    },
  };
}
