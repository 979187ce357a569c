import { MANAGED } from "../constants.ts";
import { type GrantIdentity, ownershipTags } from "../grant/desired-state.ts";

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
