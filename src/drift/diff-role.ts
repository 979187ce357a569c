import { type DesiredState, ownershipTags } from "../grant/desired-state.ts";
import { ownsRole } from "../grant/ownership.ts";
import { policiesEqual } from "../policy/canonical.ts";
import type { PolicyDocument } from "../policy/types.ts";
import { diffTags } from "./diff-tags.ts";

/** A role as IAM has it: what `getRole` reads, and what drift observes. */
export interface ActualRole {
  path: string;
  trustPolicy: PolicyDocument;
  boundaryArn?: string | undefined;
  description?: string | undefined;
  tags: Record<string, string>;
}

/** How a role differs from the grant's: what `ensureRole` must write and what drift reports. */
export interface RoleDiff {
  /** The role is this grant's (`ownsRole`: our path, this stage's tags for this key). Nothing may be written when it is not. */
  owned: boolean;
  /** The trust policy differs in canonical form (Sids, order, single values do not count). */
  trustPolicy: boolean;
  boundary: boolean;
  description: boolean;
  /** Tags to set: the grant's tags the role lacks or carries with another value. */
  tagsToSet: Record<string, string>;
  /** Tags to remove: neither the grant's, nor AWS's (`aws:`), nor an ownership tag. */
  tagsToRemove: string[];
}

/** Pure: the grant's role against the one IAM has. */
export function diffRole(desired: DesiredState, actual: ActualRole): RoleDiff {
  const { role, identity } = desired;
  const tags = diffTags(role.tags, actual.tags, new Set(Object.keys(ownershipTags(identity))));
  return {
    owned: ownsRole(actual, identity),
    trustPolicy: !policiesEqual(actual.trustPolicy, role.trustPolicy),
    boundary: actual.boundaryArn !== role.boundaryArn,
    description: actual.description !== role.description,
    tagsToSet: tags.set,
    tagsToRemove: tags.remove,
  };
}
