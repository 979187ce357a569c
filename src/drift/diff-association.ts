import { type DesiredState, ownershipTags } from "../grant/desired-state.ts";
import { ownsAssociation } from "../grant/ownership.ts";
import { policiesEqual } from "../policy/canonical.ts";
import { diffTags } from "./diff-tags.ts";

/** A Pod Identity association as EKS has it: what `findAssociation` reads, and what drift observes. */
export interface ActualAssociation {
  roleArn: string;
  targetRoleArn?: string | undefined;
  disableSessionTags: boolean;
  /** The session policy as the JSON string EKS returns. */
  sessionPolicy?: string | undefined;
  tags: Record<string, string>;
}

/** A setting one UpdatePodIdentityAssociation converges, named as the ensure step reports it. */
export type AssociationSetting = "target role" | "session tags" | "session policy";

/** How an association differs from the grant's: what `ensureAssociation` must write and what drift reports. */
export interface AssociationDiff {
  /** The association is this grant's (`ownsAssociation`: the grant's role, this stage's tags for this key). */
  owned: boolean;
  /** It points at another role than the grant's. */
  roleChanged: boolean;
  /** The settings that differ, in a fixed order. */
  settings: AssociationSetting[];
  /**
   * The grant's tags the association lacks or carries with another value. Tags the grant does not
   * define are left alone on associations: ensure never removes them, so drift does not report them.
   */
  tagsToSet: Record<string, string>;
}

/** Both absent, or both present and equal in canonical form. */
function sameSessionPolicy(actual: string | undefined, desired: string | undefined): boolean {
  return actual && desired ? policiesEqual(actual, desired) : !actual && !desired;
}

/** Pure: the grant's association against the one EKS has for its service account. */
export function diffAssociation(desired: DesiredState, actual: ActualAssociation): AssociationDiff {
  const { association, identity } = desired;
  const settings: AssociationSetting[] = [];
  if ((actual.targetRoleArn ?? "") !== (association.targetRoleArn ?? "")) settings.push("target role");
  if (actual.disableSessionTags !== association.disableSessionTags) settings.push("session tags");
  if (!sameSessionPolicy(actual.sessionPolicy, association.sessionPolicy)) settings.push("session policy");
  return {
    owned: ownsAssociation(actual, identity),
    roleChanged: actual.roleArn !== association.roleArn,
    settings,
    tagsToSet: diffTags(association.tags, actual.tags, new Set(Object.keys(ownershipTags(identity)))).set,
  };
}
