import type { DesiredState } from "../grant/desired-state.ts";
import { policiesEqual } from "../policy/canonical.ts";
import type { PolicyDocument } from "../policy/types.ts";

/**
 * Desired state vs what AWS has, for one grant: pure, every comparison in canonical form. The
 * scheduled reconcile and the sandbox's `status` command both read AWS and ask this what differs.
 */
export interface ObservedGrant {
  role?: {
    path: string;
    trustPolicy: PolicyDocument;
    boundaryArn?: string;
    inlinePolicies: Record<string, PolicyDocument>;
    attachedPolicies: string[];
  };
  association?: {
    associationId: string;
    roleArn: string;
    targetRoleArn?: string;
    disableSessionTags: boolean;
    sessionPolicy?: string;
  };
}

export type FindingKind =
  | "role-missing"
  | "trust-policy-changed"
  | "boundary-changed"
  | "grant-policy-changed"
  | "foreign-inline-policy"
  | "managed-policy-attached"
  | "association-missing"
  | "association-role-changed"
  | "association-settings-changed";

export interface Finding {
  kind: FindingKind;
  detail: string;
}

export function compareGrant(desired: DesiredState, observed: ObservedGrant): Finding[] {
  const findings: Finding[] = [];
  const { role, association } = observed;
  if (!role) {
    findings.push({ kind: "role-missing", detail: `Role ${desired.identity.roleName} does not exist` });
  } else {
    if (!policiesEqual(role.trustPolicy, desired.role.trustPolicy)) {
      findings.push({
        kind: "trust-policy-changed",
        detail: "The role's trust policy is not the one the grant defines",
      });
    }
    if (role.boundaryArn !== desired.role.boundaryArn) {
      findings.push({
        kind: "boundary-changed",
        detail: `Permissions boundary is ${role.boundaryArn ?? "absent"}, expected ${desired.role.boundaryArn}`,
      });
    }
    const grantPolicy = role.inlinePolicies[desired.policy.name];
    if (!grantPolicy || !policiesEqual(grantPolicy, desired.policy.document)) {
      findings.push({
        kind: "grant-policy-changed",
        detail: grantPolicy
          ? `Inline policy ${desired.policy.name} differs from the catalog rendering`
          : `Inline policy ${desired.policy.name} is missing`,
      });
    }
    for (const name of Object.keys(role.inlinePolicies).filter((n) => n !== desired.policy.name)) {
      findings.push({
        kind: "foreign-inline-policy",
        detail: `Inline policy ${name} was added outside the provisioner`,
      });
    }
    for (const arn of role.attachedPolicies) {
      findings.push({ kind: "managed-policy-attached", detail: `Managed policy ${arn} is attached` });
    }
  }
  if (!association) {
    findings.push({ kind: "association-missing", detail: "The Pod Identity association does not exist" });
  } else if (association.roleArn !== desired.association.roleArn) {
    findings.push({
      kind: "association-role-changed",
      detail: `Association ${association.associationId} points at ${association.roleArn}`,
    });
  } else {
    const wanted = desired.association;
    const samePolicy =
      association.sessionPolicy && wanted.sessionPolicy
        ? policiesEqual(association.sessionPolicy, wanted.sessionPolicy)
        : !association.sessionPolicy && !wanted.sessionPolicy;
    if (
      (association.targetRoleArn ?? "") !== (wanted.targetRoleArn ?? "") ||
      association.disableSessionTags !== wanted.disableSessionTags ||
      !samePolicy
    ) {
      findings.push({
        kind: "association-settings-changed",
        detail: `Association ${association.associationId} has other settings (target role, session tags or session policy)`,
      });
    }
  }
  return findings;
}
