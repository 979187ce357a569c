import type { DesiredState } from "../grant/desired-state.ts";
import { type ActualAssociation, diffAssociation } from "./diff-association.ts";
import { type ActualRolePolicies, diffPolicies } from "./diff-policy.ts";
import { type ActualRole, diffRole } from "./diff-role.ts";

/**
 * Desired state vs what AWS has, for one grant: pure. The findings are read off the same diffs
 * (`diffRole`, `diffPolicies`, `diffAssociation`) the ensure steps converge by, so drift reports
 * exactly what a reconcile would write, plus what the provisioner sees but never writes (foreign
 * policies, resources that are not the grant's). The scheduled reconcile and the sandbox's `status`
 * command both read AWS and ask this what differs.
 */
export interface ObservedGrant {
  role?: ActualRole & ActualRolePolicies;
  association?: ActualAssociation & { associationId: string };
}

export type FindingKind =
  | "role-missing"
  | "role-not-owned"
  | "trust-policy-changed"
  | "boundary-changed"
  | "role-description-changed"
  | "role-tags-changed"
  | "grant-policy-changed"
  | "foreign-inline-policy"
  | "managed-policy-attached"
  | "association-missing"
  | "association-role-changed"
  | "association-not-owned"
  | "association-settings-changed"
  | "association-tags-changed";

export interface Finding {
  kind: FindingKind;
  detail: string;
}

const list = (keys: string[]): string => keys.join(", ");

function roleFindings(desired: DesiredState, role: ObservedGrant["role"]): Finding[] {
  const { roleName } = desired.identity;
  if (!role) return [{ kind: "role-missing", detail: `Role ${roleName} does not exist` }];
  const diff = diffRole(desired, role);
  const findings: Finding[] = [];
  if (!diff.owned) {
    findings.push({
      kind: "role-not-owned",
      detail:
        `Role ${roleName} (path ${role.path}) is not this grant's: not under ${desired.identity.rolePath} or ` +
        "without this stage's ownership tags for the grant; the provisioner will not converge it",
    });
  }
  if (diff.trustPolicy) {
    findings.push({
      kind: "trust-policy-changed",
      detail: "The role's trust policy is not the one the grant defines",
    });
  }
  if (diff.boundary) {
    findings.push({
      kind: "boundary-changed",
      detail: `Permissions boundary is ${role.boundaryArn ?? "absent"}, expected ${desired.role.boundaryArn}`,
    });
  }
  if (diff.description) {
    findings.push({
      kind: "role-description-changed",
      detail: `Description is ${JSON.stringify(role.description ?? "")}, expected ${JSON.stringify(desired.role.description)}`,
    });
  }
  const tagChanges: string[] = [];
  const toSet = Object.keys(diff.tagsToSet);
  if (toSet.length > 0) tagChanges.push(`missing or changed: ${list(toSet)}`);
  if (diff.tagsToRemove.length > 0) tagChanges.push(`not the grant's: ${list(diff.tagsToRemove)}`);
  if (tagChanges.length > 0) {
    findings.push({ kind: "role-tags-changed", detail: `Role tags ${tagChanges.join("; ")}` });
  }
  return [...findings, ...policyFindings(desired, role)];
}

function policyFindings(desired: DesiredState, role: ActualRolePolicies): Finding[] {
  const diff = diffPolicies(desired, role);
  const { name } = desired.policy;
  const findings: Finding[] = [];
  if (diff.grantPolicy !== "unchanged") {
    findings.push({
      kind: "grant-policy-changed",
      detail:
        diff.grantPolicy === "missing"
          ? `Inline policy ${name} is missing`
          : `Inline policy ${name} differs from the catalog rendering`,
    });
  }
  for (const other of diff.foreignInlinePolicies) {
    findings.push({
      kind: "foreign-inline-policy",
      detail: `Inline policy ${other} was added outside the provisioner`,
    });
  }
  for (const arn of diff.attachedPolicies) {
    findings.push({ kind: "managed-policy-attached", detail: `Managed policy ${arn} is attached` });
  }
  return findings;
}

function associationFindings(desired: DesiredState, association: ObservedGrant["association"]): Finding[] {
  if (!association) {
    return [{ kind: "association-missing", detail: "The Pod Identity association does not exist" }];
  }
  const { associationId } = association;
  const diff = diffAssociation(desired, association);
  // Another role's association for this service account: its settings are not the grant's to compare.
  if (diff.roleChanged) {
    return [
      {
        kind: "association-role-changed",
        detail: `Association ${associationId} points at ${association.roleArn}`,
      },
    ];
  }
  const findings: Finding[] = [];
  if (!diff.owned) {
    findings.push({
      kind: "association-not-owned",
      detail: `Association ${associationId} does not carry this stage's ownership tags for the grant: the provisioner will not converge it`,
    });
  }
  if (diff.settings.length > 0) {
    findings.push({
      kind: "association-settings-changed",
      detail: `Association ${associationId} differs in ${list(diff.settings)}`,
    });
  }
  const toSet = Object.keys(diff.tagsToSet);
  if (toSet.length > 0) {
    findings.push({
      kind: "association-tags-changed",
      detail: `Association ${associationId} tags missing or changed: ${list(toSet)}`,
    });
  }
  return findings;
}

export function compareGrant(desired: DesiredState, observed: ObservedGrant): Finding[] {
  return [...roleFindings(desired, observed.role), ...associationFindings(desired, observed.association)];
}
