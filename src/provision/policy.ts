import type { IAMClient } from "@aws-sdk/client-iam";
import * as iamApi from "../aws/iam.ts";
import { MANAGED } from "../constants.ts";
import type { DesiredState, GrantIdentity } from "../grant/desired-state.ts";
import { policiesEqual } from "../policy/canonical.ts";
import { ownedRoleForRemoval } from "./ownership.ts";
import { type DecisionLog, type StepAction, silentLog } from "./types.ts";

/** Put the grant's inline policy unless the role already has exactly it (compared in canonical form). */
export async function ensurePolicy(
  iam: IAMClient,
  desired: DesiredState,
  log: DecisionLog = silentLog,
): Promise<{ action: StepAction }> {
  const { roleName } = desired.identity;
  const current = await iamApi.getRolePolicy(iam, roleName, desired.policy.name);
  if (current && policiesEqual(current, desired.policy.document)) {
    log.info("Inline policy matches, nothing to do", { policyName: desired.policy.name });
    return { action: "unchanged" };
  }
  await iamApi.putRolePolicy(iam, roleName, desired.policy.name, desired.policy.document);
  log.info(current ? "Inline policy converged" : "Inline policy created", {
    policyName: desired.policy.name,
  });
  return { action: current ? "updated" : "created" };
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
