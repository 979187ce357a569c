import { ForbiddenError } from "../errors.ts";
import { matchesAny } from "./pattern.ts";
import type { Tenancy, Tenant } from "./tenancy.ts";

/**
 * Who asked, as a front door established it: the IAM principal that signed an HTTP request (API
 * Gateway's IAM authorizer), or the `source` of a `Grant Requested` event (which the bus policy
 * lets only that ticket system's integration role put). SECURITY.md says why the workflow may
 * trust it.
 */
export type Caller = { principalArn: string } | { ticketSource: string };

/** The caller as one string, for records, logs and messages. */
export function describeCaller(caller: Caller): string {
  return "principalArn" in caller ? caller.principalArn : `ticket source ${caller.ticketSource}`;
}

/** Reads a caller out of untrusted workflow input: exactly one of the two forms, or a `ForbiddenError`. */
export function parseCaller(input: unknown): Caller {
  const value = input as Record<string, unknown> | null | undefined;
  const keys = value !== null && typeof value === "object" && !Array.isArray(value) ? Object.keys(value) : [];
  if (keys.length === 1 && typeof value?.principalArn === "string" && value.principalArn.length <= 2048) {
    return { principalArn: value.principalArn };
  }
  if (keys.length === 1 && typeof value?.ticketSource === "string" && value.ticketSource.length <= 256) {
    return { ticketSource: value.ticketSource };
  }
  throw new ForbiddenError("The request carries no authenticated caller", [
    {
      rule: "caller",
      reason:
        "must be {principalArn} (set by the HTTP API) or {ticketSource} (set by the Grant Requested rule); nothing else can ask for a grant",
    },
  ]);
}

/** The one tenant a caller acts for, or a `ForbiddenError` that says why none. */
export function tenantOf(tenancy: Tenancy, caller: Caller): Tenant {
  const tenants = tenancy.tenants.filter((tenant) =>
    "principalArn" in caller
      ? matchesAny(tenant.principals, caller.principalArn)
      : (tenant.ticketSources ?? []).some((t) => t.source === caller.ticketSource),
  );
  const [tenant, ...others] = tenants;
  if (!tenant) {
    throw new ForbiddenError(`${describeCaller(caller)} acts for no tenant`, [
      { rule: "caller", reason: `${describeCaller(caller)} is not listed by any tenant of the tenancy file` },
    ]);
  }
  if (others.length > 0) {
    throw new ForbiddenError(`${describeCaller(caller)} matches several tenants`, [
      {
        rule: "caller",
        reason: `${describeCaller(caller)} matches tenants ${tenants.map((t) => t.name).join(", ")}: the tenancy file must give it one`,
      },
    ]);
  }
  return tenant;
}
