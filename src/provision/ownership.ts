import type { IAMClient } from "@aws-sdk/client-iam";
import { getRole, type RoleState } from "../aws/iam.ts";
import { MANAGED } from "../constants.ts";
import { type GrantIdentity, ownershipTags } from "../grant/desired-state.ts";
import type { DecisionLog } from "./types.ts";

/** A role is this grant's when it sits under our path and carries our tags for this exact key. */
export function ownsRole(
  role: { path: string; tags: Record<string, string> },
  identity: GrantIdentity,
): boolean {
  if (role.path !== MANAGED.rolePath) return false;
  return Object.entries(ownershipTags(identity)).every(([key, value]) => role.tags[key] === value);
}

/** An association is this grant's when it points at this grant's role (the role name derives from the key). */
export function ownsAssociation(association: { roleArn: string }, identity: GrantIdentity): boolean {
  return association.roleArn === identity.roleArn;
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
