import type { GrantRecord } from "./lifecycle.ts";
import { grantId as grantIdOf } from "./naming.ts";
import { parseGrantKey } from "./request.ts";

/**
 * What the provisioner tells the world on its bus when a grant's workflow ends
 * (`schemas/events/*.schema.json`): `Grant Provisioned`, `Grant Updated`, `Grant Failed`,
 * `Grant Deleted`, source `pod-identity-provisioner`. Pure: from the record as written (or, for a
 * request refused before any record, from what the request named).
 */
export const EVENT_SOURCE = "pod-identity-provisioner";

export type GrantEventType = "Grant Provisioned" | "Grant Updated" | "Grant Failed" | "Grant Deleted";

export interface GrantEventDetail {
  grantId?: string;
  cluster?: string;
  namespace?: string;
  serviceAccount?: string;
  tenant?: string;
  ticket?: string;
  requestedBy?: string;
  caller?: string;
  roleArn?: string;
  associationId?: string;
  restartRequired: boolean;
  executionArn?: string;
  operation: "provision" | "deprovision";
  error?: { code: string; message: string };
}

export interface GrantAnnouncement {
  detailType: GrantEventType;
  detail: GrantEventDetail;
}

const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** A workflow's outcome, from the record it wrote. */
export function announceRecord(
  detailType: GrantEventType,
  record: GrantRecord,
  context: {
    operation: "provision" | "deprovision";
    executionArn: string;
    restartRequired: boolean;
    error?: { code: string; message: string };
  },
): GrantAnnouncement {
  const detached =
    detailType === "Grant Deleted" || (detailType === "Grant Failed" && record.status === "FAILED");
  return {
    detailType,
    detail: defined({
      grantId: record.grantId,
      cluster: record.cluster,
      namespace: record.namespace,
      serviceAccount: record.serviceAccount,
      tenant: record.tenant,
      ticket: record.ticket,
      requestedBy: record.requestedBy,
      caller: record.caller,
      // A deleted grant, or a first provisioning that failed, has no role or association left.
      roleArn: detached ? undefined : record.roleArn,
      associationId: detached ? undefined : record.associationId,
      restartRequired: context.restartRequired,
      executionArn: context.executionArn,
      operation: context.operation,
      error: context.error,
    }),
  };
}

/**
 * A request the workflow's first step refused (invalid, not authorized, busy): no record was
 * written; the event says what the request named, as far as it can be read, and why.
 */
export function announceRejection(
  operation: "provision" | "deprovision",
  input: unknown,
  executionArn: string | undefined,
  error: { code: string; message: string },
  caller: string | undefined,
): GrantAnnouncement {
  const value = (input ?? {}) as Record<string, unknown>;
  const named = (operation === "provision" ? value.request : value) as Record<string, unknown> | undefined;
  const text = (v: unknown): string | undefined =>
    typeof v === "string" && v.length > 0 && v.length <= 256 ? v : undefined;
  const cluster = text(named?.cluster);
  const namespace = text(named?.namespace);
  const serviceAccount = text(named?.serviceAccount);
  // A grant id only for a key that is one (the same validation a request's key gets).
  let grantId: string | undefined;
  try {
    grantId = grantIdOf(parseGrantKey(named));
  } catch {
    grantId = undefined;
  }
  return {
    detailType: "Grant Failed",
    detail: defined({
      grantId,
      cluster,
      namespace,
      serviceAccount,
      ticket: text(named?.ticket),
      requestedBy: text(named?.requestedBy),
      caller,
      restartRequired: false,
      executionArn,
      operation,
      error,
    }),
  };
}
