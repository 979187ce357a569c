/**
 * Facts about AWS that the product depends on, in one place, each with where AWS documents it.
 */

/** The service principal EKS Pod Identity assumes roles as. EKS User Guide, "Create IAM role with trust policy required by EKS Pod Identity". */
export const POD_IDENTITY_PRINCIPAL = "pods.eks.amazonaws.com";

/**
 * Session tags EKS Pod Identity adds to every session, usable as `aws:RequestTag/<key>` in the
 * trust policy and `aws:PrincipalTag/<key>` in permissions. EKS User Guide, "Define permissions for
 * EKS Pod Identities to assume roles based on tags".
 */
export const SESSION_TAG = {
  clusterArn: "eks-cluster-arn",
  namespace: "kubernetes-namespace",
  serviceAccount: "kubernetes-service-account",
} as const;

/** IAM quotas. IAM User Guide, "IAM and AWS STS quotas". */
export const IAM_LIMITS = {
  roleNameLength: 64,
  rolePathLength: 512,
  /** Aggregate inline policy size per role, whitespace not counted. */
  inlinePolicyCharacters: 10_240,
  /** Default; can be raised to 4,096 on request. */
  trustPolicyCharacters: 2_048,
  tagsPerRole: 50,
  tagKeyLength: 128,
  tagValueLength: 256,
  /** Default roles per account (raisable to 5,000). */
  rolesPerAccount: 1_000,
} as const;

/** EKS quotas. EKS User Guide, Pod Identity "Limits": 5,000 associations per cluster, not raisable. */
export const EKS_LIMITS = {
  associationsPerCluster: 5_000,
  /** CreatePodIdentityAssociation `policy`: the session policy's maximum length (EKS API Reference). */
  sessionPolicyCharacters: 2_048,
  /** `clientRequestToken`: 1-64 characters (EKS API Reference). */
  clientRequestTokenLength: 64,
} as const;

/** How the product names and marks what it owns. */
export const MANAGED = {
  rolePath: "/pod-identity/",
  roleNamePrefix: "pip-",
  /** Path of the per-tenant permissions-boundary managed policies. */
  boundaryPolicyPath: "/pod-identity/",
  inlinePolicyName: "pod-identity-grant",
  tagKey: "managed-by",
  tagValue: "pod-identity-provisioner",
  /**
   * The stage's ownership tag, value `<service>-<stage>` (the stack prefix): every mutating IAM and
   * EKS permission of the functions is conditioned on it, so two stages in one account cannot touch
   * each other's roles or associations.
   */
  ownerTagKey: "pod-identity-provisioner:owner",
  /** The tenant that holds the grant (informational; authorization reads the registry and tenancy). */
  tenantTagKey: "pod-identity-provisioner:tenant",
} as const;

/** Tag keys the provisioner sets on roles and associations; a request may not set them (case-insensitively). */
export const RESERVED_TAG_KEYS = [MANAGED.tagKey, "ticket"] as const;

/**
 * Tag key prefixes a request may not use (case-insensitively): `aws:` is AWS's; `eks-` and
 * `kubernetes-` are the session tags EKS adds (`eks-cluster-arn`, `eks-cluster-name`,
 * `kubernetes-namespace`, `kubernetes-service-account`, `kubernetes-pod-name`, `kubernetes-pod-uid`;
 * EKS User Guide, "Define permissions for EKS Pod Identities to assume roles based on tags") and
 * could impersonate them in `aws:PrincipalTag` conditions when session tags are disabled; the last is
 * the provisioner's own namespace.
 */
export const RESERVED_TAG_PREFIXES = ["aws:", "eks-", "kubernetes-", "pod-identity-provisioner:"] as const;
