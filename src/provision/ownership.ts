import type { IAMClient } from "@aws-sdk/client-iam";
import { getRole, type RoleState } from "../aws/iam.ts";
import type { GrantIdentity } from "../grant/desired-state.ts";
import { ownsRole } from "../grant/ownership.ts";
import type { DecisionLog } from "./types.ts";

/**
 * The grant's role if it exists and is the grant's; otherwise what removal should report: `absent`
 * (nothing to do) or `skipped` (a role of that name that is not ours, left alone).
 */
export async function ownedRoleForRemoval(
  iam: IAMClient,
  identity: GrantIdentity,
  log: DecisionLog,
): Promise<RoleState | { action: "absent" | "skipped" }> {
  const role = await getRole(iam, identity.roleName);
  if (!role) {
    log.info("Role already absent", { roleName: identity.roleName });
    return { action: "absent" };
  }
  if (!ownsRole(role, identity)) {
    log.warn("Role is not this grant's; it and its policies are left in place", { roleArn: role.arn });
    return { action: "skipped" };
  }
  return role;
}
