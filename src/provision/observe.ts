import type { EKSClient } from "@aws-sdk/client-eks";
import type { IAMClient } from "@aws-sdk/client-iam";
import { findAssociation } from "../aws/eks.ts";
import { getRole, getRolePolicy, listAttachedPolicies, listInlinePolicies } from "../aws/iam.ts";
import type { ObservedGrant } from "../drift/compare.ts";
import type { GrantIdentity } from "../grant/desired-state.ts";
import type { PolicyDocument } from "../policy/types.ts";

/** Reads what AWS has for a grant: the role with its policies, and the association. */
export async function observeGrant(
  iam: IAMClient,
  eks: EKSClient,
  identity: GrantIdentity,
): Promise<ObservedGrant> {
  const [role, association] = await Promise.all([
    getRole(iam, identity.roleName),
    findAssociation(eks, identity.cluster, identity.namespace, identity.serviceAccount),
  ]);
  const observed: ObservedGrant = {};
  if (role) {
    const inlinePolicies: Record<string, PolicyDocument> = {};
    for (const name of await listInlinePolicies(iam, identity.roleName)) {
      const document = await getRolePolicy(iam, identity.roleName, name);
      if (document) inlinePolicies[name] = document;
    }
    observed.role = {
      path: role.path,
      trustPolicy: role.trustPolicy,
      ...(role.boundaryArn ? { boundaryArn: role.boundaryArn } : {}),
      ...(role.description !== undefined ? { description: role.description } : {}),
      tags: role.tags,
      inlinePolicies,
      attachedPolicies: await listAttachedPolicies(iam, identity.roleName),
    };
  }
  if (association) observed.association = association;
  return observed;
}
