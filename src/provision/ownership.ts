import type { IAMClient } from "@aws-sdk/client-iam";
import { getRole, type RoleState } from "../aws/iam.ts";
import { MANAGED } from "../constants.ts";
import { type GrantIdentity, ownershipTags } from "../grant/desired-state.ts";
import type { DecisionLog } from "./types.ts";

const carriesOwnership = (tags: Record<string, string>, identity: GrantIdentity): boolean =>
  Object.entries(ownershipTags(identity)).every(([key, value]) => tags[key] === value);

/** A role is this grant's when it sits under our path and carries this stage's tags for this exact key. */
export function ownsRole(
  role: { path: string; tags: Record<string, string> },
  identity: GrantIdentity,
): boolean {
  return role.path === MANAGED.rolePath && carriesOwnership(role.tags, identity);
}

/**
 * An association is this grant's when it points at this grant's role AND carries this stage's tags
 * for this key (set atomically when the provisioner creates it). The role ARN alone is not enough:
 * a foreign role can hold the grant's role name, and rollback must never delete an association
 * that someone else made for it.
 */
export function ownsAssociation(
  association: { roleArn: string; tags: Record<string, string> },
  identity: GrantIdentity,
): boolean {
  return association.roleArn === identity.roleArn && carriesOwnership(association.tags, identity);
}

/**
 * The grant's role if it exists and is the grant's; otherwise what removal should report: `absent`
 * (nothing to do) or `skipped` (a role of that name that is not ours, left alone).
 */
export async function ownedRoleForRemoval(
  iam: IAMClient,
  identity: GrantIdentity,
  log: DecisionLog,
): Promise<RoleState | { action: "absent" | "skipped" }> {
  const role = await getRole(iam, identity.roleName);
  if (!role) {
    log.info("Role already absent", { roleName: identity.roleName });
    return { action: "absent" };
  }
  if (!ownsRole(role, identity)) {
    log.warn("Role is not this grant's; it and its policies are left in place", { roleArn: role.arn });
    return { action: "skipped" };
  }
  return role;
}
