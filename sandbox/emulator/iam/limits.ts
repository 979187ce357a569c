/**
 * IAM's quotas and fixed values, in one place.
 *
 * Quotas: IAM User Guide, "IAM and AWS STS quotas". Policy sizes are counted without white space.
 */
export const IAM_LIMITS = {
  rolesPerAccount: 1000,
  inlinePolicyCharactersPerRole: 10_240,
  trustPolicyCharacters: 2_048,
  managedPolicyCharacters: 6_144,
  managedPoliciesPerRole: 10,
  tagsPerResource: 50,
  accessKeysPerUser: 2,
} as const;

/**
 * Tag keys starting with `aws:` are AWS's own (IAM User Guide, "Tagging IAM resources": "You can't
 * create tag keys or values that begin with the text aws:"); IAM tag keys are case-insensitive.
 */
export const RESERVED_TAG_KEY_PREFIX = "aws:";

/**
 * Unique-id prefixes (IAM User Guide, "IAM identifiers", "Unique identifiers"): the prefix and 17
 * characters for entities, 16 for access keys.
 */
export const ID_PREFIX = { role: "AROA", user: "AIDA", policy: "ANPA", accessKey: "AKIA" } as const;
export const ENTITY_ID_LENGTH = 17;
export const ACCESS_KEY_ID_LENGTH = 16;
export const SECRET_ACCESS_KEY_LENGTH = 40;
/** The characters of IAM's unique ids and access key ids (upper-case letters and 2–7, base32). */
export const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
export const SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Customer managed policies have one version here; IAM names the first one `v1`. */
export const FIRST_POLICY_VERSION = "v1";

/** The CreateDate IAM reports for the original AWS managed policies (e.g. AdministratorAccess). */
export const AWS_MANAGED_POLICY_DATE = "2015-02-06T18:39:46Z";
