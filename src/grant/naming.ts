import { createHash } from "node:crypto";
import { IAM_LIMITS, MANAGED } from "../constants.ts";

/** A grant's natural key: EKS allows one association per (cluster, namespace, service account). */
export interface GrantKey {
  cluster: string;
  namespace: string;
  serviceAccount: string;
}

/** The key of anything that names a grant (a request, a record): its three fields alone. */
export const keyOf = (value: GrantKey): GrantKey => ({
  cluster: value.cluster,
  namespace: value.namespace,
  serviceAccount: value.serviceAccount,
});

/** `<cluster>/<namespace>/<serviceAccount>`: unambiguous, since none of the three may contain '/'. */
export function grantId(key: GrantKey): string {
  return `${key.cluster}/${key.namespace}/${key.serviceAccount}`;
}

export function parseGrantId(id: string): GrantKey | undefined {
  const parts = id.split("/");
  if (parts.length !== 3 || parts.some((p) => p === "")) return undefined;
  const [cluster, namespace, serviceAccount] = parts as [string, string, string];
  return { cluster, namespace, serviceAccount };
}

/**
 * A tenant's permissions-boundary managed policy, `<stack prefix>-boundary-<tenant>` under
 * `/pod-identity/`: deterministic, so the functions derive its ARN and their roles can name "this
 * stage's boundaries" with one ARN pattern.
 */
export function boundaryPolicyArn(
  scope: { partition: string; account: string },
  stackPrefix: string,
  tenant: string,
): string {
  return `arn:${scope.partition}:iam::${scope.account}:policy${MANAGED.boundaryPolicyPath}${stackPrefix}-boundary-${tenant}`;
}

const HASH_LENGTH = 12;

/**
 * The role name for a key: `pip-<cluster>-<namespace>-<serviceAccount>` cut to fit, then `-` and 12
 * hex characters of a SHA-256 of the exact key. The hash is always there, because the readable part
 * alone is ambiguous (cluster `a-b` + namespace `c` vs cluster `a` + namespace `b-c`), loses case
 * (IAM role names are case-insensitive; EKS cluster names are not) and is truncated. 48 bits of
 * hash make a collision among 5,000 roles about 1 in 10^7; `ensure-role` still refuses a role
 * whose cluster, namespace and service-account tags name another key, so even that cannot merge two
 * grants.
 */
export function roleName(key: GrantKey): string {
  const hash = createHash("sha256").update(grantId(key)).digest("hex").slice(0, HASH_LENGTH);
  const room = IAM_LIMITS.roleNameLength - MANAGED.roleNamePrefix.length - 1 - HASH_LENGTH;
  const readable = `${key.cluster}-${key.namespace}-${key.serviceAccount}`
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .slice(0, room)
    .replace(/-+$/, "");
  return `${MANAGED.roleNamePrefix}${readable}-${hash}`;
}
