import type { IAMClient } from "@aws-sdk/client-iam";
import * as iamApi from "../aws/iam.ts";
import { MANAGED } from "../constants.ts";
import { diffGrantPolicy } from "../drift/diff-policy.ts";
import type { DesiredState, GrantIdentity } from "../grant/desired-state.ts";
import { ownedRoleForRemoval } from "./ownership.ts";
import { type DecisionLog, type StepAction, silentLog } from "./types.ts";

/**
 * Put the grant's inline policy unless the role already has exactly it (`diffGrantPolicy`: canonical
 * form). A role this execution just created has no inline policy: no read before the first put.
 */
export async function ensurePolicy(
  iam: IAMClient,
  desired: DesiredState,
  log: DecisionLog = silentLog,
  options: { roleCreated?: boolean } = {},
): Promise<{ action: StepAction }> {
  const { roleName } = desired.identity;
  const current = options.roleCreated
    ? undefined
    : await iamApi.getRolePolicy(iam, roleName, desired.policy.name);
  const diff = diffGrantPolicy(desired, current);
  if (diff === "unchanged") {
    log.info("Inline policy matches, nothing to do", { policyName: desired.policy.name });
    return { action: "unchanged" };
  }
  await iamApi.putRolePolicy(iam, roleName, desired.policy.name, desired.policy.document);
  log.info(diff === "missing" ? "Inline policy created" : "Inline policy converged", {
    policyName: desired.policy.name,
  });
  return { action: diff === "missing" ? "created" : "updated" };
}

/** Delete the grant's inline policy from the grant's role; a role that is gone or not ours is left as it is. */
export async function removePolicy(
  iam: IAMClient,
  identity: GrantIdentity,
  log: DecisionLog = silentLog,
): Promise<{ action: StepAction }> {
  const role = await ownedRoleForRemoval(iam, identity, log);
  if ("action" in role) return role;
  await iamApi.deleteRolePolicy(iam, identity.roleName, MANAGED.inlinePolicyName);
  log.info("Inline policy deleted", { policyName: MANAGED.inlinePolicyName });
  return { action: "deleted" };
}
