import type { IAMClient } from "@aws-sdk/client-iam";
import * as iamApi from "../aws/iam.ts";
import { diffRole } from "../drift/diff-role.ts";
import { PermanentError, RetryableError } from "../errors.ts";
import type { DesiredState, GrantIdentity } from "../grant/desired-state.ts";
import { ownedRoleForRemoval } from "./ownership.ts";
import { type DecisionLog, type StepAction, silentLog } from "./types.ts";

export interface EnsureRoleResult {
  roleArn: string;
  action: StepAction;
  changes: string[];
}

/**
 * Create the role, or converge the one that exists: trust policy, permissions boundary,
 * description, tags. A role of that name that is not this grant's is never touched. What differs
 * is `diffRole`'s to decide (the same diff drift reports from); this step only writes it.
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
  const diff = diffRole(desired, current);
  if (!diff.owned) {
    throw new PermanentError(
      `Role ${current.arn} exists and is not managed by pod-identity-provisioner for grant ${identity.grantId}. ` +
        "Delete or rename that role, or ask for a different service account; the provisioner never adopts a role it did not create.",
    );
  }
  const changes: string[] = [];
  if (diff.trustPolicy) {
    await iamApi.updateTrustPolicy(iam, identity.roleName, role.trustPolicy);
    changes.push("trust policy");
  }
  if (diff.boundary) {
    await iamApi.putPermissionsBoundary(iam, identity.roleName, role.boundaryArn);
    changes.push("permissions boundary");
  }
  if (diff.description) {
    await iamApi.updateDescription(iam, identity.roleName, role.description);
    changes.push("description");
  }
  if (Object.keys(diff.tagsToSet).length > 0) {
    await iamApi.tagRole(iam, identity.roleName, diff.tagsToSet);
    changes.push("tags");
  }
  if (diff.tagsToRemove.length > 0) {
    await iamApi.untagRole(iam, identity.roleName, diff.tagsToRemove);
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
