import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type DesiredState, desiredState } from "#grant/desired-state.ts";
import {
  assertRecordMatchesKey,
  beginDeprovision,
  beginProvision,
  completeDeprovision,
  completeProvision,
  type Decision,
  failDeprovision,
  failProvision,
  type GrantRecord,
  LOCK_TTL_MS,
  lastActiveState,
} from "#grant/lifecycle.ts";
import { parseGrantRequest } from "#grant/request.ts";

const OPTIONS = {
  partition: "aws",
  account: "111122223333",
  region: "eu-west-1",
  stackPrefix: "pod-identity-provisioner-dev",
  trustSourceConditions: false,
};
const CALLER = "arn:aws:iam::111122223333:role/platform";
const LOCK_MINUTES = LOCK_TTL_MS / 60_000;
const GRANT_ID = "demo/payments/api";
const RUN_1 = "arn:aws:states:eu-west-1:111122223333:execution:provision:run-1";
const RUN_2 = "arn:aws:states:eu-west-1:111122223333:execution:provision:run-2";
const T0 = new Date("2026-03-01T10:00:00.000Z");
const minutesAfter = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);

function desired(bucket = "invoices"): DesiredState {
  return desiredState(
    parseGrantRequest({
      cluster: "demo",
      namespace: "payments",
      serviceAccount: "api",
      permissions: [{ template: "s3-read", bucket }],
      ticket: "OPS-1234",
      requestedBy: "team-payments",
    }),
    OPTIONS,
    "platform",
  );
}

/**
 * `beginProvision` as the record step calls it, with the state to restore taken from the record
 * (the step re-derives it; for these pure tests the stored one is the same).
 */
function begin(
  record: GrantRecord | undefined,
  state: DesiredState,
  executionId: string,
  now: Date,
): Decision {
  return beginProvision(record, state, lastActiveState(record), executionId, CALLER, now);
}

function next(decision: Decision): GrantRecord {
  if (!("next" in decision))
    throw new Error(`expected a new record, got unchanged: ${JSON.stringify(decision)}`);
  return decision.next;
}

/** A grant that was provisioned by RUN_1 and is ACTIVE (version 2). */
function active(state = desired()): GrantRecord {
  const begun = next(begin(undefined, state, RUN_1, T0));
  return next(
    completeProvision(
      begun,
      GRANT_ID,
      RUN_1,
      { roleArn: state.identity.roleArn, associationId: "a-0123456789abcdef0" },
      minutesAfter(T0, 1),
    ),
  );
}

describe("beginProvision", () => {
  it("starts a first provisioning: PROVISIONING, locked for the execution, version 1", () => {
    // Prepare
    const state = desired();

    // Act
    const record = next(begin(undefined, state, RUN_1, T0));

    // Assess
    expect(record).toMatchObject({
      grantId: GRANT_ID,
      cluster: "demo",
      namespace: "payments",
      serviceAccount: "api",
      status: "PROVISIONING",
      identity: state.identity,
      desired: state,
      pinned: true,
      requestedBy: "team-payments",
      ticket: "OPS-1234",
      executionId: RUN_1,
      lockExpiresAt: new Date(T0.getTime() + LOCK_TTL_MS).toISOString(),
      createdAt: T0.toISOString(),
      updatedAt: T0.toISOString(),
      version: 1,
    });
    expect(record.previous).toBeUndefined();
    expect(record.roleArn).toBeUndefined();
  });

  it("leaves the record unchanged when the same execution retries", () => {
    // Prepare
    const record = next(begin(undefined, desired(), RUN_1, T0));

    // Act
    const decision = begin(record, desired(), RUN_1, minutesAfter(T0, 2));

    // Assess
    expect(decision).toEqual({ unchanged: record });
  });

  it("refuses with a ConflictError while another execution's lock holds", () => {
    // Prepare
    const record = next(begin(undefined, desired(), RUN_1, T0));

    // Act
    const act = () => begin(record, desired(), RUN_2, minutesAfter(T0, LOCK_MINUTES - 1));

    // Assess
    expect(act).toThrowError(
      expect.objectContaining({
        name: "ConflictError",
        message: expect.stringContaining(`is being provisioned by execution ${RUN_1}`),
      }),
    );
  });

  it("refuses with a ConflictError while another execution deletes the grant", () => {
    // Prepare
    const deleting = next(beginDeprovision(active(), GRANT_ID, RUN_1, minutesAfter(T0, 5)));

    // Act
    const act = () => begin(deleting, desired(), RUN_2, minutesAfter(T0, 6));

    // Assess
    expect(act).toThrowError(
      expect.objectContaining({ name: "ConflictError", message: expect.stringContaining("being deleted") }),
    );
  });

  it("takes over a first provisioning whose lock expired, recording that its owner ended without an outcome", () => {
    // Prepare
    const stale = next(begin(undefined, desired(), RUN_1, T0));
    const now = new Date(Date.parse(stale.lockExpiresAt ?? "") + 1);

    // Act
    const record = next(begin(stale, desired(), RUN_2, now));

    // Assess
    expect(record).toMatchObject({
      status: "PROVISIONING",
      executionId: RUN_2,
      lockExpiresAt: new Date(now.getTime() + LOCK_TTL_MS).toISOString(),
      createdAt: T0.toISOString(),
      version: stale.version + 1,
      tenant: "platform",
      caller: CALLER,
      lastError: {
        executionId: RUN_1,
        operation: "provision",
        at: now.toISOString(),
        cause: expect.stringContaining(`Execution ${RUN_1} ended without recording its outcome`),
      },
    });
  });

  it("holds a lock only a little longer than a workflow can run", () => {
    // Prepare
    const timeouts = ["provision", "deprovision"].map(
      (name) =>
        (JSON.parse(readFileSync(`statemachines/${name}.asl.json`, "utf8")) as { TimeoutSeconds: number })
          .TimeoutSeconds,
    );

    // Assess
    for (const seconds of timeouts) {
      expect(LOCK_TTL_MS).toBeGreaterThan(seconds * 1000);
      expect(LOCK_TTL_MS).toBeLessThanOrEqual(seconds * 1000 + 5 * 60_000);
    }
  });

  it("takes over an update whose lock expired, keeping the last ACTIVE state to restore", () => {
    // Prepare: RUN_1 began an update of an ACTIVE grant and died.
    const before = active(desired("invoices"));
    const stuck = next(begin(before, desired("invoices-v2"), RUN_1, minutesAfter(T0, 10)));
    const now = new Date(Date.parse(stuck.lockExpiresAt ?? "") + 1);

    // Act
    const record = next(begin(stuck, desired("invoices-v3"), RUN_2, now));

    // Assess
    expect(record.desired).toEqual(desired("invoices-v3"));
    expect(record.previous).toEqual(before.desired);
    expect(record.roleArn).toBe(before.roleArn);
    expect(record.associationId).toBe(before.associationId);
  });

  it("starts an update of an ACTIVE grant, keeping the ACTIVE state as previous", () => {
    // Prepare
    const before = active(desired("invoices"));
    const wanted = desired("invoices-v2");

    // Act
    const record = next(begin(before, wanted, RUN_2, minutesAfter(T0, 10)));

    // Assess
    expect(record).toMatchObject({
      status: "PROVISIONING",
      desired: wanted,
      previous: before.desired,
      roleArn: before.roleArn,
      associationId: before.associationId,
      policyHash: before.policyHash,
      executionId: RUN_2,
      createdAt: before.createdAt,
      version: before.version + 1,
    });
  });

  it("provisions again a FAILED grant without keeping a previous state", () => {
    // Prepare
    const begun = next(begin(undefined, desired(), RUN_1, T0));
    const failed = next(
      failProvision(begun, GRANT_ID, RUN_1, "PermanentError: foreign role", minutesAfter(T0, 1)),
    );

    // Act
    const record = next(begin(failed, desired(), RUN_2, minutesAfter(T0, 2)));

    // Assess
    expect(record.status).toBe("PROVISIONING");
    expect(record.previous).toBeUndefined();
    expect(record.version).toBe(failed.version + 1);
  });
});

describe("completeProvision", () => {
  it("makes the grant ACTIVE with its role and association, clearing previous and the lock", () => {
    // Prepare
    const before = active(desired("invoices"));
    const updating = next(begin(before, desired("invoices-v2"), RUN_2, minutesAfter(T0, 10)));
    const now = minutesAfter(T0, 11);

    // Act
    const record = next(
      completeProvision(updating, GRANT_ID, RUN_2, { roleArn: "arn:role", associationId: "a-new" }, now),
    );

    // Assess
    expect(record).toMatchObject({
      status: "ACTIVE",
      roleArn: "arn:role",
      associationId: "a-new",
      policyHash: desired("invoices-v2").hash,
      executionId: RUN_2,
      updatedAt: now.toISOString(),
      version: updating.version + 1,
    });
    expect(record).not.toHaveProperty("previous");
    expect(record).not.toHaveProperty("lockExpiresAt");
    expect(record).not.toHaveProperty("lastError");
  });

  it("leaves an ACTIVE record unchanged when the same execution completes again", () => {
    // Prepare
    const record = active();

    // Act
    const decision = completeProvision(
      record,
      GRANT_ID,
      RUN_1,
      { roleArn: record.roleArn ?? "", associationId: "a-other" },
      minutesAfter(T0, 5),
    );

    // Assess
    expect(decision).toEqual({ unchanged: record });
  });

  it("refuses a stale owner: an execution whose lock was taken over cannot complete", () => {
    // Prepare
    const stale = next(begin(undefined, desired(), RUN_1, T0));
    const takenOver = next(begin(stale, desired(), RUN_2, minutesAfter(T0, LOCK_MINUTES + 1)));

    // Act
    const act = () =>
      completeProvision(
        takenOver,
        GRANT_ID,
        RUN_1,
        { roleArn: "arn:role", associationId: "a-1" },
        minutesAfter(T0, LOCK_MINUTES + 2),
      );

    // Assess
    expect(act).toThrowError(
      expect.objectContaining({
        name: "ConflictError",
        message: expect.stringContaining(`now owned by execution ${RUN_2}`),
      }),
    );
  });

  it("refuses with a NotFoundError when there is no record", () => {
    // Act
    const act = () =>
      completeProvision(undefined, GRANT_ID, RUN_1, { roleArn: "arn:role", associationId: "a-1" }, T0);

    // Assess
    expect(act).toThrowError(expect.objectContaining({ name: "NotFoundError" }));
  });
});

describe("failProvision", () => {
  it("returns a failed update to ACTIVE with the previous desired state and the error", () => {
    // Prepare
    const before = active(desired("invoices"));
    const updating = next(begin(before, desired("invoices-v2"), RUN_2, minutesAfter(T0, 10)));
    const now = minutesAfter(T0, 12);

    // Act
    const record = next(failProvision(updating, GRANT_ID, RUN_2, "PermanentError: policy too large", now));

    // Assess
    expect(record).toMatchObject({
      status: "ACTIVE",
      desired: before.desired,
      policyHash: before.desired?.hash,
      roleArn: before.roleArn,
      associationId: before.associationId,
      lastError: {
        cause: "PermanentError: policy too large",
        at: now.toISOString(),
        executionId: RUN_2,
        operation: "provision",
      },
      version: updating.version + 1,
    });
    expect(record).not.toHaveProperty("previous");
    expect(record).not.toHaveProperty("lockExpiresAt");
  });

  it("marks a failed first provisioning FAILED, without a role", () => {
    // Prepare
    const begun = next(begin(undefined, desired(), RUN_1, T0));

    // Act
    const record = next(
      failProvision(begun, GRANT_ID, RUN_1, "PermanentError: foreign role", minutesAfter(T0, 1)),
    );

    // Assess
    expect(record).toMatchObject({
      status: "FAILED",
      lastError: { cause: "PermanentError: foreign role", executionId: RUN_1, operation: "provision" },
      version: 2,
    });
    expect(record.roleArn).toBeUndefined();
    expect(record.associationId).toBeUndefined();
    expect(record.policyHash).toBeUndefined();
    expect(record).not.toHaveProperty("lockExpiresAt");
  });

  it("leaves a record that is no longer PROVISIONING unchanged", () => {
    // Prepare
    const record = active();

    // Act
    const decision = failProvision(record, GRANT_ID, RUN_1, "late failure", minutesAfter(T0, 3));

    // Assess
    expect(decision).toEqual({ unchanged: record });
  });

  it("refuses a stale owner", () => {
    // Prepare
    const record = next(begin(undefined, desired(), RUN_2, T0));

    // Act
    const act = () => failProvision(record, GRANT_ID, RUN_1, "failure", minutesAfter(T0, 1));

    // Assess
    expect(act).toThrowError(expect.objectContaining({ name: "ConflictError" }));
  });
});

describe("deprovision", () => {
  it("begins: DELETING, locked for the execution, previous dropped", () => {
    // Prepare
    const record = active();
    const now = minutesAfter(T0, 20);

    // Act
    const deleting = next(beginDeprovision(record, GRANT_ID, RUN_2, now));

    // Assess
    expect(deleting).toMatchObject({
      status: "DELETING",
      executionId: RUN_2,
      identity: record.identity,
      roleArn: record.roleArn,
      lockExpiresAt: new Date(now.getTime() + LOCK_TTL_MS).toISOString(),
      version: record.version + 1,
    });
    expect(deleting).not.toHaveProperty("previous");
  });

  it("leaves the record unchanged when the same execution begins again", () => {
    // Prepare
    const deleting = next(beginDeprovision(active(), GRANT_ID, RUN_2, minutesAfter(T0, 20)));

    // Act
    const decision = beginDeprovision(deleting, GRANT_ID, RUN_2, minutesAfter(T0, 21));

    // Assess
    expect(decision).toEqual({ unchanged: deleting });
  });

  it("refuses while another execution provisions the grant", () => {
    // Prepare
    const provisioning = next(begin(undefined, desired(), RUN_1, T0));

    // Act
    const act = () => beginDeprovision(provisioning, GRANT_ID, RUN_2, minutesAfter(T0, 1));

    // Assess
    expect(act).toThrowError(expect.objectContaining({ name: "ConflictError" }));
  });

  it("refuses with a NotFoundError for a grant that was never recorded", () => {
    // Act
    const act = () => beginDeprovision(undefined, GRANT_ID, RUN_1, T0);

    // Assess
    expect(act).toThrowError(expect.objectContaining({ name: "NotFoundError" }));
  });

  it("completes: DELETED, without role, association or lock", () => {
    // Prepare
    const deleting = next(beginDeprovision(active(), GRANT_ID, RUN_2, minutesAfter(T0, 20)));

    // Act
    const deleted = next(completeDeprovision(deleting, GRANT_ID, RUN_2, minutesAfter(T0, 21)));

    // Assess
    expect(deleted).toMatchObject({ status: "DELETED", version: deleting.version + 1 });
    expect(deleted.roleArn).toBeUndefined();
    expect(deleted.associationId).toBeUndefined();
    expect(deleted.policyHash).toBeUndefined();
    expect(deleted).not.toHaveProperty("lockExpiresAt");
  });

  it("leaves a DELETED record unchanged when the same execution completes again", () => {
    // Prepare
    const deleting = next(beginDeprovision(active(), GRANT_ID, RUN_2, minutesAfter(T0, 20)));
    const deleted = next(completeDeprovision(deleting, GRANT_ID, RUN_2, minutesAfter(T0, 21)));

    // Act
    const decision = completeDeprovision(deleted, GRANT_ID, RUN_2, minutesAfter(T0, 22));

    // Assess
    expect(decision).toEqual({ unchanged: deleted });
  });

  it("refuses a stale owner's completion", () => {
    // Prepare
    const deleting = next(beginDeprovision(active(), GRANT_ID, RUN_2, minutesAfter(T0, 20)));

    // Act
    const act = () => completeDeprovision(deleting, GRANT_ID, RUN_1, minutesAfter(T0, 21));

    // Assess
    expect(act).toThrowError(expect.objectContaining({ name: "ConflictError" }));
  });

  it("fails: FAILED with the error, keeping what is left in AWS on record", () => {
    // Prepare
    const record = active();
    const deleting = next(beginDeprovision(record, GRANT_ID, RUN_2, minutesAfter(T0, 20)));
    const now = minutesAfter(T0, 22);

    // Act
    const failed = next(failDeprovision(deleting, GRANT_ID, RUN_2, "RetryableError: gave up", now));

    // Assess
    expect(failed).toMatchObject({
      status: "FAILED",
      roleArn: record.roleArn,
      associationId: record.associationId,
      lastError: {
        cause: "RetryableError: gave up",
        at: now.toISOString(),
        executionId: RUN_2,
        operation: "deprovision",
      },
      version: deleting.version + 1,
    });
    expect(failed).not.toHaveProperty("lockExpiresAt");
  });

  it("leaves a record that is not DELETING unchanged on a late failure", () => {
    // Prepare
    const deleting = next(beginDeprovision(active(), GRANT_ID, RUN_2, minutesAfter(T0, 20)));
    const deleted = next(completeDeprovision(deleting, GRANT_ID, RUN_2, minutesAfter(T0, 21)));

    // Act
    const decision = failDeprovision(deleted, GRANT_ID, RUN_2, "late", minutesAfter(T0, 22));

    // Assess
    expect(decision).toEqual({ unchanged: deleted });
  });
});

describe("versions", () => {
  it("increase by one with every transition that writes", () => {
    // Prepare
    const versions: number[] = [];
    const state = desired();

    // Act
    let record = next(begin(undefined, state, RUN_1, T0));
    versions.push(record.version);
    record = next(completeProvision(record, GRANT_ID, RUN_1, { roleArn: "r", associationId: "a" }, T0));
    versions.push(record.version);
    record = next(begin(record, desired("invoices-v2"), RUN_2, T0));
    versions.push(record.version);
    record = next(failProvision(record, GRANT_ID, RUN_2, "x", T0));
    versions.push(record.version);
    record = next(beginDeprovision(record, GRANT_ID, RUN_1, T0));
    versions.push(record.version);
    record = next(failDeprovision(record, GRANT_ID, RUN_1, "y", T0));
    versions.push(record.version);
    record = next(beginDeprovision(record, GRANT_ID, RUN_2, T0));
    versions.push(record.version);
    record = next(completeDeprovision(record, GRANT_ID, RUN_2, T0));
    versions.push(record.version);

    // Assess
    expect(versions).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(record.status).toBe("DELETED");
  });
});

describe("assertRecordMatchesKey", () => {
  const identity = () => desired().identity;

  it("accepts a record written by the lifecycle, and no record", () => {
    // Act / Assess
    expect(() => assertRecordMatchesKey(active(), identity())).not.toThrow();
    expect(() => assertRecordMatchesKey(undefined, identity())).not.toThrow();
  });

  it.each([
    [
      "its identity names another role",
      (r: GrantRecord) => ({
        ...r,
        identity: {
          ...r.identity,
          roleName: "pip-other",
          roleArn: "arn:aws:iam::111122223333:role/pod-identity/pip-other",
        },
      }),
      "identity names other resources (roleName, roleArn)",
    ],
    [
      "its identity belongs to another stage",
      (r: GrantRecord) => ({ ...r, identity: { ...r.identity, owner: "pod-identity-provisioner-prod" } }),
      "identity names other resources (owner)",
    ],
    [
      "its key fields disagree with its id",
      (r: GrantRecord) => ({ ...r, namespace: "search" }),
      "key fields",
    ],
    [
      "its stored request is another service account's",
      (r: GrantRecord) => ({
        ...r,
        desired: {
          ...(r.desired as DesiredState),
          request: { ...(r.desired as DesiredState).request, serviceAccount: "admin" },
        },
      }),
      "desired.request is for another service account",
    ],
    [
      "its previous state names another role",
      (r: GrantRecord) => ({
        ...r,
        previous: {
          ...(r.desired as DesiredState),
          identity: { ...r.identity, roleArn: "arn:aws:iam::999988887777:role/x" },
        },
      }),
      "previous.identity names other resources (roleArn)",
    ],
    [
      "its stored request is not an object",
      (r: GrantRecord) => ({
        ...r,
        desired: { ...(r.desired as DesiredState), request: "x" as unknown as DesiredState["request"] },
      }),
      "desired.request is for another service account",
    ],
  ])("refuses a record when %s, saying what disagrees", (_, tamper, expected) => {
    // Prepare
    const record = tamper(active()) as GrantRecord;

    // Act
    const act = () => assertRecordMatchesKey(record, identity());

    // Assess
    expect(act).toThrowError(
      expect.objectContaining({ name: "PermanentError", message: expect.stringContaining(expected) }),
    );
  });
});

describe("resources that may remain", () => {
  it("says so on the record when a rollback or a deprovisioning did not complete, and not otherwise", () => {
    // Prepare
    const begun = () => next(begin(undefined, desired(), RUN_1, T0));

    // Act
    const rolledBack = next(
      failProvision(begun(), GRANT_ID, RUN_1, "PermanentError: x", minutesAfter(T0, 1)),
    );
    const incomplete = next(
      failProvision(begun(), GRANT_ID, RUN_1, "PermanentError: x", minutesAfter(T0, 1), {
        rollbackIncomplete: true,
      }),
    );
    const deleting = next(beginDeprovision(active(), GRANT_ID, RUN_2, minutesAfter(T0, 20)));
    const deleteFailed = next(
      failDeprovision(deleting, GRANT_ID, RUN_2, "RetryableError: y", minutesAfter(T0, 21)),
    );

    // Assess
    expect(rolledBack.lastError?.resourcesMayRemain).toBeUndefined();
    expect(incomplete.lastError?.resourcesMayRemain).toBe(true);
    expect(deleteFailed.lastError?.resourcesMayRemain).toBe(true);
  });
});
