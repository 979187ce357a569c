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
  inlinePolicyName: "pod-identity-grant",
  tagKey: "managed-by",
  tagValue: "pod-identity-provisioner",
  grantIdTagKey: "pod-identity-provisioner:grant-id",
} as const;

/** Tag keys the provisioner sets on roles and associations; a request may not set them. */
export const RESERVED_TAG_KEYS = [
  MANAGED.tagKey,
  MANAGED.grantIdTagKey,
  "eks-cluster",
  "kubernetes-namespace",
  "kubernetes-service-account",
  "ticket",
] as const;
