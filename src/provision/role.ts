import type { IAMClient } from "@aws-sdk/client-iam";
import * as iamApi from "../aws/iam.ts";
import { PermanentError, RetryableError } from "../errors.ts";
import type { DesiredState, GrantIdentity } from "../grant/desired-state.ts";
import { policiesEqual } from "../policy/canonical.ts";
import { ownedRoleForRemoval, ownsRole } from "./ownership.ts";
import { type DecisionLog, type StepAction, silentLog } from "./types.ts";

export interface EnsureRoleResult {
  roleArn: string;
  action: StepAction;
  changes: string[];
}

/**
 * Create the role, or converge the one that exists: trust policy, permissions boundary,
 * description, tags. A role of that name that is not this grant's is never touched.
 */
export async function ensureRole(
  iam: IAMClient,
  desired: DesiredState,
  log: DecisionLog = silentLog,
  options: { roleExpected?: boolean } = {},
): Promise<EnsureRoleResult> {
  const { identity, role } = desired;
  // Create first for a new grant (one call); read first for an update, where a CreateRole would
  // only fail — a wasted write against IAM's shared rate limit and a failed call in CloudTrail.
  let current = options.roleExpected ? await iamApi.getRole(iam, identity.roleName) : undefined;
  if (!current) {
    const created = await iamApi.createRole(iam, {
      name: identity.roleName,
      path: identity.rolePath,
      trustPolicy: role.trustPolicy,
      boundaryArn: role.boundaryArn,
      description: role.description,
      tags: role.tags,
    });
    if (created.created) {
      log.info("Role created", { roleArn: created.arn });
      return { roleArn: created.arn, action: "created", changes: [] };
    }
    current = await iamApi.getRole(iam, identity.roleName);
  }
  // Deleted between our create and our read: the workflow's retry creates it again.
  if (!current)
    throw new RetryableError(`Role ${identity.roleName} was deleted while it was being converged`);
  if (!ownsRole(current, identity)) {
    throw new PermanentError(
      `Role ${current.arn} exists and is not managed by pod-identity-provisioner for grant ${identity.grantId}. ` +
        "Delete or rename that role, or ask for a different service account; the provisioner never adopts a role it did not create.",
    );
  }
  const changes: string[] = [];
  if (!policiesEqual(current.trustPolicy, role.trustPolicy)) {
    await iamApi.updateTrustPolicy(iam, identity.roleName, role.trustPolicy);
    changes.push("trust policy");
  }
  if (current.boundaryArn !== role.boundaryArn) {
    await iamApi.putPermissionsBoundary(iam, identity.roleName, role.boundaryArn);
    changes.push("permissions boundary");
  }
  if (current.description !== role.description) {
    await iamApi.updateDescription(iam, identity.roleName, role.description);
    changes.push("description");
  }
  const missing = Object.fromEntries(Object.entries(role.tags).filter(([k, v]) => current.tags[k] !== v));
  if (Object.keys(missing).length > 0) {
    await iamApi.tagRole(iam, identity.roleName, missing);
    changes.push("tags");
  }
  const extra = Object.keys(current.tags).filter((k) => !(k in role.tags) && !k.startsWith("aws:"));
  if (extra.length > 0) {
    await iamApi.untagRole(iam, identity.roleName, extra);
    if (!changes.includes("tags")) changes.push("tags");
  }
  log.info(changes.length > 0 ? "Role converged" : "Role exists and matches, nothing to do", {
    roleArn: current.arn,
    changes,
  });
  return { roleArn: current.arn, action: changes.length > 0 ? "updated" : "unchanged", changes };
}

/**
 * Delete the role with everything attached to it (inline policies, managed policy attachments:
 * IAM refuses to delete a role that has any). A role that is gone is done; one that is not this
 * grant's is left alone.
 */
export async function removeRole(
  iam: IAMClient,
  identity: GrantIdentity,
  log: DecisionLog = silentLog,
): Promise<{ action: StepAction }> {
  const current = await ownedRoleForRemoval(iam, identity, log);
  if ("action" in current) return current;
  for (const name of await iamApi.listInlinePolicies(iam, identity.roleName)) {
    await iamApi.deleteRolePolicy(iam, identity.roleName, name);
  }
  for (const arn of await iamApi.listAttachedPolicies(iam, identity.roleName)) {
    await iamApi.detachPolicy(iam, identity.roleName, arn);
  }
  await iamApi.deleteRole(iam, identity.roleName);
  log.info("Role deleted", { roleArn: current.arn });
  return { action: "deleted" };
}
