import { ForbiddenError, type Refusal } from "../errors.ts";
import type { GrantKey } from "../grant/naming.ts";
import type { GrantRequest } from "../grant/request.ts";
import { type Caller, describeCaller, tenantOf } from "./caller.ts";
import { matchesAny } from "./pattern.ts";
import type { Tenancy, Tenant } from "./tenancy.ts";

/** What the registry says of the grant already at this key, as far as authorization cares. */
export interface ExistingGrant {
  /** The tenant that holds the grant (absent on records written before tenancy existed). */
  tenant?: string;
  /** False when the grant is DELETED or FAILED with nothing left: a new grant, not an update. */
  live: boolean;
}

export interface AuthorizationInput {
  tenancy: Tenancy;
  caller: Caller;
  key: GrantKey;
  /** A provisioning request; absent for a deprovisioning. */
  request?: GrantRequest;
  existing?: ExistingGrant;
  /** How many live grants the caller's tenant holds now (for `maxGrants`), when a new grant is asked. */
  liveGrantsOfTenant?: number;
}

const SCOPE_NOUN: Record<string, string> = {
  bucket: "buckets",
  table: "tables",
  queue: "queues",
  topic: "topics",
  secret: "secrets",
  path: "parameter paths",
  keyId: "KMS keys",
};

const list = (patterns: readonly string[] | undefined) => (patterns ?? []).join(", ") || "none";

function keyRefusals(tenant: Tenant, key: GrantKey, existing: ExistingGrant | undefined): Refusal[] {
  const refusals: Refusal[] = [];
  if (!matchesAny(tenant.clusters, key.cluster)) {
    refusals.push({
      rule: "cluster",
      reason: `'${key.cluster}' is not one of tenant ${tenant.name}'s clusters (${list(tenant.clusters)})`,
    });
  }
  if (!matchesAny(tenant.namespaces, key.namespace)) {
    refusals.push({
      rule: "namespace",
      reason: `'${key.namespace}' is not one of tenant ${tenant.name}'s namespaces (${list(tenant.namespaces)})`,
    });
  }
  if (existing?.live && existing.tenant !== undefined && existing.tenant !== tenant.name) {
    refusals.push({
      rule: "owner",
      reason: `the grant belongs to another tenant; tenant ${tenant.name} may not change or delete it`,
    });
  }
  return refusals;
}

function requestRefusals(tenant: Tenant, request: GrantRequest): Refusal[] {
  const refusals: Refusal[] = [];
  const templates = tenant.templates as Record<string, Record<string, string[]> | undefined>;
  request.permissions.forEach((permission, index) => {
    const scope = templates[permission.template];
    if (!scope) {
      refusals.push({
        rule: `permissions[${index}].template`,
        reason: `'${permission.template}' is not allowed for tenant ${tenant.name} (allowed: ${Object.keys(templates).join(", ")})`,
      });
      return;
    }
    for (const [parameter, patterns] of Object.entries(scope)) {
      const value = (permission as Record<string, unknown>)[parameter];
      if (typeof value !== "string" || !matchesAny(patterns, value)) {
        refusals.push({
          rule: `permissions[${index}].${parameter}`,
          reason: `'${String(value)}' is not one of tenant ${tenant.name}'s ${SCOPE_NOUN[parameter] ?? parameter} (${list(patterns)})`,
        });
      }
    }
  });
  const cap = tenant.maxPermissionsPerGrant;
  if (cap !== undefined && request.permissions.length > cap) {
    refusals.push({
      rule: "maxPermissionsPerGrant",
      reason: `${request.permissions.length} permissions; tenant ${tenant.name} may have at most ${cap} per grant`,
    });
  }
  if (request.targetRoleArn !== undefined && !matchesAny(tenant.targetRoles, request.targetRoleArn)) {
    refusals.push({
      rule: "targetRoleArn",
      reason: `'${request.targetRoleArn}' is not one of tenant ${tenant.name}'s target roles (${list(tenant.targetRoles)})`,
    });
  }
  return refusals;
}

/**
 * The one authorization decision, pure: may this caller provision (with `request`) or deprovision
 * (without) the grant at `key`? Returns the caller's tenant, or throws a `ForbiddenError` that names
 * every rule that refused it. Every entry point (HTTP, ticket, a direct start) reaches it, because
 * the workflows' first step runs it.
 */
export function authorize(input: AuthorizationInput): Tenant {
  const tenant = tenantOf(input.tenancy, input.caller);
  const refusals = keyRefusals(tenant, input.key, input.existing);
  if (input.request) refusals.push(...requestRefusals(tenant, input.request));
  const cap = tenant.maxGrants;
  const isNew = !input.existing?.live;
  if (input.request && isNew && cap !== undefined && (input.liveGrantsOfTenant ?? 0) >= cap) {
    refusals.push({
      rule: "maxGrants",
      reason: `tenant ${tenant.name} holds ${input.liveGrantsOfTenant} grants, its cap is ${cap}`,
    });
  }
  if (refusals.length > 0) {
    throw new ForbiddenError(
      `${describeCaller(input.caller)} (tenant ${tenant.name}) may not ${input.request ? "provision" : "deprovision"} ${input.key.cluster}/${input.key.namespace}/${input.key.serviceAccount}`,
      refusals,
    );
  }
  return tenant;
}
