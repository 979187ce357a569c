import { MANAGED } from "../constants.ts";
import { type GrantIdentity, ownershipTags } from "./desired-state.ts";

/**
 * What makes a role or an association this grant's, for this stage: pure, so the ensure and remove
 * steps and drift (`src/drift/`) share the one rule.
 */
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
