import type { DesiredState } from "../grant/desired-state.ts";
import { policiesEqual } from "../policy/canonical.ts";
import type { PolicyDocument } from "../policy/types.ts";

/** The grant's inline policy on its role: absent, different in canonical form, or the same. */
export type GrantPolicyDiff = "missing" | "changed" | "unchanged";

/** The policies IAM has on the grant's role: inline ones by name, attached managed ones by ARN. */
export interface ActualRolePolicies {
  inlinePolicies: Record<string, PolicyDocument>;
  attachedPolicies: string[];
}

/** How a role's policies differ from the grant's one inline policy and nothing else. */
export interface PolicyDiff {
  grantPolicy: GrantPolicyDiff;
  /** Inline policies of other names: the provisioner never writes them, and never removes them. */
  foreignInlinePolicies: string[];
  /** Managed policies attached to the role: the grant has none. */
  attachedPolicies: string[];
}

/** Pure: the grant's inline policy against the document the role has under its name, if any. */
export function diffGrantPolicy(desired: DesiredState, actual: PolicyDocument | undefined): GrantPolicyDiff {
  if (!actual) return "missing";
  return policiesEqual(actual, desired.policy.document) ? "unchanged" : "changed";
}

/** Pure: every policy on the role against the grant's. */
export function diffPolicies(desired: DesiredState, actual: ActualRolePolicies): PolicyDiff {
  const { name } = desired.policy;
  return {
    grantPolicy: diffGrantPolicy(
      desired,
      Object.hasOwn(actual.inlinePolicies, name) ? actual.inlinePolicies[name] : undefined,
    ),
    foreignInlinePolicies: Object.keys(actual.inlinePolicies).filter((other) => other !== name),
    attachedPolicies: [...actual.attachedPolicies],
  };
}
