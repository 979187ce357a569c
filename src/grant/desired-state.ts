import { IAM_LIMITS, MANAGED } from "../constants.ts";
import { ValidationError } from "../errors.ts";
import { canonicalPolicy, sha256, stableStringify } from "../policy/canonical.ts";
import { renderPolicy, type Scope } from "../policy/render.ts";
import { renderTrustPolicy } from "../policy/trust-policy.ts";
import type { PolicyDocument } from "../policy/types.ts";
import { boundaryPolicyArn, type GrantKey, grantId, roleName } from "./naming.ts";
import type { GrantRequest } from "./request.ts";

/**
 * Everything that names a grant's AWS resources; enough to find and remove them. Always derived
 * from the key and the deployment (`grantIdentity`), never read from the registry.
 */
export interface GrantIdentity extends GrantKey {
  grantId: string;
  roleName: string;
  rolePath: string;
  roleArn: string;
  /** The stage that owns the grant's resources: the value of their ownership tag (`<service>-<stage>`). */
  owner: string;
}

/** What AWS must look like for a grant: the input of every provisioning step. */
export interface DesiredState {
  identity: GrantIdentity;
  role: {
    trustPolicy: PolicyDocument;
    boundaryArn: string;
    description: string;
    tags: Record<string, string>;
  };
  policy: { name: string; document: PolicyDocument };
  association: {
    roleArn: string;
    targetRoleArn?: string;
    disableSessionTags: boolean;
    /** The session policy as the JSON string EKS takes. */
    sessionPolicy?: string;
    tags: Record<string, string>;
  };
  /** False when session tags are disabled: the trust policy then cannot name the cluster/namespace/service account. */
  pinned: boolean;
  /** SHA-256 of the canonical form of role, policy and association: "equal" for drift means equal hashes. */
  hash: string;
  /** The validated request this state was rendered from: the only part of a record ever re-used. */
  request: GrantRequest;
  /** The tenant the grant was authorized for (names its permissions boundary). */
  tenant: string;
}

/** Where grants live: partition, account, region, and the stage (`<service>-<stage>`) that owns them. */
export interface Deployment extends Scope {
  stackPrefix: string;
}

export interface DesiredStateOptions extends Deployment {
  trustSourceConditions: boolean;
}

export function grantIdentity(key: GrantKey, deployment: Deployment): GrantIdentity {
  const name = roleName(key);
  return {
    cluster: key.cluster,
    namespace: key.namespace,
    serviceAccount: key.serviceAccount,
    grantId: grantId(key),
    roleName: name,
    rolePath: MANAGED.rolePath,
    roleArn: `arn:${deployment.partition}:iam::${deployment.account}:role${MANAGED.rolePath}${name}`,
    owner: deployment.stackPrefix,
  };
}

/**
 * The tags that mark a role or an association as this grant's, for this stage: the ownership test
 * (`ownsRole`, `ownsAssociation`) and what the functions' IAM permissions are conditioned on.
 */
export function ownershipTags(identity: GrantKey & { owner: string }): Record<string, string> {
  return {
    [MANAGED.tagKey]: MANAGED.tagValue,
    [MANAGED.ownerTagKey]: identity.owner,
    "eks-cluster": identity.cluster,
    "kubernetes-namespace": identity.namespace,
    "kubernetes-service-account": identity.serviceAccount,
  };
}

/** Hash of what is enforced, in canonical form. */
export function desiredStateHash(state: Pick<DesiredState, "role" | "policy" | "association">): string {
  return sha256(
    stableStringify({
      role: { ...state.role, trustPolicy: canonicalPolicy(state.role.trustPolicy) },
      policy: { name: state.policy.name, document: canonicalPolicy(state.policy.document) },
      // The session policy in canonical form too: two equal policies hash alike however written.
      association: {
        ...state.association,
        ...(state.association.sessionPolicy
          ? { sessionPolicy: canonicalPolicy(state.association.sessionPolicy) }
          : {}),
      },
    }),
  );
}

/**
 * Pure: a validated request, the tenant it was authorized for, and where it runs → the desired
 * state. Throws `ValidationError` past AWS limits.
 */
export function desiredState(
  request: GrantRequest,
  options: DesiredStateOptions,
  tenant: string,
): DesiredState {
  const identity = grantIdentity(request, options);
  const sessionTags = request.disableSessionTags !== true;
  const tags: Record<string, string> = {
    ...request.tags,
    ...ownershipTags(identity),
    [MANAGED.tenantTagKey]: tenant,
    ...(request.ticket ? { ticket: request.ticket } : {}),
  };
  if (Object.keys(tags).length > IAM_LIMITS.tagsPerRole) {
    throw new ValidationError([
      {
        field: "tags",
        reason: `with the provisioner's own tags make ${Object.keys(tags).length}; IAM allows ${IAM_LIMITS.tagsPerRole}`,
      },
    ]);
  }
  const trustPolicy = renderTrustPolicy(options, {
    cluster: request.cluster,
    namespace: request.namespace,
    serviceAccount: request.serviceAccount,
    sessionTags,
    sourceConditions: options.trustSourceConditions,
  });
  const state = {
    role: {
      trustPolicy,
      boundaryArn: boundaryPolicyArn(options, options.stackPrefix, tenant),
      description:
        `EKS Pod Identity role for ${identity.grantId} (managed by pod-identity-provisioner)`.slice(0, 1000),
      tags,
    },
    policy: {
      name: MANAGED.inlinePolicyName,
      // Role chaining: the grant's role must itself be allowed to assume (and tag) its target.
      document: renderPolicy(
        request.permissions,
        options,
        request.targetRoleArn ? { targetRoleArn: request.targetRoleArn } : {},
      ),
    },
    association: {
      roleArn: identity.roleArn,
      ...(request.targetRoleArn ? { targetRoleArn: request.targetRoleArn } : {}),
      disableSessionTags: !sessionTags,
      ...(request.sessionPolicy ? { sessionPolicy: JSON.stringify(request.sessionPolicy) } : {}),
      tags,
    },
  };
  return { identity, ...state, pinned: sessionTags, hash: desiredStateHash(state), request, tenant };
}
